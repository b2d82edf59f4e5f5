"""The ``funcs`` module: activities, executors and futures.

``funcs.call(id, ...)`` runs activity type ``id`` on the workflow's task queue with one payload
per argument and returns its result, or ``nil, err``.

    local exec = funcs.new():with_options({["activity.retry_policy"] = {maximum_attempts = 1}})
    local r, err = exec:call("app:charge", order)
    local fut = funcs.async("app:slow", x)          -- starts the activity, does not wait
    local payload = fut:channel():receive()         -- or fut:result() -> Payload or nil, err
    print(payload:data())

Executors are immutable: ``with_options``/``with_context`` return new ones (each
``with_options`` replaces the options before it, as in Go). Option keys are ``activity.*``
(alias ``temporal.activity.*``), others are ignored; durations are Go strings or milliseconds;
a bad value is the call's ``nil, err``.
"""

from __future__ import annotations

import functools
from typing import Any

from ..lua.errors import LuaError
from ..lua.values import LuaTable, Userdata, from_lua_str, lua_type
from .errors import WippyError
from .options import (
    ACTIVITY_PREFIXES, OptionError, duration_ms, option_key, retry_policy_fields)
from .payload import context_of, lua_to_py

_DURATIONS = ("start_to_close_timeout", "schedule_to_close_timeout",
              "schedule_to_start_timeout", "heartbeat_timeout")
_STRINGS = {"task_queue": "task_queue", "id": "activity_id", "summary": "summary"}


def activity_options(opts: dict[str, Any]) -> dict[str, Any]:
    """An executor's options as the backend takes them, read as Go's ``ApplyActivityOptions``
    reads them: only ``activity.*`` / ``temporal.activity.*`` keys, others ignored; durations as
    timedelta, the retry policy as ``options.retry_policy_fields``. A bad value is an
    ``OptionError`` (the call's ``nil, err``)."""
    kw: dict[str, Any] = {}
    for key, v in opts.items():
        name = option_key(key, ACTIVITY_PREFIXES)
        if name == key or v is None:
            continue
        if name in _DURATIONS:
            kw[name] = duration_ms(v, key)
        elif name == "retry_policy":
            kw["retry_policy"] = retry_policy_fields(lua_to_py(v) if type(v) is LuaTable else v,
                                                     key)
        elif name in _STRINGS:
            if type(v) is not str or not v:
                raise OptionError(f"{key} must be a non-empty string")
            kw[_STRINGS[name]] = from_lua_str(v)
        elif name == "wait_for_cancellation":
            kw["wait_for_cancellation"] = v is True
        # disable_eager_execution, versioning_intent, priority: nothing to map them to here
    return kw


def call_options(ex: Any, fid: str, opts: dict[str, Any]) -> dict[str, Any]:
    """A call's activity options: the function entry's ``meta.options``, then the executor's
    over them (Go's mergedFunctionTaskOptions)."""
    defaults = ex.backend.function_options(from_lua_str(fid))
    return activity_options({**defaults, **opts} if defaults else opts)


def _options_error(fid: str, e: OptionError) -> tuple[None, WippyError]:
    return None, WippyError(f"invalid temporal activity options for {fid}: {e.value}")


class Executor(Userdata):
    __slots__ = ("ex", "options", "context")
    lua_type_name = "userdata"

    def __init__(self, ex: Any, options: dict[str, Any] | None = None,
                 context: dict[str, Any] | None = None) -> None:
        self.ex = ex
        self.options = options or {}
        self.context = context or {}

    def lua_tostring(self) -> str:
        return "executor"

    def start(self, fid: str, args: tuple[Any, ...]) -> Any:
        try:
            options = call_options(self.ex, fid, self.options)
        except OptionError as e:
            return _options_error(fid, e)
        try:
            handle = self.ex.backend.start_activity(from_lua_str(fid), args, options,
                                                    self.context)
        except LuaError:
            raise
        except Exception as e:  # noqa: BLE001 - a start that Temporal refuses is an error value
            return None, WippyError(str(e), "Internal", False)
        return Future(handle, self.ex.backend)


def _check_id(fid: Any, fname: str) -> str:
    if type(fid) is not str:
        raise LuaError(f"bad argument #1 to '{fname}' (string expected, got {lua_type(fid)})")
    return fid


def _e_with_options(self: Executor, t: Any = None, *_: Any) -> Executor:
    if type(t) is not LuaTable:
        raise LuaError("bad argument #1 to 'with_options' (table expected)")
    # as Go's executorWithOptions: the keys as given (read when a call starts), and each
    # with_options replaces the options before it
    opts = {from_lua_str(k): v for k, v in t.items() if type(k) is str}
    return Executor(self.ex, opts, self.context)


def _e_with_context(self: Executor, t: Any = None, *_: Any) -> Executor:
    return Executor(self.ex, self.options, {**self.context, **context_of(t, "with_context")})


async def _e_call(self: Executor, fid: Any = None, *args: Any) -> Any:
    _check_id(fid, "call")
    try:
        options = call_options(self.ex, fid, self.options)
    except OptionError as e:
        return _options_error(fid, e)
    r = await self.ex.backend.call_activity(from_lua_str(fid), args, options, self.context)
    return r if r[1] is not None else r[0]


def _e_async(self: Executor, fid: Any = None, *args: Any) -> Any:
    return self.start(_check_id(fid, "async"), args)


Executor.lua_methods = {
    "with_options": _e_with_options,
    "with_context": _e_with_context,
    "call": _e_call,
    "async": _e_async,
}


class Future(Userdata):
    """A started activity."""

    __slots__ = ("handle", "backend", "channel", "canceled")
    lua_type_name = "userdata"

    def __init__(self, handle: Any, backend: Any) -> None:
        self.handle = handle
        self.backend = backend
        self.channel: Any = None
        self.canceled = False

    def lua_tostring(self) -> str:
        return "future"

    def outcome(self) -> tuple[Any, WippyError | None]:
        """(Payload, None) or (None, error) of a finished activity."""
        from .process import Payload

        if self.handle.cancelled():
            return None, WippyError("activity canceled", "Canceled", False)
        value, err = self.backend.activity_outcome(self.handle)
        if err is not None:
            return None, err
        return Payload(value), None


def _f_response(self: Future, *_: Any) -> Any:
    if self.channel is None:
        from .channel import Channel

        ch = Channel(1, external=True)
        self.channel = ch

        def done(_: Any) -> None:
            value, err = self.outcome()
            ch.offer(value if err is None else err)
            ch.close_channel()

        if self.handle.done():
            done(None)
        else:
            self.handle.add_done_callback(done)
    return self.channel


async def _f_result(self: Future, *_: Any) -> Any:
    try:
        await self.handle
    except BaseException as e:  # noqa: BLE001 - outcome() maps it
        import asyncio

        if isinstance(e, asyncio.CancelledError) and not self.handle.cancelled():
            raise
    value, err = self.outcome()
    return (None, err) if err is not None else value


def _f_is_complete(self: Future, *_: Any) -> bool:
    return bool(self.handle.done())


def _f_is_canceled(self: Future, *_: Any) -> bool:
    return self.canceled


def _f_error(self: Future, *_: Any) -> Any:
    if not self.handle.done():
        return None
    return self.outcome()[1]


def _f_cancel(self: Future, *_: Any) -> bool:
    if not self.handle.done():
        self.handle.cancel()
        self.canceled = True
    return True


Future.lua_methods = {
    "response": _f_response,
    "channel": _f_response,
    "result": _f_result,
    "is_complete": _f_is_complete,
    "is_canceled": _f_is_canceled,
    "error": _f_error,
    "cancel": _f_cancel,
}


# -- the module ------------------------------------------------------------------------------


async def call(ex: Any, fid: Any = None, *args: Any) -> Any:
    _check_id(fid, "call")
    try:
        options = call_options(ex, fid, {})
    except OptionError as e:
        return _options_error(fid, e)
    r = await ex.backend.call_activity(from_lua_str(fid), args, options)
    return r if r[1] is not None else r[0]


def async_(ex: Any, fid: Any = None, *args: Any) -> Any:
    return Executor(ex).start(_check_id(fid, "async"), args)


def new(ex: Any, *_: Any) -> Any:
    return Executor(ex)


def build(ex: Any) -> LuaTable:
    return LuaTable(
        None,
        {
            "call": functools.partial(call, ex),
            "async": functools.partial(async_, ex),
            "new": functools.partial(new, ex),
        },
    )
