"""The emitter's output is black's (emit/module.py, emit/cst.py).

A module is formatted by running black's line generator and splitter on the parse tree
``emit.cst`` builds from the lowered ``ast``, instead of on black's parse of ``ast.unparse``'s
text. Here, for real modules (the bench workloads, samples with workflows, functions and
libraries, random programs): that tree is the tree black's parser builds from the text, and
the module is byte for byte what ``black.format_str`` makes of the text. Golden files
(tests/golden) check the same for their cases, against files black wrote.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path
from typing import Any

import black
import pytest
from black.nodes import syms
from black.parsing import lib2to3_parse
from blib2to3.pgen2 import token
from blib2to3.pytree import Leaf, Node, type_repr

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py.emit import cst
from luac2py.emit import module as M
from luac2py.project import build
from tests.conformance.randprog import Gen, batch
from tests.helpers import ROOT

SOURCES = [ROOT / "bench" / "workloads", ROOT / "samples" / "order", ROOT / "samples" / "payments"]


def _shape(n: Node | Leaf) -> Any:
    """What black reads of a tree: node types, leaf types and values, and of each prefix its
    comments and line breaks (the spaces are recomputed). An f-string is the one STRING leaf
    black turns it into before formatting."""
    def prefix(p: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in p.split("\n"))[:-1]

    if isinstance(n, Leaf):
        return (token.tok_name[n.type], n.value, prefix(n.prefix))
    if n.type == syms.fstring:
        return ("STRING", str(n)[len(n.prefix):], prefix(n.prefix))
    return (type_repr(n.type), [_shape(c) for c in n.children])


def _emit_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """The arguments of every emit_module call of building SOURCES."""
    calls: list[dict[str, Any]] = []
    real = M.emit_module

    def spy(**kw: Any) -> str:
        calls.append(kw)
        return real(**kw)

    monkeypatch.setattr(M, "emit_module", spy)
    for i, src in enumerate(SOURCES):
        rep = D.Reporter()
        build(src, tmp_path / f"out{i}", rep, incremental=False, parallel=False)  # all here
        assert not rep.has_errors, [str(d) for d in rep.diagnostics]
    monkeypatch.setattr(M, "emit_module", real)
    return calls


def _slow(monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any]) -> str:
    """The module formatted the way it was before the tree: black.format_str on the text."""
    with monkeypatch.context() as m:
        m.setattr(M, "_emit_fast", lambda *a, **k: None)
        return M.emit_module(**kw)


def _skeleton_kw(kw: dict[str, Any]) -> dict[str, Any]:
    return dict(source_name=kw["source_name"], chunk_name=kw["chunk_name"],
                imports=M.import_lines(kw["imports"]), workflow=kw["workflow"],
                function=kw.get("function"))


def test_the_tree_is_the_parsers_tree(monkeypatch, tmp_path):
    calls = _emit_calls(monkeypatch, tmp_path)
    kinds = {("workflow" if kw["workflow"] else "function" if kw.get("function") else "library")
             for kw in calls}
    assert len(calls) >= 10 and kinds == {"workflow", "function", "library"}
    for kw in calls:
        text = M.emit_module(**{**kw, "fmt": False})  # ast.unparse's text in the skeleton
        text = text[: text.rindex("__lua_lines__")]
        tree, _ = M.module_tree(kw["chunk_def"], kw["source"].splitlines(), _skeleton_kw(kw))
        parsed = lib2to3_parse(text, target_versions=M.BLACK_MODE.target_versions)
        assert _shape(tree) == _shape(parsed), kw["source_name"]


def test_modules_are_what_black_makes_of_the_text(monkeypatch, tmp_path):
    calls = _emit_calls(monkeypatch, tmp_path)
    for kw in calls:
        assert M.emit_module(**kw) == _slow(monkeypatch, kw), kw["source_name"]


def _both(monkeypatch: pytest.MonkeyPatch, src: str) -> tuple[str, str, dict[str, Any]]:
    """``src`` compiled as a workflow module, and the same formatted by black from the text
    (with emit_module's arguments)."""
    calls: list[dict[str, Any]] = []
    real = M.emit_module
    monkeypatch.setattr(M, "emit_module", lambda **kw: calls.append(kw) or real(**kw))
    spec = M.WorkflowSpec(name="t:prog", cls="Prog", method="main", libraries={})
    c = compile_chunk(src, "prog.lua", D.Reporter(), chunk_name="prog.lua", workflow=spec,
                      in_workflow=False)
    monkeypatch.setattr(M, "emit_module", real)
    assert c is not None and len(calls) == 1
    return c.text, _slow(monkeypatch, calls[0]), calls[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_programs_are_what_black_makes_of_them(monkeypatch, seed):
    gen = Gen(random.Random(seed))
    fast, slow, _ = _both(monkeypatch, "-- lua: 5.3\n" + batch([gen.program() for _ in range(3)]))
    assert fast == slow


def test_f_strings_are_what_black_makes_of_them(monkeypatch):
    # quotes of both kinds, escapes and braces around integers: ast.unparse picks the quotes
    # of an f-string and black may change them
    src = ("local n, m = 7, 8\n"
           "local a = \"it's \\\"q\\\"\\n\" .. n\n"
           "local b = 'tab\\t{' .. n .. '}' .. m .. \"\\\\\"\n"
           "local c = n .. \"'\" .. m .. '\"' .. \"\\127\"\n"
           "return a, b, c\n")
    fast, slow, _ = _both(monkeypatch, src)
    assert fast == slow
    assert fast.count(" = f") == 3 and 'a = f"""it\'s "q"\\n{n}"""' in fast


def test_a_formatting_directive_in_a_comment_takes_blacks_path(monkeypatch):
    # the comments hold Lua source; black stops formatting at "# fmt: off" in one
    src = "local t = {1, 2} -- # fmt: off\nlocal u = {3}\nreturn {t = t, u = u}\n"
    calls: list[dict[str, Any]] = []
    real = M.emit_module
    monkeypatch.setattr(M, "emit_module", lambda **kw: calls.append(kw) or real(**kw))
    c = compile_chunk(src, "d.lua", D.Reporter(), chunk_name="d.lua")
    monkeypatch.setattr(M, "emit_module", real)
    assert c is not None
    slow = _slow(monkeypatch, calls[0])
    assert c.text == slow and "# lua:1: local t = {1, 2} -- # fmt: off" in slow
    with pytest.raises(cst.Unsupported):
        M.module_tree(calls[0]["chunk_def"], src.splitlines(), _skeleton_kw(calls[0]))
    # the check is needed: the tree formatted regardless is not what black wrote
    kw = calls[0]
    builder = cst.Builder(lambda s: M.marker_comment(int(s.value.id[len("_lua_mark_"):]),
                                                     src.splitlines())
                          if type(s) is ast.Expr and type(s.value) is ast.Name
                          and s.value.id.startswith("_lua_mark_") else None)
    skeleton = M.render("module.py.j2", chunk_code="_placeholder_", **_skeleton_kw(kw))
    tree = builder.module(ast.parse(skeleton), skeleton, "_placeholder_", kw["chunk_def"])
    regardless = M.format_tree(tree, skeleton)
    assert regardless != slow[: slow.rindex("__lua_lines__")]


def test_what_the_tree_does_not_reproduce_takes_blacks_path(monkeypatch):
    chunk = ast.parse("def _chunk(_ex, *_va):\n"
                      "    sq = lambda x: x ** 2\n"
                      "    return _T(None, {'sq': sq})\n").body[0]
    kw: dict[str, Any] = dict(chunk_def=chunk, imports={}, source_name="x.lua",
                              chunk_name="x.lua", source="", workflow=None)
    with pytest.raises(cst.Unsupported):
        M.module_tree(chunk, [], _skeleton_kw(kw))
    text = M.emit_module(**kw)
    assert text == _slow(monkeypatch, kw)
    assert "sq = lambda x: x**2\n" in text  # black's spacing, so black did format it
    assert text == black.format_str(text[: text.rindex("__lua_lines__")],
                                    mode=M.BLACK_MODE) + text[text.rindex("__lua_lines__"):]
