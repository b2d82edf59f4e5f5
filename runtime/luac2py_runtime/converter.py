"""Lua values <-> Python values <-> Temporal payloads (SEMANTICS.md section 4).

Lua -> JSON: a table with only keys 1..n is an array, otherwise an object (integer keys written
as strings); an empty table is ``[]``; a sparse array or a table mixing integer and other keys
is an encoding error; integral floats are written without ``.0``; NaN/Inf become null;
functions and userdata are dropped. JSON -> Lua: integers stay integers, other numbers are
floats, null is nil, arrays become 1-based tables. Object keys are sorted, as Go writes them.
"""

from __future__ import annotations

import json
import math
from typing import Any

import temporalio.api.common.v1
import temporalio.converter

from .errors import LuaError
from .values import MAXINT, MININT, LuaTable, Userdata, _BoolKey, from_lua_str, to_lua_str


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
            if any(x is None for x in arr):
                raise EncodingError("cannot encode sparse array")
            return [lua_to_py(x, _depth + 1) for x in arr if not _droppable(x)]
        if arr:
            kinds = {type(k) for k in h}
            if kinds <= {int, float}:
                raise EncodingError("cannot encode sparse array")
            raise EncodingError("cannot encode table with mixed integer and string keys")
        has_int = False
        has_other = False
        for k in h:
            if type(k) is int or type(k) is float:
                has_int = True
            else:
                has_other = True
        if has_int and not has_other:
            raise EncodingError("cannot encode sparse array")
        if has_int and has_other:
            raise EncodingError("cannot encode table with mixed integer and string keys")
        out: dict[str, Any] = {}
        for k, x in h.items():
            if _droppable(x):
                continue
            if type(k) is _BoolKey:
                raise EncodingError("cannot encode table with boolean keys")
            out[from_lua_str(k) if type(k) is str else str(k)] = lua_to_py(x, _depth + 1)
        return out
    if isinstance(v, Userdata):
        to_json = getattr(v, "to_json", None)
        if to_json is not None:
            return to_json()
        return None
    return None  # functions


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


def _droppable(x: Any) -> bool:
    if type(x) in (str, int, float, bool, LuaTable):
        return False
    if isinstance(x, Userdata):
        return getattr(x, "to_json", None) is None
    return callable(x)


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
    return py_to_lua(json.loads(json.dumps(v, cls=temporalio.converter.AdvancedJSONEncoder)))


def _prepare(v: Any) -> Any:
    """Python value -> JSON-ready value with section 4's number rules."""
    t = type(v)
    if t is float:
        if v != v or v in (math.inf, -math.inf):
            return None
        if v.is_integer() and abs(v) < 2**63:
            return int(v)
        return v
    if t is dict:
        return {str(k) if not isinstance(k, str) else k: _prepare(x) for k, x in v.items()}
    if t is list or t is tuple:
        return [_prepare(x) for x in v]
    if t is LuaTable:
        return lua_to_py(v)
    return v


class WippyJSONPayloadConverter(temporalio.converter.JSONPlainPayloadConverter):
    """``json/plain`` the way Wippy writes it: compact, UTF-8, sorted keys, no NaN."""

    def to_payload(self, value: Any) -> temporalio.api.common.v1.Payload | None:
        try:
            data = json.dumps(
                _prepare(value),
                cls=temporalio.converter.AdvancedJSONEncoder,
                separators=(",", ":"),
                sort_keys=True,
                ensure_ascii=False,
                allow_nan=False,
            ).encode("utf-8")
        except (TypeError, ValueError) as e:
            raise EncodingError(str(e)) from e
        return temporalio.api.common.v1.Payload(
            metadata={"encoding": self.encoding.encode()}, data=data
        )


class WippyPayloadConverter(temporalio.converter.CompositePayloadConverter):
    def __init__(self) -> None:
        super().__init__(
            temporalio.converter.BinaryNullPayloadConverter(),
            temporalio.converter.BinaryPlainPayloadConverter(),
            WippyJSONPayloadConverter(),
        )


DATA_CONVERTER = temporalio.converter.DataConverter(
    payload_converter_class=WippyPayloadConverter
)


def payload_to_lua(p: temporalio.api.common.v1.Payload) -> Any:
    """A payload decoded straight to a Lua value."""
    [v] = DATA_CONVERTER.payload_converter.from_payloads([p], None)
    return py_to_lua(v)
