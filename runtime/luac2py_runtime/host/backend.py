"""The backend of Lua functions (``function.lua``): real time, real I/O, and a process on the
host API.

    local pid = process.spawn_monitored("app:order", "app:worker", order)   -- a workflow
    local ev = process.events():receive()          -- {kind = "pid.exit", from = pid, ...}
    local r, err = funcs.call("app:price", order)  -- another function, in-process
    time.sleep("2s")                               -- really sleeps

One ``HostBackend`` per execution: a function called as a Temporal activity, run by ``luac2py
call``, or called in-process by another function's ``funcs.call``. Unlike a workflow it has the
wall clock and real randomness (``LocalBackend``, whose I/O it shares), and its ``process``
module is a host process of the host API (``api.Host``) made on first use: a PID, spawning and
signalling workflows, monitors and links with EXIT / LINK_DOWN events, a real terminate. What
workflows send to that PID arrives in the execution's Lua mailbox.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from typing import Any

from ..lua.errors import LuaError
from ..lua.values import LuaTable, from_lua_str, to_lua_str
from ..modules.errors import WippyError
from ..modules.payload import EncodingError, lua_to_py, py_to_lua
from ..modules.process import Mailbox
from ..modules.process import Message as LuaMessage
from .api import Event, Host, LinkDownError, Message, ProcessError
from .api import Spawner as HostSpawner
from .local import LocalBackend


class FunctionFailed(Exception):
    """The outcome of an in-process call that ended with an error (``funcs.async`` handles)."""

    def __init__(self, err: WippyError) -> None:
        super().__init__(from_lua_str(err.message))
        self.err = err


def wippy_error(e: ProcessError) -> WippyError:
    details = py_to_lua(e.details) if e.details is not None else None
    return WippyError(to_lua_str(e.message), e.kind, e.retryable, details)


class HostBackend(LocalBackend):
    """Real clock, real randomness, stdout, in-process ``funcs.call``, and a host process
    (when a Temporal ``client`` is given) for the ``process`` module."""

    def __init__(self, package: Any = None, client: Any = None,
                 context: dict[str, Any] | None = None, name: str = "host") -> None:
        super().__init__()
        self.package = package
        self.client = client
        self.name = name
        self._context = dict(context or {})
        self.ex: Any = None  # the execution, set by whoever runs it (its failures end it)
        self._host: _LuaHost | None = None
        self._mailbox: _HostMailbox | None = None

    def unavailable(self, what: str) -> LuaError:
        return LuaError(f"{what} is not available outside a workflow")

    def new_random(self) -> random.Random:
        # math.random: seeded by the OS, as a fresh Lua state would be (not the fixed seed
        # of `luac2py exec`); uuid and crypto use HostIO's secure_random
        return random.Random()

    def context(self) -> dict[str, Any]:
        return self._context

    async def aclose(self) -> None:
        """The execution has ended: stop the host process's background work, close the
        HTTP connections."""
        if self._host is not None:
            await self._host.close()
        await super().aclose()

    # -- funcs: other functions, in-process ------------------------------------------------
    async def call_activity(self, activity: str, args: Sequence[Any],
                            options: dict[str, Any] | None = None,
                            context: dict[str, Any] | None = None) -> Any:
        """Outside a workflow Wippy dispatches ``funcs.call`` to the function registry: the
        callee runs here, in a fresh execution, whether or not it is also an activity. The
        arguments and the result are copied as payloads would be; executor options (Temporal
        timeouts and retries) do not apply."""
        try:
            copies = [py_to_lua(lua_to_py(a)) for a in args]
        except EncodingError as e:
            return None, WippyError(to_lua_str(f"cannot pass argument: {e}"), "Invalid", False)
        return await self._call(activity, copies, context)

    async def _call(self, activity: str, args: list[Any],
                    context: dict[str, Any] | None) -> tuple[Any, WippyError | None]:
        from .functions import run_function

        if self.package is None or activity not in self.package.FUNCTION_MODULES:
            return None, WippyError(to_lua_str(f"function not found: {activity}"), "NotFound",
                                    False)
        callee = HostBackend(self.package, self.client, {**self._context, **(context or {})},
                             name=activity)
        value, err = await run_function(self.package, activity, args, callee)
        if err is not None:
            return None, err
        try:
            return py_to_lua(lua_to_py(value)), None
        except EncodingError as e:
            return None, WippyError(to_lua_str(f"cannot return result: {e}"), "Internal", False)

    def start_activity(self, activity: str, args: Sequence[Any],
                       options: dict[str, Any] | None = None,
                       context: dict[str, Any] | None = None) -> Any:
        loop = asyncio.get_running_loop()
        try:
            copies = [py_to_lua(lua_to_py(a)) for a in args]  # now: the caller goes on
        except EncodingError as e:
            failed = loop.create_future()
            failed.set_exception(FunctionFailed(WippyError(
                to_lua_str(f"cannot pass argument: {e}"), "Invalid", False)))
            return failed

        async def call() -> Any:
            value, err = await self._call(activity, copies, context)
            if err is not None:
                raise FunctionFailed(err)
            return lua_to_py(value)

        task = loop.create_task(call())
        if self.ex is not None:
            self.ex.tasks.append(task)  # ends with the caller's run
        return task

    def activity_outcome(self, handle: Any) -> tuple[Any, Any]:
        exc = handle.exception()
        if isinstance(exc, FunctionFailed):
            return None, exc.err
        if exc is not None:
            return None, WippyError(to_lua_str(str(exc)), "Internal", None)
        return py_to_lua(handle.result()), None

    # -- the host process --------------------------------------------------------------------
    def host(self, what: str = "process") -> _LuaHost:
        if self._host is None:
            if self.client is None:
                raise LuaError(f"{what} needs a Temporal client: this function runs without "
                               "one")
            self._host = _LuaHost(self, self.client, self.package, self.name)
        return self._host

    def pid(self) -> str:
        return self.host("process.pid").pid

    def mailbox(self) -> Any:
        if self._mailbox is None:
            self._mailbox = _HostMailbox(self)
        return self._mailbox

    @property
    def process_options(self) -> dict[str, Any]:
        return self.host("process.set_options").options

    async def send(self, target: str, topic: str, values: Sequence[Any]) -> Any:
        try:
            await self.host("process.send").send(target, from_lua_str(topic),
                                                 *(lua_to_py(v) for v in values))
        except ProcessError as e:
            return None, wippy_error(e)
        except EncodingError as e:
            return None, WippyError(to_lua_str(f"cannot send: {e}"), "Invalid", False)
        return True

    async def spawn(self, sp: Any, wf: str, host: str, args: Sequence[Any], wait: bool,
                    monitor: bool = False, link: bool = False) -> Any:
        h = self.host("process.spawn")
        try:
            spawner = HostSpawner(
                h, {k: lua_to_py(v) for k, v in sp.options.items()}, sp.context, sp.name,
                tuple((t, tuple(lua_to_py(v) for v in vals)) for t, vals in sp.messages))
            py_args = [lua_to_py(a) for a in args]
        except EncodingError as e:
            return None, WippyError(to_lua_str(str(e)), "Invalid", False)
        try:
            if wait:
                return py_to_lua(await spawner.exec(from_lua_str(wf), from_lua_str(host),
                                                    *py_args))
            pid, _, client = await h._start(spawner, from_lua_str(wf), from_lua_str(host),
                                            py_args)
        except ProcessError as e:
            return None, wippy_error(e)
        if monitor:
            h._watch_monitor(pid, h._wid(pid), client)
        if link:
            h._watch_link(pid, h._wid(pid), client)
        return to_lua_str(pid)

    async def _control(self, op: Any, *args: Any) -> Any:
        try:
            await op(*args)
        except ProcessError as e:
            return None, wippy_error(e)
        return True

    async def terminate_process(self, target: str) -> Any:
        return await self._control(self.host("process.terminate").terminate,
                                   target)

    async def cancel_process(self, target: str, deadline: Any = None) -> Any:
        if type(deadline) is str:
            deadline = from_lua_str(deadline)
        return await self._control(self.host("process.cancel").cancel, target,
                                   deadline)

    async def monitor(self, target: str) -> Any:
        return await self._control(self.host("process.monitor").monitor, target)

    async def unmonitor(self, target: str) -> Any:
        return await self._control(self.host("process.unmonitor").unmonitor,
                                   target)

    async def link(self, target: str) -> Any:
        return await self._control(self.host("process.link").link, target)

    async def unlink(self, target: str) -> Any:
        return await self._control(self.host("process.unlink").unlink, target)


class _HostMailbox(Mailbox):
    """The Lua mailbox of a host process: receiving starts the host's collection of what
    workflows send to it (as the host API's own ``listen``/``inbox`` do)."""

    __slots__ = ("backend",)

    def __init__(self, backend: HostBackend) -> None:
        super().__init__()
        self.backend = backend

    def _collect(self) -> None:
        if self.backend.client is not None:
            self.backend.host()._start_collecting()

    def listen(self, topic: str, as_message: bool) -> Any:
        self._collect()
        return super().listen(topic, as_message)

    def get_inbox(self) -> Any:
        self._collect()
        return super().get_inbox()


class _LuaHost(Host):
    """A host process whose messages and events go to a Lua execution's mailbox."""

    def __init__(self, backend: HostBackend, client: Any, package: Any, name: str) -> None:
        super().__init__(client, package=package, name=name)
        self.backend = backend

    def _deliver(self, msg: Message) -> None:
        values = tuple(py_to_lua(v) for v in msg.values)
        self.backend.mailbox().deliver(
            LuaMessage(to_lua_str(msg.topic), values, to_lua_str(msg.sender)))

    def _event(self, event: Event) -> None:
        from ..modules.time_objects import Time

        res = event.result
        h: dict[str, Any] = {}
        if res.value is not None:
            h["value"] = py_to_lua(res.value)
        if res.error is not None:
            h["error"] = wippy_error(res.error)
        self.backend.mailbox().event(event.kind, to_lua_str(event.sender), LuaTable(None, h),
                                     at=Time.from_datetime(event.at))

    def _link_failed(self, failure: LinkDownError) -> None:
        super()._link_failed(failure)
        ex = self.backend.ex
        if ex is not None:  # the linked process took this one down
            ex._fail(LuaError(WippyError(to_lua_str(failure.message), failure.kind or
                                         "Internal", failure.retryable)))
