"""Per-execution state: one ``Execution`` per workflow run (or per ``luac2py exec``).

It owns the Lua globals, the loaded modules, the deterministic random source, and the
backend through which every Temporal call goes. Generated code receives it as ``_ex``; nothing
Lua-visible is kept anywhere else, so two executions in one worker never share state.
"""

from __future__ import annotations

import asyncio
import contextvars
import random
import sys
import time as _time
from types import CoroutineType, MethodType
from typing import Any, Callable

from . import base, ops
from . import math as lmath
from . import string as lstring
from . import table as ltable
from .errors import (
    LuaError, frame_position, is_lua_boundary_exception, register_c_functions, to_lua_error)
from .values import LuaTable, to_lua_str


def _table_of(lib: dict[str, Any]) -> LuaTable:
    return LuaTable(None, dict(lib))


# Base functions that do not need the execution (shared, immutable Python functions).
_BASE_PLAIN: dict[str, Any] = {
    "type": base.lua_type_fn,
    "tostring": base.lua_tostring,
    "tonumber": base.tonumber,
    "pairs": base.pairs,
    "ipairs": base.ipairs,
    "next": base.lua_next,
    "select": base.select,
    "unpack": ltable.unpack,
    "rawget": base.rawget,
    "rawset": base.rawset,
    "rawequal": base.rawequal,
    "setmetatable": base.setmetatable,
    "getmetatable": base.getmetatable,
    "error": base.error,
    "assert": base.lua_assert,
    "pcall": base.pcall,
    "xpcall": base.xpcall,
    "integer": base.cast_integer,
    "number": base.cast_number,
    "boolean": base.cast_boolean,
    "_VERSION": "Lua 5.3 - Wippy Modification",
    "_GOPHER_LUA_VERSION": "GopherLua 0.2 Wippy Edition",
}

# The metatable shared by all strings: s:upper() etc. Its __index is a table of the string
# library that Lua code cannot reach for writing (getmetatable("") returns a copy).
_STRING_INDEX = _table_of(lstring.LIB)
ops.string_meta = LuaTable(None, {"__index": _STRING_INDEX})

# The library globals whose tables an execution builds on first use (Execution.lib).
LAZY_LIBS = ("string", "table", "math", "os")


class _Unbuilt:
    """The value of a library global whose table is not built yet: never seen by Lua code."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unbuilt library>"


_UNBUILT: Any = _Unbuilt()

# The globals of a new execution, in the order ``pairs(_G)`` visits them (print, _G and
# require are bound per execution).
_GLOBALS_TEMPLATE: dict[str, Any] = {
    **_BASE_PLAIN, "print": None, "_G": None, **{n: _UNBUILT for n in LAZY_LIBS},
    "require": None,
}


register_c_functions([*_BASE_PLAIN.values(), *lstring.LIB.values(), *ltable.LIB.values(),
                      *lmath.LIB.values(), base.lua_print, base.os_time, base.os_date,
                      base.os_clock, base.os_difftime, base.math_random,
                      base.math_randomseed])


def _string_call(_lib: Any, v: Any = None, *_: Any) -> Any:
    """``string(x)`` through the table (``local s = string; s(x)``): __call gets the table
    first."""
    return base.cast_string(v)


ModuleBuilder = Callable[["Execution"], LuaTable]

# the Wippy modules whose functions register_c_functions has noted (on first require)
_C_MODULES: set[str] = set()

# name -> builder of the module table for one execution. The Lua core knows no Wippy module:
# ``luac2py_runtime.modules`` (the layer above, imported by every backend) fills this table.
MODULE_BUILDERS: dict[str, ModuleBuilder] = {}


class LuaThread:
    """One Lua coroutine of an execution: the entry point (``num`` -1) or a
    ``coroutine.spawn`` (``num`` n, "coroutine n"), and what the deadlock detector sees of it:
    running, or blocked on a channel (and where).

    Inside a workflow (a backend with ``light_coroutines``) the execution runs it itself,
    with no asyncio task: the thread steps its Python coroutine from event-loop callbacks the
    way a task does -- the first step by ``call_soon``, each later one from a done callback of
    the future it waits for, a bare yield by ``call_soon`` again -- so every callback runs in
    the order tasks gave and the histories replay unchanged, but an open execution holds no
    task, task name, task-set entry or context copy per wait for each Lua coroutine (about
    1 KB each). An eviction, which cancels the workflow's tasks only, reaches them through
    ``run_main``'s ``on_cancel``, which declines it.
    Elsewhere (``luac2py exec``, functions) an asyncio task runs it: httpx and
    ``asyncio.timeout`` need a current task.

    Where it waits is found only when a deadlock is reported: ``block`` keeps the task it
    blocked in (None: its own steps), and ``where`` walks the chain of suspended coroutines
    from there (reading the live stack when blocking would turn every frame on it into a frame
    object, kept as long as the coroutine lives)."""

    __slots__ = ("num", "ex", "fn", "args", "coro", "ctx", "waiting", "must_cancel",
                 "blocked", "external", "task", "finished")

    def __init__(self, num: int, ex: "Execution", fn: Any, args: tuple[Any, ...]) -> None:
        self.num = num
        self.ex = ex
        self.fn: Any = fn  # called by the first step (dropped then)
        self.args: tuple[Any, ...] | None = args
        self.coro: Any = None  # the running Python coroutine (light threads)
        # the context its steps run in, as a task's (light threads): TASK_STATE is this
        # thread in it, set once, and no context is copied per wait
        self.ctx: contextvars.Context | None = None
        self.waiting: asyncio.Future[Any] | None = None  # what a light thread waits for
        self.must_cancel = False
        self.blocked = False
        self.external = False
        self.task: asyncio.Task[Any] | None = None  # the task it blocked in last
        self.finished = False

    # -- the deadlock detector's view -----------------------------------------------------
    def block(self, external: bool) -> None:
        self.blocked = True
        self.external = external
        # None in a light thread's own step; a task when it blocks inside one (the task of
        # a coroutine.create'd coroutine it resumed, or the task that runs it)
        self.task = asyncio.current_task()
        if not external:
            self.ex.watch_deadlock()

    def unblock(self) -> None:
        self.blocked = False

    @property
    def name(self) -> str:
        return "main" if self.num < 0 else f"coroutine {self.num}"

    @property
    def where(self) -> str:
        """``chunk:line`` of the innermost generated-code frame of the blocked coroutine,
        ``?`` when there is none (as the live stack would have shown when it blocked)."""
        pos = suspended_lua_position(self.task if self.task is not None else self)
        return f"{pos[0]}:{pos[1]}" if pos else "?"

    def get_coro(self) -> Any:
        return self.coro

    # -- how it ends (both drivers) ---------------------------------------------------------
    def _returned(self, r: Any) -> None:
        self.finished = True
        if self.num < 0:
            self.ex._returned(r)

    def _raised(self, e: BaseException) -> None:
        """An uncaught error ends the run; so does the entry point's cancellation (a task of
        the run cancelled by its owner: the workflow's eviction). A spawned coroutine that is
        cancelled just ends."""
        self.finished = True
        if self.num >= 0 and isinstance(e, asyncio.CancelledError):
            return
        self.ex._fail(to_lua_error(e) if is_lua_boundary_exception(e) else e)

    # -- run by an asyncio task -----------------------------------------------------------
    async def run(self) -> None:
        TASK_STATE.set(self)
        fn, args = self.fn, self.args
        self.fn = self.args = None
        try:
            # called here, not through a helper coroutine: one frame less held while it waits
            r = ops.call(fn, *args)
            if type(r) is CoroutineType:
                r = await r
        except BaseException as e:
            self._raised(e)
            if isinstance(e, asyncio.CancelledError):
                raise
        else:
            self._returned(r)

    # -- run by the execution (light) -------------------------------------------------------
    def step(self, exc: BaseException | None = None) -> None:
        """Run the coroutine to its next wait (asyncio's ``Task.__step``, for one Lua
        coroutine)."""
        if self.must_cancel:
            if not isinstance(exc, asyncio.CancelledError):
                exc = asyncio.CancelledError()
            self.must_cancel = False
        self.waiting = None
        coro = self.coro
        if coro is None:  # the first step
            fn, args = self.fn, self.args
            self.fn = self.args = None
            if exc is not None:  # cancelled before it started: fn is never called
                self.finished = True
                return
            try:
                r = ops.call(fn, *args)
            except BaseException as e:
                self._raised(e)
                return
            if type(r) is not CoroutineType:
                self._returned(r)
                return
            self.coro = coro = r
            exc = None
        try:
            yielded = coro.send(None) if exc is None else coro.throw(exc)
        except StopIteration as e:
            self.coro = None
            self._returned(e.value)
        except BaseException as e:
            self.coro = None
            self._raised(e)
        else:
            self._wait(yielded)

    def _wait(self, yielded: Any) -> None:
        if getattr(yielded, "_asyncio_future_blocking", False):  # awaits a future or task
            yielded._asyncio_future_blocking = False
            yielded.add_done_callback(self._wakeup, context=self.ctx)
            self.waiting = yielded
            if self.must_cancel and yielded.cancel():
                self.must_cancel = False
        elif yielded is None:  # a bare yield (asyncio.sleep(0)): run again in turn
            asyncio.get_running_loop().call_soon(self.step, context=self.ctx)
        else:
            asyncio.get_running_loop().call_soon(
                self.step, RuntimeError(f"a Lua coroutine awaited {yielded!r}"), context=self.ctx)

    def _wakeup(self, fut: asyncio.Future[Any]) -> None:
        try:
            fut.result()
        except BaseException as e:
            self.step(e)
        else:
            self.step()

    # the part of the asyncio task interface that the execution uses (``ex.tasks``)
    def cancel(self) -> bool:
        if self.finished:
            return False
        w = self.waiting
        if w is not None and w.cancel():
            return True
        self.must_cancel = True
        return True

    def done(self) -> bool:
        return self.finished


def suspended_lua_position(task: Any) -> tuple[str, int] | None:
    """(chunk, line) of the innermost generated-code frame of a suspended task (or
    ``LuaThread``): its coroutine, what that awaits, and so on down to the future it waits
    for."""
    pos = None
    aw: Any = task.get_coro()
    while aw is not None:
        f = getattr(aw, "cr_frame", None) or getattr(aw, "gi_frame", None) or getattr(
            aw, "ag_frame", None)
        if f is None:
            break
        p = frame_position(f, f.f_lineno)
        if p is not None:
            pos = p
        aw = (getattr(aw, "cr_await", None) or getattr(aw, "gi_yieldfrom", None)
              or getattr(aw, "ag_await", None))
    return pos


# the Lua coroutine running now (in a light thread's context, or its task's)
TASK_STATE: contextvars.ContextVar[LuaThread | None] = contextvars.ContextVar(
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
        # what the end of the run cancels, in order: spawned coroutines (light threads or
        # their tasks), timers, the deadlock watcher, ...
        self.tasks: list[Any] = []
        self.threads: list[LuaThread] = []  # the Lua coroutines: main and coroutine.spawn'ed
        self.done: asyncio.Future[Any] | None = None
        self._watching = False  # the deadlock watcher runs (started on the first wait that
        # only Lua code could end: an open execution waiting for messages has none)
        # the library tables (string, table, math, os) are built on first use (``lib``):
        # until then their slots in the globals hold ``_UNBUILT``, which keeps the order
        # ``pairs(_G)`` sees; every read of these globals goes through ``lib``, or follows
        # ``install_globals`` (a chunk that uses ``_G``)
        g = LuaTable(None, dict(_GLOBALS_TEMPLATE))
        h = g.hash
        h["print"] = MethodType(base.lua_print, self)
        h["_G"] = g
        h["require"] = self.require
        self.globals = g

    # -- library tables, built on first use --------------------------------------------
    def lib(self, name: str) -> Any:
        """The value of the global ``name`` (one of ``LAZY_LIBS``), building the library
        table on first use."""
        v = self.globals.hash.get(name)
        if v is _UNBUILT:
            v = self._build_lib(name)
        return v

    def _build_lib(self, name: str) -> LuaTable:
        if name == "string":
            t = _table_of(lstring.LIB)
            t.meta = LuaTable(None, {"__call": _string_call})
        elif name == "table":
            t = _table_of(ltable.LIB)
        elif name == "math":
            t = _table_of(lmath.LIB)
            t.hash["random"] = MethodType(base.math_random, self)
            t.hash["randomseed"] = MethodType(base.math_randomseed, self)
        else:
            assert name == "os", name
            t = LuaTable(
                None,
                {
                    "time": MethodType(base.os_time, self),
                    "date": MethodType(base.os_date, self),
                    "clock": MethodType(base.os_clock, self),
                    "difftime": base.os_difftime,
                },
            )
        self.globals.hash[name] = t  # in place: the slot keeps its position
        return t

    def install_libs(self) -> None:
        """Build every library table not built yet (the global table is about to be seen
        as a whole)."""
        h = self.globals.hash
        for n in LAZY_LIBS:
            if h.get(n) is _UNBUILT:
                self._build_lib(n)

    # -- modules ---------------------------------------------------------------------
    def require(self, name: Any = lstring.NOARG, *_: Any) -> Any:
        name = lstring.check_str(name, 1, "require")
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
            raise LuaError(f"module '{ops.tostring_basic(name)}' not found")
        m = builder(self)
        if name not in _C_MODULES:  # once per module and process
            _C_MODULES.add(name)
            register_c_functions(m.hash.values() if type(m) is LuaTable else ())
        self.loaded[name] = m
        return m

    def install_globals(self, names: tuple[str, ...] = ("coroutine", "errors", "process",
                                                        "channel")) -> None:
        """Make module tables that Wippy provides as globals available (lazily built), and
        build the library tables: from now on the global table may be read as a whole."""
        self.install_libs()
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
        self.tasks.append(self._start(LuaThread(len(self.threads), self, fn, args)))

    def _start(self, th: LuaThread) -> Any:
        """Start a Lua coroutine (see ``LuaThread``): the thread itself when the execution runs
        it, else the task that does. Either starts by ``call_soon``."""
        self.threads.append(th)
        loop = asyncio.get_running_loop()
        if getattr(self.backend, "light_coroutines", False):
            th.ctx = ctx = contextvars.copy_context()
            ctx.run(TASK_STATE.set, th)
            loop.call_soon(th.step, context=ctx)
            return th
        return loop.create_task(th.run())

    def deadlocked(self) -> bool:
        """Every live Lua coroutine waits on a channel that only Lua code could feed."""
        live = [t for t in self.threads if not t.finished]
        return bool(live) and all(s.blocked and not s.external for s in live)

    def deadlock_error(self) -> LuaError:
        waits = "; ".join(f"{t.name} waits at {t.where}" for t in self.threads
                          if not t.finished)
        return LuaError(f"deadlock: all coroutines are blocked ({waits})", 0)

    def watch_deadlock(self) -> None:
        """Start the deadlock watcher (once per run): a Lua coroutine waits on a channel that
        only Lua code could feed. Until then no deadlock is possible, since one needs every
        live coroutine blocked so. The watcher creates no Temporal command."""
        if self._watching or self.done is None:
            return
        if self.backend is None or not hasattr(self.backend, "wait_condition"):
            return
        self._watching = True
        self.tasks.append(asyncio.get_running_loop().create_task(self._watch_deadlock()))

    async def _watch_deadlock(self) -> None:
        await self.backend.wait_condition(self.deadlocked)
        self._fail(self.deadlock_error())

    def _fail(self, e: BaseException) -> None:
        done = self._outcome()
        if done is not None and not done.done():
            done.set_exception(e)

    def _outcome(self) -> asyncio.Future[Any] | None:
        """The future that takes the run's outcome (None once the run is over). When a
        cancellation of the caller of ``run_main`` has cancelled it and the caller has not yet
        seen that, a fresh one: the run has ended first (``_cancel_taken`` then lets the
        cancellation through)."""
        done = self.done
        if done is not None and done.cancelled():
            done = self.done = done.get_loop().create_future()
        return done

    def _returned(self, r: Any) -> None:
        """The entry point returned ``r``: the outcome of the run."""
        done = self._outcome()
        if done is not None and not done.done():
            done.set_result(r)

    async def run_main(self, fn: Any, args: tuple[Any, ...],
                       on_cancel: Callable[[], bool] | None = None) -> Any:
        """Run the entry point; the first uncaught error in it or in any spawned coroutine
        ends the run. When the entry point returns, other coroutines are dropped. A
        cancellation of the caller is offered to ``on_cancel`` (a workflow turns it into a
        CANCEL event and goes on); without one, or when it declines, the run is cancelled.

        The entry point's outcome goes to ``self.done``, awaited here directly, not through
        asyncio.shield (an outer future and two callbacks per open execution): a cancellation
        of the caller cancels ``done`` itself, see ``_cancel_taken``."""
        loop = asyncio.get_running_loop()
        self.done = loop.create_future()
        self._watching = False
        main = self._start(LuaThread(-1, self, fn, args))
        try:
            while True:
                done = self.done
                assert done is not None
                try:
                    return await done
                except asyncio.CancelledError:
                    if not self._cancel_taken(done, on_cancel):
                        raise
        finally:
            # the run is over: what the remaining tasks do from now on is no outcome
            self.done = None
            for t in [main, *self.tasks]:
                if not t.done():
                    t.cancel()

    def _cancel_taken(self, done: asyncio.Future[Any],
                     on_cancel: Callable[[], bool] | None) -> bool:
        """After a cancellation of the task awaiting ``done``: True when the run goes on (it
        was offered to ``on_cancel``, which took it; ``self.done`` is then a fresh future to
        await). As with a shield, a run that ended first (``done`` was done, or replaced by
        ``_outcome``) lets the cancellation through."""
        cur = self.done
        if done.cancelled() and cur is done and on_cancel is not None and on_cancel():
            self.done = done.get_loop().create_future()
            return True
        # the cancellation goes through; an outcome that came first is dropped unseen (marked
        # as retrieved, as a shield does)
        for f in (done, cur):
            if f is not None and f.done() and not f.cancelled():
                f.exception()
        return False


register_c_functions([Execution.require])


def lua_string(s: str) -> str:
    return to_lua_str(s)
