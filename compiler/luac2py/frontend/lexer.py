"""Lexer for Wippy-dialect Lua: one compiled master regex, run once over the whole source.

``tokenize(source)`` returns a :class:`Tokens` with three parallel lists (and the unknown
escapes met in strings, for warnings):

* ``kinds``: ``"NAME"``, ``"NUMBER"``, ``"STRING"``, ``"EOF"``, ``"ERROR"``, or, for keywords
  and operators, the token text itself (``"end"``, ``"=="``, ``"->"``...);
* ``values``: the name (str), the number (int or float), for strings a tuple
  ``(value_bytes, raw_text, StringDelimiter)``, for ``ERROR`` the full error message;
* ``positions``: a :class:`~luac2py.frontend.nodes.Pos` per token.

The lexer never raises. A lexical error (unfinished string, malformed number, ...) becomes a
final ``ERROR`` token, which the parser reports only when it gets there, so an earlier syntax
error is reported first, as Lua does. The lists end with ``EOF`` (or ``ERROR``) followed by a few
padding ``EOF`` tokens so that the parser can look ahead without bounds checks.

Only the Lua 5.1 keywords (plus ``goto``) are reserved here. The dialect's extra words
(``type``, ``interface``, ``as``, ``is``, ``fun``, ``readonly``, ...) are ordinary names that the
parser treats specially only where they can start a type construct; they stay usable as names
and field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luaparser.astnodes import StringDelimiter

from .nodes import Pos

__all__ = ["KEYWORDS", "Tokens", "tokenize", "parse_number", "unescape"]

KEYWORDS = frozenset(
    "and break do else elseif end false for function goto if in local nil not or repeat "
    "return then true until while".split()
)

_MASTER = re.compile(
    r"""[ \t\f\v]*+(?:
      (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>\.\.\.|\.\.|==|~=|<=|>=|<<|>>|//|::|->|-(?!-)
         |[+*/%^\#&~|<>=(){};:,!?@\]]|\.(?![0-9])|\[(?![\[=]))
    | (?P<newline>\r\n|\n\r|\n|\r)
    | (?P<number>0[xX](?:[pP][+-]|[A-Za-z0-9_.])*|\.?[0-9](?:[eE][+-]|[A-Za-z0-9_.])*)
    | (?P<string>"[^"\\\r\n]*(?:\\(?:\r\n|\n\r|[\s\S])[^"\\\r\n]*)*"
                |'[^'\\\r\n]*(?:\\(?:\r\n|\n\r|[\s\S])[^'\\\r\n]*)*')
    | (?P<longstring>\[(?P<level>=*)\[[\s\S]*?\](?P=level)\])
    | (?P<longcomment>--\[(?P<clevel>=*)\[[\s\S]*?\](?P=clevel)\])
    | (?P<comment>--[^\r\n]*)
    | (?P<badlong>\[=*\[?)
    | (?P<badstring>["'](?:[^\\\r\n]|\\[\s\S])*)
    | (?P<other>[\s\S])
    )""",
    re.VERBOSE,
)
_G = _MASTER.groupindex
G_NAME, G_OP, G_NUMBER, G_STRING = _G["name"], _G["op"], _G["number"], _G["string"]
G_NEWLINE = _G["newline"]
G_LONGSTRING, G_LONGCOMMENT, G_COMMENT = _G["longstring"], _G["longcomment"], _G["comment"]
G_BADLONG, G_BADSTRING, G_OTHER = _G["badlong"], _G["badstring"], _G["other"]
_MULTILINE = frozenset((G_STRING, G_LONGSTRING, G_LONGCOMMENT))  # tokens that may span lines

_NEWLINE = re.compile(r"\r\n|\n\r|\n|\r")
_LONG_OPEN = re.compile(r"\[=*\[")
# Possessive quantifiers keep the match linear on long malformed numerals.
_DECIMAL = re.compile(r"(?=\.?[0-9])[0-9]*+(?:\.[0-9]*+)?(?:[eE][+-]?[0-9]++)?")
_ESCAPE = re.compile(rb"\\(?:([0-9]{1,3})|(\r\n|\n\r|\n|\r)|([\s\S]))")
_SIMPLE_ESCAPES = {
    b"a": b"\a", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t",
    b"v": b"\v", b"\\": b"\\", b'"': b'"', b"'": b"'",
}
_INT64_MAX = (1 << 63) - 1
_PADDING = 4


@dataclass
class Tokens:
    kinds: list[str]
    values: list[object]
    positions: list[Pos]
    source: str
    # (line, column, character) of every escape Wippy's lexer reads as the bare character
    unknown_escapes: list[tuple[int, int, str]] | None = None

    def text(self, i: int) -> str:
        """Source text of token ``i`` (``<eof>`` for the end), as Lua shows it after 'near'."""
        if self.kinds[i] == "EOF":
            return "<eof>"
        p = self.positions[i]
        return _show(self.source[p.start : p.stop])


class _LexError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        self.message = message
        self.offset = offset


def _show(text: str) -> str:
    if len(text) == 1 and (ord(text) < 32 or ord(text) == 127):
        return f"<\\{ord(text)}>"
    return text


def utf8(text: str) -> bytes:
    """UTF-8 bytes of source text; lone surrogates (from bytes decoded with surrogateescape,
    or odd ``str`` input) are kept rather than crashing."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "surrogatepass")


def parse_number(text: str) -> int | float | None:
    """Value of a numeral as Wippy's lexer reads it (go-lua compiler/parse/lexer.go
    scanNumber, then utils.go parseNumberValue); ``None`` if malformed.

    A ``.`` or an exponent makes a float; other numerals are Go's ``ParseInt(text, 0, 64)``
    after one leading ``0`` before a digit is dropped (so ``010`` is 10 but ``0010`` is the
    octal 8, and ``08`` falls back to the float 8), and a float when that fails (decimals
    beyond int64; a hexadecimal beyond int64 is not a float Go can read: NaN). Hexadecimal
    numerals have no fraction and no exponent.
    """
    if text[:2] in ("0x", "0X"):
        if len(text) == 2 or any(c not in _HEX_DIGITS for c in text[2:]):
            return None
        v = int(text, 16)
        return v if v <= _INT64_MAX else float("nan")
    if not _DECIMAL.fullmatch(text):
        return None
    if "." in text or "e" in text or "E" in text:
        return _go_float(text)
    if len(text) > 1 and text[0] == "0":
        text = text[1:]
    if text[0] == "0" and len(text) > 1:  # Go reads a leading 0 as octal
        if all(c in "01234567" for c in text):
            v = int(text, 8)
            return v if v <= _INT64_MAX else _go_float(text)
        return _go_float(text)
    if len(text) > 19:  # beyond int64 (and int() refuses very long digit strings)
        return _go_float(text)
    v = int(text)
    return v if v <= _INT64_MAX else _go_float(text)


def _go_float(text: str) -> float:
    """Go's ParseFloat of a decimal numeral; a value beyond the float range is Go's ErrRange,
    which go-lua's compiler turns into NaN."""
    f = float(text)
    return f if f not in (float("inf"), float("-inf")) else float("nan")


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def unescape(raw: str, unknown: list[tuple[int, str]] | None = None) -> bytes:
    """Bytes of a quoted string's body (the text between the quotes), as Wippy's lexer reads
    it (go-lua lexer.go scanEscape).

    Escapes: ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\" \\'``, backslash-newline, and decimal
    ``\\ddd`` up to 255. Any other escaped character stands for itself (``"\\x41"`` is ``x41``);
    ``unknown`` receives (offset of the backslash in ``raw``, character) for each of those.
    Raises ``_LexError`` with the offset (in the UTF-8 bytes of ``raw``) where a decimal
    escape too large ends.
    """
    data = utf8(raw)

    def repl(m: re.Match[bytes]) -> bytes:
        digits, newline, char = m.groups()
        if digits is not None:
            v = int(digits)
            if v > 255:
                raise _LexError("decimal escape too large", m.end())
            return bytes((v,))
        if newline is not None:
            return b"\n"
        simple = _SIMPLE_ESCAPES.get(char)
        if simple is not None:
            return simple
        if unknown is not None:
            at = len(data[: m.start()].decode("utf-8", "replace"))
            unknown.append((at, char.decode("latin-1")))
        return char

    return _ESCAPE.sub(repl, data)


def _long_body(body: str) -> bytes:
    """Value of a long bracket body: first newline skipped, newline sequences made ``\\n``."""
    m = _NEWLINE.match(body)
    if m:
        body = body[m.end() :]
    if "\r" in body:
        body = _NEWLINE.sub("\n", body)
    return utf8(body)


def tokenize(source: str) -> Tokens:
    """Split ``source`` into tokens (see the module docstring). Never raises."""
    kinds: list[str] = []
    values: list[object] = []
    positions: list[Pos] = []
    kinds_append, values_append, positions_append = kinds.append, values.append, positions.append
    keywords = KEYWORDS
    make_pos = Pos
    g_name, g_op, g_newline, g_number, g_string = G_NAME, G_OP, G_NEWLINE, G_NUMBER, G_STRING
    line = 1  # line of the current position, and the offset where that line starts
    line_start = 0
    start_at = 0
    if source.startswith("#!"):  # a shebang line is skipped
        m = _NEWLINE.search(source)
        start_at = m.start() if m else len(source)

    error: str | None = None
    error_at = 0
    escapes: list[tuple[int, int, str]] = []
    for m in _MASTER.finditer(source, start_at):
        g = m.lastindex
        st, en = m.span(g)
        if g == g_name:
            text = source[st:en]
            kind = text if text in keywords else "NAME"
            value: object = text
        elif g == g_op:
            kind = source[st:en]
            value = kind
        elif g == g_newline:
            line += 1
            line_start = en
            continue
        elif g == g_number:
            text = source[st:en]
            value = parse_number(text)
            if value is None:
                error, error_at = f"malformed number near '{text}'", st
                break
            kind = "NUMBER"
        elif g == g_string:
            raw = source[st + 1 : en - 1]
            delim = StringDelimiter.DOUBLE_QUOTE if source[st] == '"' else (
                StringDelimiter.SINGLE_QUOTE)
            if "\\" in raw:
                unknown: list[tuple[int, str]] = []
                try:
                    data = unescape(raw, unknown)
                except _LexError as e:
                    cut = len(utf8(raw)[: e.offset].decode("utf-8", "replace"))
                    error = f"{e.message} near '{source[st : st + 1 + cut]}'"
                    error_at = st
                    break
                for at, ch in unknown:
                    before = raw[:at]
                    nl = len(_NEWLINE.findall(before))  # backslash-newlines
                    col = at - max(before.rfind("\n"), before.rfind("\r")) if nl else (
                        st - line_start + 2 + at)
                    escapes.append((line + nl, col, ch))
            else:
                data = utf8(raw)
            kind = "STRING"
            value = (data, raw, delim)
        elif g == G_LONGSTRING:
            opener = len(m.group("level")) + 2
            raw = source[st + opener : en - opener]
            kind = "STRING"
            value = (_long_body(raw), raw, StringDelimiter.DOUBLE_SQUARE)
        elif g == G_COMMENT:
            if _LONG_OPEN.match(source, st + 2):
                error, error_at = "unfinished long comment near '<eof>'", st
                break
            continue
        elif g == G_LONGCOMMENT:
            value = None  # skipped below, after counting its lines
        elif g == G_BADLONG:
            text = source[st:en]
            if text.endswith("["):
                error = "unfinished long string near '<eof>'"
            else:
                error = f"invalid long string delimiter near '{text}'"
            error_at = st
            break
        elif g == G_BADSTRING:
            if en >= len(source):
                error = "unfinished string near '<eof>'"
            else:
                error = f"unfinished string near '{source[st:en]}'"
            error_at = st
            break
        else:  # G_OTHER
            error, error_at = f"unexpected symbol near '{_show(source[st:en])}'", st
            break
        p = make_pos(line, st - line_start + 1, st, en)
        if g in _MULTILINE and (g != G_STRING or "\\" in value[1]):  # type: ignore[index]
            for nl in _NEWLINE.finditer(source, st, en):
                line += 1
                line_start = nl.end()
            if g == G_LONGCOMMENT:
                continue
        kinds_append(kind)
        values_append(value)
        positions_append(p)

    if error is not None:
        kinds.append("ERROR")
        values.append(error)
        positions.append(Pos(line, error_at - line_start + 1, error_at, error_at))
    else:  # every newline has been counted: `line` is the last line
        end = len(source)
        positions.append(Pos(line, end - line_start + 1, end, end))
        kinds.append("EOF")
        values.append(None)
    for _ in range(_PADDING):
        kinds.append("EOF")
        values.append(None)
        positions.append(positions[-1])
    return Tokens(kinds, values, positions, source, escapes)
