"""The seed's concurrent and messaging examples (samples/messaging) on the time-skipping server."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from datetime import datetime, timezone
from typing import Any

import pytest
import temporalio.client
from temporalio.client import WorkflowUpdateFailedError

from luac2py_runtime import new_worker
from samples.messaging import activities
from tests.helpers import ROOT, build_package, wait_for_event

SAMPLE = ROOT / "samples" / "messaging"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("messaging"))


class _Recorder:
    """Collects the handles a test body ran, to check and save their histories."""

    def __init__(self) -> None:
        self.handles: list[tuple[str, Any]] = []

    def add(self, name: str, handle: Any) -> Any:
        self.handles.append((name, handle))
        return handle


def with_worker(ts_server: Any, pkg: Any, body: Any, histories: Any = None,
                rec: _Recorder | None = None) -> Any:
    tq = pkg.WORKER_ENTRIES["app:worker"]["task_queue"]

    async def go() -> Any:
        async with new_worker(ts_server.client, tq, pkg.workflows_for("app:worker"),
                              activities.ALL):
            result = await body(ts_server.client, tq)
            if histories is not None and rec is not None:
                for name, h in rec.handles:
                    await histories.check(h, pkg.workflows_for(None), "messaging", name)
            return result

    return ts_server.run(go())


def test_worker_pool(ts_server, pkg, histories):
    rec = _Recorder()

    async def body(client, tq):
        h = rec.add("worker_pool", await client.start_workflow(
            "app:worker_pool", {"workers": 3, "jobs": 6}, id=f"pool-{uuid.uuid4()}",
            task_queue=tq))
        return await h.result()

    r = with_worker(ts_server, pkg, body, histories, rec)
    assert r["total"] == 42
    assert sorted(p["job"] for p in r["processed"]) == [1, 2, 3, 4, 5, 6]
    assert {p["worker"] for p in r["processed"]} <= {1, 2, 3}


def test_topic_subscription_loop(ts_server, pkg, histories):
    rec = _Recorder()

    async def body(client, tq):
        h = rec.add("topic_loop", await client.start_workflow(
            "app:topic_loop", {}, id=f"topics-{uuid.uuid4()}", task_queue=tq))
        for i in (1, 2, 3):
            await h.signal("add_job", {"id": i})
        await h.signal("exit")
        return await h.result()

    r = with_worker(ts_server, pkg, body, histories, rec)
    assert r["total_jobs"] == 3
    assert [x["job_id"] for x in r["results"]] == [1, 2, 3]
    assert r["results"][0]["result"] == {"echo": 1}


def test_inbox_approve_and_cancel(ts_server, pkg, histories):
    rec = _Recorder()

    async def body(client, tq):
        h1 = rec.add("inbox_approve", await client.start_workflow(
            "app:inbox_loop", {"id": "o1"}, id=f"inbox-{uuid.uuid4()}", task_queue=tq))
        await h1.signal("other", {"x": 1})
        await h1.signal("approve", {})
        h2 = rec.add("inbox_cancel", await client.start_workflow(
            "app:inbox_loop", {"id": "o2"}, id=f"inbox-{uuid.uuid4()}", task_queue=tq))
        await h2.signal("cancel", {"reason": "changed mind"})
        return await h1.result(), await h2.result()

    r1, r2 = with_worker(ts_server, pkg, body, histories, rec)
    assert r1 == {"status": "approved", "order": "o1"}
    assert r2 == {"status": "cancelled", "reason": "changed mind"}


def test_counter_through_updates(ts_server, pkg, histories):
    rec = _Recorder()

    async def body(client, tq):
        h = rec.add("counter", await client.start_workflow(
            "app:counter", {"initial": 0}, id=f"counter-{uuid.uuid4()}", task_queue=tq))
        out = []
        out.append(await h.execute_update("increment", {"amount": 5}))
        out.append(await h.execute_update("increment", {"amount": 2}))
        with pytest.raises(WorkflowUpdateFailedError) as e1:
            await h.execute_update("increment", {"amount": "x"})
        out.append(str(e1.value.cause))
        with pytest.raises(WorkflowUpdateFailedError) as e2:
            await h.execute_update("decrement", {"amount": 100})
        out.append(str(e2.value.cause))
        out.append(await h.execute_update("decrement", {"amount": 3}))
        out.append(await h.execute_update("finish", {}))
        out.append(await h.result())
        return out

    r = with_worker(ts_server, pkg, body, histories, rec)
    assert r[0] == {"value": 5} and r[1] == {"value": 7}
    assert "amount must be a number" in r[2]
    assert "would result in negative value" in r[3]
    assert r[4] == {"value": 4}
    assert r[5] == {"message": "finishing"}
    assert r[6] == {"final_counter": 4}


def test_burst_of_signals_in_arrival_order(ts_server, pkg, histories):
    """Eight senders at once, so the server decides the order: the workflow receives the
    items in the order of the history's signal events, many of them in one workflow task."""
    n = 1000
    rec = _Recorder()

    async def body(client, tq):
        h = rec.add("burst", await client.start_workflow(
            "app:burst", {"count": n}, id=f"burst-{uuid.uuid4()}", task_queue=tq))
        items = iter(range(1, n + 1))
        in_flight = most_in_flight = 0

        async def sender() -> None:
            nonlocal in_flight, most_in_flight
            for i in items:
                in_flight += 1
                most_in_flight = max(most_in_flight, in_flight)
                await h.signal("item", i)
                in_flight -= 1

        await asyncio.gather(*(sender() for _ in range(8)))
        r = await h.result()
        arrived = [json.loads(e.workflow_execution_signaled_event_attributes.input
                              .payloads[0].data)
                   async for e in h.fetch_history_events()
                   if e.HasField("workflow_execution_signaled_event_attributes")]
        return r, arrived, most_in_flight

    r, arrived, most_in_flight = with_worker(ts_server, pkg, body, histories, rec)
    assert most_in_flight == 8  # the sends overlapped
    assert sorted(arrived) == list(range(1, n + 1))
    assert r == {"count": n, "seen": arrived}


def test_cancellation_request_is_a_cancel_event(ts_server, pkg, histories):
    rec = _Recorder()

    async def body(client, tq):
        h = rec.add("canceller", await client.start_workflow(
            "app:canceller", id=f"cancel-{uuid.uuid4()}", task_queue=tq))
        # its first workflow task has run: it now waits in events:receive()
        await wait_for_event(h, "workflow_task_completed_event_attributes")
        await h.cancel()
        result = await h.result()
        d = await h.describe()
        return result, d.start_time, d.close_time

    r, started, closed = with_worker(ts_server, pkg, body, histories, rec)
    at = r.pop("at")
    # Go's CANCEL event (handler_events.go handleCancel): from the system PID, at the workflow
    # time as RFC 3339 (UTC, whole seconds)
    assert r == {"got": "pid.cancel", "is_cancel": True, "from": "{|topology}"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", at), at
    t = datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert started.replace(microsecond=0) <= t <= closed, (started, t, closed)


def test_go_queries_pid_and_state(ts_server, pkg):
    # Go's workflows answer "pid" with the bare workflow ID, "state" with {} and any other name
    # with "unknown query type: <name>" (handler_events.go handleQuery)
    async def body(client, tq):
        wid = f"query-{uuid.uuid4()}"
        h = await client.start_workflow("app:canceller", id=wid, task_queue=tq)
        answers = (await h.query("pid"), await h.query("state"))
        with pytest.raises(temporalio.client.WorkflowQueryFailedError) as e:
            await h.query("nope")
        await h.cancel()
        await h.result()
        return wid, answers, str(e.value)

    wid, answers, unknown = with_worker(ts_server, pkg, body)
    assert answers == (wid, {})
    assert unknown == "unknown query type: nope"


def test_workflow_to_workflow_signals_carry_the_sender(dev_server, pkg):
    # on the dev server: the time-skipping test server does not complete a workflow waiting
    # for a signal from another workflow (it times the wait out)
    async def body(client, tq):
        pong_id = f"pong-{uuid.uuid4()}"
        pong = await client.start_workflow("app:pong", id=pong_id, task_queue=tq)
        target = "{temporal@app:worker|" + pong_id + "}"
        ping = await client.start_workflow("app:ping", {"target": target},
                                           id=f"ping-{uuid.uuid4()}", task_queue=tq)
        return await ping.result(), await pong.result(), ping.id

    ping_r, pong_r, ping_id = with_worker(dev_server, pkg, body)
    assert ping_r == {"ok": True, "received": {"reply": "hello!", "sender_matches": True}}
    assert pong_r == {"pinged_by": "{temporal@app:worker|" + ping_id + "}"}


def test_deadlock_fails_the_workflow_naming_the_lines(ts_server, pkg):
    async def body(client, tq):
        return await client.execute_workflow("app:deadlock", id=f"dl-{uuid.uuid4()}",
                                             task_queue=tq)

    with pytest.raises(temporalio.client.WorkflowFailureError) as ei:
        with_worker(ts_server, pkg, body)
    msg = ei.value.cause.message
    assert "deadlock: all coroutines are blocked" in msg
    assert "main waits at deadlock.lua:8" in msg and "waits at deadlock.lua:5" in msg


def test_caller_select_times_out(ts_server, pkg):
    # nobody answers: the 5 s durable timer wins (skipped in time on this server)
    async def body(client, tq):
        target = "{temporal@app:worker|nobody-" + str(uuid.uuid4()) + "}"
        return await client.execute_workflow("app:status_caller", {"target": target},
                                             id=f"caller-{uuid.uuid4()}", task_queue=tq)

    assert with_worker(ts_server, pkg, body) == {"answered": False, "timed_out": True}


def test_caller_select_gets_the_reply(dev_server, pkg):
    async def body(client, tq):
        server_id = f"status-{uuid.uuid4()}"
        server = await client.start_workflow("app:status_server", id=server_id, task_queue=tq)
        target = "{temporal@app:worker|" + server_id + "}"
        caller = await client.execute_workflow("app:status_caller", {"target": target},
                                               id=f"caller-{uuid.uuid4()}", task_queue=tq)
        return caller, await server.result()

    caller, server = with_worker(dev_server, pkg, body)
    assert caller == {"answered": True, "status": {"status": "processing", "progress": 75}}
    assert server["answered"].startswith("{temporal@app:worker|caller-")


def test_send_to_self_unknown_and_reserved_topic(ts_server, pkg):
    async def body(client, tq):
        wf_id = f"send-{uuid.uuid4()}"
        target = "{temporal@app:worker|missing-" + str(uuid.uuid4()) + "}"
        r = await client.execute_workflow("app:send_targets", {"target": target}, id=wf_id,
                                          task_queue=tq)
        return r, wf_id

    r, wf_id = with_worker(ts_server, pkg, body)
    assert r["self_ok"] is True and "self_err" not in r
    assert "unknown_ok" not in r and r["unknown_kind"] == "NotFound"
    assert r["reserved_kind"] == "Invalid"
    assert r["pid"] == "{temporal@app:worker|" + wf_id + "}"
