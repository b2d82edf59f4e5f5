"""A worker process for the fault tests: serves a compiled package on one task queue.

    python tests/reliability/worker_proc.py ADDRESS PACKAGE_DIR TASK_QUEUE [--max-cached N]
        [--sticky-timeout SECONDS] [--marker-dir DIR]

PACKAGE_DIR is a package built by luac2py (its parent goes on sys.path). Activities come from
``samples.reliability.activities``. Prints ``ready`` once the worker polls, then runs until
killed (the tests SIGKILL it on purpose) or until stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("address")
    p.add_argument("package_dir")
    p.add_argument("task_queue")
    p.add_argument("--max-cached", type=int, default=None)
    p.add_argument("--sticky-timeout", type=float, default=None)
    p.add_argument("--marker-dir", default=None)
    a = p.parse_args()
    if a.marker_dir:
        import os

        os.environ["REL_MARKER_DIR"] = a.marker_dir

    pkg_dir = Path(a.package_dir).resolve()
    sys.path.insert(0, str(pkg_dir.parent))
    sys.path.insert(0, str(ROOT))
    pkg = importlib.import_module(pkg_dir.name)
    from luac2py_runtime import connect, new_worker

    from samples.reliability import activities

    client = await connect(a.address)
    kwargs = {}
    if a.max_cached is not None:
        kwargs["max_cached_workflows"] = a.max_cached
    if a.sticky_timeout is not None:
        kwargs["sticky_queue_schedule_to_start_timeout"] = timedelta(seconds=a.sticky_timeout)
    worker = new_worker(client, a.task_queue, pkg.workflows_for(None), activities.ALL, **kwargs)
    async with worker:
        print("ready", flush=True)
        # run until stdin closes (the test ends) or the process is killed
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
