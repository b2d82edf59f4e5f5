"""Every spawn option of SEMANTICS.md section 3, from the host API and from a workflow, read
back from Temporal (describe and history events), not from our own objects."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
import temporalio.api.enums.v1 as enums
import temporalio.api.workflowservice.v1 as ws
from google.protobuf.duration_pb2 import Duration
from luac2py_runtime import new_worker
from luac2py_runtime.host import Host, ProcessError
from temporalio.client import WorkflowFailureError

from samples.processes import activities
from tests.helpers import ROOT, build_package, wait_for_event

SAMPLE = ROOT / "samples" / "processes"
WORKER = "app:worker"

RETRY = {"initial_interval": 1000, "backoff_coefficient": 2.0, "maximum_interval": "5m",
         "maximum_attempts": 3, "non_retryable_error_types": ["Invalid", "NotFound"]}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("processes_options"))


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4()}"


def secs(d: Duration) -> float:
    return d.seconds + d.nanos / 1e9


async def started(handle: Any) -> Any:
    async for e in handle.fetch_history_events():
        return e.workflow_execution_started_event_attributes
    raise AssertionError("no history")


async def register_search_attributes(client: Any) -> None:
    """The seed's ``customer_id`` (Keyword) and an Int attribute, on the dev server."""
    import temporalio.api.operatorservice.v1 as ops

    try:
        await client.operator_service.add_search_attributes(ops.AddSearchAttributesRequest(
            namespace=client.namespace, search_attributes={
                "customer_id": enums.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "order_count": enums.IndexedValueType.INDEXED_VALUE_TYPE_INT,
            }))
    except Exception:  # noqa: BLE001 - already there
        pass
    for _ in range(50):
        r = await client.operator_service.list_search_attributes(
            ops.ListSearchAttributesRequest(namespace=client.namespace))
        if "customer_id" in r.custom_attributes and "order_count" in r.custom_attributes:
            return
        await asyncio.sleep(0.1)


def check_retry(rp: Any) -> None:
    assert secs(rp.initial_interval) == 1.0
    assert rp.backoff_coefficient == 2.0
    assert secs(rp.maximum_interval) == 300.0
    assert rp.maximum_attempts == 3
    assert list(rp.non_retryable_error_types) == ["Invalid", "NotFound"]


def test_host_start_options_read_back(dev_server, pkg):
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]

    async def go() -> Any:
        client = dev_server.client
        async with Host(client, package=pkg) as host:
            out: dict[str, Any] = {}
            # timeouts, retry policy, memo, search attributes, start delay, task queue
            wid = uid("opts")
            pid = await host.with_options({
                "temporal.workflow.id": wid,
                "temporal.workflow.task_queue": "other-queue",
                "temporal.workflow.execution_timeout": "24h",
                "workflow.run_timeout": 3_600_000,  # milliseconds
                "temporal.workflow.task_timeout": "30s",
                "temporal.workflow.retry_policy": RETRY,
                "temporal.workflow.memo": {"source": "api", "n": 1},
                "temporal.workflow.search_attributes": {"customer_id": "cust-123",
                                                        "order_count": 7},
                "temporal.workflow.start_delay": "5m",
                "temporal.workflow.enable_eager_start": True,
            }).spawn("app:hello_workflow", WORKER, {"name": "x"})
            out["pid"] = (pid, wid)
            h = client.get_workflow_handle(wid)
            d = await h.describe()
            cfg = d.raw_description.execution_config
            out["task_queue"] = cfg.task_queue.name
            out["timeouts"] = (secs(cfg.workflow_execution_timeout),
                               secs(cfg.workflow_run_timeout),
                               secs(cfg.default_workflow_task_timeout))
            out["memo"] = await d.memo()
            sa = d.typed_search_attributes
            out["search"] = {p.key.name: p.value for p in sa
                             if p.key.name in ("customer_id", "order_count")}
            st = await started(h)
            check_retry(st.retry_policy)
            out["start_delay"] = secs(st.first_workflow_task_backoff)
            await h.terminate()

            # cron schedule
            cron_id = uid("cron")
            await host.with_options({"workflow.id": cron_id,
                                     "workflow.cron_schedule": "0 */6 * * *"}).spawn(
                "app:hello_workflow", WORKER, {})
            ch = client.get_workflow_handle(cron_id)
            out["cron"] = (await started(ch)).cron_schedule
            await ch.terminate()

            # ID reuse policies, on a completed workflow
            reuse = {}
            for policy in ("reject_duplicate", "allow_duplicate_failed_only",
                           "allow_duplicate"):
                rid = uid("reuse")
                sp = host.with_options({"temporal.workflow.id": rid,
                                        "temporal.workflow.id_reuse_policy": policy})
                await sp.exec("app:hello_workflow", WORKER, {"name": "1"})
                try:
                    await sp.exec("app:hello_workflow", WORKER, {"name": "2"})
                    reuse[policy] = "started"
                except ProcessError as e:
                    reuse[policy] = e.kind
            out["reuse"] = reuse

            # namespace
            ns = "luac2py-other"
            try:
                await client.workflow_service.register_namespace(ws.RegisterNamespaceRequest(
                    namespace=ns, workflow_execution_retention_period=Duration(seconds=86400)))
            except Exception:  # noqa: BLE001 - already registered
                pass
            nid = uid("ns")
            for _ in range(50):  # the namespace registry refreshes asynchronously
                try:
                    await host.with_options({"temporal.workflow.namespace": ns,
                                             "temporal.workflow.id": nid,
                                             "temporal.workflow.start_delay": "1h"}).spawn(
                        "app:hello_workflow", WORKER, {})
                    break
                except ProcessError:
                    await asyncio.sleep(0.2)
            other = Host(client, package=pkg)._client_for(ns)
            nd = await other.get_workflow_handle(nid).describe()
            out["namespace"] = nd.raw_description.workflow_execution_info.execution.workflow_id
            await other.get_workflow_handle(nid).terminate()

            # bad options
            bad = {}
            for key, value in (("id_conflict_policy", "sometimes"),
                               ("id_reuse_policy", "never"), ("run_timeout", "soon")):
                try:
                    await host.with_options({key: value}).spawn("app:hello_workflow", WORKER)
                    bad[key] = None
                except ProcessError as e:
                    bad[key] = e.kind
            out["bad"] = bad
            return out

    async def with_worker() -> Any:
        await register_search_attributes(dev_server.client)
        async with new_worker(dev_server.client, tq, pkg.workflows_for(WORKER),
                              activities.ALL):
            return await go()

    out = dev_server.run(with_worker())
    pid, wid = out["pid"]
    assert pid == "{temporal@app:worker|" + wid + "}"
    assert out["task_queue"] == "other-queue"
    assert out["timeouts"] == (86400.0, 3600.0, 30.0)
    assert out["memo"] == {"source": "api", "n": 1}
    assert out["search"] == {"customer_id": "cust-123", "order_count": 7}
    assert out["start_delay"] == 300.0
    assert out["cron"] == "0 */6 * * *"
    assert out["reuse"] == {"reject_duplicate": "AlreadyExists",
                            "allow_duplicate_failed_only": "AlreadyExists",
                            "allow_duplicate": "started"}
    assert out["namespace"].startswith("ns-")
    assert out["bad"] == {"id_conflict_policy": "Invalid", "id_reuse_policy": "Invalid",
                          "run_timeout": "Invalid"}


def test_child_start_options_read_back(dev_server, pkg):
    tq = pkg.WORKER_ENTRIES[WORKER]["task_queue"]

    async def go() -> Any:
        client = dev_server.client
        out: dict[str, Any] = {}
        child = uid("child")
        parent = await client.start_workflow("app:options_parent", {
            "wait": True,
            "options": {
                "temporal.workflow.id": child,
                "temporal.workflow.execution_timeout": "24h",
                "workflow.run_timeout": 3_600_000,
                "temporal.workflow.task_timeout": "30s",
                "temporal.workflow.id_reuse_policy": "allow_duplicate_failed_only",
                "temporal.workflow.retry_policy": RETRY,
                "temporal.workflow.memo": {"source": "parent"},
                "temporal.workflow.search_attributes": {"customer_id": "cust-9"},
                "temporal.workflow.parent_close_policy": "abandon",
                "temporal.workflow.wait_for_cancellation": True,
            }}, id=uid("options-parent"), task_queue=tq)
        out["parent"] = await parent.result()
        h = client.get_workflow_handle(child)
        d = await h.describe()
        cfg = d.raw_description.execution_config
        out["timeouts"] = (secs(cfg.workflow_execution_timeout), secs(cfg.workflow_run_timeout),
                           secs(cfg.default_workflow_task_timeout))
        out["memo"] = await d.memo()
        out["search"] = {p.key.name: p.value for p in d.typed_search_attributes
                         if p.key.name == "customer_id"}
        out["parent_id"] = d.parent_id
        st = await started(h)
        check_retry(st.retry_policy)
        initiated = None
        async for e in parent.fetch_history_events():
            if e.HasField("start_child_workflow_execution_initiated_event_attributes"):
                initiated = e.start_child_workflow_execution_initiated_event_attributes
        out["close"] = initiated.parent_close_policy
        out["reuse"] = initiated.workflow_id_reuse_policy

        # a child cron schedule, and options that cannot be mapped
        cron_child = out["cron_child"] = uid("cron-child")
        p2 = await client.start_workflow("app:options_parent", {"options": {
            "workflow.id": cron_child, "workflow.cron_schedule": "0 */6 * * *",
            "workflow.parent_close_policy": "abandon"}},
            id=uid("options-parent"), task_queue=tq)
        out["cron_parent"] = await p2.result()
        ch = client.get_workflow_handle(cron_child)
        out["cron"] = (await started(ch)).cron_schedule
        await ch.terminate()
        p3 = await client.start_workflow("app:options_parent", {"options": {
            "workflow.parent_close_policy": "sometimes"}}, id=uid("options-parent"),
            task_queue=tq)
        out["bad"] = await p3.result()

        # wait_for_cancellation: the EXIT of a canceled child waits for its end (its own
        # error) or comes at once; the parent stays open until the child has ended
        waits = {}
        for wait in (True, False):
            cid = uid("cancel-child")
            p4 = await client.start_workflow("app:options_parent", {
                "cancel": True, "workflow": "app:long_workflow",
                "args": {"iterations": 100000},
                "options": {"workflow.id": cid, "workflow.wait_for_cancellation": wait,
                            "workflow.parent_close_policy": "abandon"}},
                id=uid("options-parent"), task_queue=tq)
            await wait_for_event(p4, "child_workflow_execution_started_event_attributes")
            with pytest.raises(WorkflowFailureError) as child_end:  # canceled, or a bug
                await asyncio.wait_for(client.get_workflow_handle(cid).result(), 120)
            await p4.signal("close")
            waits[wait] = await p4.result()
            waits[wait]["child"] = str(child_end.value.cause)
        out["waits"] = waits
        return out

    async def with_worker() -> Any:
        await register_search_attributes(dev_server.client)
        async with new_worker(dev_server.client, tq, pkg.workflows_for(WORKER),
                              activities.ALL):
            return await go()

    out = dev_server.run(with_worker())
    assert out["parent"]["exit"] == {"greeting": "hello options"}
    assert out["timeouts"] == (86400.0, 3600.0, 30.0)
    assert out["memo"] == {"source": "parent"}
    assert out["search"] == {"customer_id": "cust-9"}
    assert out["parent_id"].startswith("options-parent-")
    assert out["close"] == enums.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON
    assert out["reuse"] == \
        enums.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY
    assert out["cron_parent"] == {"pid": "{temporal@app:worker|" + out["cron_child"] + "}"}
    assert out["cron"] == "0 */6 * * *"
    assert out["bad"]["kind"] == "Invalid" and "parent_close_policy" in out["bad"]["error"]
    waited, not_waited = out["waits"][True], out["waits"][False]
    assert waited["kind"] == "Canceled" and waited["message"].startswith("canceled at ")
    assert not_waited["kind"] == "Canceled"
    assert not not_waited["message"].startswith("canceled at ")
    assert "canceled at " in waited["child"]
    assert "canceled at " in not_waited["child"]
