"""The ``funcs`` module: activities.

``funcs.call(id, ...)`` runs activity type ``id`` on the workflow's task queue with one payload
per argument and returns its result, or ``nil, err``.
"""

from __future__ import annotations

from typing import Any

from .errors import LuaError
from .values import LuaTable, lua_type


def _check_id(fid: Any, fname: str) -> str:
    if type(fid) is not str:
        raise LuaError(f"bad argument #1 to '{fname}' (string expected, got {lua_type(fid)})")
    return fid


async def call(ex: Any, fid: Any = None, *args: Any) -> Any:
    from .values import from_lua_str

    r = await ex.backend.call_activity(from_lua_str(_check_id(fid, "call")), args)
    return r if r[1] is not None else r[0]


def async_(ex: Any, fid: Any = None, *args: Any) -> Any:
    from .wfuncs_executor import Executor

    return Executor(ex).start(_check_id(fid, "async"), args)


def new(ex: Any, *_: Any) -> Any:
    from .wfuncs_executor import Executor

    return Executor(ex)


def build(ex: Any) -> LuaTable:
    import functools

    return LuaTable(
        None,
        {
            "call": functools.partial(call, ex),
            "async": functools.partial(async_, ex),
            "new": functools.partial(new, ex),
        },
    )
