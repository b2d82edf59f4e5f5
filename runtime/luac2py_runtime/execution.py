"""Per-execution state: one ``Execution`` per workflow run (or per ``luac2py exec``).

It owns the Lua globals, the loaded modules, the deterministic random source, and the
backend through which every Temporal call goes. Generated code receives it as ``_ex``; nothing
Lua-visible is kept anywhere else, so two executions in one worker never share state.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import random
import sys
import time as _time
from types import CoroutineType
from typing import Any, Callable

from . import base, lmath, lstring, ltable, ops
from .errors import LuaError, is_lua_boundary_exception, to_lua_error
from .values import LuaTable, to_lua_str


def _table_of(lib: dict[str, Any]) -> LuaTable:
    return LuaTable(None, dict(lib))


# Base functions that do not need the execution (shared, immutable Python functions).
_BASE_PLAIN: dict[str, Any] = {
    "type": base.lua_type_fn,
    "tostring": ops.tostring,
    "tonumber": base.tonumber,
    "pairs": base.pairs,
    "ipairs": base.ipairs,
    "next": base.lua_next,
    "select": base.select,
    "unpack": ltable.unpack,
    "rawget": base.rawget,
    "rawset": base.rawset,
    "rawequal": base.rawequal,
    "rawlen": base.rawlen,
    "setmetatable": base.setmetatable,
    "getmetatable": base.getmetatable,
    "error": base.error,
    "assert": base.lua_assert,
    "pcall": base.pcall,
    "xpcall": base.xpcall,
    "integer": base.cast_integer,
    "number": base.cast_number,
    "boolean": base.cast_boolean,
    "_VERSION": "Lua 5.1",
}

# The metatable shared by all strings: s:upper() etc. Its __index is a table of the string
# library that Lua code cannot reach for writing (getmetatable("") returns a copy).
_STRING_INDEX = _table_of(lstring.LIB)
ops.string_meta = LuaTable(None, {"__index": _STRING_INDEX})

ModuleBuilder = Callable[["Execution"], LuaTable]

# name -> builder of the module table for one execution; filled by the module files
MODULE_BUILDERS: dict[str, ModuleBuilder] = {}


def register_module(name: str) -> Callable[[ModuleBuilder], ModuleBuilder]:
    def deco(fn: ModuleBuilder) -> ModuleBuilder:
        MODULE_BUILDERS[name] = fn
        return fn

    return deco


def bind_functions(ex: "Execution", fns: dict[str, Any], with_ex: set[str]) -> LuaTable:
    """A module table whose functions taking the execution are bound to ``ex``."""
    h: dict[str, Any] = {}
    for k, v in fns.items():
        h[k] = functools.partial(v, ex) if k in with_ex else v
    return LuaTable(None, h)


class LuaTaskState:
    """One Lua coroutine of an execution (the entry point or a ``coroutine.spawn``), as the
    deadlock detector sees it: running, or blocked on a channel (and where)."""

    __slots__ = ("name", "blocked", "external", "where", "finished")

    def __init__(self, name: str) -> None:
        self.name = name
        self.blocked = False
        self.external = False
        self.where = ""
        self.finished = False

    def block(self, external: bool) -> None:
        from .errors import innermost_lua_position

        self.blocked = True
        self.external = external
        pos = innermost_lua_position()
        self.where = f"{pos[0]}:{pos[1]}" if pos else "?"

    def unblock(self) -> None:
        self.blocked = False


TASK_STATE: contextvars.ContextVar[LuaTaskState | None] = contextvars.ContextVar(
    "luac2py_task_state", default=None
)


class Execution:
    """Lua state of one execution."""

    def __init__(self, backend: Any = None, chunk_name: str = "?") -> None:
        self.backend = backend
        self.chunk_name = chunk_name
        self.loaded: dict[str, Any] = {}
        self.libraries: dict[str, Any] = {}  # alias -> compiled library chunk function
        self._rng: random.Random | None = None
        self.tasks: list[asyncio.Task[Any]] = []  # coroutine.spawn'ed
        self.states: list[LuaTaskState] = []
        self.done: asyncio.Future[Any] | None = None
        g = LuaTable(None, dict(_BASE_PLAIN))
        h = g.hash
        h["print"] = functools.partial(base.lua_print, self)
        h["_G"] = g
        string = _table_of(lstring.LIB)
        string.meta = LuaTable(None, {"__call": base.cast_string})
        h["string"] = string
        h["table"] = _table_of(ltable.LIB)
        mathlib = _table_of(lmath.LIB)
        mathlib.hash["random"] = functools.partial(base.math_random, self)
        mathlib.hash["randomseed"] = functools.partial(base.math_randomseed, self)
        h["math"] = mathlib
        h["os"] = LuaTable(
            None,
            {
                "time": functools.partial(base.os_time, self),
                "date": functools.partial(base.os_date, self),
                "clock": functools.partial(base.os_clock, self),
                "difftime": base.os_difftime,
            },
        )
        h["require"] = self.require
        self.globals = g
        self._lazy_globals = ("coroutine", "errors", "process", "channel")

    # -- modules ---------------------------------------------------------------------
    def require(self, name: Any) -> Any:
        m = self.loaded.get(name)
        if m is not None:
            return m
        if name in self.libraries:
            chunk = self.libraries[name]
            r = chunk(self)
            m = ops.first(r)
            if m is None:
                m = True
            self.loaded[name] = m
            return m
        builder = MODULE_BUILDERS.get(name)
        if builder is None:
            _ensure_modules_loaded()
            builder = MODULE_BUILDERS.get(name)
        if builder is None:
            raise LuaError(f"module '{ops.tostring_basic(name)}' not found")
        m = builder(self)
        self.loaded[name] = m
        return m

    def install_globals(self, names: tuple[str, ...] = ("coroutine", "errors", "process",
                                                        "channel")) -> None:
        """Make module tables that Wippy provides as globals available (lazily built)."""
        for n in names:
            if n not in self.globals.hash:
                self.globals.hash[n] = self.require(n)

    # -- deterministic sources ---------------------------------------------------------
    def rng(self) -> random.Random:
        if self._rng is None:
            self._rng = self.backend.new_random() if self.backend else random.Random(0)
        return self._rng

    def now_seconds(self) -> float:
        if self.backend is not None:
            return float(self.backend.now().timestamp())
        return _time.time()

    def clock_seconds(self) -> float:
        if self.backend is not None:
            return float(self.backend.clock())
        return _time.process_time()

    def print(self, text: str) -> None:
        if self.backend is not None:
            self.backend.print(text)
        else:
            sys.stdout.write(text.encode("latin-1").decode("utf-8", "replace") + "\n")

    # -- running the entry point with spawned coroutines -------------------------------------
    def spawn(self, fn: Any, args: tuple[Any, ...]) -> None:
        """``coroutine.spawn``: run ``fn`` concurrently; an uncaught error ends the run."""
        self.tasks.append(asyncio.get_running_loop().create_task(self._spawned(fn, args)))

    async def _spawned(self, fn: Any, args: tuple[Any, ...]) -> None:
        st = self._task_state(f"coroutine {len(self.states)}")
        try:
            await _call_async(fn, args)
        except asyncio.CancelledError:
            raise
        except BaseException as e:
            self._fail(to_lua_error(e) if is_lua_boundary_exception(e) else e)
        finally:
            st.finished = True

    def _task_state(self, name: str) -> LuaTaskState:
        st = LuaTaskState(name)
        self.states.append(st)
        TASK_STATE.set(st)
        return st

    def deadlocked(self) -> bool:
        """Every live Lua coroutine waits on a channel that only Lua code could feed."""
        live = [s for s in self.states if not s.finished]
        return bool(live) and all(s.blocked and not s.external for s in live)

    def deadlock_error(self) -> LuaError:
        waits = "; ".join(f"{s.name} waits at {s.where}" for s in self.states
                          if not s.finished)
        return LuaError(f"deadlock: all coroutines are blocked ({waits})", 0)

    async def _watch_deadlock(self) -> None:
        await self.backend.wait_condition(self.deadlocked)
        self._fail(self.deadlock_error())

    def _fail(self, e: BaseException) -> None:
        if self.done is not None and not self.done.done():
            self.done.set_exception(e)

    async def run_main(self, fn: Any, args: tuple[Any, ...],
                       on_cancel: Callable[[], bool] | None = None) -> Any:
        """Run the entry point; the first uncaught error in it or in any spawned coroutine
        ends the run. When the entry point returns, other coroutines are dropped. A
        cancellation of the caller is offered to ``on_cancel`` (a workflow turns it into a
        CANCEL event and goes on); without one, or when it declines, the run is cancelled."""
        loop = asyncio.get_running_loop()
        done = self.done = loop.create_future()

        async def main() -> None:
            st = self._task_state("main")
            try:
                r = await _call_async(fn, args)
            except BaseException as e:
                if not done.done():
                    done.set_exception(to_lua_error(e) if is_lua_boundary_exception(e) else e)
                return
            finally:
                st.finished = True
            if not done.done():
                done.set_result(r)

        main_task = loop.create_task(main())
        if self.backend is not None and hasattr(self.backend, "wait_condition"):
            self.tasks.append(loop.create_task(self._watch_deadlock()))
        try:
            while True:
                try:
                    return await asyncio.shield(done)
                except asyncio.CancelledError:
                    if done.done() or on_cancel is None or not on_cancel():
                        raise
        finally:
            for t in [main_task, *self.tasks]:
                if not t.done():
                    t.cancel()


def _ensure_modules_loaded() -> None:
    """Import every Wippy module file so that they register their builders."""
    from . import modules  # noqa: F401


def lua_string(s: str) -> str:
    return to_lua_str(s)


async def _call_async(fn: Any, args: tuple[Any, ...]) -> Any:
    r = ops.call(fn, *args)
    if type(r) is CoroutineType:
        r = await r
    return r
