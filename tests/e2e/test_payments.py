"""Lua functions as Temporal activities: samples/payments (Wippy's Temporal example grown into
an order) on the time-skipping server and the dev server, its Lua activities calling a real
payment service over HTTP on 127.0.0.1; cancellation and heartbeats of a Lua activity."""

from __future__ import annotations

import asyncio
import hashlib
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import temporalio.api.enums.v1 as enums

from luac2py_runtime import client_context
from luac2py_runtime.temporal.activity import ActivityConflict
from samples.payments import activities
from samples.payments.payment_service import PaymentService
from tests.helpers import ROOT, build_package, luac2py, write_project

SAMPLE = ROOT / "samples" / "payments"
WORKER = "app:worker"
EV = enums.EventType


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("payments"))


@pytest.fixture(scope="module")
def service() -> Iterator[PaymentService]:
    """The payment service; the workers (in this process) find it through the environment,
    as Wippy's example reads PAYMENTS_API_KEY."""
    saved = {k: os.environ.get(k) for k in ("PAYMENTS_URL", "PAYMENTS_API_KEY")}
    with PaymentService(api_key="sk-" + uuid.uuid4().hex[:8]) as svc:
        os.environ["PAYMENTS_URL"] = svc.url
        os.environ["PAYMENTS_API_KEY"] = svc.api_key
        try:
            yield svc
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def order(token: str = "tok_ok", address: str = "Seoul", **kw: Any) -> dict[str, Any]:
    return {"id": f"o-{uuid.uuid4().hex[:8]}", "total": 30, "payment_token": token,
            "shipping_address": address, **kw}


def run(server: Any, pkg: Any, order: dict[str, Any], histories: Any = None, name: str = "",
        ctx: dict[str, Any] | None = None) -> tuple[Any, list[tuple[str, int]]]:
    """Run one order with the package's worker (its Lua activities and the Python one); the
    result and the (activity type, attempt) of each activity the history shows started."""
    async def go() -> Any:
        client = server.client
        async with pkg.new_worker(client, WORKER, activities=[activities.notify_customer]):
            with client_context(ctx):
                handle = await client.start_workflow(
                    "app:order_workflow", order, id=f"pay-{uuid.uuid4()}",
                    task_queue=pkg.WORKER_ENTRIES[WORKER]["task_queue"])
            result = await handle.result()
        scheduled: dict[int, str] = {}
        started = []
        async for ev in handle.fetch_history_events():
            if ev.event_type == EV.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                scheduled[ev.event_id] = (
                    ev.activity_task_scheduled_event_attributes.activity_type.name)
            elif ev.event_type == EV.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                a = ev.activity_task_started_event_attributes
                started.append((scheduled[a.scheduled_event_id], a.attempt))
        if histories is not None:
            await histories.check(handle, pkg.workflows_for(None), "payments", name)
        return result, started

    return server.run(go())


def test_completed_order(ts_server, pkg, service, histories):
    before = len(service.requests)
    o = order()
    result, started = run(ts_server, pkg, o, histories, "completed", ctx={"request_id": "r-1"})
    digest = hashlib.sha256(f"{o['id']}|Seoul".encode()).hexdigest()
    assert result == {"status": "completed", "charge": result["charge"],
                      "tracking": "trk-" + digest[:12], "label": f"KR-11/{o['id']}/1d"}
    assert result["charge"].startswith("ch_")
    assert started == [("app:charge_payment", 1), ("app:ship_order", 1),
                       ("app:notify_customer", 1)]
    [charge] = service.requests[before:]
    assert charge["path"] == "/v1/charges"
    assert charge["json"] == {"amount": 30, "currency": "usd", "payment_token": "tok_ok"}
    assert charge["headers"]["Authorization"] == f"Bearer {service.api_key}"
    # ctx inside the Lua activity is the caller's: the workflow's request id
    assert charge["headers"]["Idempotency-Key"] == "r-1/v1/charges"
    assert {"order_id": o["id"], "tracking": result["tracking"]} in activities.NOTIFIED


def test_declined_payment_is_an_error_object(ts_server, pkg, service, histories):
    before = len(service.requests)
    result, started = run(ts_server, pkg, order("tok_declined"), histories, "declined")
    assert result == {"status": "payment_failed", "kind": "Invalid", "retryable": False,
                      "error": "payment request was rejected"}
    # not retryable: one attempt although the policy allows two
    assert started == [("app:charge_payment", 1)]
    assert service.paths()[before:] == ["/v1/charges"]


def test_runtime_error_is_retried_then_compensated(ts_server, pkg, service, histories):
    before = len(service.requests)
    result, started = run(ts_server, pkg, order(address="Atlantis"), histories, "refunded")
    assert result["status"] == "refunded" and result["kind"] == "Internal"
    assert result["error"] == "labels.lua:14: attempt to index local 'zone' (a nil value)"
    # the workflow's policy: two attempts of ship_order, then the refund of the charge
    assert started == [("app:charge_payment", 1), ("app:ship_order", 2),
                       ("app:refund_payment", 1)]
    assert service.paths()[before:] == ["/v1/charges", "/v1/refunds"]
    # the refund names the charge the service made (ids count the service's requests)
    assert service.requests[before + 1]["json"] == {"charge": f"ch_{before + 1}"}
    assert result["refund"] == f"re_{before + 2}"


def test_http_timeout_is_an_error_value(ts_server, pkg, service):
    before = len(service.requests)
    result, started = run(ts_server, pkg, order("tok_slow"))
    assert result["status"] == "payment_failed" and result["kind"] == "Internal"
    assert result["error"] == (f'Post "{service.url}/v1/charges": context deadline exceeded '
                               "(Client.Timeout exceeded while awaiting headers)")
    # a string error: retryable as the policy says (two attempts)
    assert "retryable" not in result
    assert started == [("app:charge_payment", 2)]
    assert service.paths()[before:] == ["/v1/charges"] * 2


def test_order_on_the_dev_server(dev_server, pkg, service):
    result, started = run(dev_server, pkg, order(address="Busan", settle="10ms"),
                          ctx={"request_id": "r-dev"})
    assert result["status"] == "completed" and result["label"].startswith("KR-26/")
    assert [t for t, _ in started] == ["app:charge_payment", "app:ship_order",
                                       "app:notify_customer"]


def test_a_python_activity_of_a_lua_type_is_an_error(pkg, tmp_path):
    from temporalio import activity

    @activity.defn(name="app:ship_order")
    async def ship_order(req: Any) -> Any:
        return req

    with pytest.raises(ActivityConflict) as e:
        pkg.new_worker(None, WORKER, activities=[ship_order])
    assert str(e.value) == (
        "activity type 'app:ship_order' is defined twice: by Lua function entry "
        "'app:ship_order' (shipping.lua) and by Python function "
        f"{__name__}.test_a_python_activity_of_a_lua_type_is_an_error.<locals>.ship_order")
    # the command line refuses to start, before connecting anywhere
    mod = tmp_path / "dup_acts.py"
    mod.write_text("from temporalio import activity\n\n"
                   "@activity.defn(name='app:charge_payment')\n"
                   "async def charge(x):\n    return x\n")
    r = luac2py("worker", str(SAMPLE), "--activities", "dup_acts", "--address", "127.0.0.1:1",
                "--build-dir", str(tmp_path / "build"), cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert ("error: activity type 'app:charge_payment' is defined twice: by Lua function entry "
            "'app:charge_payment' (payment.lua) and by Python function dup_acts.charge"
            ) in r.stderr
    assert "Traceback" not in r.stderr


# -- cancellation and heartbeats -----------------------------------------------------------

SLEEPER = """local time = require("time")
return function(how)
    if how == "sleep" then
        time.sleep("1h")
    elseif how == "channel" then
        time.after("1h"):receive()
    else
        time.sleep("1500ms")  -- three heartbeat timeouts: heartbeats keep it alive
    end
    return how
end
"""

CANCELLER = """local funcs = require("funcs")
local time = require("time")
return function()
    local ex = funcs.new():with_options({["activity.heartbeat_timeout"] = "500ms",
                                         ["activity.retry_policy"] = {maximum_attempts = 1}})
    local a = ex:async("app:sleeper", "sleep")
    local b = ex:async("app:sleeper", "channel")
    local short, err = ex:call("app:sleeper", "short")
    a:cancel()
    b:cancel()
    local _, aerr = a:result()
    -- open until told: the activities' acknowledgements of the cancellation are recorded
    process.listen("done"):receive()
    return {short = short, short_error = err and err:message(), a = aerr and aerr:kind()}
end
"""


def test_cancellation_reaches_the_lua_code(dev_server, tmp_path):
    root = write_project(tmp_path, {
        "sleeper.lua": SLEEPER, "canceller.lua": CANCELLER,
        "_index.yaml": """version: "1.0"
namespace: app
entries:
  - {name: worker, kind: temporal.worker, task_queue: cancel-q}
  - name: canceller
    kind: workflow.lua
    source: file://canceller.lua
    modules: [funcs, time]
    meta: {temporal: {workflow: {worker: worker}}}
  - name: sleeper
    kind: function.lua
    source: file://sleeper.lua
    modules: [time]
    meta: {temporal: {activity: {worker: worker}}}
"""})
    p = build_package(root, tmp_path)

    async def go() -> Any:
        client = dev_server.client
        async with p.new_worker(client, WORKER):
            handle = await client.start_workflow("app:canceller", id=f"c-{uuid.uuid4()}",
                                                 task_queue="cancel-q")
            while True:  # until both activities have told Temporal they were cancelled
                kinds = [ev.event_type async for ev in handle.fetch_history_events()]
                if kinds.count(EV.EVENT_TYPE_ACTIVITY_TASK_CANCELED) >= 2:
                    break
                assert EV.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED not in kinds, kinds
                await asyncio.sleep(0.05)
            await handle.signal("done")
            result = await handle.result()
        kinds = [ev.event_type async for ev in handle.fetch_history_events()]
        return result, kinds

    result, kinds = dev_server.run(go())
    assert result == {"short": "short", "a": "Canceled"}
    # both waits (a sleep, a channel receive) ended when the cancellation reached them, and
    # the activities told Temporal so
    assert kinds.count(EV.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED) == 2
    assert kinds.count(EV.EVENT_TYPE_ACTIVITY_TASK_CANCELED) == 2
    assert EV.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT not in kinds


def test_luac2py_worker_serves_lua_activities(dev_server, service, tmp_path):
    from tests.e2e.test_multi import _Worker

    address = dev_server.client.service_client.config.target_host
    env = {**os.environ, "LUAC2PY_CACHE_DIR": str(tmp_path / "cache")}
    worker = _Worker([str(SAMPLE), "--address", address,
                      "--activities", "samples.payments.activities"], env)
    try:
        worker.wait_ready()
        log = "".join(worker.lines)
        assert ("serving 1 workflow(s) [app:order_workflow] and 3 Lua activit(y/ies) "
                "[app:charge_payment, app:refund_payment, app:ship_order] on task queue "
                "'app-payments' (app:worker)") in log
        assert "1 Python activit(y/ies) registered" in log

        async def go() -> Any:
            return await dev_server.client.execute_workflow(
                "app:order_workflow", order(settle="10ms"), id=f"pay-{uuid.uuid4()}",
                task_queue="app-payments")

        result = dev_server.run(go())
        assert result["status"] == "completed"
    finally:
        assert worker.stop() == 0
