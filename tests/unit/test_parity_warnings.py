"""Warnings for Lua that Wippy accepts but that does not do what it seems to (L2P120-L2P123),
at the Lua line and column; the chunk still compiles. Each names the go-lua behaviour behind it:
an unknown escape stands for its letter (compiler/parse/lexer.go scanEscape), string.rep has no
separator (stringlib.go strRep), a zero for step is no error (vm.go OP_FORPREP), and % or // by
zero is NaN or an error (vm.go luaModulo, OP_IDIV). Also: ``require("errors")`` needs no
``modules:`` entry (go-lua opens its errors library in every state)."""

from __future__ import annotations

import json

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from tests.helpers import luac2py, write_project


def _diags(src: str, allowed: frozenset[str] | None = None) -> list[tuple[str, str, int, int]]:
    rep = D.Reporter()
    c = compile_chunk(src, "w.lua", rep, allowed_modules=allowed, in_workflow=False, fmt=False)
    assert c is not None, rep.diagnostics  # warnings never stop the compilation
    return [(d.code, d.severity, d.line, d.col) for d in rep.diagnostics]


def test_unknown_escape() -> None:
    assert _diags('local a = "ok\\n\\t\\65"\nlocal b = "x\\x41 \\d"\n') == [
        ("L2P120", "warning", 2, 13), ("L2P120", "warning", 2, 18)]
    d = D.unknown_escape("w.lua", 2, 13, "x")
    assert "'\\x' is no escape sequence" in d.message and "x41" in d.message


def test_rep_with_a_separator() -> None:
    src = ('local s = ...\nlocal a = string.rep("ab", 3)\nlocal b = string.rep("ab", 3, ",")\n'
           'local c = s:rep(2, "-")\nlocal d = s:rep(2)\n')
    assert _diags(src) == [("L2P121", "warning", 3, 31), ("L2P121", "warning", 4, 20)]


def test_constant_zero_for_step() -> None:
    src = ("for i = 1, 3, 0 do end\nfor i = 1, 3, 1 - 1 do end\nfor i = 1, 3, -1 do end\n"
           "local z = 0\nfor i = 1, 3, z do end\n")
    # a folded zero counts (at its operator); a variable is not a constant
    assert _diags(src) == [("L2P122", "warning", 1, 15), ("L2P122", "warning", 2, 17)]


def test_modulo_and_floor_division_by_constant_zero() -> None:
    src = "local a = ...\nlocal b = a % 0\nlocal c = a // (2 - 2)\nlocal d = a / 0\nlocal e = a % 2\n"
    # at the operator
    assert _diags(src) == [("L2P123", "warning", 2, 13), ("L2P123", "warning", 3, 13)]
    assert "NaN" in D.division_by_zero("w.lua", 1, 1, "%").message
    assert "attempt to divide by zero" in D.division_by_zero("w.lua", 1, 1, "//").message


def test_errors_needs_no_modules_entry() -> None:
    # the entry's modules list is empty: errors is still there, time is not
    assert _diags('local errors = require("errors")\n', frozenset()) == []
    rep = D.Reporter()
    compile_chunk('local time = require("time")\n', "w.lua", rep, allowed_modules=frozenset(),
                  in_workflow=False)
    assert [d.code for d in rep.diagnostics] == ["L2P102"]


def test_check_lists_the_warnings(tmp_path: object) -> None:
    root = write_project(tmp_path, {
        "_index.yaml": 'version: "1.0"\nnamespace: app\nentries:\n'
                       "  - name: worker\n    kind: temporal.worker\n    task_queue: q\n"
                       "  - name: wf\n    kind: workflow.lua\n    source: file://wf.lua\n"
                       "    modules: []\n"
                       "    meta: {temporal: {workflow: {worker: worker}}}\n",
        "wf.lua": 'local errors = require("errors")\n'
                  "local function main(n)\n"
                  '  local s = string.rep("-", n, "+") .. "\\q"\n'
                  "  for i = 1, n, 0 do s = s .. i % 0 end\n"
                  "  return s\n"
                  "end\n"
                  "return main\n",
    })
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 0, r.stdout  # warnings do not fail the check
    got = [(d["code"], d["severity"], d["line"], d["col"]) for d in json.loads(r.stdout)]
    assert got == [("L2P121", "warning", 3, 32), ("L2P120", "warning", 3, 41),
                   ("L2P122", "warning", 4, 17), ("L2P123", "warning", 4, 33)]
