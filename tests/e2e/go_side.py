"""The Go side of tests/e2e/test_interop.py: a plain temporalio worker on its own task queue
playing a Go Wippy worker, with Go's encodings (the SDK's default JSON payloads, Wippy's error
chains, Wippy's headers), and recording the headers everything it runs was started with."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import temporalio.activity
import temporalio.api.common.v1
import temporalio.common
import temporalio.exceptions
import temporalio.worker
import temporalio.workflow

Headers = Mapping[str, temporalio.api.common.v1.Payload]

# label -> the header fields the Go side received (activities, child starts, signals)
SEEN: dict[str, dict[str, temporalio.api.common.v1.Payload]] = {}

_activity_headers: contextvars.ContextVar[Headers] = contextvars.ContextVar("go_headers")


@temporalio.activity.defn(name="go:record")
async def record(label: str) -> str:
    SEEN[f"activity {label}"] = dict(_activity_headers.get())
    return label


@temporalio.activity.defn(name="go:keep")
async def keep(value: temporalio.common.RawValue) -> str:
    """Keeps the bytes of the payload it was called with (SEEN["payload"])."""
    SEEN["payload"] = {"data": value.payload}
    return "kept"


# What Go's ToApplicationError writes for errors.wrap(errors.new{kind = NOT_FOUND, ...}, ...):
# the outermost message, its kind as the type, and the chain of every layer as the one detail.
CHAIN = {"errors": [
    {"msg": "order lookup failed", "kind": "NotFound", "retry": False,
     "details": {"target": "orders:42"}},
    {"msg": "no row", "details": {"table": "orders"}},
]}


@temporalio.activity.defn(name="go:fail_chain")
async def fail_chain() -> None:
    raise temporalio.exceptions.ApplicationError(
        "order lookup failed", CHAIN, type="NotFound", non_retryable=True)


@temporalio.activity.defn(name="go:fail_plain")
async def fail_plain() -> None:
    # an error type Wippy does not know (a Go SDK error): kind Unknown
    raise temporalio.exceptions.ApplicationError("boom", type="PanicError")


@temporalio.activity.defn(name="go:slow")
async def slow() -> None:
    await asyncio.sleep(30)  # cancelled when the caller's start-to-close timeout passes


@temporalio.workflow.defn(name="go:call_python", sandboxed=False)
class GoCallsPython:
    """A Go workflow calling a Python activity of the luac2py worker that raises a plain
    exception: what arrives is what Go's FromTemporalError reads."""

    @temporalio.workflow.run
    async def run(self, queue: str) -> dict[str, Any]:
        try:
            await temporalio.workflow.execute_activity(
                "py:crash", task_queue=queue, start_to_close_timeout=timedelta(seconds=10),
                retry_policy=temporalio.common.RetryPolicy(maximum_attempts=1))
        except temporalio.exceptions.ActivityError as e:
            c = e.cause
            assert isinstance(c, temporalio.exceptions.ApplicationError)
            return {"type": c.type, "message": c.message, "non_retryable": c.non_retryable,
                    "details": list(c.details)}
        return {}


@temporalio.workflow.defn(name="go:child", sandboxed=False)
class GoChild:
    @temporalio.workflow.run
    async def run(self, label: str) -> str:
        return label


@temporalio.workflow.defn(name="go:waiter", sandboxed=False)
class GoWaiter:
    def __init__(self) -> None:
        self.got: str | None = None

    @temporalio.workflow.signal(name="ping")
    def ping(self, value: str) -> None:
        self.got = value

    @temporalio.workflow.run
    async def run(self) -> str:
        await temporalio.workflow.wait_condition(lambda: self.got is not None)
        return self.got or ""


WORKFLOWS = [GoChild, GoWaiter, GoCallsPython]
ACTIVITIES = [record, keep, fail_chain, fail_plain, slow]


class _ActivityInbound(temporalio.worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: temporalio.worker.ExecuteActivityInput) -> Any:
        token = _activity_headers.set(input.headers)
        try:
            return await super().execute_activity(input)
        finally:
            _activity_headers.reset(token)


class _WorkflowInbound(temporalio.worker.WorkflowInboundInterceptor):
    async def execute_workflow(self, input: temporalio.worker.ExecuteWorkflowInput) -> Any:
        SEEN[f"start {temporalio.workflow.info().workflow_type}"] = dict(input.headers)
        return await super().execute_workflow(input)

    async def handle_signal(self, input: temporalio.worker.HandleSignalInput) -> None:
        SEEN[f"signal {input.signal}"] = dict(input.headers)
        await super().handle_signal(input)


class HeaderRecorder(temporalio.worker.Interceptor):
    def intercept_activity(
        self, next: temporalio.worker.ActivityInboundInterceptor
    ) -> temporalio.worker.ActivityInboundInterceptor:
        return _ActivityInbound(next)

    def workflow_interceptor_class(
        self, input: temporalio.worker.WorkflowInterceptorClassInput
    ) -> type[temporalio.worker.WorkflowInboundInterceptor]:
        return _WorkflowInbound
