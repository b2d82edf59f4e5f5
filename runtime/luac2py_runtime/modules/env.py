"""The ``env`` module: the process environment, read-only.

    env.get("HOME")          -- "/home/app", nil
    env.get("NOPE")          -- nil, err (NotFound: "environment variable not found")
    env.get("")              -- nil, err (Invalid: "empty key")
    env.set("HOME", "/tmp")  -- nil, err (PermissionDenied: "environment variable is read-only")
    env.get_all()            -- {HOME = "/home/app", ...}, nil

Wippy resolves names through its registry of ``env.variable`` entries and their storages;
luac2py (SEMANTICS section 6) reads the process environment, as if every variable of the
process were declared on Wippy's read-only OS storage (``env.storage.os``): the same results
and error kinds as Wippy's for such variables. It is I/O: the backend reads the environment
(``Backend.getenv`` / ``environ``), and a workflow may not use the module.
"""

from __future__ import annotations

import functools
from typing import Any

from ..lua.string import check_str
from ..lua.values import LuaTable, from_lua_str, to_lua_str
from .errors import WippyError


def get(ex: Any, name: Any = None, *_: Any) -> Any:
    """A variable's value."""
    key = check_str(name, 1, "get")
    if key == "":
        return None, WippyError("empty key", "Invalid", False)
    value = ex.backend.getenv(from_lua_str(key))
    if value is None:
        return None, WippyError("environment variable not found", "NotFound", False)
    return to_lua_str(value), None


def set_(ex: Any, name: Any = None, value: Any = None, *_: Any) -> Any:
    """Always refused: the process environment is read-only storage."""
    key = check_str(name, 1, "set")
    check_str(value, 2, "set")
    if key == "":
        return None, WippyError("empty key", "Invalid", False)
    if ex.backend.getenv(from_lua_str(key)) is None:
        return None, WippyError("environment variable not found", "NotFound", False)
    return None, WippyError("environment variable is read-only", "PermissionDenied", False)


def get_all(ex: Any, *_: Any) -> Any:
    """Every variable, as a table name -> value."""
    return LuaTable(None, {to_lua_str(k): to_lua_str(v)
                           for k, v in sorted(ex.backend.environ().items())}), None


def build(ex: Any) -> LuaTable:
    p = functools.partial
    return LuaTable(None, {"get": p(get, ex), "set": p(set_, ex), "get_all": p(get_all, ex)})
