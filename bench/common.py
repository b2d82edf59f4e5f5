"""What the worker benchmarks share: the variants (how each one's workflows are built, the
data converter, interceptors and runner it is run with), the workload inputs and the
client-side drivers of each workload."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import temporalio.client  # noqa: E402
import temporalio.converter  # noqa: E402
import temporalio.worker  # noqa: E402
from temporalio.worker.workflow_sandbox import (  # noqa: E402
    SandboxedWorkflowRunner,
    SandboxRestrictions,
)

WORKLOADS = ("saga", "counter", "fanout", "shaping")
HISTORIES = ROOT / "bench" / "histories"
COUNTER_UPDATES = 500


def workload_input(workload: str, live_server: bool = False) -> Any:
    if workload == "saga":
        # the failing path: ship fails, refund and release run (5 activities and a timer)
        d = {"id": "o1", "items": ["a", "b"], "total": 30, "customer_id": "c1",
             "shipping_address": "fail"}
        if live_server:
            d["delay"] = "10ms"  # the recorded histories (time-skipping) sleep 1h
        return d
    if workload == "counter":
        return {"initial": 0}
    if workload == "fanout":
        return {"count": 200}
    if workload == "shaping":
        return {"rows": 5000, "seed": 7}
    raise KeyError(workload)


async def drive(workload: str, handle: Any, updates: int = COUNTER_UPDATES) -> None:
    """What the client does while the workflow runs (the counter's Updates)."""
    if workload != "counter":
        return
    for i in range(updates):
        if i % 5 == 4:
            await handle.execute_update("decrement", {"amount": 1})
        else:
            await handle.execute_update("increment", {"amount": 2})
    await handle.execute_update("finish", {})


def expected_counter(updates: int = COUNTER_UPDATES) -> dict[str, int]:
    dec = updates // 5
    return {"final_counter": 2 * (updates - dec) - dec, "served": updates}


# -- the variants -------------------------------------------------------------------------

_compiled_pkg: Any = None
BUILD_DIR: Path | None = None


def compiled_package() -> Any:
    """bench/workloads compiled by luac2py into a temporary package (once per process)."""
    global _compiled_pkg, BUILD_DIR
    prebuilt = os.environ.get("BENCH_COMPILED_PKG")  # "DIR:NAME", set by run_all.py
    if _compiled_pkg is None and prebuilt:
        d, name = prebuilt.rsplit(":", 1)
        sys.path.insert(0, d)
        _compiled_pkg = importlib.import_module(name)
    if _compiled_pkg is None:
        _compiled_pkg = build_package(ROOT / "bench" / "workloads")
        BUILD_DIR = Path(_compiled_pkg.__file__).parent.parent
        # for subprocesses
        os.environ["BENCH_COMPILED_PKG"] = f"{BUILD_DIR}:{_compiled_pkg.__name__}"
    return _compiled_pkg


def build_package(src: Path) -> Any:
    """A project compiled by luac2py into a fresh temporary package, imported."""
    from luac2py import diagnostics as D
    from luac2py.project import build

    out = Path(tempfile.mkdtemp(prefix="luac2py-bench-"))
    name = f"bench_{src.name}_{uuid.uuid4().hex[:8]}"
    reporter = D.Reporter()
    build(src, out / name, reporter)
    errors = [str(d) for d in reporter.diagnostics if d.severity == "error"]
    if errors:
        raise RuntimeError(f"luac2py build of {src} failed: {errors}")
    sys.path.insert(0, str(out))
    return importlib.import_module(name)


@dataclass(frozen=True)
class Variant:
    name: str  # column label
    history: str  # whose recorded histories it replays (bench/histories/<history>/)
    kind: str  # compiled | embedded | handwritten
    sandboxed: bool
    flavor: str = ""

    def workflows(self) -> list[type]:
        if self.kind == "compiled":
            return compiled_package().workflows_for(None)
        if self.kind == "embedded":
            from bench.baselines.embedded.workflows import WORKFLOWS

            return WORKFLOWS[self.flavor]
        from bench.baselines.handwritten.workflows import WORKFLOWS as HW

        return HW

    def data_converter(self) -> temporalio.converter.DataConverter:
        if self.kind == "compiled":
            from luac2py_runtime.temporal.converter import DATA_CONVERTER

            return DATA_CONVERTER
        return temporalio.converter.DataConverter.default

    def interceptors(self) -> list[Any]:
        if self.kind == "compiled":
            from luac2py_runtime.temporal.interceptors import ContextInterceptor

            return [ContextInterceptor()]
        return []

    def runner(self) -> temporalio.worker.WorkflowRunner:
        if not self.sandboxed:
            return temporalio.worker.UnsandboxedWorkflowRunner()
        if self.kind == "compiled":
            from luac2py_runtime.temporal.worker import workflow_runner

            return workflow_runner(True)  # the runtime passed through
        if self.kind == "embedded":
            return SandboxedWorkflowRunner(restrictions=SandboxRestrictions.default
                                           .with_passthrough_modules(
                                               "lupa", "bench.baselines.embedded.bridge"))
        return SandboxedWorkflowRunner()  # the default, as users run it

    def client(self, base: temporalio.client.Client) -> temporalio.client.Client:
        cfg = base.config()
        cfg["data_converter"] = self.data_converter()
        # keep the base client's own interceptors (the time-skipping server's)
        cfg["interceptors"] = [*cfg.get("interceptors", []), *self.interceptors()]
        return temporalio.client.Client(**cfg)

    def worker(self, client: temporalio.client.Client, task_queue: str,
               activities: list[Callable[..., Any]], **kw: Any) -> temporalio.worker.Worker:
        # the worker takes the variant's interceptors (compiled: ContextInterceptor) from the
        # client, which is both a client and a worker interceptor
        return temporalio.worker.Worker(
            self.client(client), task_queue=task_queue, workflows=self.workflows(),
            activities=activities, workflow_runner=self.runner(), **kw)


VARIANTS = {
    v.name: v for v in [
        Variant("compiled", "compiled", "compiled", False),
        Variant("compiled-sandboxed", "compiled", "compiled", True),
        Variant("embedded-luajit", "embedded-luajit", "embedded", True, "luajit"),
        Variant("embedded-luajit-unsandboxed", "embedded-luajit", "embedded", False, "luajit"),
        Variant("embedded-lua54", "embedded-lua54", "embedded", True, "lua54"),
        Variant("handwritten-sandboxed", "handwritten", "handwritten", True),
        Variant("handwritten-unsandboxed", "handwritten", "handwritten", False),
    ]
}
# the variants whose code records histories
RECORDERS = ["compiled", "embedded-luajit", "embedded-lua54", "handwritten-unsandboxed"]


def history_path(variant: Variant, workload: str) -> Path:
    return HISTORIES / variant.history / f"{workload}.json.gz"


def save_history(path: Path, history: Any) -> None:
    import gzip

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(history.to_json().encode("utf-8"), 9, mtime=0))


def load_history(variant: Variant, workload: str) -> Any:
    import gzip

    from temporalio.client import WorkflowHistory

    path = history_path(variant, workload)
    return WorkflowHistory.from_json(f"{workload}-{variant.history}",
                                     gzip.decompress(path.read_bytes()).decode("utf-8"))


def normalise(result: Any) -> Any:
    """Results of different variants compare equal (the saga's error text differs only in how
    each variant words a failed activity)."""
    if isinstance(result, dict) and "error" in result:
        result = {**result, "error": "…"}
    return result


async def start_server(kind: str) -> Any:
    """A Temporal test server with a plain client (no converter, no interceptors of luac2py:
    each variant's client adds its own)."""
    from luac2py_runtime.temporal import testing

    plain = {"data_converter": temporalio.converter.DataConverter.default, "interceptors": []}
    if kind == "time-skipping":
        return await testing.start_time_skipping(**plain)
    return await testing.start_dev_server(**plain)


def now() -> float:
    return time.perf_counter()
