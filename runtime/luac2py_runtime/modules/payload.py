"""Lua values <-> the plain Python values of a payload (SEMANTICS.md section 4).

Lua -> JSON, as Go Wippy's json.go writes it: a table with only keys 1..n is an array,
otherwise an object whose keys are its strings, its other numbers (written in plain decimal
notation) and booleans (``"true"``); an empty table is ``[]``; a sparse array or a table mixing
positive integer and other keys is an encoding error; integral floats are written without
``.0``; NaN/Inf become null; a function is null (keeping its place in an array); an error object
is its message; other userdata are their ``to_json`` value or null. JSON -> Lua: integers stay
integers, other numbers are floats, null is nil, arrays become 1-based tables.

The Temporal payload converter (``temporal.converter``), the ``json`` module, ``ctx`` and the
messages of ``process`` all convert through here.
"""

from __future__ import annotations

import gc
import json
import math
from decimal import Decimal
from typing import Any

from ..lua.errors import LuaError
from ..lua.values import (
    MAXINT, MININT, TRUE_KEY, LuaTable, Userdata, _BoolKey, from_lua_str, table_of,
    to_lua_str)

# How a Python object that is no JSON value (a dataclass an activity returned, ...) becomes
# one: the Temporal binding installs its SDK's encoder here, so that such results read the
# same as they do through temporalio's own converter.
JSON_ENCODER: type[json.JSONEncoder] = json.JSONEncoder


class EncodingError(ValueError):
    """A Lua value that has no JSON form."""


def lua_to_py(v: Any, _depth: int = 0) -> Any:
    """A Lua value as plain Python data (str text, int, float, bool, None, list, dict)."""
    t = type(v)
    if t is str:
        return from_lua_str(v)
    if t is int or t is bool or v is None:
        return v
    if t is float:
        if v != v or v in (math.inf, -math.inf):
            return None
        if v.is_integer() and abs(v) < 2**63:
            return int(v)
        return v
    if t is LuaTable:
        if _depth > 200:
            raise EncodingError("cannot encode table: nested too deeply (or contains a cycle)")
        arr = v.arr
        h = v.hash
        if not h:
            if None in arr:
                raise EncodingError("cannot encode sparse array")
            return [lua_to_py(x, _depth + 1) for x in arr]
        # Go's json.go: positive integer keys are an array's, every other key (a string, a
        # boolean, 0, a negative or non-integral number) an object's; both at once is an
        # error, and positive integer keys outside the array part leave holes in it
        numeric = bool(arr)
        named = False
        for k in h:
            if type(k) is int and k > 0:
                numeric = True
            else:
                named = True
        if numeric:
            raise EncodingError(MIXED_KEYS if named else "cannot encode sparse array")
        return {_key(k): lua_to_py(x, _depth + 1) for k, x in h.items()}
    if isinstance(v, Userdata):
        to_json = getattr(v, "to_json", None)
        if to_json is not None:
            return to_json()
        error_text = getattr(v, "error_text", None)
        if error_text is not None:  # an error object is its message (Go: err.Error())
            return from_lua_str(error_text())
        return None
    return None  # functions: null, also inside tables (their place in an array kept)


MIXED_KEYS = "cannot encode mixed-key table: table has both numeric and non-numeric keys"


def _key(k: Any) -> str:
    """An object key as Go's json.go writes it: numbers in plain decimal notation (never an
    exponent), booleans as true/false."""
    t = type(k)
    if t is str:
        return from_lua_str(k)
    if t is int:
        return str(k)
    if t is float:
        return _plain_decimal(k)
    if t is _BoolKey:
        return "true" if k is TRUE_KEY else "false"
    return str(k)


def _plain_decimal(f: float) -> str:
    """strconv.FormatFloat(f, 'f', -1, 64): the shortest digits, without an exponent."""
    if f in (math.inf, -math.inf):  # (a NaN is never a key)
        return "+Inf" if f > 0 else "-Inf"
    return format(Decimal(repr(f)), "f")


def context_of(t: Any, fname: str) -> dict[str, Any]:
    """The argument of a ``with_context`` method as the context entries it adds."""
    if type(t) is not LuaTable:
        raise LuaError(f"bad argument #1 to '{fname}' (table expected)")
    if not t.hash:
        return {}
    try:
        return lua_to_py(t)  # type: ignore[no-any-return]
    except EncodingError as e:
        raise LuaError(f"bad argument #1 to '{fname}' ({e})") from None


def py_to_lua(v: Any) -> Any:
    """Plain Python data (decoded JSON) as a Lua value."""
    t = type(v)
    if t is str:
        return to_lua_str(v)
    if t is int:
        # a JSON integer beyond int64 becomes the nearest float: a Lua integer never leaves
        # the int64 range
        if MININT <= v <= MAXINT:
            return v
        try:
            return float(v)
        except OverflowError:
            return math.inf if v > 0 else -math.inf
    if t is float or t is bool or v is None:
        return v
    if t is dict:
        # the common values (ASCII text, numbers, booleans) converted inline, the same way
        h = {}
        for k, x in v.items():
            if x is None:
                continue
            if type(k) is str and not k.isascii():
                k = to_lua_str(k)
            tx = type(x)
            if tx is str:
                if not x.isascii():
                    x = to_lua_str(x)
            elif tx is int:
                if not MININT <= x <= MAXINT:
                    x = py_to_lua(x)
            elif tx is not float and tx is not bool:
                x = py_to_lua(x)
            h[k] = x
        return LuaTable(None, h)
    if t is list or t is tuple:
        arr = [
            x if (type(x) is str and x.isascii()) or type(x) is float or type(x) is bool
            or (type(x) is int and MININT <= x <= MAXINT)
            else py_to_lua(x)
            for x in v
        ]
        while arr and arr[-1] is None:
            arr.pop()
        return LuaTable(arr)
    if t is bytes:
        return v.decode("latin-1")
    if isinstance(v, LuaTable) or isinstance(v, Userdata):
        return v
    # dataclasses and other objects an activity may return: through JSON
    return py_to_lua(json.loads(json.dumps(v, cls=JSON_ENCODER)))


# JSON text whose decoding needs none of py_to_lua's per-value work: no non-ASCII text (raw
# or escaped), no null to drop, no integer that might leave int64 (19 digits or more: found
# as a run of zeros once every digit is made a zero, much faster than a regular expression)
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_NINETEEN = b"0" * 19


def _json_object(d: dict[str, Any]) -> LuaTable:
    return table_of([], d)


def _json_object_lists(d: dict[str, Any]) -> LuaTable:
    for k, v in d.items():
        if type(v) is list:
            d[k] = _json_array(v)
    return _json_object(d)


def _json_array(v: list[Any]) -> LuaTable:
    if list in map(type, v):
        v = [_json_array(x) if type(x) is list else x for x in v]
    return LuaTable(v)


_DECODER = json.JSONDecoder(object_hook=_json_object)
_DECODER_LISTS = json.JSONDecoder(object_hook=_json_object_lists)
_PLAIN = json.JSONDecoder()
_DICTS = {dict}


def json_to_lua(data: bytes) -> Any:
    """A JSON document (a payload's data) as a Lua value: ``py_to_lua(json.loads(data))``,
    in one pass when the text allows it."""
    # A result is often thousands of tables built at once, all kept: every one (and its
    # array list) is an object the cyclic collector tracks (a decoded dict of plain values
    # is not), and collections run as they are built would walk them again and again; one
    # collection after the whole document costs far less.
    if not gc.isenabled():
        return _json_to_lua(data)
    gc.disable()
    try:
        return _json_to_lua(data)
    finally:
        gc.enable()


def _json_to_lua(data: bytes) -> Any:
    if data.isascii() and b"\\u" not in data and b"null" not in data \
            and _NINETEEN not in data.translate(_DIGITS_TO_ZERO):
        text = data.decode("ascii")
        nested = data.count(b"[", 1)
        if not nested and data[:1] == b"[":
            # an array of objects holding no object or array (the text has no other "{" or
            # "["): decoded by C alone, then wrapped (else decoded again, the longer way)
            v = _PLAIN.decode(text)
            objects = data.count(b"{")
            if not objects:
                return LuaTable(v)
            if len(v) == objects and set(map(type, v)) <= _DICTS:
                return LuaTable(list(map(_json_object, v)))
        # an array inside the document (not only around it): objects may hold lists
        v = (_DECODER_LISTS if nested else _DECODER).decode(text)
        return _json_array(v) if type(v) is list else v
    return py_to_lua(json.loads(data))
