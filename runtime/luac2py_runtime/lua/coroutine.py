"""Lua coroutines (create/resume/yield/wrap/status/running) and Wippy's ``coroutine.spawn``.

A Lua coroutine runs as an asyncio task that hands control back and forth with its resumer
through futures, so only one of them runs at a time, as in Lua. The workflow event loop is
deterministic (FIFO), so this replays. ``coroutine.spawn`` starts a task that runs
concurrently with the rest of the workflow (Wippy's goroutine-style coroutines).
"""

from __future__ import annotations

import asyncio
import contextvars
from types import CoroutineType
from typing import Any

from . import ops
from .errors import LuaError, is_lua_boundary_exception, to_lua_error
from .values import LuaTable, Userdata

_current: contextvars.ContextVar[Coroutine | None] = contextvars.ContextVar(
    "luac2py_coroutine", default=None
)


class Coroutine(Userdata):
    __slots__ = ("fn", "status", "task", "resume_fut", "yield_fut", "ex")
    lua_type_name = "thread"

    def __init__(self, ex: Any, fn: Any) -> None:
        self.ex = ex
        self.fn = fn
        self.status = "suspended"
        self.task: asyncio.Task[Any] | None = None
        self.resume_fut: asyncio.Future[Any] | None = None
        self.yield_fut: asyncio.Future[Any] | None = None

    def lua_tostring(self) -> str:
        return f"thread: 0x{id(self) & 0xFFFFFFFF:08x}"

    async def _run(self, args: tuple[Any, ...]) -> None:
        _current.set(self)
        try:
            r = ops.call(self.fn, *args)
            if type(r) is CoroutineType:
                r = await r
            self.status = "dead"
            assert self.yield_fut is not None
            self.yield_fut.set_result((True, ops.results(r)))
        except BaseException as e:
            if not is_lua_boundary_exception(e):
                raise
            self.status = "dead"
            if self.yield_fut is not None and not self.yield_fut.done():
                self.yield_fut.set_result((False, (to_lua_error(e).value,)))


def create(ex: Any, fn: Any = None, *_: Any) -> Coroutine:
    if not callable(fn) or isinstance(fn, (LuaTable, Userdata)):
        raise LuaError("bad argument #1 to create (function expected)")
    return Coroutine(ex, fn)


async def resume(ex: Any, co: Any = None, *args: Any) -> Any:
    if not isinstance(co, Coroutine):
        raise LuaError("bad argument #1 to resume (coroutine expected)")
    if co.status != "suspended":  # 5.1's auxresume names the status: running, normal, dead
        return (False, f"cannot resume {co.status} coroutine")
    prev = _current.get()
    if prev is not None:
        prev.status = "normal"
    loop = asyncio.get_running_loop()
    co.status = "running"
    co.yield_fut = loop.create_future()
    if co.task is None:
        co.task = loop.create_task(co._run(args))
    else:
        assert co.resume_fut is not None
        co.resume_fut.set_result(args)
    ok, values = await co.yield_fut
    if prev is not None:
        prev.status = "running"
    return (ok, *values)


async def yield_(ex: Any, *values: Any) -> Any:
    co = _current.get()
    if co is None:
        raise LuaError("attempt to yield from outside a coroutine")
    loop = asyncio.get_running_loop()
    co.status = "suspended"
    co.resume_fut = loop.create_future()
    assert co.yield_fut is not None
    co.yield_fut.set_result((True, values))
    args = await co.resume_fut
    co.status = "running"
    return args


def status(ex: Any, co: Any = None, *_: Any) -> str:
    if not isinstance(co, Coroutine):
        raise LuaError("bad argument #1 to status (coroutine expected)")
    return str(co.status)


def running(ex: Any, *_: Any) -> Any:
    return _current.get()


def isyieldable(ex: Any, *_: Any) -> bool:
    return _current.get() is not None


def wrap(ex: Any, fn: Any = None, *_: Any) -> Any:
    co = create(ex, fn)

    async def wrapped(*args: Any) -> Any:
        r = await resume(ex, co, *args)
        if r[0] is False:
            err = r[1] if len(r) > 1 else None
            raise LuaError(err, 0)
        rest = r[1:]
        return rest[0] if len(rest) == 1 else rest

    return wrapped


def spawn(ex: Any, fn: Any = None, *args: Any) -> Any:
    """Run ``fn`` concurrently in the same execution; an uncaught error fails the run."""
    if not callable(fn) or isinstance(fn, (LuaTable, Userdata)):
        raise LuaError("bad argument #1 to spawn (function expected)")
    ex.spawn(fn, args)
    return True


def build(ex: Any) -> LuaTable:
    # bound methods: 64 bytes each, a functools.partial about 190, per execution
    from types import MethodType

    return LuaTable(
        None,
        {
            "create": MethodType(create, ex),
            "resume": MethodType(resume, ex),
            "yield": MethodType(yield_, ex),
            "status": MethodType(status, ex),
            "running": MethodType(running, ex),
            "isyieldable": MethodType(isyieldable, ex),
            "wrap": MethodType(wrap, ex),
            "spawn": MethodType(spawn, ex),
        },
    )
