"""The ``process`` API for Python code that is not a workflow (HTTP handlers, scripts, tests).

    host = await luac2py_runtime.host.connect("localhost:7233", "default",
                                              workers={"app:worker": "app-queue"})
    pid = await host.spawn_monitored("app:order_workflow", "app:worker", {"id": "123"})
    event = await host.events().receive()          # Event(kind="pid.exit", ...)
    await host.send(pid, "approve", {"by": "me"})  # a signal, sender = host.pid
    status = await host.request(pid, "get_status", {})    # an Update (ack/ok/error/nak)
    reply = await host.listen("status_response").receive(timeout=5)

A host process has its own PID ``{host@<name>|<uuid>}``. Workflows that ``process.send`` to it
put the message into their outbox; the host collects it with the ``@outbox`` long-polling
Update from every workflow it spawned, monitored, linked, requested or sent to (and from any
other with :meth:`Host.collect`), acknowledging by sequence number, so each message is received
exactly once, also across worker restarts and replays. What a workflow sends just before it
closes is read with the ``@outbox`` query.

Values are plain Python (JSON-like) values; Lua is not involved. Failures raise
:class:`ProcessError` (``kind``, ``message``, ``retryable``), whose kinds are Wippy's
(``AlreadyExists``, ``NotFound``, ``Invalid``, ...).
"""

from __future__ import annotations

import asyncio
import contextvars
import uuid
import weakref
from collections import deque
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import temporalio.client
import temporalio.common
import temporalio.exceptions
import temporalio.service

from ..temporal.interceptors import (
    HEADER,
    SENDER_KEY,
    ContextInterceptor,
    client_context,
    decode_header,
    encode_header,
)
from ..temporal.process_backend import (
    _CONFLICT,
    OptionError,
    conflict_policy,
    duration_ms,
    start_options,
    strip_prefixes,
)
from ..modules.process import CANCEL, EXIT, LINK_DOWN, make_pid, parse_pid  # noqa: F401

# the public names are listed in luac2py_runtime.host (host/__init__.py), which re-exports them


# -- values --------------------------------------------------------------------------------


class ProcessError(Exception):
    """A failed process operation, or the error of a workflow that ended (Wippy's error
    object: ``kind``, ``message``, ``retryable``, ``details``)."""

    def __init__(self, message: str, kind: str = "Internal", retryable: bool | None = None,
                 details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.retryable = retryable
        self.details = details

    def __repr__(self) -> str:
        return f"ProcessError({self.kind!r}, {self.message!r}, retryable={self.retryable!r})"


class LinkDownError(ProcessError):
    """A linked workflow ended abnormally and the host does not trap links: raised by every
    ``receive`` of the host from then on."""


@dataclass(frozen=True)
class Message:
    """A message a workflow sent to this host process."""

    topic: str
    values: tuple[Any, ...]
    sender: str  # the sending workflow's PID (``msg:from()``)

    @property
    def payload(self) -> Any:
        """The value (``None`` without one, a list for several), as ``listen`` delivers it."""
        if not self.values:
            return None
        if len(self.values) == 1:
            return self.values[0]
        return list(self.values)


@dataclass(frozen=True)
class ExitResult:
    value: Any = None
    error: ProcessError | None = None


@dataclass(frozen=True)
class Event:
    """``process.events()`` for the host: EXIT (monitored) or LINK_DOWN (linked)."""

    kind: str
    sender: str  # the PID the event is about (``event.from``)
    at: datetime
    result: ExitResult = field(default_factory=ExitResult)


class Receiver:
    """An unbounded channel: ``await r.receive(timeout=None)``, or ``async for x in r``."""

    def __init__(self, host: Host | None = None) -> None:
        self._items: deque[Any] = deque()
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._host = host
        self.closed = False

    def _put(self, item: Any) -> None:
        self._items.append(item)
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            w = self._waiters.popleft()
            if not w.done():
                w.set_result(None)

    def close(self) -> None:
        self.closed = True
        self._wake()

    def empty(self) -> bool:
        return not self._items

    def receive_nowait(self) -> Any:
        """The next item; raises ``LookupError`` when there is none."""
        self._check()
        if not self._items:
            raise LookupError("nothing received")
        return self._items.popleft()

    def _check(self) -> None:
        if self._host is not None and self._host.failure is not None:
            raise self._host.failure

    async def receive(self, timeout: float | None = None) -> Any:
        """The next item; ``TimeoutError`` after ``timeout`` seconds; ``EOFError`` once
        closed and drained."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            self._check()
            if self._items:
                return self._items.popleft()
            if self.closed:
                raise EOFError("channel closed")
            w: asyncio.Future[None] = loop.create_future()
            self._waiters.append(w)
            if self._host is not None:
                self._host._failure_waiters.add(w)
            try:
                if deadline is None:
                    await w
                else:
                    left = deadline - loop.time()
                    if left <= 0:
                        raise TimeoutError("receive timed out")
                    try:
                        await asyncio.wait_for(asyncio.shield(w), left)
                    except TimeoutError:
                        raise TimeoutError("receive timed out") from None
            finally:
                if self._host is not None:
                    self._host._failure_waiters.discard(w)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._iter()

    async def _iter(self) -> AsyncIterator[Any]:
        while True:
            try:
                yield await self.receive()
            except EOFError:
                return


# -- connecting ----------------------------------------------------------------------------

# the sender PID that a signal-with-start started by the host carries (see _SenderOnStart)
_start_sender: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "luac2py_host_start_sender", default=None)


class _SenderOnStart(temporalio.client.Interceptor):
    """Innermost client interceptor: a signal-with-start carries one header for both the
    start and the signal; put the host's PID into it so that the first start message has a
    sender (workflows drop the key from their ``ctx``)."""

    def intercept_client(self, next: temporalio.client.OutboundInterceptor
                         ) -> temporalio.client.OutboundInterceptor:
        return _SenderOnStartOutbound(next)


class _SenderOnStartOutbound(temporalio.client.OutboundInterceptor):
    async def start_workflow(self, input: Any) -> Any:
        sender = _start_sender.get()
        if sender is not None and input.start_signal is not None:
            values = {}
            p = input.headers.get(HEADER)
            if p is not None:
                values = decode_header({HEADER: p})
            values[SENDER_KEY] = sender
            headers = dict(input.headers)
            headers[HEADER] = encode_header(values)
            input.headers = headers
        return await super().start_workflow(input)


def _host_client(client: temporalio.client.Client,
                 namespace: str | None = None) -> temporalio.client.Client:
    cfg = dict(client.config())
    interceptors = list(cfg.get("interceptors") or [])
    if not any(isinstance(i, ContextInterceptor) for i in interceptors):
        interceptors.append(ContextInterceptor())
    if not any(isinstance(i, _SenderOnStart) for i in interceptors):
        interceptors.append(_SenderOnStart())
    cfg["interceptors"] = interceptors
    if namespace is not None:
        cfg["namespace"] = namespace
    cfg.pop("plugins", None)
    return temporalio.client.Client(**cfg)


async def connect(address: str = "localhost:7233", namespace: str = "default", *,
                  workers: Mapping[str, str] | None = None, package: Any = None,
                  name: str = "host", node: str | None = None, **kwargs: Any) -> Host:
    """Connect to Temporal (luac2py's payload converter and header interceptors) and return a
    host process. ``workers`` maps worker entries to task queues (or pass the generated
    ``package``); ``kwargs`` go to ``Client.connect`` (``tls``, ``api_key``, ...)."""
    from ..temporal.worker import connect as _connect

    client = await _connect(address, namespace, **kwargs)
    return Host(client, workers=workers, package=package, name=name, node=node)


# -- the host process ----------------------------------------------------------------------

# workflows remembered (before the first listen/inbox) to collect from later: the most recent
_MAX_KNOWN = 100_000

_HOSTS: weakref.WeakValueDictionary[str, Host] = weakref.WeakValueDictionary()


def _now() -> datetime:
    return datetime.now(UTC)


def _rpc_error(e: temporalio.service.RPCError, what: str) -> ProcessError:
    S = temporalio.service.RPCStatusCode
    kind = {
        S.NOT_FOUND: "NotFound", S.ALREADY_EXISTS: "AlreadyExists",
        S.INVALID_ARGUMENT: "Invalid", S.PERMISSION_DENIED: "PermissionDenied",
        S.UNAVAILABLE: "Unavailable", S.DEADLINE_EXCEEDED: "Timeout",
        S.CANCELLED: "Canceled", S.RESOURCE_EXHAUSTED: "RateLimited",
        S.FAILED_PRECONDITION: "Invalid", S.UNAUTHENTICATED: "PermissionDenied",
    }.get(e.status, "Internal")
    return ProcessError(f"{what}: {e.message}", kind,
                        kind in ("Unavailable", "Timeout", "RateLimited"))


def _failure_error(e: BaseException) -> ProcessError:
    """A workflow's failure (the cause of a WorkflowFailureError or an update failure) as a
    Wippy error: the same mapping as inside workflows (SEMANTICS.md section 4)."""
    from ..temporal.failures import error_from_exception
    from ..modules.payload import lua_to_py
    from ..lua.values import from_lua_str

    if isinstance(e, (temporalio.client.WorkflowFailureError,
                      temporalio.client.WorkflowUpdateFailedError)) and e.cause is not None:
        e = e.cause
    err = error_from_exception(e)
    details = lua_to_py(err.details) if err.details is not None else None
    return ProcessError(from_lua_str(err.error_text()), err.kind or "Internal", err.retryable,
                        details)


class Host:
    """A process that is not a workflow: spawns, messages, monitors and controls workflows.

    ``Host(client, workers={"app:worker": "app-queue"})``: ``workers`` maps worker entries to
    task queues (a name that is not listed is taken as a task queue), or pass the generated
    package as ``package=`` to use its registry. Use ``async with host:`` or ``await
    host.close()`` to stop its background tasks."""

    def __init__(self, client: temporalio.client.Client,
                 workers: Mapping[str, str] | None = None, *, package: Any = None,
                 name: str = "host", node: str | None = None) -> None:
        self.client = _host_client(client)
        self.workers: dict[str, str] = {}
        self.nodes: dict[str, str] = {}
        if package is not None:
            for wid, w in getattr(package, "WORKER_ENTRIES", {}).items():
                self.workers[wid] = w["task_queue"]
                self.nodes[wid] = w.get("client") or "temporal"
        self.workers.update(workers or {})
        self.node = node
        self.name = name
        self.pid = make_pid("host", name, str(uuid.uuid4()))
        self.options: dict[str, Any] = {"trap_links": False}
        self.failure: LinkDownError | None = None
        self._failure_waiters: set[asyncio.Future[None]] = set()
        self._listeners: dict[str, tuple[Receiver, bool]] = {}
        self._inbox: Receiver | None = None
        self._backlog: deque[Message] = deque()
        self._events = Receiver(self)
        self._monitors: dict[str, asyncio.Task[None]] = {}
        self._links: dict[str, asyncio.Task[None]] = {}
        self._pollers: dict[str, asyncio.Task[None]] = {}
        self._collecting = False
        # workflows (-> first known run) to collect from once collecting
        self._known: dict[str, str | None] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._clients: dict[str, temporalio.client.Client] = {}
        self._closed = False
        _HOSTS[self.pid] = self

    # -- lifecycle ------------------------------------------------------------------------
    async def __aenter__(self) -> Host:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop collecting messages (releasing the pending long polls), monitors and links."""
        if self._closed:
            return
        self._closed = True
        _HOSTS.pop(self.pid, None)
        polled = list(self._pollers.items())
        tasks = [*self._pollers.values(), *self._monitors.values(), *self._links.values(),
                 *self._tasks]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

        async def release(wid: str) -> None:
            try:
                await asyncio.wait_for(self.client.get_workflow_handle(wid).execute_update(
                    "@outbox", args=[self.pid, 0, None, True]), 10)
            except Exception:  # noqa: BLE001 - the workflow may have closed meanwhile
                pass

        await asyncio.gather(*(release(wid) for wid, _ in polled), return_exceptions=True)
        for r, _ in self._listeners.values():
            r.close()
        if self._inbox is not None:
            self._inbox.close()
        self._events.close()

    def set_options(self, options: Mapping[str, Any] | None = None, **kw: Any) -> bool:
        """``trap_links=True``: a linked workflow that ends abnormally gives a LINK_DOWN
        event instead of failing the host."""
        self.options.update(options or {})
        self.options.update(kw)
        return True

    def _spawn_task(self, coro: Any) -> asyncio.Task[Any]:
        t = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)
        return t

    # -- PIDs -----------------------------------------------------------------------------
    def pid_for(self, workflow_id: str, worker: str) -> str:
        node = self.node or self.nodes.get(worker) or "temporal"
        return make_pid(node, worker, workflow_id)

    @staticmethod
    def _wid(pid: str) -> str:
        parsed = parse_pid(pid)
        if parsed is None:
            return pid  # a bare workflow ID
        if parsed[0] == "host" or (parsed[1] == "update" and not parsed[0]):
            raise ProcessError(f"not a workflow: {pid}", "Invalid", False)
        if not parsed[2]:
            raise ProcessError(f"process not found: {pid}", "NotFound", False)
        return parsed[2]

    def _client_for(self, namespace: Any) -> temporalio.client.Client:
        if not namespace or namespace == self.client.namespace:
            return self.client
        c = self._clients.get(namespace)
        if c is None:
            c = self._clients[namespace] = _host_client(self.client, namespace)
        return c

    # -- spawning -------------------------------------------------------------------------
    def with_options(self, options: Mapping[str, Any]) -> Spawner:
        return Spawner(self).with_options(options)

    def with_context(self, context: Mapping[str, Any]) -> Spawner:
        return Spawner(self).with_context(context)

    def with_name(self, name: str) -> Spawner:
        return Spawner(self).with_name(name)

    def with_message(self, topic: str, *values: Any) -> Spawner:
        return Spawner(self).with_message(topic, *values)

    async def spawn(self, workflow: str, worker: str, *args: Any) -> str:
        return await Spawner(self).spawn(workflow, worker, *args)

    async def spawn_monitored(self, workflow: str, worker: str, *args: Any) -> str:
        return await Spawner(self).spawn_monitored(workflow, worker, *args)

    async def spawn_linked(self, workflow: str, worker: str, *args: Any) -> str:
        return await Spawner(self).spawn_linked(workflow, worker, *args)

    async def exec(self, workflow: str, worker: str, *args: Any) -> Any:
        return await Spawner(self).exec(workflow, worker, *args)

    async def _start(self, sp: Spawner, workflow: str, worker: str, args: Sequence[Any]
                     ) -> tuple[str, temporalio.client.WorkflowHandle[Any, Any], Any]:
        if self._closed:
            raise ProcessError("host process is closed", "Invalid", False)
        opts = sp.options
        explicit = sp.name or (opts["id"] if isinstance(opts.get("id"), str) and opts["id"]
                               else None)
        try:
            policy = conflict_policy(opts, bool(explicit))
            kw = start_options(opts, child=False)
        except OptionError as e:
            raise ProcessError(str(e), "Invalid", False) from None
        wid = explicit or str(uuid.uuid4())
        tq = opts.get("task_queue")
        task_queue = tq if isinstance(tq, str) and tq else self.workers.get(worker, worker)
        client = self._client_for(opts.get("namespace"))
        messages = list(sp.messages)
        kw["id_conflict_policy"] = _CONFLICT[policy]
        with client_context(sp.context, sender=self.pid):
            token = _start_sender.set(self.pid)
            try:
                if messages and policy != "fail":
                    # the first start message goes with the start (signal-with-start); with
                    # use_existing a running workflow just gets it, the input is ignored
                    topic, values = messages.pop(0)
                    handle = await client.start_workflow(
                        workflow, args=list(args), id=wid, task_queue=task_queue,
                        start_signal=topic, start_signal_args=list(values), **kw)
                else:
                    # signal-with-start cannot fail on a running workflow: start, then signal
                    handle = await client.start_workflow(
                        workflow, args=list(args), id=wid, task_queue=task_queue, **kw)
            except temporalio.exceptions.WorkflowAlreadyStartedError:
                raise ProcessError(f"workflow already started: {wid}", "AlreadyExists",
                                   False) from None
            except temporalio.service.RPCError as e:
                raise _rpc_error(e, f"spawn {workflow}") from None
            finally:
                _start_sender.reset(token)
            # the other start messages, in order, before anything sent later
            for topic, values in messages:
                try:
                    await client.get_workflow_handle(wid).signal(topic, args=list(values))
                except temporalio.service.RPCError as e:
                    raise _rpc_error(e, f"start message {topic!r}") from None
        pid = self.pid_for(wid, worker)
        if client is self.client:
            self.collect(pid, run_id=handle.result_run_id or handle.first_execution_run_id)
        return pid, handle, client

    async def _result(self, handle: temporalio.client.WorkflowHandle[Any, Any]) -> ExitResult:
        try:
            return ExitResult(value=await handle.result())
        except (temporalio.client.WorkflowFailureError,
                temporalio.exceptions.FailureError) as e:
            return ExitResult(error=_failure_error(e))
        except temporalio.service.RPCError as e:
            return ExitResult(error=_rpc_error(e, "workflow result"))

    # -- messages -------------------------------------------------------------------------
    async def send(self, pid: str, topic: str, *values: Any) -> bool:
        """Send a message (a Temporal signal whose sender is this host's PID). To another host
        process of this Python process, it is delivered directly."""
        if not isinstance(topic, str) or topic.startswith("@"):
            raise ProcessError("topic may not start with '@'", "Invalid", False)
        if pid == self.pid:
            return True
        parsed = parse_pid(pid)
        if parsed is not None and parsed[0] == "host":
            other = _HOSTS.get(pid)
            if other is None:
                raise ProcessError(f"process not found: {pid}", "NotFound", False)
            other._deliver(Message(topic, tuple(values), self.pid))
            return True
        wid = self._wid(pid)
        with client_context(None, sender=self.pid):
            try:
                await self.client.get_workflow_handle(wid).signal(topic, args=list(values))
            except temporalio.service.RPCError as e:
                err = _rpc_error(e, f"send to {pid}")
                if err.kind == "NotFound":
                    err.message = f"process not found: {pid}"
                raise err from None
        self.collect(pid)
        return True

    async def request(self, pid: str, topic: str, *values: Any,
                      timeout: float | None = None) -> Any:
        """A Temporal Update: the workflow answers the message with ``ack`` and ``ok, value``
        (the result), or ``error`` / ``nak`` (raised as :class:`ProcessError`)."""
        if not isinstance(topic, str) or topic.startswith("@"):
            raise ProcessError("topic may not start with '@'", "Invalid", False)
        wid = self._wid(pid)
        handle = self.client.get_workflow_handle(wid)
        self.collect(pid)

        async def call() -> Any:
            with client_context(None, sender=self.pid):
                return await handle.execute_update(topic, args=list(values))

        try:
            if timeout is None:
                return await call()
            return await asyncio.wait_for(call(), timeout)
        except TimeoutError:
            raise ProcessError(f"request {topic!r} to {pid} timed out", "Timeout",
                               True) from None
        except temporalio.client.WorkflowUpdateFailedError as e:
            raise _failure_error(e) from None
        except temporalio.client.WorkflowUpdateRPCTimeoutOrCancelledError as e:
            raise ProcessError(str(e), "Timeout", True) from None
        except temporalio.service.RPCError as e:
            raise _rpc_error(e, f"request {topic!r} to {pid}") from None

    def listen(self, topic: str, *, message: bool = False) -> Receiver:
        """A channel of what workflows send to this host on ``topic``: payload values, or
        :class:`Message` objects with ``message=True``. Messages that arrived before are
        kept."""
        self._start_collecting()
        existing = self._listeners.get(topic)
        if existing is not None:
            return existing[0]
        r = Receiver(self)
        self._listeners[topic] = (r, message)
        keep: deque[Message] = deque()
        for m in self._backlog:
            if m.topic == topic:
                r._put(m if message else m.payload)
            else:
                keep.append(m)
        self._backlog = keep
        return r

    def unlisten(self, topic: str) -> bool:
        lst = self._listeners.pop(topic, None)
        if lst is not None:
            lst[0].close()
        return True

    def inbox(self) -> Receiver:
        """A channel of :class:`Message` for topics nobody listens to."""
        self._start_collecting()
        if self._inbox is None:
            self._inbox = Receiver(self)
            while self._backlog:
                self._inbox._put(self._backlog.popleft())
        return self._inbox

    def events(self) -> Receiver:
        """A channel of :class:`Event` (EXIT of monitored workflows, LINK_DOWN of linked
        ones)."""
        return self._events

    def _deliver(self, msg: Message) -> None:
        lst = self._listeners.get(msg.topic)
        if lst is not None:
            r, as_message = lst
            r._put(msg if as_message else msg.payload)
        elif self._inbox is not None:
            self._inbox._put(msg)
        else:
            self._backlog.append(msg)

    def collect(self, pid: str, run_id: str | None = None) -> None:
        """Collect what the workflow ``pid`` sends to this host (done automatically for the
        workflows this host spawned, monitored, linked, requested or sent to). Collecting
        starts with the first ``listen`` or ``inbox``: a host that never receives (an HTTP
        handler that only spawns) costs its workflows nothing."""
        if self._closed:
            return
        wid = self._wid(pid)
        if not self._collecting:
            if wid not in self._known or run_id is not None:
                self._known[wid] = run_id
            if len(self._known) > _MAX_KNOWN:
                del self._known[next(iter(self._known))]
            return
        t = self._pollers.get(wid)
        if t is None or t.done():
            self._pollers[wid] = asyncio.get_running_loop().create_task(
                self._poll(wid, run_id))

    def _start_collecting(self) -> None:
        if self._collecting:
            return
        self._collecting = True
        known, self._known = self._known, {}
        for wid, run_id in known.items():
            self.collect(wid, run_id)

    async def _poll(self, wid: str, run_id: str | None = None) -> None:
        """Long-poll the workflow's outbox (``@outbox`` update). When the run we read from
        closes or continues as new, what it (and every run between it and the current one)
        still holds is read with the ``@outbox`` query."""
        after = 0
        delay = 0.2
        while not self._closed:
            handle = self.client.get_workflow_handle(wid)
            try:
                r = await handle.execute_update("@outbox", args=[self.pid, after, run_id])
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - the run closed, or the workflow is gone
                try:
                    desc = await handle.describe()
                except Exception:  # noqa: BLE001
                    if run_id is not None:
                        await self._drain_runs(wid, run_id, after, None)
                    return
                running = desc.status == temporalio.client.WorkflowExecutionStatus.RUNNING
                if run_id is not None and run_id != desc.run_id:
                    # closed or continued as new: collect the rest, then go on with the
                    # current run
                    await self._drain_runs(wid, run_id, after, desc.run_id)
                    run_id, after = desc.run_id, 0
                    if not running:
                        await self._drain(wid, desc.run_id, 0)
                        return
                    continue
                if not running:
                    await self._drain(wid, desc.run_id, after if run_id else 0)
                    return
                if isinstance(e, temporalio.client.WorkflowUpdateFailedError):
                    return  # rejected: not a workflow with an outbox
                await asyncio.sleep(delay)  # transient: try again
                delay = min(delay * 2, 5.0)
                continue
            delay = 0.2
            if run_id is not None and r["run_id"] != run_id:
                await self._drain_runs(wid, run_id, after, r["run_id"])
                after = 0
            run_id = r["run_id"]
            after = self._take(r["messages"], after)

    def _take(self, messages: list[dict[str, Any]], after: int) -> int:
        for m in messages:
            if m["seq"] > after:
                self._deliver(Message(m["topic"], tuple(m.get("values") or ()), m["from"]))
                after = m["seq"]
        return after

    async def _drain_runs(self, wid: str, run_id: str, after: int,
                          until: str | None) -> None:
        """Read what closed runs hold, from ``run_id`` along the chain of runs (continue-as-
        new, retries, cron) up to ``until`` (excluded)."""
        seen = 0
        while run_id and run_id != until and seen < 100:
            seen += 1
            await self._drain(wid, run_id, after)
            after = 0
            run_id = await self._next_run(wid, run_id)

    async def _next_run(self, wid: str, run_id: str) -> str | None:
        h = self.client.get_workflow_handle(wid, run_id=run_id)
        try:
            async for e in h.fetch_history_events(
                    event_filter_type=temporalio.client.WorkflowHistoryEventFilterType
                    .CLOSE_EVENT):
                for attr in ("workflow_execution_continued_as_new_event_attributes",
                             "workflow_execution_failed_event_attributes",
                             "workflow_execution_timed_out_event_attributes",
                             "workflow_execution_completed_event_attributes"):
                    if e.HasField(attr):
                        return getattr(e, attr).new_execution_run_id or None
        except temporalio.service.RPCError:
            return None
        return None

    async def _drain(self, wid: str, run_id: str, after: int) -> int:
        for attempt in range(3):
            try:
                r = await self.client.get_workflow_handle(wid, run_id=run_id).query(
                    "@outbox", args=[self.pid, after, run_id])
            except asyncio.CancelledError:
                raise
            except temporalio.client.WorkflowQueryFailedError:
                return after  # not a workflow with an outbox
            except Exception:  # noqa: BLE001 - no worker answered (yet)
                await asyncio.sleep(0.5 * (attempt + 1))
                continue
            return self._take(r["messages"], after)
        return after

    # -- monitoring and links -------------------------------------------------------------
    async def _exists(self, wid: str) -> None:
        try:
            await self.client.get_workflow_handle(wid).describe()
        except temporalio.service.RPCError as e:
            err = _rpc_error(e, f"process {wid}")
            if err.kind == "NotFound":
                err.message = f"process not found: {wid}"
            raise err from None

    async def monitor(self, pid: str) -> bool:
        """An EXIT event when the workflow ends (follows continue-as-new)."""
        wid = self._wid(pid)
        await self._exists(wid)
        self._watch_monitor(pid, wid)
        return True

    def _watch_monitor(self, pid: str, wid: str,
                       client: temporalio.client.Client | None = None) -> None:
        old = self._monitors.pop(wid, None)
        if old is not None:
            old.cancel()
        self._monitors[wid] = asyncio.get_running_loop().create_task(
            self._monitor(pid, wid, client or self.client))
        if client is None or client is self.client:
            self.collect(pid)

    async def _monitor(self, pid: str, wid: str, client: temporalio.client.Client) -> None:
        res = await self._result(client.get_workflow_handle(wid))
        self._monitors.pop(wid, None)
        self._event(Event(EXIT, pid, _now(), res))

    def _event(self, event: Event) -> None:
        """Deliver a process event (a subclass may deliver elsewhere: a Lua host process)."""
        self._events._put(event)

    async def unmonitor(self, pid: str) -> bool:
        t = self._monitors.pop(self._wid(pid), None)
        if t is not None:
            t.cancel()
        return True

    async def link(self, pid: str) -> bool:
        """LINK_DOWN when the workflow ends abnormally (failed, canceled, terminated, timed
        out): an event with ``trap_links``, otherwise the host fails (:class:`LinkDownError`
        from every ``receive``)."""
        wid = self._wid(pid)
        await self._exists(wid)
        self._watch_link(pid, wid)
        return True

    def _watch_link(self, pid: str, wid: str,
                    client: temporalio.client.Client | None = None) -> None:
        old = self._links.pop(wid, None)
        if old is not None:
            old.cancel()
        self._links[wid] = asyncio.get_running_loop().create_task(
            self._link(pid, wid, client or self.client))
        if client is None or client is self.client:
            self.collect(pid)

    async def _link(self, pid: str, wid: str, client: temporalio.client.Client) -> None:
        res = await self._result(client.get_workflow_handle(wid))
        self._links.pop(wid, None)
        if res.error is None:
            return
        if self.options.get("trap_links"):
            self._event(Event(LINK_DOWN, pid, _now(), res))
            return
        self._link_failed(LinkDownError(f"linked process {pid} went down: "
                                        f"{res.error.message}", res.error.kind,
                                        res.error.retryable))

    def _link_failed(self, failure: LinkDownError) -> None:
        """A linked workflow went down and links are not trapped: this process fails."""
        self.failure = failure
        for w in list(self._failure_waiters):
            if not w.done():
                w.set_result(None)

    async def unlink(self, pid: str) -> bool:
        t = self._links.pop(self._wid(pid), None)
        if t is not None:
            t.cancel()
        return True

    # -- control --------------------------------------------------------------------------
    async def terminate(self, pid: str, reason: str | None = None) -> bool:
        """Terminate the workflow (monitors see an EXIT with a ``Canceled`` error)."""
        wid = self._wid(pid)
        try:
            await self.client.get_workflow_handle(wid).terminate(reason=reason)
        except temporalio.service.RPCError as e:
            raise _rpc_error(e, f"terminate {pid}") from None
        return True

    async def cancel(self, pid: str, deadline: Any = None) -> bool:
        """Request cancellation (the workflow gets a CANCEL event); with a ``deadline``
        (a duration string, milliseconds or a timedelta) it is terminated if still running
        then."""
        wid = self._wid(pid)
        handle = self.client.get_workflow_handle(wid)
        try:
            await handle.cancel()
        except temporalio.service.RPCError as e:
            raise _rpc_error(e, f"cancel {pid}") from None
        if deadline is not None:
            try:
                d = duration_ms(deadline, "deadline")
            except OptionError as e:
                raise ProcessError(str(e), "Invalid", False) from None
            assert d is not None
            self._spawn_task(self._terminate_after(handle, d))
        return True

    async def _terminate_after(self, handle: Any, d: timedelta) -> None:
        await asyncio.sleep(d.total_seconds())
        try:
            desc = await handle.describe()
            if desc.status == temporalio.client.WorkflowExecutionStatus.RUNNING:
                await handle.terminate(reason="cancellation deadline exceeded")
        except temporalio.service.RPCError:
            pass


class Spawner:
    """Immutable spawn settings: every ``with_*`` returns a new spawner."""

    __slots__ = ("context", "host", "messages", "name", "options")

    def __init__(self, host: Host, options: Mapping[str, Any] | None = None,
                 context: Mapping[str, Any] | None = None, name: str | None = None,
                 messages: tuple[tuple[str, tuple[Any, ...]], ...] = ()) -> None:
        self.host = host
        self.options: dict[str, Any] = dict(options or {})
        self.context: dict[str, Any] = dict(context or {})
        self.name = name
        self.messages = messages

    def _with(self, **kw: Any) -> Spawner:
        d: dict[str, Any] = {"options": self.options, "context": self.context,
                             "name": self.name, "messages": self.messages}
        d.update(kw)
        return Spawner(self.host, **d)

    def with_options(self, options: Mapping[str, Any]) -> Spawner:
        """Options of SEMANTICS.md section 3, with ``temporal.workflow.`` or ``workflow.``
        prefix (or none); durations as strings or milliseconds."""
        return self._with(options={**self.options, **strip_prefixes(options)})

    def with_context(self, context: Mapping[str, Any]) -> Spawner:
        return self._with(context={**self.context, **dict(context)})

    def with_name(self, name: str) -> Spawner:
        return self._with(name=name)

    def with_message(self, topic: str, *values: Any) -> Spawner:
        if topic.startswith("@"):
            raise ProcessError("topic may not start with '@'", "Invalid", False)
        return self._with(messages=self.messages + ((topic, tuple(values)),))

    async def spawn(self, workflow: str, worker: str, *args: Any) -> str:
        """Start ``workflow`` on the task queue of worker entry ``worker``; its PID. Raises
        :class:`ProcessError` (``AlreadyExists`` when the ID is taken and the conflict
        policy is ``fail``)."""
        pid, _, _ = await self.host._start(self, workflow, worker, args)
        return pid

    async def spawn_monitored(self, workflow: str, worker: str, *args: Any) -> str:
        pid, _, client = await self.host._start(self, workflow, worker, args)
        self.host._watch_monitor(pid, self.host._wid(pid), client)
        return pid

    async def spawn_linked(self, workflow: str, worker: str, *args: Any) -> str:
        pid, _, client = await self.host._start(self, workflow, worker, args)
        self.host._watch_link(pid, self.host._wid(pid), client)
        return pid

    async def exec(self, workflow: str, worker: str, *args: Any) -> Any:
        """Start and wait: the result, or raises the workflow's error as ProcessError."""
        _, handle, client = await self.host._start(self, workflow, worker, args)
        res = await self.host._result(client.get_workflow_handle(handle.id))
        if res.error is not None:
            raise res.error
        return res.value
