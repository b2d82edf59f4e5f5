"""A luac2py worker and a "Go" worker in one namespace (issue 19, docs/interop.md).

tests/e2e/go_side.py plays Go Wippy's worker on its own task queue with Go's encodings: the
SDK's default converter, Wippy's error chains and headers. Everything here runs on the dev
server, where workflows on different task queues signal each other reliably."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import temporalio.activity
import temporalio.api.common.v1
import temporalio.client
import temporalio.exceptions
import temporalio.worker

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


@temporalio.activity.defn(name="py:crash")
async def crash() -> None:
    """A Python activity of the luac2py worker failing with a plain exception."""
    raise ValueError("bad input")


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
        async with pkg.new_worker(server.client, WORKER, [crash]), \
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


def test_failures_from_the_go_side(dev_server, pkg):
    # service/temporal/errors/convert.go FromTemporalError: a chain keeps every layer (the
    # message Lua sees joins them, kind/retryable/details are the outermost layer's that has
    # them), the activity wrapper adds _wrapper, _activity_id, _retry_state to the details; an
    # unknown type is kind Unknown (""); a timeout is not retryable and names its type. A type
    # no worker registers is NotFound (SEMANTICS.md section 4; Go reads it as Unknown).
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_errors", {"go_queue": go_queue},
                                        id=f"errs-{uuid.uuid4()}", task_queue=tq)
        return await h.result()

    r = run(dev_server, pkg, body)
    chain = r["go:fail_chain"]
    wrapper = chain["details"]
    assert chain == {"kind": "NotFound", "message": "order lookup failed: no row",
                     "retryable": False,
                     "details": {"target": "orders:42", "_wrapper": "activity",
                                 "_activity_id": wrapper["_activity_id"],
                                 "_retry_state": "NonRetryableFailure"}}
    assert wrapper["_activity_id"]
    plain = r["go:fail_plain"]
    assert {k: plain[k] for k in ("kind", "message", "retryable")} == {
        "kind": "", "message": "boom", "retryable": True}
    assert plain["details"]["_retry_state"] == "MaximumAttemptsReached"
    slow = r["go:slow"]
    assert (slow["kind"], slow["retryable"]) == ("Timeout", False)
    assert slow["details"]["timeout_type"] == "start_to_close"
    missing = r["go:missing"]
    assert (missing["kind"], missing["retryable"]) == ("NotFound", True)


def test_a_relayed_error_keeps_its_chain(dev_server, pkg):
    # a workflow that fails with the error a Go activity gave it puts the same chain back on
    # the wire (convert.go ToApplicationError): one entry per layer, outermost first
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_relay", {"go_queue": go_queue},
                                        id=f"relay-{uuid.uuid4()}", task_queue=tq)
        with pytest.raises(temporalio.client.WorkflowFailureError) as e:
            await h.result()
        return e.value.cause

    cause = run(dev_server, pkg, body)
    assert isinstance(cause, temporalio.exceptions.ApplicationError)
    assert (cause.type, cause.message, cause.non_retryable) == (
        "NotFound", "order lookup failed", True)
    [chain] = cause.details
    outer, inner = chain["errors"]
    assert inner == go_side.CHAIN["errors"][1]
    assert {k: outer[k] for k in ("msg", "kind", "retry")} == {
        "msg": "order lookup failed", "kind": "NotFound", "retry": False}
    assert outer["details"]["target"] == "orders:42"


def test_a_python_exception_reaches_go_as_internal(dev_server, pkg):
    # SEMANTICS.md section 4: a plain exception in a Python activity is kind Internal, for Go
    # callers too: type Internal and a chain entry of kind Internal, retryability Temporal's
    async def go_body(client, tq, go_queue):
        go_client = temporalio.client.Client(client.service_client, namespace=client.namespace)
        h = await go_client.start_workflow("go:call_python", tq, id=f"gopy-{uuid.uuid4()}",
                                           task_queue=go_queue)
        return await h.result()

    r = run(dev_server, pkg, go_body)
    assert r == {"type": "Internal", "message": "bad input", "non_retryable": False,
                 "details": [{"errors": [{"msg": "bad input", "kind": "Internal"}]}]}


def test_options_as_go_reads_them(dev_server, pkg):
    # funcs/module.go executorWithOptions + options.ApplyActivityOptions, process/context.go
    # parseSpawnerOptions
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_options", {"go_queue": go_queue},
                                        id=f"opts-{uuid.uuid4()}", task_queue=tq)
        result = await h.result()
        first = next(e.activity_task_scheduled_event_attributes
                     for e in (await h.fetch_history()).events
                     if e.HasField("activity_task_scheduled_event_attributes"))
        return result, first

    go_side.SEEN.clear()
    r, first = run(dev_server, pkg, body)
    # Go's default start-to-close (10 minutes) stays beside a schedule-to-close timeout
    assert (first.schedule_to_close_timeout.ToSeconds(),
            first.start_to_close_timeout.ToSeconds()) == (3600, 600)
    assert r["ignored"] == "options" and "activity options" in go_side.SEEN
    assert r["bad_value"].startswith("invalid temporal activity options for go:record: ")
    assert "soon" in r["bad_value"]
    assert r["replaced_kind"] == "NotFound"
    assert r["spawner_ok"] is False
    assert r["spawner_err"].endswith(
        "bad argument #1 to 'with_options' (options keys must be strings)")


def test_update_protocol_as_go_runs_it(dev_server, pkg):
    # service/temporal/workflow/update_manager.go: replies out of order are error values to
    # Lua; "nak" fails the update with the reason (Go rejects it; the Python SDK has accepted it
    # by then, docs/interop.md); an update name the workflow reserves is rejected before the
    # Lua code runs, so it leaves no trace in the history
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_updates", id=f"upd-{uuid.uuid4()}",
                                        task_queue=tq)
        early = await h.execute_update("early")
        with pytest.raises(temporalio.client.WorkflowUpdateFailedError) as refused:
            await h.execute_update("refuse")
        with pytest.raises(temporalio.client.WorkflowUpdateFailedError) as reserved:
            await h.execute_update("@reserved")
        await h.signal("stop")
        log = await h.result()
        accepted = [e for e in (await h.fetch_history()).events
                    if e.HasField("workflow_execution_update_accepted_event_attributes")]
        return early, refused.value.cause, reserved.value.cause, log, len(accepted)

    early, refused, reserved, log, accepted = run(dev_server, pkg, body)
    assert early == ["update not accepted (state: pending)", "update already accepted",
                     "update already accepted",
                     "unknown update response: maybe (expected ack/nak/ok/error)"]
    assert log[:4] == early and log[4].startswith("unknown update: ")
    assert (refused.type, refused.message) == ("errorString", "not now")
    assert reserved.message == "unknown internal update @reserved"
    assert accepted == 2


def test_a_function_entrys_meta_options_apply_to_every_call(dev_server, pkg):
    # component/function/lifecycle.go registers meta.options per function; handler_workflow.go
    # merges the executor's options over them
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_meta_options", id=f"meta-{uuid.uuid4()}",
                                        task_queue=tq)
        result = await h.result()
        scheduled = [e.activity_task_scheduled_event_attributes
                     for e in (await h.fetch_history()).events
                     if e.HasField("activity_task_scheduled_event_attributes")]
        attempts = [e.activity_task_started_event_attributes.attempt
                    for e in (await h.fetch_history()).events
                    if e.HasField("activity_task_started_event_attributes")]
        return result, scheduled, attempts

    r, scheduled, attempts = run(dev_server, pkg, body)
    assert r == {"plain": "MaximumAttemptsReached", "plain_kind": "Internal",
                 "once": "MaximumAttemptsReached", "s2c": "MaximumAttemptsReached"}
    plain, once, s2c = scheduled
    assert plain.retry_policy.maximum_attempts == 2
    assert plain.start_to_close_timeout.ToSeconds() == 5
    assert once.retry_policy.maximum_attempts == 1
    assert once.start_to_close_timeout.ToSeconds() == 5  # still the entry's
    assert s2c.schedule_to_close_timeout.ToSeconds() == 20
    assert s2c.retry_policy.maximum_attempts == 2
    assert attempts == [2, 1, 2]


def test_payloads_as_go_encodes_them(dev_server, pkg):
    # runtime/lua/modules/json/json.go (and engine/payload/export.go): a function is null in
    # its place, an error object its message, boolean and non-integral or non-positive number
    # keys are object keys; keys sorted bytewise
    async def body(client, tq, go_queue):
        h = await client.start_workflow("app:interop_payloads", {"go_queue": go_queue},
                                        id=f"pl-{uuid.uuid4()}", task_queue=tq)
        return await h.result()

    go_side.SEEN.clear()
    assert run(dev_server, pkg, body) == "kept"
    payload = go_side.SEEN["payload"]["data"]
    assert payload.metadata["encoding"] == b"json/plain"
    assert payload.data == (b'{"-1":"minus one","1.5":"half","err":"card declined",'
                            b'"items":[1,null,3],"n":0.5,"true":"yes"}')
