"""Emit a generated Python module: jinja2 skeleton, ``ast.unparse`` for bodies, black.

Marker statements left by the lowering become ``# lua:LINE: source`` comments; after
formatting, each Python line is mapped to the Lua line of the marker above it, and the table
is appended (run-length encoded) as ``__lua_lines__`` so that errors and tracebacks name the
Lua line.
"""

from __future__ import annotations

import ast
import importlib.resources
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import black
import jinja2

from ..lower.context import MARK

_MARK_RE = re.compile(r"^(\s*)" + MARK + r"(\d+)$")


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


def unparse_with_markers(tree: ast.stmt, source_lines: list[str]) -> str:
    ast.fix_missing_locations(tree)
    code = ast.unparse(tree)
    out: list[str] = []
    for line in code.split("\n"):
        m = _MARK_RE.match(line)
        if m:
            indent, n = m.group(1), int(m.group(2))
            text = source_lines[n - 1].strip() if 0 < n <= len(source_lines) else ""
            if len(text) > 80:
                text = text[:77] + "..."
            text = comment_text(text)
            out.append(f"{indent}# lua:{n}: {text}".rstrip())
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
    chunk_code = unparse_with_markers(chunk_def, source.splitlines())
    text = render(
        "module.py.j2",
        source_name=source_name,
        chunk_name=chunk_name,
        chunk_code=chunk_code,
        imports=import_lines(imports),
        workflow=workflow,
        function=function,
    )
    if fmt:
        text = format_code(text)
    table = line_table(text)
    return text + f'__lua_lines__ = _decode_lines("{encode_lines(table)}")\n'

