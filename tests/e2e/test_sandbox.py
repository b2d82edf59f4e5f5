"""The sandbox as a CI check of the runtime (DESIGN.md, "Sandbox").

Workers run compiled workflows unsandboxed: the runtime is deterministic by design and keeps
its state per execution. These tests make the sandbox guard that claim. A representative
workflow of every sample runs under temporalio's ``SandboxedWorkflowRunner`` with the default
restrictions and NOTHING passed through (``luac2py_runtime`` is re-imported inside the sandbox
and every call it makes is checked), then its history replays under the same sandbox. A runtime
change that touches a restricted module (I/O, wall clock, threads, ...) or breaks determinism
fails here: any exception in a workflow task fails the workflow instead of retrying the task.

Also: the generated package imports workflow modules only on demand (the sandbox re-imports
per run what a workflow module imports, so one workflow must not drag in the others).
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Any

import pytest
import temporalio.worker
from temporalio.client import WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from luac2py_runtime.temporal.converter import DATA_CONVERTER
from luac2py_runtime.temporal.interceptors import ContextInterceptor
from samples.messaging import activities as msg_acts
from samples.modules import activities as mod_acts
from samples.order import activities as order_acts
from tests.helpers import ROOT, build_package


def _why(failure: Any) -> str:
    """The message (and exception type) inside a replay failure or a workflow failure."""
    text = str(failure)
    msgs = re.findall(r'message: "([^"]*)"', text)
    types = re.findall(r'r#type: "([^"]*)"', text)
    if msgs:
        return f"{types[0] if types else ''}: {msgs[0]}"
    return text[:2000]


def _runtime_frames(failure: Any) -> str:
    """The runtime's frames in a failure's stack trace: where the runtime went wrong."""
    trace = getattr(failure, "stack_trace", "") or ""
    frames = [ln.strip() for ln in trace.splitlines()
              if "luac2py_runtime" in ln and ln.strip().startswith("File")]
    return ("\n  at " + "\n  at ".join(frames[-4:])) if frames else ""


def _strict_runner() -> SandboxedWorkflowRunner:
    # passed-through modules must already be imported outside the sandbox
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401

    # the defaults, with nothing of ours passed through. The third-party `cryptography`
    # package is: its compiled extension cannot be imported a second time in one process (as
    # the sandbox would on every run), and it computes pure functions of its inputs (ciphers),
    # so passing it through hides nothing about the runtime's own determinism.
    runner = SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules("cryptography"))
    assert not any(m.startswith("luac2py") for m in runner.restrictions.passthrough_modules)
    return runner


@pytest.fixture(scope="module")
def pkgs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("sandbox")
    return {s: build_package(ROOT / "samples" / s, out) for s in ("order", "modules", "messaging")}


async def _counter_body(client: Any, handle: Any) -> Any:
    r = [await handle.execute_update("increment", {"amount": 5})]
    r.append(await handle.execute_update("decrement", {"amount": 2}))
    r.append(await handle.execute_update("finish", {}))
    return r


CASES = [
    # sample, workflow type, input, activities, expected result, body run while it is open
    ("order", "app:order_workflow",
     {"id": "o1", "total": 30, "customer_id": "c1", "shipping_address": "fail"},
     [order_acts.charge_payment, order_acts.ship_order, order_acts.refund_payment],
     {"status": "failed", "error": "address cannot be shipped to"}, None),
    ("modules", "app:saga_workflow",
     {"items": ["a"], "payment": {"card": "ok"}, "shipping": {"address": "Seoul"}},
     mod_acts.ALL, {"status": "completed", "tracking": "trk-1"}, None),
    ("messaging", "app:worker_pool", {"workers": 3, "jobs": 6}, msg_acts.ALL, None, None),
    ("messaging", "app:counter", {"initial": 0}, msg_acts.ALL, {"final_counter": 3},
     _counter_body),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_sample_runs_and_replays_in_strict_sandbox(ts_server, pkgs, case) -> None:
    sample, wf_type, arg, acts, expected, body = case
    pkg = pkgs[sample]
    tq = f"sandbox-{uuid.uuid4()}"
    workflows = pkg.workflows_for(None)

    async def go() -> Any:
        client = ts_server.client
        async with temporalio.worker.Worker(
            client, task_queue=tq, workflows=workflows, activities=acts,
            workflow_runner=_strict_runner(),
            # a restricted access or a non-deterministic runtime fails the workflow at once
            workflow_failure_exception_types=[Exception],
        ):
            handle = await client.start_workflow(
                wf_type, arg, id=f"sandbox-{uuid.uuid4()}", task_queue=tq)
            try:
                if body is not None:
                    await body(client, handle)
                result = await handle.result()
            except (WorkflowFailureError, WorkflowUpdateFailedError) as e:
                cause = e.cause
                while getattr(cause, "cause", None) is not None:
                    cause = cause.cause
                pytest.fail(f"{wf_type} failed in the strict sandbox: {cause!r}"
                            f"{_runtime_frames(getattr(cause, 'failure', None))}")
            history = await handle.fetch_history()
        replayer = temporalio.worker.Replayer(
            workflows=workflows, data_converter=DATA_CONVERTER,
            interceptors=[ContextInterceptor()], workflow_runner=_strict_runner())
        r = await replayer.replay_workflow(history, raise_on_replay_failure=False)
        assert r.replay_failure is None, \
            f"replay under the strict sandbox failed: {_why(r.replay_failure)}"
        return result

    result = ts_server.run(go())
    if expected is not None:
        assert result == expected
    else:  # worker_pool: 6 jobs doubled
        assert result["total"] == 42


@pytest.mark.parametrize("sample", ["order", "modules", "messaging"])
def test_checked_in_histories_replay_in_strict_sandbox(pkgs, sample) -> None:
    """Replay (no server) of every checked-in history of the sample under the strict sandbox."""
    import asyncio

    from temporalio.client import WorkflowHistory

    paths = sorted((ROOT / "tests" / "histories" / sample).glob("*.json"))
    assert paths
    replayer = temporalio.worker.Replayer(
        workflows=pkgs[sample].workflows_for(None), data_converter=DATA_CONVERTER,
        interceptors=[ContextInterceptor()], workflow_runner=_strict_runner())

    async def go() -> list[str]:
        bad = []
        for p in paths:
            h = WorkflowHistory.from_json(p.stem, p.read_text(encoding="utf-8"))
            r = await replayer.replay_workflow(h, raise_on_replay_failure=False)
            if r.replay_failure is not None:
                bad.append(f"{p.name}: {_why(r.replay_failure)}")
        return bad

    assert asyncio.run(go()) == []


_IMPORT_CHECK = textwrap.dedent("""
    import importlib, json, sys
    sys.path.insert(0, sys.argv[1])
    name = sys.argv[2]
    pkg = importlib.import_module(name)
    mods = sorted(m for m, _ in pkg.WORKFLOW_MODULES.values())
    loaded = lambda: sorted(m for m in mods if f"{name}.{m}" in sys.modules)
    out = {"modules": mods, "after_init": loaded(), "after_one": {}}
    for m in mods:
        importlib.import_module(f"{name}.{m}")
        out["after_one"][m] = loaded()
        for other in mods:
            sys.modules.pop(f"{name}.{other}", None)
    print(json.dumps(out))
""")


def test_generated_package_imports_workflows_only_on_demand(tmp_path: Path) -> None:
    import json

    pkg = build_package(ROOT / "samples" / "messaging", tmp_path)
    name = pkg.__name__
    # in a fresh interpreter: sys.modules shows exactly what each import pulled in
    r = subprocess.run([sys.executable, "-c", _IMPORT_CHECK, str(tmp_path), name],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert len(out["modules"]) >= 2
    assert out["after_init"] == [], "the package __init__ imports workflow modules"
    for m, loaded in out["after_one"].items():
        assert loaded == [m], f"importing {name}.{m} imported {loaded}"
    # and in this process: only the classes asked for are imported
    for m in list(sys.modules):
        if m.startswith(name + "."):
            del sys.modules[m]
    cls = pkg.workflow_class("app:counter")
    assert cls.__module__ == f"{name}.app_counter"
    assert sorted(m for m in sys.modules if m.startswith(name + ".")) == [f"{name}.app_counter"]
    importlib.invalidate_caches()
