"""Each program in cases/ prints the same under real Lua and compiled by luac2py; each program
in golua/ prints what Wippy's VM (go-lua) prints, as its ``--> `` lines say.

A case file holds one program, or many ``-- case: name`` sections, each compared on its own.
A section named ``-- case: name xfail: reason`` is a known difference, expected to fail (strict:
once fixed, drop the marker). A go-lua section names, after ``golua:``, the go-lua file and
function its expected answer was read from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import (CITE_MARK, compiled_output, golua_expected, reference_output,
                      split_cases, version_of)

HERE = Path(__file__).parent
FILES = sorted(HERE.glob("cases/*.lua")) + sorted(HERE.glob("golua/*.lua"))
CASES = [
    pytest.param(
        version_of(src),
        prog,
        id=f"{f.parent.name}/{f.stem}::{name.split(' xfail:')[0].split(CITE_MARK)[0].strip()}",
        marks=[pytest.mark.xfail(reason=name.split("xfail:", 1)[1].strip(), strict=True)]
        if "xfail:" in name
        else [],
    )
    for f in FILES
    for src in [f.read_text(encoding="utf-8")]
    for name, prog in split_cases(src)
]


@pytest.mark.parametrize("version,program", CASES)
def test_case(version: str, program: str) -> None:
    if version == "golua":
        header = next(ln for ln in program.split("\n") if ln.startswith("-- case:"))
        assert CITE_MARK in header, f"a go-lua case names its source: {header}"
        expected = golua_expected(program)
        assert expected, "a go-lua case says what it prints"
        # one ``-->`` line per output line, whether or not one print wrote several
        assert "\n".join(compiled_output(program)).split("\n") == expected
    else:
        assert compiled_output(program) == reference_output(program, version)
