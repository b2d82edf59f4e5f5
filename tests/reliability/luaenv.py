"""Compile Lua and run it in-process (as ``luac2py exec`` does), and check that what comes
back is made of Lua values only."""

from __future__ import annotations

import asyncio
import functools
from types import BuiltinFunctionType, CoroutineType, FunctionType, MethodType
from typing import Any

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.lua.execution import Execution
from luac2py_runtime.host.script import load_module
from luac2py_runtime.lua.values import MAXINT, MININT, LuaTable, Userdata, _BoolKey

GENERATED = "__lua_script__"  # the module name load_module gives compiled code


class QuietBackend(LocalBackend):
    def __init__(self) -> None:
        super().__init__()
        self.printed: list[str] = []

    def print(self, text: str) -> None:
        self.printed.append(text)


def compile_lua(source: str, name: str = "escape.lua") -> Any:
    reporter = D.Reporter()
    c = compile_chunk(source, name, reporter, chunk_name=name, in_workflow=False, fmt=False)
    assert c is not None, [str(d) for d in reporter.diagnostics]
    return load_module(c.text, name, GENERATED)


def run_lua(source: str, globals_: dict[str, Any] | None = None,
            timeout: float = 20, wippy_globals: bool = False) -> tuple[Any, ...]:
    """Run a chunk; its return values as a tuple (a Lua error propagates as LuaError)."""
    mod = compile_lua(source)

    async def go() -> Any:
        ex = Execution(QuietBackend(), chunk_name=mod.__lua_chunk__)
        ex.globals.hash.update(globals_ or {})
        if wippy_globals:
            ex.install_globals()

        async def main() -> Any:
            r = mod._chunk(ex)
            if type(r) is CoroutineType:
                r = await r
            return r

        return await asyncio.wait_for(ex.run_main(lambda: main(), ()), timeout)

    r = asyncio.run(go())
    return r if type(r) is tuple else (r,)


def _runtime_function(f: Any) -> bool:
    mod = getattr(f, "__module__", None) or ""
    return mod == GENERATED or mod == "luac2py_runtime" or mod.startswith("luac2py_runtime.")


def foreign(v: Any, path: str = "value", seen: set[int] | None = None) -> list[str]:
    """Everything reachable from ``v`` that is not a Lua value: a list of 'path: what'.

    Lua values are nil, booleans, int64 integers, floats, ``str`` (Lua strings), tables
    (walked: keys, values and metatable), runtime objects (``Userdata`` subclasses defined by
    the runtime) and functions defined by compiled code or the runtime (plain, bound to the
    execution with functools.partial, or bound methods)."""
    seen = set() if seen is None else seen
    t = type(v)
    if v is None or t is bool or t is float or t is str:
        return []
    if t is int:
        return [] if MININT <= v <= MAXINT else [f"{path}: int beyond int64 ({v})"]
    if id(v) in seen:
        return []
    seen.add(id(v))
    if t is LuaTable:
        out: list[str] = []
        for i, x in enumerate(v.arr):
            out += foreign(x, f"{path}[{i + 1}]", seen)
        for k, x in v.hash.items():
            if type(k) is not _BoolKey:
                out += foreign(k, f"{path}<key {k!r}>", seen)
            out += foreign(x, f"{path}[{k!r}]", seen)
        if v.meta is not None:
            out += foreign(v.meta, f"{path}<metatable>", seen)
        return out
    if isinstance(v, Userdata):
        mod = t.__module__
        if mod.startswith("luac2py_runtime."):
            return []
        return [f"{path}: userdata of foreign class {mod}.{t.__qualname__}"]
    if t is FunctionType:
        return [] if _runtime_function(v) else [f"{path}: foreign function {v!r}"]
    if t is MethodType:
        return [] if _runtime_function(v.__func__) else [f"{path}: foreign method {v!r}"]
    if t is functools.partial:
        return foreign(v.func, f"{path}<partial>", seen)
    if t is BuiltinFunctionType:
        return [f"{path}: Python builtin {v!r}"]
    return [f"{path}: Python object of type {t.__module__}.{t.__qualname__}"]
