"""The seed's order workflow, compiled by luac2py, on the time-skipping server."""

from __future__ import annotations

import uuid
from pathlib import Path

import temporalio.api.enums.v1 as enums

from luac2py_runtime import new_worker
from samples.order import activities
from tests.helpers import ROOT, build_package, luac2py

ORDER = ROOT / "samples" / "order"
ACTS = [activities.charge_payment, activities.ship_order, activities.refund_payment]


def _run_order(ts_server, tmp_path: Path, order: dict, histories=None,
               name: str = "") -> tuple[dict, list[str]]:
    pkg = build_package(ORDER, tmp_path)
    task_queue = pkg.WORKER_ENTRIES["app:worker"]["task_queue"]

    async def go() -> tuple[dict, list[str]]:
        client = ts_server.client
        async with new_worker(client, task_queue, pkg.workflows_for("app:worker"), ACTS):
            handle = await client.start_workflow(
                "app:order_workflow", order, id=f"order-{uuid.uuid4()}", task_queue=task_queue
            )
            result = await handle.result()
            types = []
            async for ev in handle.fetch_history_events():
                if ev.event_type == enums.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                    types.append(ev.activity_task_scheduled_event_attributes.activity_type.name)
                if ev.event_type == enums.EventType.EVENT_TYPE_TIMER_STARTED:
                    secs = ev.timer_started_event_attributes.start_to_fire_timeout.seconds
                    types.append(f"timer:{secs}")
            if histories is not None:
                await histories.check(handle, pkg.workflows_for(None), "order", name)
            return result, types

    return ts_server.run(go())


def test_order_completes(ts_server, tmp_path, histories):
    order = {"id": "o1", "total": 30, "customer_id": "c1", "shipping_address": "Seoul"}
    result, events = _run_order(ts_server, tmp_path, order, histories, "completed")
    assert result == {"status": "completed", "payment_id": "pay-c1-30", "tracking": "trk-o1"}
    # the one-hour durable timer sits between the two activities
    assert events == ["app:charge_payment", "timer:3600", "app:ship_order"]


def test_order_shipping_failure_refunds(ts_server, tmp_path, histories):
    before = len(activities.REFUNDS)
    order = {"id": "o2", "total": 12, "customer_id": "c9", "shipping_address": "fail"}
    result, events = _run_order(ts_server, tmp_path, order, histories, "refunded")
    assert result == {"status": "failed", "error": "address cannot be shipped to"}
    assert events == ["app:charge_payment", "timer:3600", "app:ship_order",
                      "app:refund_payment"]
    assert activities.REFUNDS[before:] == ["pay-c9-12"]


def test_cli_run_prints_completed_order():
    r = luac2py(
        "run", "samples/order", "--workflow", "app:order_workflow",
        "--input", '{"id":"o1","total":30,"customer_id":"c1","shipping_address":"Seoul"}',
        "--activities", "samples.order.activities", "--time-skipping",
    )
    assert r.returncode == 0, r.stderr
    import json

    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["status"] == "completed"
    assert out["payment_id"] == "pay-c1-30" and out["tracking"] == "trk-o1"
    # the embedded server says what it is; the time-skipping one has no web UI
    assert "time-skipping test server at 127.0.0.1:" in r.stderr
    assert "web UI" not in r.stderr


def test_cli_run_failed_workflow_exits_1(tmp_path):
    (tmp_path / "boom.lua").write_text(
        'local function main(x)\n  return nil, "bad input: " .. tostring(x)\nend\n'
        "return main\n"
    )
    r = luac2py("run", str(tmp_path / "boom.lua"), "--workflow", "app:boom", "--input", "7",
                "--time-skipping")
    assert r.returncode == 1
    assert "error: Internal: bad input: 7" in r.stderr
    assert "Traceback" not in r.stderr
