"""The host API (luac2py_runtime.host): process operations from Python code that is not a
workflow, and from Lua code that is not a workflow (a function.lua entry run as a host
process, as `luac2py call` runs it), against samples/processes."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from luac2py_runtime import new_worker
from luac2py_runtime.host import EXIT, LINK_DOWN, Host, LinkDownError, ProcessError
from luac2py_runtime.host.backend import HostBackend
from luac2py_runtime.host.functions import run_function
from luac2py_runtime.modules.payload import lua_to_py, py_to_lua
from temporalio.client import WorkflowFailureError

from samples.processes import activities
from tests.helpers import ROOT, build_package, wait_for_event

SAMPLE = ROOT / "samples" / "processes"
WORKER = "app:worker"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("processes_host"))


def run(server: Any, pkg: Any, body: Any, histories: Any = None, **worker_kw: Any) -> Any:
    """Run ``body(host, record)`` with a worker and a Host; ``record(name, pid)`` marks a
    workflow whose history is replayed (and saved with --update-histories)."""
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]
    recorded: list[tuple[str, str]] = []

    def record(name: str, pid: str) -> str:
        recorded.append((name, pid))
        return pid

    async def go() -> Any:
        async with new_worker(server.client, tq, pkg.workflows_for(WORKER), activities.ALL,
                              **worker_kw):
            async with Host(server.client, package=pkg) as host:
                result = await body(host, record)
            if histories is not None:
                for name, pid in recorded:
                    h = server.client.get_workflow_handle(Host._wid(pid))
                    await histories.check(h, pkg.workflows_for(None), "processes", name)
            return result

    return server.run(go())


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4()}"


def test_host_pid_and_exec(own_ts_server, pkg):
    async def body(host, record):
        r = await host.exec("app:hello_workflow", WORKER, {"name": "host"})
        with pytest.raises(ProcessError) as e:
            await host.exec("app:error_child_workflow", WORKER)
        return host.pid, r, e.value

    pid, r, err = run(own_ts_server, pkg, body)
    assert pid.startswith("{host@host|") and pid.endswith("}")
    assert r == {"greeting": "hello host"}
    assert (err.kind, err.retryable, err.message) == ("NotFound", False, "order not found")


def test_spawn_monitored_exit_events(own_ts_server, pkg, histories):
    async def body(host, record):
        p1 = record("host_monitored_child", await host.spawn_monitored(
            "app:child_workflow", WORKER, {"message": "from host"}))
        e1 = await host.events().receive(timeout=30)
        p2 = await host.spawn_monitored("app:error_child_workflow", WORKER)
        e2 = await host.events().receive(timeout=30)
        return p1, e1, p2, e2

    p1, e1, p2, e2 = run(own_ts_server, pkg, body, histories)
    assert p1.startswith("{temporal@app:worker|")
    assert (e1.kind, e1.sender) == (EXIT, p1)
    assert e1.result.value == {"received": "from host", "parent_sent": True}
    assert e1.result.error is None
    assert (e2.kind, e2.sender, e2.result.value) == (EXIT, p2, None)
    assert (e2.result.error.kind, e2.result.error.retryable) == ("NotFound", False)


def test_monitor_and_link_after_start_terminate_and_cancel(own_ts_server, pkg):
    async def body(host, record):
        out: dict[str, Any] = {}
        # monitor after start; a real terminate
        p1 = await host.spawn("app:long_workflow", WORKER, {"iterations": 100000})
        assert await host.monitor(p1) is True
        assert await host.terminate(p1) is True
        e1 = await host.events().receive(timeout=30)
        out["terminated"] = (e1.kind, e1.sender == p1, e1.result.error.kind,
                             e1.result.error.message)
        # cancel: the workflow sees a CANCEL event and decides (here: a Canceled error)
        p2 = await host.spawn_monitored("app:long_workflow", WORKER, {"iterations": 100000})
        await wait_for_event(host.client.get_workflow_handle(Host._wid(p2)),
                             "workflow_task_completed_event_attributes")  # it is in its loop
        await host.cancel(p2)
        e2 = await host.events().receive(timeout=30)
        out["canceled"] = (e2.kind, e2.sender == p2, e2.result.error.kind,
                           e2.result.error.message.startswith("canceled at "))
        # link after start with trap_links: LINK_DOWN
        host.set_options(trap_links=True)
        p3 = await host.spawn("app:long_workflow", WORKER, {"iterations": 100000})
        assert await host.link(p3) is True
        await host.terminate(p3)
        e3 = await host.events().receive(timeout=30)
        out["link_down"] = (e3.kind, e3.sender == p3, e3.result.error.kind)
        # unmonitor / unlink: no event any more. Once both have ended, a workflow monitored
        # from then on ends: its EXIT must be the next event (theirs would have come first)
        p4 = await host.spawn_monitored("app:long_workflow", WORKER, {"iterations": 100000})
        await host.unmonitor(p4)
        p5 = await host.spawn_linked("app:long_workflow", WORKER, {"iterations": 100000})
        await host.unlink(p5)
        await host.terminate(p4)
        await host.terminate(p5)
        for p in (p4, p5):
            with pytest.raises(WorkflowFailureError):
                await host.client.get_workflow_handle(Host._wid(p)).result()
        marker = await host.spawn_monitored("app:hello_workflow", WORKER, {"name": "marker"})
        e4 = await host.events().receive(timeout=30)
        out["after_unmonitor"] = (e4.kind, e4.sender == marker)
        # a linked workflow going down without trap_links fails the host
        host.set_options(trap_links=False)
        p6 = await host.spawn_linked("app:long_workflow", WORKER, {"iterations": 100000})
        await host.terminate(p6)
        with pytest.raises(LinkDownError) as ld:
            await host.events().receive(timeout=30)
        out["link_error"] = ld.value.kind
        # unknown processes
        with pytest.raises(ProcessError) as nf:
            await host.monitor("{temporal@app:worker|" + uid("nope") + "}")
        out["unknown"] = nf.value.kind
        return out

    out = run(own_ts_server, pkg, body)
    assert out["terminated"] == (EXIT, True, "Canceled", "workflow terminated")
    assert out["canceled"] == (EXIT, True, "Canceled", True)
    assert out["link_down"] == (LINK_DOWN, True, "Canceled")
    assert out["after_unmonitor"] == (EXIT, True)
    assert out["link_error"] == "Canceled"
    assert out["unknown"] == "NotFound"


def test_cancel_with_a_deadline_terminates(own_ts_server, pkg):
    async def body(host, record):
        # counter_workflow does not read its CANCEL event: it goes on until the deadline
        pid = await host.spawn_monitored("app:counter_workflow", WORKER, {"initial": 0})
        await host.cancel(pid, 300)  # milliseconds
        ev = await host.events().receive(timeout=30)
        desc = await host.client.get_workflow_handle(Host._wid(pid)).describe()
        return ev, desc.status.name

    ev, status = run(own_ts_server, pkg, body)
    assert ev.result.error.kind == "Canceled" and status == "TERMINATED"


def test_a_run_that_took_a_cancellation_still_ends_at_each_eviction(dev_server, pkg):
    """counter_workflow goes on after a cancellation request (it does not read its CANCEL
    event). On a worker with no cache every workflow task replays the history, the request
    included, and ends in an eviction, which must end the run, not be taken as a second
    request: else the eviction never completes and the messages are never served."""

    async def body(host, record):
        pid = await host.spawn("app:counter_workflow", WORKER, {"initial": 0})
        h = host.client.get_workflow_handle(Host._wid(pid))
        await wait_for_event(h, "workflow_task_completed_event_attributes")
        await h.cancel()
        await wait_for_event(h, "workflow_execution_cancel_requested_event_attributes")
        for amount in (1, 2):
            await host.send(pid, "increment", {"amount": amount})
        await host.send(pid, "finish")
        return await asyncio.wait_for(h.result(), 60)

    r = run(dev_server, pkg, body, max_cached_workflows=0)
    assert r == {"counter": 3, "initial": 0, "seen": [1, 2]}


def test_id_conflict_policies(own_ts_server, pkg):
    """The seed's HTTP handler: a duplicate order ID with id_conflict_policy = "fail" is a
    409; use_existing (the default for an explicit ID) returns the running workflow's PID;
    terminate_existing replaces it; a generated ID never conflicts."""

    async def handler(host: Host, order: dict[str, Any], request_id: str) -> tuple[int, Any]:
        spawner = (host.with_context({"request_id": request_id})
                   .with_options({"temporal.workflow.id": "order-" + order["id"],
                                  "temporal.workflow.id_conflict_policy": "fail"}))
        try:
            pid = await spawner.spawn("app:counter_workflow", WORKER, {"initial": 0})
        except ProcessError as err:
            return 409, {"error": str(err), "kind": err.kind}
        return 202, {"workflow_id": pid, "status": "started"}

    async def body(host, record):
        order = {"id": str(uuid.uuid4())}
        first = await handler(host, order, "r1")
        second = await handler(host, order, "r2")
        wid = "order-" + order["id"]
        existing = await host.with_options({"workflow.id": wid}).spawn(
            "app:counter_workflow", WORKER, {"initial": 5})
        with pytest.raises(ProcessError) as e:
            await host.with_options({"temporal.workflow.id": wid,
                                     "temporal.workflow.execution_error_when_already_started":
                                     True}).spawn("app:counter_workflow", WORKER, {})
        h = host.client.get_workflow_handle(wid)
        run1 = (await h.describe()).run_id
        replaced = await host.with_options({
            "temporal.workflow.id": wid,
            "temporal.workflow.id_conflict_policy": "terminate_existing",
        }).spawn("app:counter_workflow", WORKER, {"initial": 10})
        d1 = await host.client.get_workflow_handle(wid, run_id=run1).describe()
        await host.send(replaced, "finish")
        r = await h.result()
        return first, second, existing, e.value.kind, d1.status.name, r

    first, second, existing, started_kind, old_status, r = run(own_ts_server, pkg, body)
    assert first[0] == 202
    assert second[0] == 409 and second[1]["kind"] == "AlreadyExists"
    assert existing == first[1]["workflow_id"]
    assert started_kind == "AlreadyExists"
    assert old_status == "TERMINATED"
    assert r == {"counter": 10, "initial": 10, "seen": []}


def test_start_messages_batch_and_use_existing(own_ts_server, pkg, histories):
    async def body(host, record):
        name = uid("counter-workflow")
        spawner = (host.with_options({}).with_name(name)
                   .with_message("increment", {"amount": 2})
                   .with_message("increment", {"amount": 1})
                   .with_message("increment", {"amount": 4}))
        pid = record("host_start_messages",
                     await spawner.spawn_monitored("app:counter_workflow", WORKER,
                                                   {"initial": 0, "target": 7}))
        ev = await host.events().receive(timeout=30)

        mine = uid("my-counter")
        first = host.with_options({}).with_name(mine).with_message("increment", {"amount": 3})
        pid1 = record("host_use_existing", await first.spawn(
            "app:counter_workflow", WORKER, {"initial": 0, "target": 5}))
        second = host.with_options({}).with_name(mine).with_message("increment", {"amount": 2})
        pid2 = await second.spawn("app:counter_workflow", WORKER, {"initial": 999})
        r2 = await host.client.get_workflow_handle(mine).result()
        return pid, name, ev, pid1, pid2, r2

    pid, name, ev, pid1, pid2, r2 = run(own_ts_server, pkg, body, histories)
    assert pid == "{temporal@app:worker|" + name + "}"
    assert ev.result.value == {"counter": 7, "initial": 0, "seen": [2, 1, 4]}
    assert pid1 == pid2
    assert r2 == {"counter": 5, "initial": 0, "seen": [3, 2]}


def test_context_to_workflow_activity_and_upgrade(own_ts_server, pkg, histories):
    async def body(host, record):
        ctx = {"user_id": "user-1", "tenant": "tenant-1", "request_id": "req-abc"}
        sp = host.with_context(ctx)
        r = await sp.exec("app:ctx_workflow", WORKER)
        up = await sp.with_name(uid("upgrade")).exec("app:upgrade_workflow", WORKER,
                                                     {"n": 1, "max": 3})
        return r, up

    r, up = run(own_ts_server, pkg, body)
    ctx = {"user_id": "user-1", "tenant": "tenant-1", "request_id": "req-abc"}
    assert r == {**ctx, "activity": ctx}
    assert up["n"] == 3 and up["runs"] == "123" and up["user_id"] == "user-1"


def test_request_update_protocol(own_ts_server, pkg, histories):
    async def body(host, record):
        pid = record("host_requests", await host.spawn("app:accumulator_workflow", WORKER,
                                                       {"start": 1}))
        out = [await host.request(pid, "add", {"amount": 2}),
               await host.request(pid, "add", {"amount": 3}, timeout=10)]
        with pytest.raises(ProcessError) as nak:
            await host.request(pid, "add", {"amount": "x"})
        with pytest.raises(ProcessError) as err:
            await host.request(pid, "fail")
        await host.send(pid, "stop")
        result = await host.client.get_workflow_handle(Host._wid(pid)).result()
        return out, nak.value, err.value, result

    out, nak, err, result = run(own_ts_server, pkg, body, histories)
    assert out == [{"total": 3}, {"total": 6}]
    assert "amount must be a number" in nak.message
    assert "cannot do that" in err.message
    assert result == {"total": 6}


# -- messages from workflows to the host (outbox); on the dev server ------------------------


@pytest.mark.parametrize("exit_after_reply", [False, True])
def test_caller_side_request_response(dev_server, pkg, histories, exit_after_reply):
    """The seed's caller side: send get_status, wait at most 5 s for status_response."""

    async def body(host, record):
        pid = record(f"host_status_{'exit' if exit_after_reply else 'wait'}",
                     await host.spawn("app:status_workflow", WORKER,
                                      {"exit_after_reply": exit_after_reply}))
        response_ch = host.listen("status_response")
        await host.send(pid, "get_status", {})
        status = await response_ch.receive(timeout=5)
        if not exit_after_reply:
            await host.send(pid, "finish")
        r = await host.client.get_workflow_handle(Host._wid(pid)).result()
        return host.pid, status, r

    me, status, r = run(dev_server, pkg, body, histories)
    assert status == {"status": "processing", "progress": 75}
    assert r == {"replied_to": me}


def test_ping_from_workflow_answered_by_host(dev_server, pkg, histories):
    async def body(host, record):
        pings = host.listen("ping", message=True)
        pid = record("host_ping", await host.spawn("app:ping_host_workflow", WORKER,
                                                   {"host": host.pid, "n": 7}))
        msg = await pings.receive(timeout=10)
        await host.send(msg.sender, "pong", {"n": msg.payload["n"] + 1})
        r = await host.client.get_workflow_handle(Host._wid(pid)).result()
        return pid, msg, r, host.pid

    pid, msg, r, me = run(dev_server, pkg, body, histories)
    assert msg.topic == "ping" and msg.sender == pid
    assert msg.payload == {"n": 7, "from": pid}
    assert r == {"ok": True, "pong": {"n": 8}, "pong_from": me}


@pytest.mark.parametrize("listen_first", [True, False])
def test_messages_from_runs_that_continued_as_new(dev_server, pkg, listen_first):
    """Each run sends one message, then continues as new; with ``listen_first`` False the
    host starts collecting only after the last run has closed."""

    async def body(host, record):
        if listen_first:
            runs = host.listen("run")
        wid = uid("upgrade")
        r = await host.with_name(wid).exec("app:upgrade_workflow", WORKER,
                                           {"n": 1, "max": 4, "host": host.pid})
        if not listen_first:
            runs = host.listen("run")
        got = [await runs.receive(timeout=10) for _ in range(4)]
        # the host is done with the workflow once the last run has closed and all it held
        # has been read: a message delivered twice would be there by then
        await asyncio.wait_for(host._pollers[wid], 30)
        extra = None if runs.empty() else runs.receive_nowait()
        return r, got, extra

    r, got, extra = run(dev_server, pkg, body)
    assert r["runs"] == "1234"
    assert got == [1, 2, 3, 4] and extra is None


def test_start_message_sender_is_the_host(dev_server, pkg):
    async def body(host, record):
        counted = host.listen("counted", message=True)
        pid = await (host.with_name(uid("counter"))
                     .with_message("increment", {"amount": 2, "reply": True})
                     .with_message("increment", {"amount": 3, "reply": True})
                     .spawn("app:counter_workflow", WORKER, {"initial": 0, "target": 5}))
        a = await counted.receive(timeout=10)
        b = await counted.receive(timeout=10)
        return pid, a, b

    pid, a, b = run(dev_server, pkg, body)
    assert (a.sender, a.payload) == (pid, {"value": 2})
    assert (b.sender, b.payload) == (pid, {"value": 5})


def test_start_messages_with_fail_policy(dev_server, pkg):
    """Signal-with-start cannot fail on a running workflow (the server rejects the policy):
    the start goes first, then the messages; a second spawn fails while the first runs (it
    has no target and waits for "finish", so it cannot have completed in between)."""

    async def body(host, record):
        sp = (host.with_options({"temporal.workflow.id_conflict_policy": "fail"})
              .with_name(uid("counter"))
              .with_message("increment", {"amount": 4})
              .with_message("increment", {"amount": 5}))
        pid = await sp.spawn("app:counter_workflow", WORKER, {"initial": 1})
        with pytest.raises(ProcessError) as e:
            await sp.spawn("app:counter_workflow", WORKER, {"initial": 1})
        await host.send(pid, "finish")
        r = await host.client.get_workflow_handle(Host._wid(pid)).result()
        return e.value.kind, r

    kind, r = run(dev_server, pkg, body)
    assert kind == "AlreadyExists"
    assert r == {"counter": 10, "initial": 1, "seen": [4, 5]}


def test_outbox_exactly_once_across_worker_restarts(dev_server, pkg):
    """Every tick arrives once and in order while workers come and go (no cache: each
    workflow task replays the whole history)."""
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]
    count = 12

    async def go() -> Any:
        client = dev_server.client
        async with Host(client, package=pkg) as host:
            ticks = host.listen("tick")
            done = host.listen("done")
            wid = uid("emitter")
            got: list[int] = []
            for round_ in range(3):
                async with new_worker(client, tq, pkg.workflows_for(WORKER), activities.ALL,
                                      max_cached_workflows=0):
                    if round_ == 0:
                        pid = await host.with_name(wid).spawn(
                            "app:emitter_workflow", WORKER, {"host": host.pid, "count": count})
                    # this worker goes once the workflow has sent its share of the ticks
                    while len(got) < (round_ + 1) * count // 4:
                        got.append(await ticks.receive(timeout=30))
            async with new_worker(client, tq, pkg.workflows_for(WORKER), activities.ALL):
                total = await done.receive(timeout=20)
                while not ticks.empty():
                    got.append(ticks.receive_nowait())
                await host.send(pid, "stop")
                r = await client.get_workflow_handle(wid).result()
            return got, total, r

    got, total, r = dev_server.run(go())
    assert total == count
    assert got == list(range(1, count + 1))
    assert r == {"sent": count}


def test_send_errors(own_ts_server, pkg):
    async def body(host, record):
        out = {}
        for name, pid, topic in [
            ("unknown", "{temporal@app:worker|" + uid("nope") + "}", "x"),
            ("internal_topic", "{temporal@app:worker|x}", "@outbox"),
            ("unknown_host", "{host@other|" + uid("h") + "}", "x"),
        ]:
            try:
                await host.send(pid, topic, 1)
                out[name] = None
            except ProcessError as e:
                out[name] = e.kind
        out["self"] = await host.send(host.pid, "x")
        other = Host(host.client, package=pkg, name="other")
        await host.send(other.pid, "hi", 1, 2)
        m = await other.inbox().receive(timeout=1)
        out["local"] = (m.topic, m.payload, m.sender == host.pid)
        await other.close()
        return out

    out = run(own_ts_server, pkg, body)
    assert out == {"unknown": "NotFound", "internal_topic": "Invalid",
                   "unknown_host": "NotFound", "self": True, "local": ("hi", [1, 2], True)}


def test_spawners_are_immutable(own_ts_server):
    host = Host(own_ts_server.client, workers={WORKER: "q"})
    base = host.with_options({"temporal.workflow.execution_timeout": "1h"})
    named = base.with_name("n").with_message("a", 1).with_context({"k": "v"})
    more = named.with_options({"workflow.run_timeout": 1000}).with_message("b", 2, 3)
    assert base.name is None and base.messages == () and base.context == {}
    assert base.options == {"execution_timeout": "1h"}
    assert named.name == "n" and named.messages == (("a", (1,)),)
    assert named.options == {"execution_timeout": "1h"}
    assert more.options == {"execution_timeout": "1h", "run_timeout": 1000}
    assert more.messages == (("a", (1,)), ("b", (2, 3))) and more.context == {"k": "v"}
    assert host.pid.startswith("{host@host|")
    with pytest.raises(ProcessError, match="^topic may not start with '@'$") as e:
        host.with_message("@outbox")
    assert (e.value.kind, e.value.retryable) == ("Invalid", False)


# -- a Lua host process: a function.lua entry run outside workflows (`luac2py call`) --------


def call_function(server: Any, pkg: Any, entry: str, *args: Any) -> tuple[Any, Any]:
    async def go() -> Any:
        client = server.client
        async with pkg.new_worker(client, "app:worker", activities.ALL):
            backend = HostBackend(pkg, client, name=entry)
            value, err = await run_function(pkg, entry, [py_to_lua(a) for a in args], backend)
        return lua_to_py(value), err

    return server.run(go())


def test_supervisor_spawns_messages_links_terminates(dev_server, pkg):
    out, err = call_function(dev_server, pkg, "app:supervisor", {"name": "sup"})
    assert err is None, err
    # its own PID, parsed by another function called in-process
    assert out["me"]["node"] == "host" and out["me"]["host"] == "app:supervisor"
    # spawn_monitored: messages in, a reply out, then EXIT with the workflow's result
    assert out["exit"] == {"kind": "pid.exit", "from_counter": True, "reply": 3,
                           "result": {"counter": 6, "initial": 1, "seen": [2, 3]}}
    # a workflow's process.send to the host process reaches its inbox
    assert out["ping"] == {"topic": "ping", "from_pinger": True}
    # link + terminate, links trapped: LINK_DOWN
    assert out["link_down"] == {"kind": "pid.link.down", "from_linked": True,
                                "error_kind": "Canceled"}
    # a real terminate of a monitored workflow: EXIT with a Canceled error
    assert out["terminated"] == {"kind": "pid.exit", "from_third": True,
                                 "error_kind": "Canceled", "error": "workflow terminated"}
    # cancel: a cancellation request, the workflow ends Canceled; unmonitor: no EXIT (the
    # next event is a later workflow's)
    assert out["canceled"] == {"kind": "pid.exit", "from_canceled": True,
                               "error_kind": "Canceled"}
    assert out["after_unmonitor"] == "marker"
    assert out["hello"] == {"greeting": "hello sup"}


def test_a_link_without_trap_links_ends_the_process(dev_server, pkg):
    value, err = call_function(dev_server, pkg, "app:link_without_trap")
    assert value is None
    assert err.kind == "Canceled"
    assert err.message.startswith("linked process {temporal@app:worker|")
    assert err.message.endswith("} went down: workflow terminated")
