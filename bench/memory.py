"""Memory per open cached execution, for one variant, in its own process (run by run_all.py):
COUNT counter workflows are started and each answers one Update, so that every one is open,
cached on this worker and waiting for a message; the result is the RSS delta / COUNT.

    python bench/memory.py VARIANT COUNT TARGET_HOST:PORT

BENCH_TRACEMALLOC=1 also prints where the Python allocations of the measured executions were
made (by line); with BENCH_TRACEMALLOC_DEPTH=N (e.g. 30) each allocation is charged to the
innermost of its N frames that is luac2py code (the runtime, the generated package, the
hand-written baseline) -- e.g. a task made by ``Execution.spawn`` rather than temporalio's
``create_task`` -- and a per-file summary comes first.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import temporalio.client  # noqa: E402

from bench.common import VARIANTS  # noqa: E402
from bench.workloads import activities  # noqa: E402


def rss_kb() -> int:
    """Resident set size, after handing freed heap pages back to the system (so that memory
    freed by the warm-up is not counted as free room for the measured executions)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def open_one(client: temporalio.client.Client, tq: str, tag: str) -> None:
    h = await client.start_workflow("bench:counter", {"initial": 0},
                                    id=f"mem-{tag}-{uuid.uuid4()}", task_queue=tq)
    await h.execute_update("increment", {"amount": 1})


async def main(variant: str, count: int, target: str) -> None:
    v = VARIANTS[variant]
    base = await temporalio.client.Client.connect(target)
    client = v.client(base)
    tq = f"mem-{variant}-{uuid.uuid4().hex[:6]}"
    worker = v.worker(base, tq, activities.ALL, max_cached_workflows=count + 100,
                      max_concurrent_workflow_tasks=50)
    async with worker:
        sem = asyncio.Semaphore(25)

        async def bounded(i: int, tag: str) -> None:
            async with sem:
                await open_one(client, tq, tag)

        # warm up: imports, caches, the first sandbox, allocator arenas
        await asyncio.gather(*(bounded(i, "warm") for i in range(50)))
        gc.collect()
        trace = os.environ.get("BENCH_TRACEMALLOC") == "1"
        if trace:  # where the memory goes (Python allocations only), for investigating
            import tracemalloc

            depth = int(os.environ.get("BENCH_TRACEMALLOC_DEPTH", "1"))
            tracemalloc.start(depth)
            snap0 = tracemalloc.take_snapshot()
        before = rss_kb()
        await asyncio.gather(*(bounded(i, "m") for i in range(count)))
        gc.collect()
        await asyncio.sleep(0.5)
        after = rss_kb()
        if trace:
            snap1 = tracemalloc.take_snapshot()
            if depth > 1:
                _print_charged(snap1.compare_to(snap0, "traceback"), count)
            else:
                stats = snap1.compare_to(snap0, "lineno")
                total = sum(st.size_diff for st in stats)
                print(f"tracemalloc: {total / count / 1024:.1f} KB per execution",
                      file=sys.stderr)
                for st in stats[:25]:
                    print(f"  {st.size_diff / count:8.0f} B/exec  {st.count_diff / count:6.1f} "
                          f"obj/exec  {st.traceback}", file=sys.stderr)
        cached = len(getattr(getattr(worker, "_workflow_worker", None), "_running_workflows", ()))
        print(json.dumps({"variant": variant, "count": count, "cached": cached,
                          "rss_before_kb": before,
                          "rss_after_kb": after, "per_execution_kb": (after - before) / count}))
        sys.stdout.flush()
        # the open workflows stay on the (throw-away) server; evicting them all on a worker
        # shutdown takes long and measures nothing
        os._exit(0)


_OURS = ("luac2py_runtime", "luac2py-bench-", "baselines")  # luac2py-bench-: the compiled package


def _print_charged(stats: list, count: int) -> None:
    """Allocations charged to the innermost frame in luac2py code (else the innermost one),
    summed per file and per line."""
    import collections

    by_line: collections.Counter[str] = collections.Counter()
    objs: collections.Counter[str] = collections.Counter()
    for st in stats:
        frames = list(st.traceback)[::-1]  # innermost first
        f = next((f for f in frames if any(o in f.filename for o in _OURS)), frames[0])
        key = f"{os.path.basename(f.filename)}:{f.lineno}"
        by_line[key] += st.size_diff
        objs[key] += st.count_diff
    by_file: collections.Counter[str] = collections.Counter()
    for k, v in by_line.items():
        by_file[k.rsplit(":", 1)[0]] += v
    total = sum(by_line.values())
    print(f"tracemalloc: {total / count / 1024:.1f} KB per execution", file=sys.stderr)
    for k, v in by_file.most_common(15):
        print(f"  {v / count:8.0f} B/exec  {k}", file=sys.stderr)
    for k, v in by_line.most_common(40):
        print(f"  {v / count:8.0f} B/exec  {objs[k] / count:6.1f} obj/exec  {k}",
              file=sys.stderr)


def _prebuilt() -> None:
    """Build the compiled package in another process, as run_all.py does: memory a build
    frees in this one would be reused by the executions measured, making them look smaller
    (by about 4 KB each)."""
    import subprocess

    code = ("import os, sys; sys.path.insert(0, sys.argv[1]); "
            "from bench.common import compiled_package; compiled_package(); "
            "print(os.environ['BENCH_COMPILED_PKG'])")
    p = subprocess.run([sys.executable, "-c", code, str(Path(__file__).resolve().parent.parent)],
                       capture_output=True, text=True, check=True)
    os.environ["BENCH_COMPILED_PKG"] = p.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    if sys.argv[1].startswith("compiled") and "BENCH_COMPILED_PKG" not in os.environ:
        _prebuilt()
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
