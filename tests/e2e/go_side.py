"""The Go side of tests/e2e/test_interop.py: a plain temporalio worker on its own task queue
playing a Go Wippy worker, with Go's encodings (the SDK's default JSON payloads, Wippy's error
chains, Wippy's headers), and recording the headers everything it runs was started with."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from typing import Any

import temporalio.activity
import temporalio.api.common.v1
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


WORKFLOWS = [GoChild, GoWaiter]
ACTIVITIES = [record]


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
