"""Each program in cases/ prints the same under real Lua and compiled by luac2py."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import compiled_output, reference_output, version_of

CASES = sorted((Path(__file__).parent / "cases").glob("*.lua"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path) -> None:
    src = case.read_text(encoding="utf-8")
    expected = reference_output(src, version_of(src))
    assert compiled_output(src) == expected
