"""Our parser against ``luaparser.ast.parse`` on a corpus of plain Lua, with PUC Lua 5.3 as the
referee where the two disagree.

Every file of ``parser_corpus/`` must (1) load in PUC Lua 5.3 (so the corpus is real Lua),
(2) give the same tree as luaparser, comments aside, and (3) have every number and string
literal in our tree equal to the value PUC Lua 5.3 gives the same literal text.

Where luaparser is wrong, the file is listed in ``DEVIATIONS`` with the reason; the test then
checks that the trees really differ (so the list stays honest if luaparser is fixed) and that
they agree once luaparser's tree is corrected as described.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lupa import lua53
from luaparser import ast as luaparser_ast
from luaparser.astnodes import Node, Number, String, StringDelimiter

from luac2py.frontend.parser import parse

CORPUS_DIR = Path(__file__).parent / "parser_corpus"
CORPUS = sorted(CORPUS_DIR.glob("*.lua"))

_LUA = lua53.LuaRuntime(encoding=None)
_LOAD = _LUA.eval("function(s) local f, err = load(s, '=corpus') return f ~= nil, err end")
_EVAL = _LUA.eval(
    "function(s) local v = assert(load('return ' .. s, '=literal'))() "
    "return v, math.type(v) end"
)


def read(path: Path) -> str:
    """The file's text with its line endings untouched (one file uses CRLF)."""
    return path.read_bytes().decode("utf-8")


def walk(node: object) -> Iterator[Node]:
    if isinstance(node, Node):
        yield node
        for key, value in node.__dict__.items():
            if not key.startswith("_"):
                yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def difference(a: object, b: object, path: str = "chunk") -> str | None:
    """First difference between two trees, or None. Stricter than ``Node.__eq__``: leaf
    values must have the same type (``7`` is not ``7.0``) and positional fields the same
    implicit index."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, Node):
        assert isinstance(b, Node)
        for key in sorted(set(a.__dict__) | set(b.__dict__)):
            if key in ("_first_token", "_last_token", "comments"):
                continue
            d = difference(a.__dict__.get(key), b.__dict__.get(key), f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(a, list):
        assert isinstance(b, list)
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if a == b or (a != a and b != b):  # NaN == NaN here
        return None
    return f"{path}: {a!r} != {b!r}"


def strip_comments(tree: Node) -> Node:
    for n in walk(tree):
        n.comments = []
    return tree


def lua_value(literal: str) -> object:
    """The value PUC Lua 5.3 gives a literal (bytes for strings, int or float for numbers)."""
    value, subtype = _EVAL(literal.encode("utf-8"))
    if subtype == b"integer":
        assert isinstance(value, int)
    elif subtype == b"float":
        value = float(value)
    return value


# -- corrections of luaparser's tree --------------------------------------------------------

_FIRST_NEWLINE = re.compile(rb"\A(?:\r\n|\n\r|\n|\r)")
_ANY_NEWLINE = re.compile(rb"\r\n|\n\r|\n|\r")


def fix_long_string_first_newline(tree: Node, source: str) -> None:
    """Lua skips a newline right after the opening long bracket; luaparser keeps it."""
    for n in walk(tree):
        if isinstance(n, String) and n.delimiter is StringDelimiter.DOUBLE_SQUARE:
            n.s = _FIRST_NEWLINE.sub(b"", n.s)


def fix_long_string_newlines(tree: Node, source: str) -> None:
    """Lua turns every newline sequence inside a long string into ``\\n``; luaparser keeps
    ``\\r\\n``."""
    fix_long_string_first_newline(tree, source)
    for n in walk(tree):
        if isinstance(n, String) and n.delimiter is StringDelimiter.DOUBLE_SQUARE:
            n.s = _ANY_NEWLINE.sub(b"\n", n.s)


def fix_quoted_strings(tree: Node, source: str) -> None:
    """luaparser encodes a decimal escape above 127 (``\\233``) as the UTF-8 of that code point
    and drops a backslash-newline; Lua gives the single byte and a newline."""
    for n in walk(tree):
        if isinstance(n, String) and n.delimiter is not StringDelimiter.DOUBLE_SQUARE:
            quote = '"' if n.delimiter is StringDelimiter.DOUBLE_QUOTE else "'"
            n.s = lua_value(quote + n.raw + quote)


Fix = Callable[[Node, str], None]

# The numerals where Wippy's lexer differs from Lua 5.3 (leading zeros, hex beyond int64, hex
# floats) are not in the corpus: test_parser.py NUMBERS has go-lua's values for them.
DEVIATIONS: dict[str, tuple[str, Fix]] = {
    "024_patterns.lua": ("long string starting with a newline", fix_long_string_first_newline),
    "049_template_engine.lua": (
        "long string starting with a newline", fix_long_string_first_newline),
    "091_long_string_leading_newline.lua": (
        "long strings starting with a newline", fix_long_string_first_newline),
    "092_high_decimal_escapes.lua": ("decimal escapes above \\127", fix_quoted_strings),
    "093_backslash_newline.lua": ("backslash-newline in a quoted string", fix_quoted_strings),
    "097_crlf_line_endings.lua": ("CRLF newlines inside a long string", fix_long_string_newlines),
}


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 100
    assert set(DEVIATIONS) <= {p.name for p in CORPUS}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file_is_valid_lua_53(path: Path) -> None:
    ok, err = _LOAD(read(path).encode("utf-8"))
    assert ok, err


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_same_tree_as_luaparser(path: Path) -> None:
    source = read(path)
    ours = parse(source, path.name)
    deviation = DEVIATIONS.get(path.name)
    theirs = strip_comments(luaparser_ast.parse(source))
    if deviation is None:
        assert ours == theirs  # luaparser's own notion of equality ...
        assert difference(ours, theirs) is None  # ... and the stricter one
        return
    reason, fix = deviation
    assert difference(ours, theirs) is not None, (
        f"luaparser no longer deviates ({reason}): drop the DEVIATIONS entry")
    fix(theirs, source)
    assert difference(ours, theirs) is None


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_literal_values_match_lua_53(path: Path) -> None:
    source = read(path)
    for n in walk(parse(source, path.name)):
        if isinstance(n, (Number, String)):
            p = n._first_token
            literal = source[p.start : p.stop]
            expected = lua_value(literal)
            actual = n.n if isinstance(n, Number) else n.s
            assert type(actual) is type(expected), literal
            assert actual == expected or (actual != actual and expected != expected), literal
