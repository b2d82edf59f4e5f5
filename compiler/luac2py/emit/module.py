"""Emit a generated Python module: jinja2 skeleton, the lowered chunk, black's formatting.

The output is what black makes of ``ast.unparse``'s text of the lowered chunk inside the
skeleton. black's parser is not run on that text, though: ``cst`` builds the tree it would
build straight from the lowered ``ast`` (only the small skeleton is parsed) and
``format_tree`` runs black's line generator and splitter on it, which saves black's
tokenizer, parser and second pass, two thirds of its time. A construct ``cst`` does not
reproduce takes the slow way (``ast.unparse``, then black on the text), with the same result.

Marker statements left by the lowering become ``# lua:LINE: source`` comments; after
formatting, each Python line is mapped to the Lua line of the marker above it, and the table
is appended (run-length encoded) as ``__lua_lines__`` so that errors and tracebacks name the
Lua line.
"""

from __future__ import annotations

import ast
import gc
import importlib.resources
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import black
import jinja2
from blib2to3.pytree import Node

from ..lower.context import MARK

_MARK_RE = re.compile(r"^(\s*)" + MARK + r"(\d+)$")
_MARK_NAME_RE = re.compile(MARK + r"(\d+)")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(importlib.resources.files("luac2py.templates"))),
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pyrepr"] = repr
    env.filters["comment"] = comment_text
    return env


def comment_text(s: object) -> str:
    """Text that is safe inside a ``#`` comment: control characters (newlines, NUL, ...)
    escaped, so that no input can end the comment and become code."""
    text = str(s)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def warm_up() -> None:
    """Load what emitting needs (a forked worker then starts with it)."""
    import black.comments
    import black.linegen
    import black.lines  # noqa: F401

    _env().get_template("module.py.j2")


def render(template: str, **kw: Any) -> str:
    return _env().get_template(template).render(**kw)


@dataclass
class WorkflowSpec:
    name: str  # workflow type
    cls: str
    method: str
    libraries: dict[str, str]  # alias -> python module (relative)


@dataclass
class FunctionSpec:
    """A function.lua entry: its module exposes the chunk, the entry point's name and the
    libraries to register per call (the runtime runs it as an activity or a host process)."""

    method: str
    libraries: dict[str, str]  # alias -> python module (relative)


def import_lines(imports: dict[tuple[str, str], str]) -> list[str]:
    by_mod: dict[str, list[str]] = {}
    for (mod, attr), alias in sorted(imports.items()):
        by_mod.setdefault(f"luac2py_runtime.{mod}", []).append(
            attr if alias == attr else f"{attr} as {alias}"
        )
    return [f"from {m} import {', '.join(names)}" for m, names in sorted(by_mod.items())]


def marker_comment(n: int, source_lines: list[str]) -> str:
    """The comment a marker for Lua line ``n`` becomes: the line's source, shortened."""
    text = source_lines[n - 1].strip() if 0 < n <= len(source_lines) else ""
    if len(text) > 80:
        text = text[:77] + "..."
    return f"# lua:{n}: {comment_text(text)}".rstrip()


def unparse_with_markers(tree: ast.stmt, source_lines: list[str]) -> str:
    ast.fix_missing_locations(tree)
    code = ast.unparse(tree)
    out: list[str] = []
    for line in code.split("\n"):
        m = _MARK_RE.match(line)
        if m:
            out.append(m.group(1) + marker_comment(int(m.group(2)), source_lines))
        else:
            out.append(line)
    return "\n".join(out)


_LUA_COMMENT = re.compile(r"^\s*# lua:(\d+):")


def line_table(code: str) -> list[int]:
    table: list[int] = []
    cur = 0
    for line in code.split("\n"):
        m = _LUA_COMMENT.match(line)
        if m:
            cur = int(m.group(1))
        elif line and not line[0].isspace() and not line.startswith("#"):
            cur = 0
        table.append(cur)
    return table


def encode_lines(table: list[int]) -> str:
    """Run-length encoding ``line*count,...`` (decoded by the runtime's ``decode_lines``)."""
    parts: list[str] = []
    i = 0
    while i < len(table):
        j = i
        while j < len(table) and table[j] == table[i]:
            j += 1
        parts.append(f"{table[i]}*{j - i}" if j - i > 1 else str(table[i]))
        i = j
    return ",".join(parts)


BLACK_MODE = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=100)


def format_code(code: str) -> str:
    return black.format_str(code, mode=BLACK_MODE)


def format_tree(tree: Node, source: str) -> str:
    """black's ``_format_str_once`` from the parse tree on (``source``: the text the tree
    stands for, of which only the first two lines are read).

    ``format_str`` formats a second time when the first pass changed the text, for the
    trailing commas it added; on generated code that pass changes nothing (golden files and
    tests/unit/test_emit_cst.py compare with ``format_str``), so it is not run."""
    from black import _keep_encoding_declaration_ignored
    from black.linegen import LineGenerator, transform_line
    from black.lines import EmptyLineTracker, LinesBlock
    from black.mode import Feature, supports_feature

    versions = BLACK_MODE.target_versions
    gen_features = {f for f in (Feature.PARENTHESIZED_CONTEXT_MANAGERS,
                                Feature.UNPARENTHESIZED_EXCEPT_TYPES, Feature.T_STRINGS)
                    if supports_feature(versions, f)}
    split_features = {f for f in (Feature.TRAILING_COMMA_IN_CALL, Feature.TRAILING_COMMA_IN_DEF)
                      if supports_feature(versions, f)}
    elt = EmptyLineTracker(mode=BLACK_MODE)
    blocks: list[LinesBlock] = []
    for current_line in LineGenerator(mode=BLACK_MODE, features=gen_features).visit(tree):
        block = elt.maybe_empty_lines(current_line)
        blocks.append(block)
        for line in transform_line(current_line, mode=BLACK_MODE, features=split_features):
            block.content_lines.append(str(line))
    if blocks:
        blocks[-1].after = 0
    out: list[str] = []
    for block in blocks:
        out.extend(block.all_lines())
    return _keep_encoding_declaration_ignored(source, "".join(out))


# the skeleton is parsed with this statement where the chunk goes; a name no template value
# can make (values land in strings and comments)
_CHUNK_PLACEHOLDER = "__luac2py_chunk_goes_here__"


def module_tree(chunk_def: ast.stmt, source_lines: list[str], skeleton_kw: dict[str, Any]
                ) -> tuple[Node, str]:
    """The parse tree black would build from the module's text, and the skeleton's text
    (the template with the chunk left out). Raises ``cst.Unsupported`` for what ``cst``
    does not reproduce, black's formatting directives among it."""
    from black.comments import contains_fmt_directive, make_comment

    from .cst import Builder, Unsupported

    def comment(s: ast.stmt) -> str | None:
        if type(s) is ast.Expr and type(s.value) is ast.Name:
            m = _MARK_NAME_RE.fullmatch(s.value.id)
            if m:
                return marker_comment(int(m.group(1)), source_lines)
        return None

    skeleton = render("module.py.j2", chunk_code=_CHUNK_PLACEHOLDER, **skeleton_kw)
    builder = Builder(comment)
    tree = builder.module(ast.parse(skeleton), skeleton, _CHUNK_PLACEHOLDER, chunk_def)
    # black obeys "# fmt: off" and the like (normalize_fmt_off, not run here), and the
    # comments hold Lua source
    if any(contains_fmt_directive(make_comment(c, mode=BLACK_MODE)) for c in builder.comments):
        raise Unsupported("a formatting directive in a comment")
    return tree, skeleton


def _emit_fast(chunk_def: ast.stmt, source_lines: list[str], skeleton_kw: dict[str, Any]
               ) -> str | None:
    """The formatted module (see the module docstring), or None when ``cst`` does not
    reproduce something in it."""
    from .cst import Unsupported

    enabled = gc.isenabled()
    gc.disable()  # the trees are all cycles (parent links): collecting them mid-way is waste
    try:
        tree, skeleton = module_tree(chunk_def, source_lines, skeleton_kw)
        return format_tree(tree, skeleton)
    except Unsupported:
        return None
    except RecursionError:
        # the tree's recursion is not the text path's: let that one decide whether the
        # module is too deeply nested
        return None
    finally:
        if enabled:
            gc.enable()


def emit_module(
    *,
    chunk_def: ast.stmt,
    imports: dict[tuple[str, str], str],
    source_name: str,
    chunk_name: str,
    source: str,
    workflow: WorkflowSpec | None,
    function: FunctionSpec | None = None,
    fmt: bool = True,
) -> str:
    source_lines = source.splitlines()
    skeleton_kw = dict(source_name=source_name, chunk_name=chunk_name,
                       imports=import_lines(imports), workflow=workflow, function=function)
    # cst follows Python 3.11's ast.unparse; elsewhere the text path, until checked there
    fast = (_emit_fast(chunk_def, source_lines, skeleton_kw)
            if fmt and sys.version_info[:2] == (3, 11) else None)
    if fast is not None:
        text = fast
    else:
        chunk_code = unparse_with_markers(chunk_def, source_lines)
        text = render("module.py.j2", chunk_code=chunk_code, **skeleton_kw)
        if fmt:
            text = format_code(text)
    table = line_table(text)
    return text + f'__lua_lines__ = _decode_lines("{encode_lines(table)}")\n'

