"""workflow.version replays with the semantics of Go's GetVersion (on the SDK's patch markers).

Each history is recorded on the time-skipping server with one version of the code and replayed
with temporalio's Replayer against another. The workflow calls a different activity per
version, so a wrong version on replay is a non-determinism failure.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import temporalio.worker
from temporalio import activity
from temporalio.client import WorkflowHistory
from temporalio.common import RawValue

from luac2py_runtime import new_worker
from luac2py_runtime.temporal.converter import DATA_CONVERTER
from luac2py_runtime.temporal.interceptors import ContextInterceptor
from luac2py_runtime.temporal.worker import workflow_runner
from tests.helpers import build_package

NO_VERSION = """
local funcs = require("funcs")
return function() return funcs.call("app:act_default") end
"""


def versioned(min_v: int, max_v: int) -> str:
    return f"""
local funcs = require("funcs")
local workflow = require("workflow")
return function()
  local v = workflow.version("change-a", {min_v}, {max_v})
  local w = workflow.version("change-a", {min_v}, {max_v})
  if v ~= w then error("version changed within one execution") end
  if v == -1 then return funcs.call("app:act_default") end
  return funcs.call("app:act_v" .. v)
end
"""


@activity.defn(dynamic=True)
async def any_activity(args: Sequence[RawValue]) -> str:
    return activity.info().activity_type


def compile_wf(tmp_path: Path, source: str) -> type:
    d = tmp_path / f"src_{uuid.uuid4().hex[:6]}"
    d.mkdir()
    f = d / "wf.lua"
    f.write_text(source)
    pkg = build_package(f, tmp_path, name="test:versioned")
    return pkg.workflow_class("test:versioned")


def record(ts_server: Any, wf: type) -> WorkflowHistory:
    async def go() -> WorkflowHistory:
        tq = f"tq-{uuid.uuid4()}"
        async with new_worker(ts_server.client, tq, [wf], [any_activity]):
            h = await ts_server.client.start_workflow("test:versioned", id=f"v-{uuid.uuid4()}",
                                                      task_queue=tq)
            await h.result()
            return await h.fetch_history()

    return ts_server.run(go())


def replay(history: WorkflowHistory, wf: type) -> Any:
    import asyncio

    replayer = temporalio.worker.Replayer(
        workflows=[wf], data_converter=DATA_CONVERTER, interceptors=[ContextInterceptor()],
        workflow_runner=workflow_runner(False),
    )
    return asyncio.run(replayer.replay_workflow(history, raise_on_replay_failure=False))


def test_history_without_version_call_replays_as_default_version(ts_server, tmp_path):
    h = record(ts_server, compile_wf(tmp_path, NO_VERSION))
    assert replay(h, compile_wf(tmp_path, versioned(-1, 1))).replay_failure is None


def test_history_with_max_1_replays_under_max_2_with_version_1(ts_server, tmp_path):
    h = record(ts_server, compile_wf(tmp_path, versioned(-1, 1)))
    assert replay(h, compile_wf(tmp_path, versioned(-1, 2))).replay_failure is None
    # the negative control: the same code, given version 2 for this history (as a version()
    # that ignored the recorded marker would), calls act_v2 where the history has act_v1
    wrong = versioned(-1, 2).replace("  if v == -1", "  if v == 1 then v = 2 end\n  if v == -1")
    failure = replay(h, compile_wf(tmp_path, wrong)).replay_failure
    assert failure is not None and "app:act_v1" in str(failure), failure
    assert "app:act_v2" in str(failure), failure


def test_new_execution_gets_max(ts_server, tmp_path):
    h = record(ts_server, compile_wf(tmp_path, versioned(-1, 3)))
    types = [e.activity_task_scheduled_event_attributes.activity_type.name
             for e in h.events if e.HasField("activity_task_scheduled_event_attributes")]
    assert types == ["app:act_v3"]


def test_recorded_version_outside_range_fails_the_task(ts_server, tmp_path):
    h = record(ts_server, compile_wf(tmp_path, versioned(-1, 1)))
    result = replay(h, compile_wf(tmp_path, versioned(2, 3)))
    assert result.replay_failure is not None
    assert "outside the supported range [2, 3]" in str(result.replay_failure)


def test_min_greater_than_max_is_invalid(ts_server, tmp_path):
    src = """
local workflow = require("workflow")
return function()
  local v, err = workflow.version("x", 3, 1)
  return {v = v, kind = err:kind()}
end
"""
    wf = compile_wf(tmp_path, src)

    async def go() -> Any:
        tq = f"tq-{uuid.uuid4()}"
        async with new_worker(ts_server.client, tq, [wf], [any_activity]):
            return await ts_server.client.execute_workflow(
                "test:versioned", id=f"v-{uuid.uuid4()}", task_queue=tq)

    assert ts_server.run(go()) == {"kind": "Invalid"}
