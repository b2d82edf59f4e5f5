"""The ``json`` module: ``json.encode(v)`` and ``json.decode(s)``.

    json.encode({b = 1, a = {}})              -- '{"a":[],"b":1}'
    json.encode({1, nil, 3})                  -- nil, err  (kind "Invalid": sparse array)
    json.decode('{"n": 9007199254740993}')    -- {n = 9007199254740993} (an integer)
    json.decode("{")                          -- nil, err  (kind "Invalid")

Encoding follows the wire rules of SEMANTICS.md section 4 (``converter.lua_to_py``): a table
with keys 1..n is an array, other tables are objects, an empty table is ``[]``, sparse arrays and
tables mixing integer and string keys are errors, integral floats print without ``.0``, NaN and
infinities become ``null``, functions and userdata without a JSON form are dropped. The text is
written as Go's ``json.Marshal`` writes it (Wippy's encoder is built on it): compact, object
keys sorted bytewise, ``<``, ``>``, ``&``, U+2028 and U+2029 escaped as ``\\u003c``..., invalid
UTF-8 replaced by U+FFFD, floats in Go's shortest form (``1e-7``, ``100000000000000000000``).

Decoding: integers stay integers (beyond int64 they become floats), other numbers are floats,
``null`` is nil, arrays are 1-based tables, objects are tables with string keys. Both the text
and the strings are Lua byte strings holding UTF-8. Malformed text (also the empty string,
``NaN``, or trailing data) is ``nil, err`` with kind ``Invalid`` and a Go-style message.
"""

from __future__ import annotations

import json as _json
import math
import re
from decimal import Decimal
from typing import Any

from .payload import EncodingError, lua_to_py
from ..lua.errors import LuaError
from ..lua.values import MAXINT, MININT, LuaTable, from_lua_str, lua_type, to_lua_str

# -- encoding --------------------------------------------------------------------------------

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
for _c in range(0x20):
    _ESCAPES.setdefault(chr(_c), "\\u%04x" % _c)
_NEEDS_ESCAPE = re.compile('[\\x00-\\x1f"\\\\<>&\u2028\u2029]')


def _go_string(s: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], s) + '"'


def go_float(f: float) -> str:
    """Go's encoding/json float64 form: shortest round-trip digits, positional notation for
    1e-6 <= |f| < 1e21, else exponent form without a leading zero in the exponent."""
    a = abs(f)
    r = repr(f)
    if a == 0 or 1e-6 <= a < 1e21:
        if "e" in r or "E" in r:
            r = format(Decimal(r), "f")
        if r.endswith(".0"):
            r = r[:-2]
        return r
    mant, _, exp = r.partition("e")
    if mant.endswith(".0"):
        mant = mant[:-2]
    sign = exp[0] if exp[:1] in ("+", "-") else "+"
    digits = exp.lstrip("+-").lstrip("0") or "0"
    if len(digits) < 2 and sign == "+":
        digits = digits.rjust(2, "0")  # Go writes e+21, e-7 (after its e-07 clean-up)
    return f"{mant}e{sign}{digits}"


def _write(v: Any, out: list[str]) -> None:
    t = type(v)
    if t is str:
        out.append(_go_string(v))
    elif v is None:
        out.append("null")
    elif t is bool:
        out.append("true" if v else "false")
    elif t is int:
        out.append(str(v))
    elif t is float:
        if v != v or v in (math.inf, -math.inf):
            out.append("null")
        else:
            out.append(go_float(v))
    elif t is list:
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(",")
            _write(x, out)
        out.append("]")
    elif t is dict:
        out.append("{")
        # Go sorts the UTF-8 bytes of the keys; code point order is the same order
        for i, k in enumerate(sorted(v)):
            if i:
                out.append(",")
            out.append(_go_string(k))
            out.append(":")
            _write(v[k], out)
        out.append("}")
    else:  # a to_json() result of some other type: let Python's encoder try
        out.append(_json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def encode_text(v: Any) -> str:
    """A Lua value as JSON (Python text); raises EncodingError."""
    try:
        data = lua_to_py(v)
    except RecursionError:
        raise EncodingError("cannot encode table: nested too deeply") from None
    out: list[str] = []
    try:
        _write(data, out)
    except (TypeError, ValueError) as e:
        raise EncodingError(str(e)) from None
    return "".join(out)


def encode(v: Any = None, *_: Any) -> Any:
    """json.encode(v) -> JSON text (a Lua UTF-8 string), or nil and an Invalid error."""
    from .errors import WippyError

    try:
        text = encode_text(v)
    except EncodingError as e:
        return None, WippyError(to_lua_str(str(e)), "Invalid", False)
    return to_lua_str(text)


# -- decoding --------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise _json.JSONDecodeError(f"invalid constant {name}", name, 0)


class _NumberRange(ValueError):
    pass


def _parse_float(s: str) -> float:
    f = float(s)
    if f in (math.inf, -math.inf):
        raise _NumberRange(f"json: cannot unmarshal number {s} into Go value of type float64")
    return f


def _parse_int(s: str) -> Any:
    n = int(s)
    if MININT <= n <= MAXINT:
        return n
    return float(s)


def _clean_text(s: str) -> str:
    """Lone surrogates from \\ud800-style escapes become U+FFFD, as in Go."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def _to_lua(v: Any) -> Any:
    t = type(v)
    if t is str:
        return to_lua_str(_clean_text(v))
    if t is dict:
        h: dict[Any, Any] = {}
        for k, x in v.items():
            lk = to_lua_str(_clean_text(k))
            h.pop(lk, None)  # a repeated key: the last one wins, in its own position
            if x is not None:
                h[lk] = _to_lua(x)
        return LuaTable(None, h)
    if t is list:
        arr = [_to_lua(x) for x in v]
        while arr and arr[-1] is None:
            arr.pop()
        return LuaTable(arr)
    return v


def _go_char(c: str) -> str:
    """Go's quoteChar."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    short = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
             "\t": "\\t", "\v": "\\v", "\\": "\\\\"}
    if c in short:
        return "'" + short[c] + "'"
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return "'\\x%02x'" % ord(c)
    return "'" + c + "'"


def _go_message(e: _json.JSONDecodeError, text: str) -> str:
    """A JSONDecodeError in the words of Go's encoding/json."""
    pos = e.pos
    msg = e.msg
    rest = text[pos:]
    if msg.startswith("Unterminated string") or not rest.strip(" \t\r\n"):
        return "unexpected end of JSON input"
    c = rest[0]
    if msg.startswith("Extra data"):
        return f"invalid character {_go_char(c)} after top-level value"
    if msg.startswith("Expecting ':'"):
        return f"invalid character {_go_char(c)} after object key"
    if msg.startswith("Expecting ','"):
        before = text[:pos].rstrip(" \t\r\n")
        # inside an object the last thing read was a value after ':'
        where = "object key:value pair" if _innermost_is_object(before) else "array element"
        return f"invalid character {_go_char(c)} after {where}"
    if msg.startswith("Expecting property name"):
        return f"invalid character {_go_char(c)} looking for beginning of object key string"
    if msg.startswith("Invalid control character"):
        return f"invalid character {_go_char(c)} in string literal"
    if msg.startswith("Invalid \\escape") or msg.startswith("Invalid \\u"):
        return f"invalid character {_go_char(rest[1:2] or c)} in string escape code"
    return f"invalid character {_go_char(c)} looking for beginning of value"


def _innermost_is_object(prefix: str) -> bool:
    """Whether the innermost open bracket of a JSON prefix is '{' (strings skipped)."""
    stack: list[str] = []
    in_str = False
    esc = False
    for c in prefix:
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "[{":
            stack.append(c)
        elif c in "]}" and stack:
            stack.pop()
    return bool(stack) and stack[-1] == "{"


_DECODER = _json.JSONDecoder(
    parse_int=_parse_int, parse_float=_parse_float, parse_constant=_reject_constant
)


def decode(s: Any = None, *_: Any) -> Any:
    """json.decode(text) -> Lua value, or nil and an Invalid error."""
    from .errors import WippyError

    if type(s) is not str:
        raise LuaError(f"bad argument #1 to 'decode' (string expected, got {lua_type(s)})")
    text = from_lua_str(s)
    if not text.strip(" \t\r\n"):
        return None, WippyError("unexpected end of JSON input", "Invalid", False)
    try:
        # JSON whitespace only: Python's str.strip would also take \x0b, \x1c, U+00A0...
        start = len(text) - len(text.lstrip(" \t\r\n"))
        value, end = _DECODER.raw_decode(text, start)
        if text[end:].strip(" \t\r\n"):
            raise _json.JSONDecodeError("Extra data", text, end + len(text[end:]) - len(
                text[end:].lstrip(" \t\r\n")))
    except _json.JSONDecodeError as e:
        if e.msg.startswith("invalid constant"):
            # NaN / Infinity / -Infinity: Go stops at their first letter
            if e.doc.startswith("-"):
                msg = "invalid character 'I' in numeric literal"
            else:
                msg = f"invalid character {_go_char(e.doc[:1])} looking for beginning of value"
            return None, WippyError(msg, "Invalid", False)
        return None, WippyError(to_lua_str(_go_message(e, text)), "Invalid", False)
    except _NumberRange as e:
        return None, WippyError(str(e), "Invalid", False)
    except RecursionError:
        return None, WippyError("exceeded max depth", "Invalid", False)
    return _to_lua(value)


def build(ex: Any) -> LuaTable:
    return LuaTable(None, {"encode": encode, "decode": decode})
