"""The ``logger`` module: structured logging through the backend (Python's ``logging`` on the
host).

    local logger = require("logger")            -- a Logger object: call its methods with ':'
    logger:info("order paid", {order = id, amount = 30})
    logger:error("charge failed", {error = err}) -- the error's text; `error` leaves the table
    local l = logger:named("payments"):with({service = "stripe"})
    l:debug("retrying")

As Wippy's module: levels ``debug``, ``info``, ``warn``, ``error``; ``msg`` must be a string
(numbers converted) and ``fields`` a table, of which string keys are kept (strings, numbers,
booleans as they are; error objects as their message; other values as ``tostring`` or their
JSON form). Every record also gets ``location`` (``file.lua:LINE`` of the call; Wippy names the
entry ID instead of the file) and ``pid`` where the execution has one. ``with`` adds fields
and ``named`` a dotted name segment to a new Logger; ``named("")`` is an error.
"""

from __future__ import annotations

import sys
from typing import Any

from ..lua import ops
from ..lua.base import check_table
from ..lua.errors import LuaError, frame_position
from ..lua.string import check_str
from ..lua.values import LuaTable, Userdata, from_lua_str, lua_type
from .errors import WippyError
from .payload import EncodingError, lua_to_py


class Logger(Userdata):
    __slots__ = ("ex", "name", "fields")
    lua_type_name = "userdata"

    def __init__(self, ex: Any, name: str = "", fields: dict[str, Any] | None = None) -> None:
        self.ex = ex
        self.name = name
        self.fields = fields or {}

    def lua_tostring(self) -> str:
        return f"logger.Logger({self.name})" if self.name else "logger.Logger"


def _field_value(v: Any) -> Any:
    t = type(v)
    if t is str:
        return from_lua_str(v)
    if t in (int, float, bool):
        return v
    if isinstance(v, WippyError):
        return from_lua_str(v.message)
    if t is LuaTable:
        try:
            return lua_to_py(v)
        except EncodingError:
            pass
    return from_lua_str(ops.tostring_basic(v))


def _fields(t: Any, n: int, fname: str) -> dict[str, Any]:
    if t is None:
        return {}
    check_table(t, n, fname)
    return {from_lua_str(k): _field_value(v) for k, v in t.hash.items()
            if type(k) is str and v is not None}


def _location() -> str | None:
    """``file.lua:LINE`` of the innermost Lua function on the stack."""
    f = sys._getframe(2)
    while f is not None:
        pos = frame_position(f, f.f_lineno)
        if pos is not None:
            return f"{pos[0]}:{pos[1]}"
        f = f.f_back
    return None


def _log(level: str, self: Logger, msg: Any = None, fields: Any = None, *_: Any) -> tuple[()]:
    text = from_lua_str(check_str(msg, 1, level))
    record = dict(self.fields)
    if level == "error" and type(fields) is LuaTable and fields.get("error") is not None:
        # as Wippy's logger: the error becomes the record's error field and leaves the table
        record["error"] = _field_value(fields.get("error"))
        fields.set("error", None)
    record.update(_fields(fields, 2, level))
    loc = _location()
    if loc is not None:
        record["location"] = loc
    try:
        record["pid"] = self.ex.backend.pid()
    except LuaError:
        pass
    self.ex.backend.log(level, text, record, self.name)
    return ()


def _debug(self: Logger, msg: Any = None, fields: Any = None, *_: Any) -> tuple[()]:
    return _log("debug", self, msg, fields)


def _info(self: Logger, msg: Any = None, fields: Any = None, *_: Any) -> tuple[()]:
    return _log("info", self, msg, fields)


def _warn(self: Logger, msg: Any = None, fields: Any = None, *_: Any) -> tuple[()]:
    return _log("warn", self, msg, fields)


def _error(self: Logger, msg: Any = None, fields: Any = None, *_: Any) -> tuple[()]:
    return _log("error", self, msg, fields)


def _with(self: Logger, fields: Any = None, *_: Any) -> Logger:
    if type(fields) is not LuaTable:
        raise LuaError(f"bad argument #1 to 'with' (table expected, got {lua_type(fields)})")
    return Logger(self.ex, self.name, {**self.fields, **_fields(fields, 1, "with")})


def _named(self: Logger, name: Any = None, *_: Any) -> Logger:
    n = from_lua_str(check_str(name, 1, "named"))
    if n == "":
        raise LuaError("name cannot be empty")
    return Logger(self.ex, f"{self.name}.{n}" if self.name else n, dict(self.fields))


Logger.lua_methods = {"debug": _debug, "info": _info, "warn": _warn, "error": _error,
                      "with": _with, "named": _named}


def build(ex: Any) -> Logger:
    return Logger(ex)
