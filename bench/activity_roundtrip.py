"""A Lua activity against the same activity written in Python (issue #17).

bench/functions: one workflow calls an activity N times in a row; the activity is a compiled
``function.lua`` entry (a fresh Lua state per call, arguments and result converted as Wippy's
payloads) or its hand-written Python twin. Two activities: ``echo`` (the bare cost of an
activity) and ``price`` (a small order priced: a loop, arithmetic, ``string.format``,
``table.concat``, ``json.encode``).

1. round trip on the dev server: ms per activity call seen by the workflow (schedule, run,
   complete), both variants on the same worker, in interleaved rounds;
2. the activity alone: ms per call of the activity function under temporalio's
   ActivityEnvironment (no server), which isolates what the Lua side costs.

Ratios are medians of per-round ratios (lua / python).

    .venv/bin/python bench/activity_roundtrip.py [--rounds 7] [--calls 40] [--markdown]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import build_package  # noqa: E402
from bench.functions import activities  # noqa: E402

ORDER = {
    "tax_rate": 0.1,
    "items": [{"sku": f"sku-{i:03d}", "qty": 1 + (i * 7) % 13, "price": 3.25 + i * 1.5}
              for i in range(20)],
}
ACTIVITIES = {"echo": ("bench:lua_echo", "bench:py_echo"),
              "price": ("bench:lua_price", "bench:py_price")}


def log(*a: Any) -> None:
    print(*a, file=sys.stderr, flush=True)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) < 1e-9
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


async def round_trips(pkg: Any, rounds: int, calls: int) -> dict[str, list[tuple[float, float]]]:
    """(lua ms, python ms) per activity call, per round."""
    from luac2py_runtime.temporal.testing import start_dev_server

    env = await start_dev_server()
    client = env.client
    out: dict[str, list[tuple[float, float]]] = {w: [] for w in ACTIVITIES}
    try:
        async with pkg.new_worker(client, "bench:worker", activities=activities.ALL):

            async def timed(activity: str, n: int) -> tuple[float, Any]:
                t = time.perf_counter()
                r = await client.execute_workflow(
                    "bench:caller", {"activity": activity, "n": n, "order": ORDER},
                    id=f"bench-{uuid.uuid4()}", task_queue="bench-functions")
                return (time.perf_counter() - t) * 1000 / n, r

            for workload, (lua, py) in ACTIVITIES.items():
                _, rl = await timed(lua, 3)  # warm-up, and both give the same result
                _, rp = await timed(py, 3)
                assert same(rl, rp), (workload, rl, rp)
            for i in range(rounds):
                for workload, (lua, py) in ACTIVITIES.items():
                    order = [lua, py] if i % 2 == 0 else [py, lua]
                    got = {a: (await timed(a, calls))[0] for a in order}
                    out[workload].append((got[lua], got[py]))
                log(f"round {i + 1}/{rounds}: " + ", ".join(
                    f"{w} {v[-1][0]:.2f}/{v[-1][1]:.2f} ms" for w, v in out.items()))
    finally:
        await env.shutdown()
    return out


def alone(pkg: Any, rounds: int, calls: int) -> dict[str, list[tuple[float, float]]]:
    """(lua ms, python ms) per call of the activity function itself, per round."""
    from temporalio.testing import ActivityEnvironment

    lua_acts = {a.__name__.split("[")[1].rstrip("]"): a for a in pkg.activities_for(None)}
    py_acts = {"bench:py_echo": activities.py_echo, "bench:py_price": activities.py_price}
    env = ActivityEnvironment()

    async def per_call(fn: Any, n: int) -> float:
        t = time.perf_counter()
        for _ in range(n):
            await env.run(fn, ORDER)
        return (time.perf_counter() - t) * 1000 / n

    async def go() -> dict[str, list[tuple[float, float]]]:
        out: dict[str, list[tuple[float, float]]] = {w: [] for w in ACTIVITIES}
        for workload, (lua, py) in ACTIVITIES.items():
            await per_call(lua_acts[lua], 50)
            await per_call(py_acts[py], 50)
        for i in range(rounds):
            for workload, (lua, py) in ACTIVITIES.items():
                if i % 2 == 0:
                    tl = await per_call(lua_acts[lua], calls)
                    tp = await per_call(py_acts[py], calls)
                else:
                    tp = await per_call(py_acts[py], calls)
                    tl = await per_call(lua_acts[lua], calls)
                out[workload].append((tl, tp))
        return out

    return asyncio.run(go())


def table(title: str, data: dict[str, list[tuple[float, float]]]) -> list[str]:
    rows = [f"| {title} | Lua ms | Python ms | Lua / Python |", "|---|---:|---:|---:|"]
    for workload, pairs in data.items():
        lua = statistics.median(p[0] for p in pairs)
        py = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        rows.append(f"| {workload} | {lua:.3f} | {py:.3f} | {ratio:.2f}x |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=40, help="activity calls per workflow")
    ap.add_argument("--alone-calls", type=int, default=500)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    logging.getLogger("temporalio").setLevel(logging.ERROR)
    from luac2py_runtime.temporal.runner import quiet_core_logs

    quiet_core_logs()
    pkg = build_package(ROOT / "bench" / "functions")
    t0 = time.monotonic()
    direct = alone(pkg, args.rounds, args.alone_calls)
    trips = asyncio.run(round_trips(pkg, args.rounds, args.calls))
    lines = [
        *table("round trip on the dev server (per call)", trips), "",
        *table("the activity alone (ActivityEnvironment, per call)", direct), "",
        f"_{args.rounds} interleaved rounds, {args.calls} calls per workflow, "
        f"{args.alone_calls} direct calls per round; {time.monotonic() - t0:.0f} s._",
    ]
    print("\n".join(lines) if args.markdown else "\n".join(lines))


if __name__ == "__main__":
    main()
