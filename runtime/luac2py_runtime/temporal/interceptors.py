"""The ``wippy-context`` header (SEMANTICS.md section 4).

One Temporal header, ``wippy-context``, holds a JSON object: the ``ctx`` values given by the
spawner's ``with_context``, plus ``temporal.signal.from`` (the sender's PID) on signals. It is
attached to workflow starts and signals by clients, read by workflows, and passed on by
workflows to their activities, children, signals and continue-as-new. Python activities read it
with ``luac2py_runtime.activity_context()``. Wippy's security headers (``wippy-security`` and
its signature) are forwarded the same way, unchanged.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Any, NoReturn

import temporalio.activity
import temporalio.api.common.v1
import temporalio.client
import temporalio.exceptions
import temporalio.worker
import temporalio.workflow

HEADER = "wippy-context"
SENDER_KEY = "temporal.signal.from"
# Wippy's security headers (actor, policies; propagator/security.go): forwarded byte for byte
# from a workflow's start to everything it starts or signals. The newest Go signs the first
# with an HMAC (the second) over the payload alone, so an unchanged copy stays valid and this
# side never needs the key.
SECURITY_HEADERS = ("wippy-security", "wippy-security-signature")

# client side: the context (and sender) to attach to the next starts/signals
_client_ctx: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "luac2py_client_ctx", default=None
)
# activity side: the context of the running activity
_activity_ctx: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "luac2py_activity_ctx", default=None
)


def encode_header(values: Mapping[str, Any]) -> temporalio.api.common.v1.Payload:
    from .converter import DATA_CONVERTER

    [p] = DATA_CONVERTER.payload_converter.to_payloads([dict(values)])
    return p


def decode_header(headers: Mapping[str, temporalio.api.common.v1.Payload]) -> dict[str, Any]:
    p = headers.get(HEADER)
    if p is None:
        return {}
    from .converter import DATA_CONVERTER

    try:
        [v] = DATA_CONVERTER.payload_converter.from_payloads([p], None)
    except Exception:  # noqa: BLE001 - a malformed header from a foreign client is ignored
        return {}
    return v if isinstance(v, dict) else {}


def _with(headers: Mapping[str, temporalio.api.common.v1.Payload],
          values: Mapping[str, Any] | None,
          forward: Mapping[str, temporalio.api.common.v1.Payload] | None = None,
          ) -> Mapping[str, temporalio.api.common.v1.Payload]:
    """``headers`` plus the context ``values`` (encoded) and the ``forward``ed header fields
    (as they came)."""
    if not values and not forward:
        return headers
    merged: MutableMapping[str, temporalio.api.common.v1.Payload] = dict(headers)
    if forward:
        merged.update(forward)
    if values:
        merged[HEADER] = encode_header(values)
    return merged


@contextmanager
def client_context(values: Mapping[str, Any] | None = None,
                   sender: str | None = None) -> Iterator[None]:
    """Attach ``values`` (and a sender PID for signals) to client calls made inside."""
    v = dict(values or {})
    if sender is not None:
        v[SENDER_KEY] = sender
    token = _client_ctx.set(v)
    try:
        yield
    finally:
        _client_ctx.reset(token)


def activity_context() -> dict[str, Any]:
    """The ``ctx`` values of the running activity (an empty dict outside one)."""
    v = _activity_ctx.get()
    return dict(v) if v else {}


# -- client ------------------------------------------------------------------------------


class _ClientOutbound(temporalio.client.OutboundInterceptor):
    async def start_workflow(self, input: Any) -> Any:
        input.headers = _with(input.headers, _ctx_without_sender())
        return await super().start_workflow(input)

    async def signal_workflow(self, input: Any) -> None:
        input.headers = _with(input.headers, _client_ctx.get())
        await super().signal_workflow(input)

    async def start_workflow_update(self, input: Any) -> Any:
        input.headers = _with(input.headers, _client_ctx.get())
        return await super().start_workflow_update(input)


def _ctx_without_sender() -> dict[str, Any] | None:
    v = _client_ctx.get()
    if not v:
        return None
    return {k: x for k, x in v.items() if k != SENDER_KEY}


# -- worker: workflows -------------------------------------------------------------------


def _instance_ctx() -> dict[str, Any]:
    inst = temporalio.workflow.instance()
    return getattr(inst, "_lua_context", None) or {}


def _security() -> Mapping[str, temporalio.api.common.v1.Payload] | None:
    return getattr(temporalio.workflow.instance(), "_lua_security", None)


class _WorkflowInbound(temporalio.worker.WorkflowInboundInterceptor):
    def init(self, outbound: temporalio.worker.WorkflowOutboundInterceptor) -> None:
        super().init(_WorkflowOutbound(outbound))

    def execute_workflow(  # type: ignore[override]
        self, input: temporalio.worker.ExecuteWorkflowInput
    ) -> Awaitable[Any]:
        ctx = decode_header(input.headers)
        ctx.pop(SENDER_KEY, None)
        inst = temporalio.workflow.instance()
        inst._lua_context = ctx or None  # type: ignore[attr-defined]
        security = {k: input.headers[k] for k in SECURITY_HEADERS if k in input.headers}
        inst._lua_security = security or None  # type: ignore[attr-defined]
        # not a coroutine of its own, and past the base class's (``return await
        # self.next...``): two coroutine frames less held for as long as the run is open
        return self.next.execute_workflow(input)

    async def handle_signal(self, input: temporalio.worker.HandleSignalInput) -> None:
        sender = decode_header(input.headers).get(SENDER_KEY)
        # the dynamic signal handler reads the sender before its first await
        temporalio.workflow.instance()._lua_signal_sender = sender  # type: ignore[attr-defined]
        await super().handle_signal(input)

    async def handle_update_handler(self, input: temporalio.worker.HandleUpdateInput) -> Any:
        temporalio.workflow.instance()._lua_update_id = input.id  # type: ignore[attr-defined]
        return await super().handle_update_handler(input)


class _WorkflowOutbound(temporalio.worker.WorkflowOutboundInterceptor):
    def start_activity(self, input: temporalio.worker.StartActivityInput) -> Any:
        extra = getattr(temporalio.workflow.instance(), "_lua_activity_ctx", None) or {}
        input.headers = _with(input.headers, {**_instance_ctx(), **extra}, _security())
        return super().start_activity(input)

    async def start_child_workflow(self, input: temporalio.worker.StartChildWorkflowInput) -> Any:
        extra = getattr(temporalio.workflow.instance(), "_lua_child_ctx", None) or {}
        input.headers = _with(input.headers, {**_instance_ctx(), **extra}, _security())
        return await super().start_child_workflow(input)

    async def signal_external_workflow(
        self, input: temporalio.worker.SignalExternalWorkflowInput
    ) -> None:
        input.headers = _with(input.headers, {**_instance_ctx(), **_sender()}, _security())
        await super().signal_external_workflow(input)

    async def signal_child_workflow(self, input: temporalio.worker.SignalChildWorkflowInput) -> None:
        input.headers = _with(input.headers, {**_instance_ctx(), **_sender()}, _security())
        await super().signal_child_workflow(input)

    def continue_as_new(self, input: temporalio.worker.ContinueAsNewInput) -> NoReturn:
        input.headers = _with(input.headers, _instance_ctx(), _security())
        super().continue_as_new(input)


def _sender() -> dict[str, Any]:
    # a compiled workflow always names itself as the sender (the receiver replies to it);
    # other workflows sharing the interceptor send none
    own_pid = getattr(temporalio.workflow.instance(), "_lua_own_pid", None)
    return {SENDER_KEY: own_pid()} if own_pid is not None else {}


# -- worker: activities ------------------------------------------------------------------


class _ActivityInbound(temporalio.worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: temporalio.worker.ExecuteActivityInput) -> Any:
        token = _activity_ctx.set(decode_header(input.headers))
        try:
            return await super().execute_activity(input)
        except (temporalio.exceptions.FailureError, asyncio.CancelledError):
            raise
        except Exception as e:  # a plain Python exception: Internal, also for Go callers
            from .failures import internal_application_error

            raise internal_application_error(e) from e
        finally:
            _activity_ctx.reset(token)


class ContextInterceptor(temporalio.client.Interceptor, temporalio.worker.Interceptor):
    """Client and worker interceptor carrying the ``wippy-context`` header."""

    def intercept_client(
        self, next: temporalio.client.OutboundInterceptor
    ) -> temporalio.client.OutboundInterceptor:
        return _ClientOutbound(next)

    def intercept_activity(
        self, next: temporalio.worker.ActivityInboundInterceptor
    ) -> temporalio.worker.ActivityInboundInterceptor:
        return _ActivityInbound(next)

    def workflow_interceptor_class(
        self, input: temporalio.worker.WorkflowInterceptorClassInput
    ) -> type[temporalio.worker.WorkflowInboundInterceptor] | None:
        return _WorkflowInbound
