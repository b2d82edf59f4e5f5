"""The base class of every generated workflow class.

    @temporalio.workflow.defn(name="app:order_workflow")
    class order_workflow(LuaWorkflow):
        __lua_method__ = "main"
        __lua_chunk_fn__ = staticmethod(_chunk)

        @temporalio.workflow.run
        async def run(self, *args):
            return await self._lua_run(args)

``_lua_run`` creates the execution's Lua state, runs the chunk, calls the entry point with one
Lua value per input payload and turns the results into the workflow result (SEMANTICS.md
section 2): the first value is the result; a second value that is a string or an error fails
the workflow; an uncaught Lua error fails the execution (not the task).
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Sequence
from datetime import timezone
from types import CoroutineType
from typing import Any, ClassVar

from temporalio.common import RawValue

import temporalio.exceptions
import temporalio.workflow

from ..lua import ops
from .backend import TemporalBackend
from .failures import wippy_application_error
from ..modules.payload import EncodingError, lua_to_py, py_to_lua
from ..lua.errors import LuaError
from ..lua.execution import Execution
from ..lua.values import LuaTable, from_lua_str, is_function, to_lua_str
from ..modules.errors import WippyError
from .process_backend import message_from_signal
from ..modules.process import Mailbox, make_pid

# the sender of system events (Go's topology.SystemPID: no node, no host, id "topology")
SYSTEM_PID = "{|topology}"


class _UpdateReply:
    """The state of one Temporal Update answered by ``process.send(msg:from(), ...)``."""

    __slots__ = ("future", "acked")

    def __init__(self) -> None:
        self.future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.acked = False


class LuaWorkflow:
    __lua_method__: ClassVar[str] = "main"
    __lua_chunk_fn__: ClassVar[Any]
    __lua_libraries__: ClassVar[dict[str, str]] = {}
    _lua_cancel_taken = False  # set on the instance when a cancellation request is taken

    @classmethod
    def _lua_registry(cls) -> tuple[str, str, dict[str, str]]:
        """(node, host, worker entry -> task queue) from the generated package's registry
        tables: the PID of this workflow is {node@host|workflow_id}."""
        cached = cls.__dict__.get("_lua_registry_cache")
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        node, host, workers = "temporal", "local", {}
        pkg_name = cls.__module__.rpartition(".")[0]
        pkg = importlib.import_module(pkg_name) if pkg_name else None
        entries = getattr(pkg, "WORKER_ENTRIES", {}) or {}
        defn = getattr(cls, "__temporal_workflow_definition", None)
        name = getattr(defn, "name", None)
        for wid, w in entries.items():
            workers[wid] = w["task_queue"]
            if name in w.get("workflows", ()):
                host = wid
                node = w.get("client") or "temporal"
        cached = (node, host, workers)
        setattr(cls, "_lua_registry_cache", cached)
        return cached

    @classmethod
    def _lua_function_options(cls) -> dict[str, dict[str, Any]]:
        """function entry -> its meta.options, from the generated package."""
        cached = cls.__dict__.get("_lua_function_options_cache")
        if cached is None:
            pkg_name = cls.__module__.rpartition(".")[0]
            pkg = importlib.import_module(pkg_name) if pkg_name else None
            cached = getattr(pkg, "FUNCTION_OPTIONS", None) or {}
            setattr(cls, "_lua_function_options_cache", cached)
        return cached  # type: ignore[no-any-return]

    def _lua_own_pid(self) -> str:
        """This workflow's PID: the sender of everything it sends (``process.send``, start
        messages), whether or not its Lua code ever asked for ``process.pid()``."""
        p: str | None = getattr(self, "_lua_pid", None)
        if p is None:
            node, host, _ = type(self)._lua_registry()
            p = self._lua_pid = make_pid(node, host, temporalio.workflow.info().workflow_id)
        return p

    def __init__(self) -> None:
        self._lua_ex: Execution | None = None
        # exists before the run starts: signals and updates may arrive first
        self._lua_mailbox = Mailbox()
        self._lua_process_options: dict[str, Any] = {}
        self._lua_children: dict[str, Any] = {}
        self._lua_updates: dict[str, _UpdateReply] = {}
        self._lua_outbox: list[tuple[int, str, str, list[Any], str]] = []
        self._lua_outbox_seq = 0
        # host PIDs that stopped collecting (made on the first release: an empty set is 216
        # bytes, kept by every open execution)
        self._lua_outbox_released: set[str] | None = None
        self._lua_signal_sender: str | None = None
        self._lua_update_id: str | None = None

    # -- messages ----------------------------------------------------------------------
    @temporalio.workflow.signal(dynamic=True)
    def _lua_signal(self, name: str, args: Sequence[RawValue]) -> None:
        sender = self._lua_signal_sender
        self._lua_signal_sender = None
        conv = temporalio.workflow.payload_converter()
        values = tuple(py_to_lua(conv.from_payload(a.payload, None)) for a in args)
        self._lua_mailbox.deliver(message_from_signal(name, values, sender))

    @temporalio.workflow.update(dynamic=True)
    async def _lua_update(self, name: str, args: Sequence[RawValue]) -> Any:
        update_id = self._lua_update_id or ""
        self._lua_update_id = None
        conv = temporalio.workflow.payload_converter()
        py_args = [conv.from_payload(a.payload, None) for a in args]
        reply = _UpdateReply()
        self._lua_updates[update_id] = reply
        values = tuple(py_to_lua(a) for a in py_args)
        self._lua_mailbox.deliver(
            message_from_signal(name, values, "{update|" + update_id + "}"))
        try:
            return await reply.future
        finally:
            self._lua_updates.pop(update_id, None)

    @_lua_update.validator
    def _lua_update_validator(self, name: str, args: Sequence[RawValue]) -> None:
        # rejected before the Lua code sees it, so nothing is written to the history; the rest
        # is accepted here, as the Python SDK must decide before the handler runs (Go waits
        # for the Lua code's ack or nak: docs/interop.md)
        if name.startswith("@"):
            raise temporalio.exceptions.ApplicationError(f"unknown internal update {name}",
                                                         type="NotFound", non_retryable=True)

    def _lua_reply_update(self, update_id: str, topic: str, values: Sequence[Any]) -> Any:
        """``process.send("{update|id}", topic, ...)``: Go's update protocol
        (service/temporal/workflow/update_manager.go): ``ack`` accepts, then ``ok`` or
        ``error`` completes; ``nak`` before ``ack`` rejects. Anything out of order is an error
        value and leaves the update as it was."""
        reply = self._lua_updates.get(update_id)
        if reply is None:
            return None, WippyError(to_lua_str(f"unknown update: {update_id}"))
        state = "accepted" if reply.acked else "pending"
        if topic in ("ack", "nak"):
            if state != "pending":
                return None, WippyError(f"update already {state}")
            if topic == "ack":
                reply.acked = True
            else:
                reply.future.set_exception(_update_failure(values, "update rejected"))
                del self._lua_updates[update_id]
        elif topic in ("ok", "error"):
            if state != "accepted":
                return None, WippyError(f"update not accepted (state: {state})")
            if topic == "ok":
                reply.future.set_result(lua_to_py(values[0]) if values else None)
            else:
                reply.future.set_exception(_update_failure(values, "update failed"))
            del self._lua_updates[update_id]  # completed: later replies name an unknown update
        else:
            return None, WippyError(to_lua_str(
                f"unknown update response: {from_lua_str(topic)} (expected ack/nak/ok/error)"))
        return True

    # -- the outbox of messages to host processes (collected by the host API) --------------
    def _lua_outbox_put(self, target: str, topic: str, values: Sequence[Any],
                        sender: str) -> None:
        self._lua_outbox_seq += 1
        self._lua_outbox.append(
            (self._lua_outbox_seq, target, topic, [lua_to_py(v) for v in values], sender))

    @temporalio.workflow.update(
        name="@outbox",
        unfinished_policy=temporalio.workflow.HandlerUnfinishedPolicy.ABANDON,
    )
    async def _lua_outbox_update(self, host_pid: str, after: int = 0,
                                 run_id: str | None = None, release: bool = False) -> Any:
        """The host API's long poll: acknowledges what ``host_pid`` has received of this run
        (sequence numbers up to ``after``), then waits for more. ``release`` ends the host's
        pending polls (the host is closing)."""
        return await self._lua_outbox_take(host_pid, after, run_id, release)

    @temporalio.workflow.query(name="@outbox")
    def _lua_outbox_query(self, host_pid: str, after: int = 0,
                          run_id: str | None = None) -> Any:
        """What is left for ``host_pid`` after ``after`` (also once the run has closed)."""
        return self._lua_outbox_view(host_pid, int(after or 0))

    def _lua_outbox_view(self, host_pid: str, after: int) -> Any:
        return {
            "run_id": temporalio.workflow.info().run_id,
            "messages": [
                {"seq": m[0], "topic": m[2], "values": m[3], "from": m[4]}
                for m in self._lua_outbox if m[1] == host_pid and m[0] > after
            ],
        }

    async def _lua_outbox_take(self, host_pid: Any = None, after: Any = 0,
                               run_id: Any = None, release: bool = False) -> Any:
        if run_id not in (None, "", temporalio.workflow.info().run_id):
            after = 0  # an acknowledgement for an earlier run (before a continue-as-new)
        after = int(after or 0)
        self._lua_outbox = [m for m in self._lua_outbox
                            if not (m[1] == host_pid and m[0] <= after)]
        released = self._lua_outbox_released
        if released is None:
            released = self._lua_outbox_released = set()
        if release:
            released.add(host_pid)
            return self._lua_outbox_view(host_pid, after)
        await temporalio.workflow.wait_condition(
            lambda: host_pid in released or any(m[1] == host_pid for m in self._lua_outbox))
        return self._lua_outbox_view(host_pid, after)

    async def _lua_run(self, args: tuple[Any, ...]) -> Any:
        ex = Execution(TemporalBackend(self), chunk_name=type(self).__module__)
        self._lua_ex = ex
        for alias, module in self.__lua_libraries__.items():
            mod = importlib.import_module(module, type(self).__module__.rpartition(".")[0])
            ex.libraries[alias] = mod._chunk
        try:
            r = type(self).__lua_chunk_fn__(ex)
            if type(r) is CoroutineType:
                r = await r
            entry = ops.first(r)
            if not is_function(entry):
                if type(entry) is LuaTable:
                    entry = entry.get(self.__lua_method__)
                if not is_function(entry):
                    raise temporalio.exceptions.ApplicationError(
                        f"workflow entry point '{self.__lua_method__}' not found: the chunk "
                        "must return a function or a table holding it",
                        type="Internal",
                        non_retryable=True,
                    )
            lua_args = tuple(py_to_lua(a) for a in args)
            result = await ex.run_main(entry, lua_args, on_cancel=self._lua_on_cancel)
        except LuaError as e:
            raise _lua_failure(e) from None
        return _workflow_result(result)

    def _lua_on_cancel(self) -> bool:
        """A Temporal cancellation request becomes a CANCEL event; the Lua code decides. The
        event is Go's (handler_events.go handleCancel): from the topology's system PID, at the
        workflow time as an RFC 3339 string.

        Any other cancellation of the run -- the worker evicting it from its cache cancels
        every task of the workflow -- ends it: the Lua coroutines run in no task of their own
        (``lua.execution.LuaThread``), so nothing else would end them. A run gets at most one
        cancellation request (the server records the first only), taken once."""
        from ..modules.process import CANCEL

        if temporalio.workflow.cancellation_reason() is None or self._lua_cancel_taken:
            return False
        self._lua_cancel_taken = True
        at = temporalio.workflow.now().astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._lua_mailbox.event(CANCEL, SYSTEM_PID, at=at)
        return True

    # -- Go's queries (handler_events.go handleQuery) --------------------------------------
    @temporalio.workflow.query(name="pid")
    def _lua_query_pid(self) -> str:
        """The workflow ID (Go answers the bare ID, not the ``{node@host|id}`` PID)."""
        return temporalio.workflow.info().workflow_id

    @temporalio.workflow.query(name="state")
    def _lua_query_state(self) -> dict[str, Any]:
        """Go's query state, which nothing fills: always an empty object."""
        return {}

    @temporalio.workflow.query(dynamic=True)
    def _lua_query_unknown(self, name: str, args: Sequence[RawValue]) -> Any:
        raise temporalio.exceptions.ApplicationError(f"unknown query type: {name}")


def _update_failure(values: Sequence[Any], default: str) -> BaseException:
    """A failed update as Go fails it: the first payload's text (a plain Go error on the wire,
    type ``errorString``)."""
    msg = from_lua_str(ops.tostring(values[0])) if values and values[0] is not None else default
    return temporalio.exceptions.ApplicationError(msg, type="errorString")


def _lua_failure(e: LuaError) -> temporalio.exceptions.ApplicationError:
    v = e.value
    if isinstance(v, WippyError):
        return wippy_application_error(v)
    msg = from_lua_str(ops.tostring_basic(v)) if not isinstance(v, str) else from_lua_str(v)
    return temporalio.exceptions.ApplicationError(
        msg,
        {"errors": [{"msg": msg, "kind": "Internal", "retry": False}]},
        type="Internal",
        non_retryable=True,
    )


# Temporal rejects payloads over 2 MB (the default blob size limit); a result that large
# would fail the workflow task again and again, so it fails the workflow instead.
RESULT_LIMIT = 2 * 1024 * 1024


def _workflow_result(result: Any) -> Any:
    if type(result) is tuple:
        if len(result) >= 2:
            err = result[1]
            if isinstance(err, WippyError):
                raise wippy_application_error(err)
            if type(err) is str:
                raise wippy_application_error(WippyError(err, "Internal", False))
        if not result:
            return None
        result = result[0]
    try:
        value = lua_to_py(result)
    except EncodingError as e:
        raise temporalio.exceptions.ApplicationError(
            f"cannot encode workflow result: {e}", type="Internal", non_retryable=True
        ) from None
    # encode once here (the SDK passes a RawValue through) to check the size
    [payload] = temporalio.workflow.payload_converter().to_payloads([value])
    size = payload.ByteSize()
    if size > RESULT_LIMIT:
        raise temporalio.exceptions.ApplicationError(
            f"workflow result is too large: {size} bytes (Temporal's payload limit is "
            f"{RESULT_LIMIT} bytes)", type="Internal", non_retryable=True)
    return RawValue(payload)
