"""The workflow and ctx modules, compiled from samples/modules, on the time-skipping server."""

from __future__ import annotations

import hmac
import uuid
from typing import Any

import pytest
import temporalio.client
import temporalio.exceptions

from luac2py_runtime import client_context, new_worker
from samples.modules import activities
from tests.helpers import ROOT, build_package

SAMPLE = ROOT / "samples" / "modules"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("modules"))


def run(ts_server: Any, pkg: Any, workflow: str, *args: Any, wf_id: str | None = None,
        ctx: dict[str, Any] | None = None, histories: Any = None,
        name: str = "") -> tuple[Any, temporalio.client.WorkflowHandle]:
    tq = pkg.WORKER_ENTRIES["app:worker"]["task_queue"]

    async def go() -> Any:
        client = ts_server.client
        async with new_worker(client, tq, pkg.workflows_for("app:worker"), activities.ALL):
            with client_context(ctx):
                handle = await client.start_workflow(
                    workflow, args=list(args), id=wf_id or f"wf-{uuid.uuid4()}", task_queue=tq
                )
            try:
                return await handle.result(), handle
            finally:
                if histories is not None:
                    await histories.check(handle, pkg.workflows_for(None), "modules", name)

    return ts_server.run(go())


def test_info(ts_server, pkg, histories):
    result, handle = run(ts_server, pkg, "app:info_workflow", wf_id="info-1", histories=histories, name="info")
    assert result["workflow_id"] == "info-1"
    assert result["run_id"] == handle.result_run_id
    assert result["workflow_type"] == "app:info_workflow"
    assert result["task_queue"] == "app-modules"
    assert result["namespace"] == "default"
    assert result["attempt"] == 1
    assert result["history_length"] >= 3 and result["length_fn"] >= 3
    assert result["has_size"] is True


def test_child_workflow_sync_and_error(ts_server, pkg, histories):
    result, _ = run(ts_server, pkg, "app:parent_workflow", {"n": 21}, histories=histories, name="child_workflow_sync_and_error")
    assert result["child"] == {"echo": "hello", "doubled": 42}
    assert result["err_kind"] == "NotFound"
    assert result["err_retryable"] is False
    assert "child refused: no" in result["err_message"]


def test_version_new_execution_gets_max_and_is_stable(ts_server, pkg, histories):
    result, handle = run(ts_server, pkg, "app:version_workflow", {}, histories=histories, name="version_new_execution_gets_max_and_is_stable")
    assert result == {"version": 2, "again": 2, "result": "new"}

    async def markers() -> list[str]:
        names = []
        async for ev in handle.fetch_history_events():
            if ev.HasField("marker_recorded_event_attributes"):
                names.append(ev.marker_recorded_event_attributes.marker_name)
        return names

    assert ts_server.run(markers()) == ["core_patch"]


def test_attrs_upserts_search_attributes_and_memo(ts_server, pkg, histories):
    result, handle = run(ts_server, pkg, "app:attrs_workflow", {"total": 30}, histories=histories, name="attrs_upserts_search_attributes_and_memo")
    assert result == {"ok": True}

    async def describe() -> Any:
        return await handle.describe()

    d = ts_server.run(describe())
    memo = ts_server.run(d.memo())
    assert memo == {"notes": "Priority customer", "source": "web"}
    sa = d.typed_search_attributes
    assert sa.get(temporalio.common.SearchAttributeKey.for_keyword("CustomKeywordField")) == \
        "processing"
    assert sa.get(temporalio.common.SearchAttributeKey.for_int("CustomIntField")) == 30
    assert sa.get(temporalio.common.SearchAttributeKey.for_bool("CustomBoolField")) is True


def test_context_reaches_workflow_and_activity(ts_server, pkg, histories):
    ctx = {"user_id": "user-1", "tenant": "tenant-1", "request_id": "req-abc"}
    result, _ = run(ts_server, pkg, "app:ctx_workflow", ctx=ctx, histories=histories, name="context_reaches_workflow_and_activity")
    assert result["user_id"] == "user-1"
    assert result["tenant"] == "tenant-1" and result["request_id"] == "req-abc"
    assert result["missing_kind"] == "NotFound"
    assert result["empty_kind"] == "Invalid"
    assert result["activity"] == ctx


def test_saga_compensation_path_hits_undefined_global(ts_server, pkg):
    # the seed's saga calls run_compensations before its `local function` exists: on the
    # compensation path that is a call of a nil global, which fails the workflow
    activities.CALLS.clear()
    with pytest.raises(temporalio.client.WorkflowFailureError) as ei:
        run(ts_server, pkg, "app:saga_workflow",
            {"items": ["a"], "payment": {"card": "declined"}, "shipping": {}})
    cause = ei.value.cause
    assert isinstance(cause, temporalio.exceptions.ApplicationError)
    assert "saga_workflow.lua:17: attempt to call global 'run_compensations' (a nil value)" \
        in cause.message
    assert [c[0] for c in activities.CALLS] == ["reserve", "charge"]


def test_saga_happy_path(ts_server, pkg, histories):
    result, _ = run(ts_server, pkg, "app:saga_workflow",
                    {"items": ["a"], "payment": {"card": "ok"}, "shipping": {"address": "x"}},
                    histories=histories, name="saga_completed")
    assert result == {"status": "completed", "tracking": "trk-1"}


def test_funcs_executor_errors_and_futures(ts_server, pkg, histories):
    result, _ = run(ts_server, pkg, "app:funcs_workflow", {}, histories=histories,
                    name="funcs_executor")
    assert result["missing_kind"] == "NotFound" and result["missing_retryable"] is True
    assert result["crash_kind"] == "Internal"
    assert "crashed: boom" in result["crash_message"]
    assert result["typed_kind"] == "Conflict" and result["typed_retryable"] is False
    assert result["future_data"] == {"n": 1} and result["future_complete"] is True
    assert result["context_seen"] == {"tenant": "t-9"}
    assert result["future_error_kind"] == "Internal"
    assert result["future_error_again"] == "Internal"


def _raw_history(ts_server, handle):
    async def go():
        return [e async for e in handle.fetch_history_events()]

    return ts_server.run(go())


def test_wire_format_payloads_and_headers(ts_server, pkg):
    import json

    result, handle = run(ts_server, pkg, "app:wire_workflow", {}, ctx={"user_id": "u-1"})
    assert result["text"] == "한국어" and result["big"] == 9007199254740993
    events = _raw_history(ts_server, handle)
    sched = [e.activity_task_scheduled_event_attributes for e in events
             if e.HasField("activity_task_scheduled_event_attributes")][0]
    [payload] = sched.input.payloads
    assert payload.metadata["encoding"] == b"json/plain"
    # compact, sorted keys, UTF-8, integral float without .0, empty table as []
    assert payload.data == (
        '{"big":9007199254740993,"empty":[],"list":[1,2,3],"nested":{"a":[],"b":{"x":true}},'
        '"ratio":2.5,"text":"한국어","whole":5}'
    ).encode("utf-8")
    header = sched.header.fields["wippy-context"]
    assert header.metadata["encoding"] == b"json/plain"
    assert json.loads(header.data) == {"user_id": "u-1"}


def test_string_error_fails_workflow_with_wippy_details(ts_server, pkg):
    wf_id = f"wire-fail-{uuid.uuid4()}"
    with pytest.raises(temporalio.client.WorkflowFailureError) as ei:
        run(ts_server, pkg, "app:wire_workflow", {"fail_string": True}, wf_id=wf_id)
    cause = ei.value.cause
    assert isinstance(cause, temporalio.exceptions.ApplicationError)
    assert cause.type == "Internal" and cause.non_retryable and cause.message == "bad order"
    h = ts_server.client.get_workflow_handle(wf_id)
    events = _raw_history(ts_server, h)
    failed = [e.workflow_execution_failed_event_attributes for e in events
              if e.HasField("workflow_execution_failed_event_attributes")][0]
    info = failed.failure.application_failure_info
    assert info.type == "Internal" and info.non_retryable
    import json

    [details] = info.details.payloads
    assert json.loads(details.data) == {
        "errors": [{"msg": "bad order", "kind": "Internal", "retry": False}]
    }


def test_uuid_crypto_json_time_errors_in_a_workflow(ts_server, pkg, histories):
    result, _ = run(ts_server, pkg, "app:kitchen_sink", {"text": "값"}, histories=histories,
                    name="kitchen_sink")
    assert result["v4_version"] == 4 and result["v7_version"] == 7
    import uuid as _uuid

    assert result["v5"] == str(_uuid.uuid5(_uuid.NAMESPACE_DNS, "example.com"))
    assert result["valid"] is True
    assert result["roundtrip"] is True and result["bad_key_kind"] == "Internal"
    assert result["hmac"] == hmac.new(b"k", b"data", "sha256").hexdigest()
    assert result["json"] == '{"empty":[],"list":[1,2],"n":3,"name":"값"}'
    assert result["json_n"] == 3 and result["json_err"] == "Invalid"
    # workflow time advances by the timer plus the task's own processing time
    assert result["elapsed"].startswith("1h30m") and 90 <= result["elapsed_minutes"] < 91
    assert result["later"] is True and result["date"] is True
    assert result["fast_won"] is True and result["stopped"] is True
    # go-lua errorslib.go errorsWrap: the message is the parent's text, "reserve" its context
    assert result["wrapped"] == "out of stock"
    assert result["is_conflict"] is True
    assert result["concat"] == "error: out of stock"
    assert 1 <= result["calls"] <= 4
