"""Build time: a full ``luac2py build`` per 1,000 Lua lines, and a no-op rebuild.

    .venv/bin/python bench/build.py [--rounds N] [--noop-runs N] [--json] [--write]
                                    [--baseline OTHER/.venv/bin/python --baseline-label TEXT]

1. Full build of bench/workloads, samples/order, samples/modules and samples/messaging, each
   into a fresh folder (parse, checks, lowering, formatting, atomic write), in this process
   after one warm-up round, median wall time of ``--rounds`` rounds per 1,000 Lua lines: as
   ``luac2py build`` runs it (with its emitting worker process) and in one process (also its
   CPU time, which other jobs on a shared machine disturb less), with the share of the latter
   spent in black (its line generator and splitter, or ``format_str`` on
   the text path); ``luaparser.ast.parse`` of the same files for scale.
2. No-op rebuild: a project of 50 workflows (the bench workloads again and again) built once,
   then ``luac2py build`` run again on it in a fresh process each time: median wall time of
   ``--noop-runs`` runs, interpreter start included.
3. With ``--baseline``, the one-process full build of another checkout (this script run by
   that checkout's venv, which imports that checkout's luac2py, on the same inputs),
   alternating with this one's, each in a fresh process: before/after (wall and CPU time),
   side by side.

``--write`` replaces the section between ``<!-- build-bench:start -->`` and
``<!-- build-bench:end -->`` in BENCHMARKS.md. The machine is shared: take several runs.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sections import write_section  # noqa: E402

FOLDERS = ["bench/workloads", "samples/order", "samples/modules", "samples/messaging"]


def corpus() -> tuple[list[Path], int]:
    files = [f for d in FOLDERS for f in sorted((ROOT / d).glob("*.lua"))]
    return files, sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)


def _black_timer() -> dict[str, float]:
    """Wrap the emitter's calls into black so that their time is summed in the result."""
    from luac2py.emit import module as emit

    spent = {"s": 0.0}
    for name in ("format_tree", "format_code"):
        fn = getattr(emit, name, None)
        if fn is None:
            continue

        def timed(*a: Any, _fn: Any = fn, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return _fn(*a, **k)
            finally:
                spent["s"] += time.perf_counter() - t

        setattr(emit, name, timed)
    return spent


def bench_full(rounds: int) -> dict[str, float]:
    """Each round builds the corpus twice, as ``luac2py build`` does (with its emitting
    worker process) and in one process (where black's share is timed), then parses it with
    luaparser."""
    import inspect

    from luaparser import ast as lp_ast

    from luac2py import diagnostics as D
    from luac2py.project import build

    # a checkout from before the worker process has no such option: it builds in one
    two = "parallel" in inspect.signature(build).parameters
    files, lines = corpus()
    texts = [f.read_text(encoding="utf-8") for f in files]
    spent = _black_timer()
    times: dict[str, list[float]] = {"two": [], "one": [], "one_cpu": [], "black": [],
                                     "luaparser": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds + 1):  # round 0 warms up (imports, caches)
            for mode in ("two", "one"):
                spent["s"] = 0.0
                t, cpu = time.perf_counter(), time.process_time()
                for i, d in enumerate(FOLDERS):
                    rep = D.Reporter()
                    kw = {"parallel": mode == "two"} if two else {}
                    build(ROOT / d, Path(tmp) / f"r{r}_{mode}_{i}", rep, **kw)  # fresh folder
                    assert not rep.has_errors, [str(x) for x in rep.diagnostics]
                if r:
                    times[mode].append(time.perf_counter() - t)
                    if mode == "one":
                        times["one_cpu"].append(time.process_time() - cpu)
                        times["black"].append(spent["s"])
            t = time.perf_counter()
            for text in texts:
                lp_ast.parse(text)
            if r:
                times["luaparser"].append(time.perf_counter() - t)
    k = 1000 / lines
    out: dict[str, float] = {"files": len(files), "lines": lines}
    for name, xs in times.items():
        out[name + "_ms"] = statistics.median(xs) * 1000 * k
    return out


def bench_baseline(python: str, rounds: int) -> dict[str, float]:
    """``rounds`` alternations of this checkout's and ``python``'s (another checkout's venv)
    one-process full build, each a fresh process of this script."""
    got: dict[str, list[float]] = {"before": [], "after": [], "before_cpu": [], "after_cpu": []}
    for _ in range(rounds):
        for label, exe in (("before", python), ("after", sys.executable)):
            r = subprocess.run([exe, __file__, "--json", "--rounds", "1", "--noop-runs", "0"],
                               capture_output=True, text=True, check=True)
            full = json.loads(r.stdout.splitlines()[-1])["full"]
            got[label].append(full["one_ms"])
            got[label + "_cpu"].append(full["one_cpu_ms"])
    return {label + "_ms": statistics.median(xs) for label, xs in got.items()}


def noop_project(root: Path, n: int = 50) -> Path:
    """``n`` workflows: the bench workloads entered over and over under other names, in two
    namespaces served by one worker each."""
    import yaml

    index = yaml.safe_load((ROOT / "bench" / "workloads" / "_index.yaml").read_text())
    flows = [e for e in index["entries"] if e["kind"] == "workflow.lua"]
    for half, ns in enumerate(("alpha", "beta")):
        entries: list[dict[str, Any]] = [{"name": "worker", "kind": "temporal.worker",
                                          "task_queue": ns}]
        for i in range(half * n // 2, (half + 1) * n // 2):
            e = dict(flows[i % len(flows)], name=f"wf{i}", source=f"file://wf{i}.lua")
            entries.append(e)
            src = ROOT / "bench" / "workloads" / flows[i % len(flows)]["source"][len("file://"):]
            (root / ns).mkdir(parents=True, exist_ok=True)
            (root / ns / f"wf{i}.lua").write_bytes(src.read_bytes())
        (root / ns / "_index.yaml").write_text(yaml.safe_dump(
            {"version": "1.0", "namespace": ns, "entries": entries}, sort_keys=False))
    return root


def bench_noop(runs: int) -> dict[str, float]:
    exe = Path(sys.executable).with_name("luac2py")
    with tempfile.TemporaryDirectory() as tmp:
        src = noop_project(Path(tmp) / "proj")
        out = Path(tmp) / "out"
        cmd = [str(exe), "build", str(src), "-o", str(out)]
        first = subprocess.run(cmd, capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        times: list[float] = []
        for _ in range(runs):
            t = time.perf_counter()
            r = subprocess.run(cmd, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            assert r.returncode == 0 and "(0 module(s) compiled, 50 unchanged)" in r.stderr, r.stderr
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = time.perf_counter() - t
    return {"noop_s": statistics.median(times), "python_start_s": bare}


def markdown(res: dict[str, Any]) -> str:
    f = res["full"]
    n = res["noop"]
    out = [
        "## Build time (bench/build.py)",
        "",
        f"Measured {res['when']} on {res['machine']} (the machine is shared: other jobs were "
        "running; read the ratios).",
        "",
        f"Full build: {f['files']} files, {f['lines']} Lua lines (bench/workloads, "
        "samples/order, samples/modules, samples/messaging), each into a fresh folder, "
        f"median of {res['rounds']} rounds in one process after a warm-up round: as "
        "`luac2py build` runs it (a second process emits modules while the first lowers the "
        "next ones), and all in one process, of which black (its line generator and "
        "splitter) takes the next row; `luaparser.ast.parse` of the same files for scale.",
        "",
        "| | ms per 1,000 Lua lines |",
        "|---|---:|",
        f"| luac2py build | {f['two_ms']:.0f} |",
        f"| luac2py build, one process | {f['one_ms']:.0f} |",
        f"| of which black | {f['black_ms']:.0f} |",
        f"| luac2py build, one process, CPU time | {f['one_cpu_ms']:.0f} |",
        f"| luaparser.ast.parse | {f['luaparser_ms']:.0f} |",
    ]
    if res.get("baseline"):
        b = res["baseline"]
        out += [
            "",
            f"Side by side with `{res['baseline_label']}` (one process each, "
            f"{res['rounds']} alternated runs of this script, medians): before "
            f"**{b['before_ms']:.0f}**, after **{b['after_ms']:.0f}** ms per 1,000 Lua lines "
            f"({b['before_ms'] / b['after_ms']:.1f}x); CPU time {b['before_cpu_ms']:.0f} and "
            f"{b['after_cpu_ms']:.0f} ({b['before_cpu_ms'] / b['after_cpu_ms']:.1f}x).",
        ]
    if n:
        out += [
            "",
            "No-op rebuild of 50 workflows (the bench workloads again and again): `luac2py "
            f"build` run again in a fresh process, median of {res['noop_runs']}: "
            f"**{n['noop_s'] * 1000:.0f} ms**, of which {n['python_start_s'] * 1000:.0f} ms "
            "start the interpreter.",
        ]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="full-build rounds (default 5)")
    ap.add_argument("--noop-runs", type=int, default=9, help="no-op rebuilds (default 9)")
    ap.add_argument("--baseline", metavar="PYTHON",
                    help="also time another checkout's build, alternating (its venv's python)")
    ap.add_argument("--baseline-label", default="the baseline",
                    help="how the section names the baseline (e.g. main at abc1234)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--write", action="store_true", help="write the section of BENCHMARKS.md")
    args = ap.parse_args()
    res: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "rounds": args.rounds, "noop_runs": args.noop_runs,
        "full": bench_full(args.rounds),
        "noop": bench_noop(args.noop_runs) if args.noop_runs else None,
        "baseline": bench_baseline(args.baseline, args.rounds) if args.baseline else None,
        "baseline_label": args.baseline_label}
    if args.json:
        print(json.dumps(res))
        return
    text = markdown(res)
    print(text)
    if args.write:
        write_section("build-bench", text)


if __name__ == "__main__":
    main()
