"""A worker process killed (SIGKILL) in the middle of a workflow, on the dev server.

At the moment of the kill the workflow has an activity running in the dying worker, a durable
timer pending and signals delivered but not yet read by the Lua code (they wait in its
mailbox); more signals arrive while no worker runs at all. A new worker process replays the
history and the workflow completes with exactly the result of an uninterrupted run: every
signal seen once, in order, and the interrupted activity retried.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from luac2py_runtime import new_worker
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import WorkflowFailureError

from samples.reliability import activities
from tests.helpers import ROOT, build_package

from .procs import WorkerProc, server_address, wait_until

SAMPLE = ROOT / "samples" / "reliability"

INPUT = {"rounds": 4, "signals": 30, "tick": "1s", "activity_sleep": 1.2,
         "activity_timeout": "3s"}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("reliability"))


async def _events(handle: Any) -> list[Any]:
    return [e async for e in handle.fetch_history_events()]


def _count(events: list[Any], kind: int) -> int:
    return sum(1 for e in events if e.event_type == kind)


async def _reference_run(client: Any, pkg: Any) -> Any:
    """The same workflow and signals on an in-process worker that nobody disturbs."""
    tq = f"rel-ref-{uuid.uuid4().hex[:8]}"
    async with new_worker(client, tq, pkg.workflows_for(None), activities.ALL):
        h = await client.start_workflow("rel:crash", INPUT, id=f"ref-{uuid.uuid4()}",
                                        task_queue=tq)
        for i in range(1, INPUT["signals"] + 1):
            await h.signal("item", i)
        try:
            return await asyncio.wait_for(h.result(), 60)
        except WorkflowFailureError as e:
            raise AssertionError(f"reference run failed: {e.cause!r}") from e


def test_worker_killed_mid_workflow_resumes_on_a_new_process(dev_server, pkg, tmp_path):
    address = server_address(dev_server)
    pkg_dir = Path(pkg.__file__).parent
    tq = f"rel-crash-{uuid.uuid4().hex[:8]}"
    half = INPUT["signals"] // 2
    markers = tmp_path / "markers"
    markers.mkdir()
    kill_round = 2

    async def body() -> tuple[Any, Any, dict[str, Any], list[Any]]:
        client = dev_server.client
        reference = asyncio.create_task(_reference_run(client, pkg))

        # the first worker keeps its cache (as in production) but gives up its sticky queue
        # after 1 s, and the workflow task timeout is short: the next worker takes over fast
        first = WorkerProc(address, pkg_dir, tq, "--sticky-timeout", "1",
                           "--marker-dir", str(markers))
        second: WorkerProc | None = None
        try:
            await asyncio.to_thread(first.wait_ready)
            h = await client.start_workflow("rel:crash", INPUT, id=f"crash-{uuid.uuid4()}",
                                            task_queue=tq, task_timeout=timedelta(seconds=2))
            for i in range(1, half + 1):
                await h.signal("item", i)

            # kill the moment the activity of round 2 starts in the worker: it has 1.2 s to
            # run, and the timer of its round is pending
            marker = markers / f"step-{kill_round}-attempt-1"
            await asyncio.to_thread(wait_until, marker.exists, 60, str(marker))
            first.kill()
            desc = await h.describe()
            events = await _events(h)
            at_kill = {
                "running_activities": sum(
                    1 for a in desc.raw_description.pending_activities
                    if a.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED),
                "timers_pending": _count(events, EventType.EVENT_TYPE_TIMER_STARTED)
                - _count(events, EventType.EVENT_TYPE_TIMER_FIRED),
                "signals": _count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
                "completed_activities": _count(events,
                                               EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
            }

            # more signals while no worker is alive: the server keeps them
            for i in range(half + 1, INPUT["signals"] + 1):
                await h.signal("item", i)

            second = WorkerProc(address, pkg_dir, tq, "--marker-dir", str(markers))
            await asyncio.to_thread(second.wait_ready)
            result = await asyncio.wait_for(h.result(), 90)
            events = await _events(h)
            return await reference, result, at_kill, events
        finally:
            if not reference.done():
                reference.cancel()
            first.stop()
            if second is not None:
                second.stop()

    expected, result, at_kill, events = dev_server.run(body(), timeout=180)

    # the kill happened in the state the test is about
    assert at_kill == {"running_activities": 1, "timers_pending": 1, "signals": half,
                       "completed_activities": kill_round - 1}

    # same result as the uninterrupted run: every signal once, in order, every round once
    assert result == expected
    assert result["seen"] == list(range(1, INPUT["signals"] + 1))
    assert result["duplicates"] == 0
    assert result["steps"] == [{"i": i, "square": i * i} for i in range(1, INPUT["rounds"] + 1)]

    # the activity that was running in the killed worker ran again, on the new worker
    assert (markers / f"step-{kill_round}-attempt-2").exists()
    assert _count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) == INPUT["signals"]
