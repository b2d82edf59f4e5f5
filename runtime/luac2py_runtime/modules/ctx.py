"""The ``ctx`` module: values given by the spawner's ``with_context``, carried in the
``wippy-context`` header to the workflow, its activities, children and signals."""

from __future__ import annotations

from typing import Any

from .payload import py_to_lua
from ..lua.values import LuaTable, from_lua_str, to_lua_str
from .errors import WippyError


def get(ex: Any, key: Any = None, *_: Any) -> Any:
    if type(key) is not str or key == "":
        return None, WippyError("context key must be a non-empty string", "Invalid", False)
    values = ex.backend.context()
    k = from_lua_str(key)
    if k not in values:
        return None, WippyError(f"context key not found: {key}", "NotFound", False)
    return py_to_lua(values[k])


def all_(ex: Any, *_: Any) -> LuaTable:
    values = ex.backend.context()
    return LuaTable(None, {to_lua_str(k): py_to_lua(v) for k, v in values.items()
                           if v is not None})


def build(ex: Any) -> LuaTable:
    # bound methods: 64 bytes each, a functools.partial about 190, per execution
    from types import MethodType

    return LuaTable(None, {"get": MethodType(get, ex), "all": MethodType(all_, ex)})
