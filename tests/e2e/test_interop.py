"""A luac2py worker and a "Go" worker in one namespace (issue 19, docs/interop.md).

tests/e2e/go_side.py plays Go Wippy's worker on its own task queue with Go's encodings: the
SDK's default converter, Wippy's error chains and headers. Everything here runs on the dev
server, where workflows on different task queues signal each other reliably."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import temporalio.api.common.v1
import temporalio.client
import temporalio.worker

from luac2py_runtime import new_worker
from luac2py_runtime.temporal.converter import DATA_CONVERTER
from luac2py_runtime.temporal.interceptors import ContextInterceptor, decode_header
from tests.e2e import go_side
from tests.helpers import ROOT, build_package

SAMPLE = ROOT / "samples" / "interop"
WORKER = "app:worker"

# what a Go client puts on a start (propagator/security.go, newest version): the envelope as
# json/plain and its HMAC, which only the signer's key can remake
SECURITY = {
    "wippy-security": temporalio.api.common.v1.Payload(
        metadata={"encoding": b"json/plain"},
        data=b'{"actor":{"id":"user-7","meta":{"role":"ops"}},"audience":"app",'
             b'"policies":["app:ops"],"scope":true}'),
    "wippy-security-signature": temporalio.api.common.v1.Payload(data=bytes(range(32))),
}


class _SecurityOnStart(temporalio.client.Interceptor):
    def intercept_client(
        self, next: temporalio.client.OutboundInterceptor
    ) -> temporalio.client.OutboundInterceptor:
        class Outbound(temporalio.client.OutboundInterceptor):
            async def start_workflow(self, input: Any) -> Any:
                input.headers = {**input.headers, **SECURITY}
                return await super().start_workflow(input)

        return Outbound(next)


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("interop"))


def run(server: Any, pkg: Any, body: Any) -> Any:
    """Run ``body(client, go_queue)`` with the luac2py worker and the Go side's worker."""
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]
    go_queue = f"go-side-{uuid.uuid4().hex[:8]}"

    async def go() -> Any:
        service = server.client.service_client
        go_client = temporalio.client.Client(service, namespace=server.client.namespace)
        client = temporalio.client.Client(
            service, namespace=server.client.namespace, data_converter=DATA_CONVERTER,
            interceptors=[ContextInterceptor(), _SecurityOnStart()])
        async with new_worker(server.client, tq, pkg.workflows_for(WORKER)), \
                temporalio.worker.Worker(
                    go_client, task_queue=go_queue, workflows=go_side.WORKFLOWS,
                    activities=go_side.ACTIVITIES, interceptors=[go_side.HeaderRecorder()],
                    workflow_runner=temporalio.worker.UnsandboxedWorkflowRunner()):
            return await body(client, tq, go_queue)

    return server.run(go())


def test_security_headers_reach_everything_a_workflow_starts(dev_server, pkg):
    # propagator/security.go: Go carries wippy-security (and its signature) from a workflow's
    # start to its activities, children, signals and continue-as-new; they are forwarded byte
    # for byte (the signature covers the payload only)
    go_side.SEEN.clear()

    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_parent", {"go_queue": go_queue},
                                        id=f"sec-{uuid.uuid4()}", task_queue=tq)
        return await h.result(follow_runs=True)

    assert run(dev_server, pkg, body) == "second"
    seen = go_side.SEEN
    assert sorted(seen) == ["activity activity", "activity after upgrade", "signal ping",
                            "start go:child", "start go:waiter"]
    for label, headers in seen.items():
        for name, payload in SECURITY.items():
            assert name in headers, f"{label}: {name} missing"
            assert headers[name].SerializeToString() == payload.SerializeToString(), label
    # and the signal names its sender in wippy-context, as Go's signals do
    sender = decode_header(seen["signal ping"]).get("temporal.signal.from")
    assert sender is not None and sender.startswith("{temporal@app:worker|sec-"), sender
