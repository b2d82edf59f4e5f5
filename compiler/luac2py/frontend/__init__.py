"""Front end: lexer and recursive-descent parser for Wippy-dialect Lua.

``parse(source, filename)`` returns a ``luaparser.astnodes.Chunk`` with a position on every node
(``nodes.pos(node)``); bad input raises ``luac2py.diagnostics.LuaSyntaxError``.
"""

from __future__ import annotations

from .nodes import Pos, pos, set_pos
from .parser import parse

__all__ = ["parse", "Pos", "pos", "set_pos"]
