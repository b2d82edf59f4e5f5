"""Lua functions as Temporal activities (SEMANTICS.md section 6).

    - name: charge_payment              # a function.lua entry with an activity worker ...
      kind: function.lua
      meta: {temporal: {activity: {worker: app:worker}}}

    pkg.activities_for("app:worker")    # ... is a temporalio activity of type app:charge_payment

Each Temporal input payload is one Lua argument; the first return value is the one result
payload. ``nil, err`` (an error object, or a string: kind ``Internal``) and an uncaught
``error(...)`` fail the attempt with the error's kind, retryability and details in Wippy's wire
format; a Lua runtime error is ``Internal`` with its retryability left to the retry policy. The
caller's ``ctx`` values come in the ``wippy-context`` header. While the Lua code runs the
activity heartbeats (so that a cancellation reaches it: its pending ``time.sleep`` or channel
wait ends the run, reported to Temporal as cancelled, ``Canceled`` for the caller).

How a call runs the Lua code (a fresh execution with real time and I/O) is the host side's
business: ``lua_activity`` takes it as ``run``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import temporalio.activity
import temporalio.exceptions

from ..modules.errors import WippyError
from ..modules.payload import EncodingError, lua_to_py, py_to_lua
from .failures import wippy_application_error
from .interceptors import activity_context

# run(Lua arguments, ctx values) -> (first result as a Lua value, None) or (None, error)
RunFunction = Callable[[Sequence[Any], dict[str, Any]], Awaitable[tuple[Any, WippyError | None]]]

# Without a heartbeat timeout the SDK sends a heartbeat at most every 30 s (its throttle), so a
# cancellation takes up to that long to arrive; with one, the SDK sends them often enough.
HEARTBEAT_EVERY = 1.0


def lua_activity(activity_type: str, run: RunFunction, *, entry: str | None = None,
                 source: str | None = None) -> Callable[..., Awaitable[Any]]:
    """A temporalio activity of type ``activity_type`` that calls ``run`` per attempt.
    ``entry``/``source`` name the Lua function in error messages."""

    async def activity(*args: Any) -> Any:
        beat = asyncio.get_running_loop().create_task(_heartbeat())
        try:
            value, err = await run([py_to_lua(a) for a in args], activity_context())
        finally:
            beat.cancel()
        if err is not None:
            raise wippy_application_error(err)
        try:
            return lua_to_py(value)
        except EncodingError as e:
            raise temporalio.exceptions.ApplicationError(
                f"cannot encode the result of {activity_type}: {e}", type="Internal",
                non_retryable=True) from None

    activity.__name__ = activity.__qualname__ = f"lua_activity[{activity_type}]"
    activity.__lua_entry__ = (entry or activity_type, source or "?")  # type: ignore[attr-defined]
    return temporalio.activity.defn(name=activity_type)(activity)


async def _heartbeat() -> None:
    timeout = temporalio.activity.info().heartbeat_timeout
    every = HEARTBEAT_EVERY
    if timeout:
        every = min(every, max(timeout.total_seconds() / 3, 0.05))
    while True:
        await asyncio.sleep(every)
        temporalio.activity.heartbeat()


# -- one type, one activity -------------------------------------------------------------------


class ActivityConflict(ValueError):
    """Two activities of one worker have the same type."""


def activity_type(fn: Any) -> str | None:
    defn = temporalio.activity._Definition.from_callable(fn)
    return defn.name if defn is not None else None


def describe_activity(fn: Any) -> str:
    lua = getattr(fn, "__lua_entry__", None)
    if lua is not None:
        return f"Lua function entry '{lua[0]}' ({lua[1]})"
    return f"Python function {getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', fn)}"


def merge_activities(*groups: Sequence[Any]) -> list[Any]:
    """The activities of several groups (Lua activities, ``--activities`` modules, ...) as one
    list; the same type defined twice is an error naming both definitions. The same function
    given twice counts once."""
    out: list[Any] = []
    seen: dict[str, Any] = {}
    for group in groups:
        for fn in group:
            name = activity_type(fn)
            if name is None:
                out.append(fn)  # a dynamic activity
                continue
            other = seen.get(name)
            if other is fn:
                continue
            if other is not None:
                raise ActivityConflict(
                    f"activity type '{name}' is defined twice: by {describe_activity(other)} "
                    f"and by {describe_activity(fn)}")
            seen[name] = fn
            out.append(fn)
    return out
