"""luac2py: compile Wippy workflow Lua into native Python Temporal workflows."""

from __future__ import annotations

from .diagnostics import CompileError, Diagnostic, LuaSyntaxError

__all__ = ["parse", "LuaSyntaxError", "CompileError", "Diagnostic"]


def parse(source: str, filename: str = "<string>"):  # type: ignore[no-untyped-def]
    """Parse Lua source (Wippy dialect) into a ``luaparser.astnodes.Chunk``.

    Raises ``LuaSyntaxError`` on bad input; nothing else escapes for any input string.
    """
    from .frontend.parser import parse as _parse

    return _parse(source, filename)
