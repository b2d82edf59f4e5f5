"""Processes inside workflows (samples/processes): children as processes, EXIT events, error
propagation, cancellation, start messages, ID conflict policies, context and continue-as-new."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from luac2py_runtime import new_worker

from samples.processes import activities
from tests.helpers import ROOT, build_package

SAMPLE = ROOT / "samples" / "processes"
WORKER = "app:worker"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("processes"))


def run(server: Any, pkg: Any, body: Any, histories: Any = None,
        names: list[str] | None = None) -> Any:
    """Run ``body(client, task_queue, record)`` with a worker; ``record(name, handle)`` marks a
    handle whose history is replayed (and saved with --update-histories)."""
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]
    recorded: list[tuple[str, Any]] = []

    def record(name: str, handle: Any) -> Any:
        recorded.append((name, handle))
        return handle

    async def go() -> Any:
        async with new_worker(server.client, tq, pkg.workflows_for(WORKER), activities.ALL):
            result = await body(server.client, tq, record)
            if histories is not None:
                for name, h in recorded:
                    await histories.check(h, pkg.workflows_for(None), "processes", name)
            return result

    return server.run(go())


def pid_of(wid: str) -> str:
    return "{temporal@" + WORKER + "|" + wid + "}"


def test_sync_children(own_ts_server, pkg, histories):
    async def body(client, tq, record):
        h = record("sync_parent", await client.start_workflow(
            "app:sync_parent", {}, id=f"sync-{uuid.uuid4()}", task_queue=tq))
        return await h.result()

    r = run(own_ts_server, pkg, body, histories)
    assert r == {
        "child": {"received": "sync", "parent_sent": True},
        "hello": {"greeting": "hello world"},
        "none": True,
        "err_kind": "NotFound",
        "err_retryable": False,
        "err_message": "order not found",
    }


def test_async_child_exit_event(own_ts_server, pkg, histories):
    async def body(client, tq, record):
        wid = f"async-{uuid.uuid4()}"
        h = record("async_parent", await client.start_workflow(
            "app:async_parent", {}, id=wid, task_queue=tq))
        return wid, await h.result()

    wid, r = run(own_ts_server, pkg, body, histories)
    assert r["kind"] == "pid.exit" and r["is_exit"] and r["from_child"]
    assert r["me"] == pid_of(wid)
    assert r["child_pid"].startswith("{temporal@app:worker|")
    assert r["child_result"] == {"received": "hello from parent", "parent_sent": True}
    assert r["child_error"] is False
    assert r["monitored"] == {"same": True, "value": {"greeting": "hello monitored"}}
    assert r["linked"] == {"same": True, "value": {"greeting": "hello linked"}}
    assert r["monitor_ok"] is True
    for k in ("monitor_err", "link_err", "unmonitor_err", "unlink_err"):
        assert "not supported in workflow context" in r[k], r[k]


def test_child_error_propagation(own_ts_server, pkg, histories):
    async def body(client, tq, record):
        h = record("error_parent", await client.start_workflow(
            "app:error_parent", id=f"err-{uuid.uuid4()}", task_queue=tq))
        return await h.result()

    r = run(own_ts_server, pkg, body, histories)
    assert r == {"kind": "NotFound", "retryable": False, "message": "order not found",
                 "has_value": False, "from_child": True}


def test_cancel_and_terminate_from_a_workflow(dev_server, pkg, histories):
    # dev server: the time-skipping server never answers a cancellation request for a
    # workflow that does not exist (no RequestCancelExternalWorkflowExecutionFailed)
    async def body(client, tq, record):
        h = record("control_parent", await client.start_workflow(
            "app:control_parent", id=f"ctl-{uuid.uuid4()}", task_queue=tq))
        return await h.result()

    r = run(dev_server, pkg, body, histories)
    assert r["cancel_ok"] is True and r["terminate_ok"] is True
    for k in ("canceled", "terminated"):
        assert r[k]["exit"] == "pid.exit"
        assert r[k]["kind"] == "Canceled", r
        assert r[k]["message"].startswith("canceled at "), r
    assert r["unknown_kind"] == "NotFound"


def test_start_messages_from_a_workflow(dev_server, pkg, histories):
    # dev server: signals between workflows (the time-skipping server does not deliver them
    # reliably)
    async def body(client, tq, record):
        name = f"counter-{uuid.uuid4()}"
        h = record("start_messages_parent", await client.start_workflow(
            "app:start_messages_parent", {"name": name}, id=f"sm-{uuid.uuid4()}",
            task_queue=tq))
        return name, await h.result()

    name, r = run(dev_server, pkg, body, histories)
    assert r["batch"] == {"counter": 7, "initial": 0, "seen": [2, 1, 4]}
    assert r["batch_pid"] == pid_of(name + "-batch") and r["batch_from"]
    assert r["same_pid"] is True
    assert r["existing"] == {"counter": 5, "initial": 0, "seen": [3, 2]}


def test_replies_to_start_messages_reach_the_parent(dev_server, pkg, histories):
    # the child answers msg:from() of each start message (ack, then ok): the sender is the
    # parent's PID, for messages sent with the start and to an already running child
    async def body(client, tq, record):
        name = f"acks-{uuid.uuid4()}"
        wid = f"rr-{uuid.uuid4()}"
        h = record("request_reply_parent", await client.start_workflow(
            "app:request_reply_parent", {"name": name}, id=wid, task_queue=tq))
        return name, wid, await h.result()

    name, wid, r = run(dev_server, pkg, body, histories)
    child = pid_of(name)
    assert r["pid"] == child and r["same_pid"] is True
    assert r["self"] == pid_of(wid)
    assert r["replies"] == [{"ack_from": child, "ok_from": child, "value": v}
                            for v in (2, 5, 10)]
    assert r["child"] == {"counter": 10}


def test_id_conflict_policies_for_children(dev_server, pkg, histories):
    async def body(client, tq, record):
        h = record("conflict_parent", await client.start_workflow(
            "app:conflict_parent", {"id": f"conflict-{uuid.uuid4()}"},
            id=f"cp-{uuid.uuid4()}", task_queue=tq))
        return await h.result()

    r = run(dev_server, pkg, body, histories)
    assert r["fail_nil"] and r["fail_kind"] == "AlreadyExists"
    assert r["started_nil"] and r["started_kind"] == "AlreadyExists"
    assert r["same"] is True and r.get("same_err") is None
    assert r["result"] == {"counter": 0, "initial": 0, "seen": []}


def test_context_to_child_and_activity(own_ts_server, pkg, histories):
    async def body(client, tq, record):
        h = record("ctx_parent", await client.start_workflow(
            "app:ctx_parent", id=f"ctxp-{uuid.uuid4()}", task_queue=tq))
        return await h.result()

    r = run(own_ts_server, pkg, body, histories)
    ctx = {"user_id": "user-1", "tenant": "tenant-1", "request_id": "req-abc"}
    assert r == {**ctx, "activity": ctx}


def test_upgrade_continues_as_new(own_ts_server, pkg, histories):
    async def body(client, tq, record):
        wid = f"upg-{uuid.uuid4()}"
        h = await client.start_workflow("app:upgrade_workflow", {"n": 1, "max": 3}, id=wid,
                                        task_queue=tq)
        r = await h.result()
        first = client.get_workflow_handle(wid, run_id=h.first_execution_run_id)
        record("upgrade_first_run", first)
        events = [e async for e in first.fetch_history_events()]
        return wid, r, events

    wid, r, events = run(own_ts_server, pkg, body, histories)
    assert r == {"n": 3, "runs": "123", "pid": pid_of(wid), "workflow_id": wid}
    assert events[-1].HasField("workflow_execution_continued_as_new_event_attributes")
