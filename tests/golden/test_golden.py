"""Golden files: ``tests/golden/<area>/<case>.lua`` compiles to exactly ``<case>.py``.

Regenerate with ``pytest tests/golden --update-golden`` and review the diff. The expected
files are real Python: each one is also imported.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py.emit.module import WorkflowSpec

HERE = Path(__file__).parent
CASES = sorted(HERE.glob("*/*.lua"))


def _compile(lua: Path) -> str:
    reporter = D.Reporter()
    spec = None
    if lua.parent.name == "workflow":
        spec = WorkflowSpec(name=f"golden:{lua.stem}", cls="GoldenWorkflow", method="main",
                            libraries={})
    c = compile_chunk(lua.read_text(encoding="utf-8"), f"{lua.parent.name}/{lua.name}",
                      reporter, chunk_name=lua.name, workflow=spec)
    assert c is not None, [str(d) for d in reporter.diagnostics]
    return c.text


@pytest.mark.parametrize("lua", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden(lua: Path, update_golden: bool) -> None:
    expected_file = lua.with_suffix(".py")
    actual = _compile(lua)
    if update_golden:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file}: run with --update-golden"
    assert actual == expected_file.read_text(encoding="utf-8")
    # the expected file is importable Python
    spec = importlib.util.spec_from_file_location(f"golden_{lua.stem}", expected_file)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def test_every_golden_py_has_its_lua() -> None:
    for py in HERE.glob("*/*.py"):
        assert py.with_suffix(".lua").exists(), f"{py} has no .lua source"
