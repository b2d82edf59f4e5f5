"""The ``workflow`` module: info, child workflows, versioning, search attributes and memo,
history size. Every Temporal call goes through the execution's backend."""

from __future__ import annotations

from typing import Any

from ..lua.errors import LuaError
from ..lua.ops import go_int64
from ..lua.values import LuaTable, from_lua_str, lua_type
from .errors import WippyError


def info(ex: Any, *_: Any) -> LuaTable:
    return ex.backend.workflow_info()


async def exec_(ex: Any, wf_id: Any = None, *args: Any) -> Any:
    if type(wf_id) is not str:
        raise LuaError(f"bad argument #1 to 'exec' (string expected, got {lua_type(wf_id)})")
    value, err = await ex.backend.exec_child(from_lua_str(wf_id), args)
    return (None, err) if err is not None else value


def version(ex: Any, change_id: Any = None, min_supported: Any = None,
            max_supported: Any = None, *_: Any) -> Any:
    if type(change_id) is not str or change_id == "":
        raise LuaError("bad argument #1 to 'version' (non-empty string expected)")
    # a float as Go's CheckInt takes it: `workflow.version("x", -1, 2)` passes the float -1.0
    # (Wippy's compiler folds the constant -1 into a float)
    if type(min_supported) is float:
        min_supported = go_int64(min_supported)
    if type(max_supported) is float:
        max_supported = go_int64(max_supported)
    if type(min_supported) is not int or type(max_supported) is not int:
        raise LuaError("bad argument to 'version' (integer versions expected)")
    if min_supported > max_supported:
        return None, WippyError(
            f"workflow.version: min_supported {min_supported} > max_supported {max_supported}",
            "Invalid", False)
    return ex.backend.version(from_lua_str(change_id), min_supported, max_supported)


def attrs(ex: Any, spec: Any = None, *_: Any) -> Any:
    if type(spec) is not LuaTable:
        raise LuaError(f"bad argument #1 to 'attrs' (table expected, got {lua_type(spec)})")
    err = ex.backend.upsert_attrs(spec.get("search"), spec.get("memo"))
    return (None, err) if err is not None else True


def history_length(ex: Any, *_: Any) -> int:
    return int(ex.backend.history_length())


def history_size(ex: Any, *_: Any) -> int:
    return int(ex.backend.history_size())


def build(ex: Any) -> LuaTable:
    # bound methods: 64 bytes each, a functools.partial about 190, per execution
    from types import MethodType

    return LuaTable(None, {
        n: MethodType(f, ex)
        for n, f in (("info", info), ("exec", exec_), ("version", version), ("attrs", attrs),
                     ("history_length", history_length), ("history_size", history_size))
    })
