"""Each program in cases/ prints the same under real Lua and compiled by luac2py.

A case file holds one program, or many ``-- case: name`` sections, each compared on its own.
A section named ``-- case: name xfail: reason`` is a known difference, expected to fail (strict:
once fixed, drop the marker).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import compiled_output, reference_output, split_cases, version_of

FILES = sorted((Path(__file__).parent / "cases").glob("*.lua"))
CASES = [
    pytest.param(
        version_of(src),
        prog,
        id=f"{f.stem}::{name.split(' xfail:')[0]}",
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
    expected = reference_output(program, version)
    assert compiled_output(program) == expected
