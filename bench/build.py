"""Build time: a full ``luac2py build`` per 1,000 Lua lines, and a no-op rebuild.

    .venv/bin/python bench/build.py [--rounds N] [--noop-runs N] [--json] [--write]

1. Full build of bench/workloads, samples/order, samples/modules and samples/messaging, each
   into a fresh folder (parse, checks, lowering, formatting, atomic write), in this process
   after one warm-up round; median wall time of ``--rounds`` rounds per 1,000 Lua lines, the
   share of it spent in black (its line generator and splitter, or ``format_str`` on the slow
   path), and ``luaparser.ast.parse`` of the same files for scale.
2. No-op rebuild: a project of 50 workflows and a library (the shape of
   tests/unit/test_build.py) built once, then ``luac2py build`` run again on it in a fresh
   process each time: median wall time of ``--noop-runs`` runs, interpreter start included.

``--write`` replaces the section between ``<!-- build-bench:start -->`` and
``<!-- build-bench:end -->`` in BENCHMARKS.md. The script measures whichever luac2py its
interpreter imports, so running it with another checkout's venv measures that checkout on the
same inputs (this is how before/after figures are taken). The machine is shared: take several
runs, alternating.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
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


def bench_full(rounds: int, parallel: bool) -> dict[str, float]:
    import inspect

    from luaparser import ast as lp_ast

    from luac2py import diagnostics as D
    from luac2py.project import build

    # (a checkout from before the worker process has no such option: it builds in one)
    kw = {"parallel": parallel} if "parallel" in inspect.signature(build).parameters else {}

    files, lines = corpus()
    texts = [f.read_text(encoding="utf-8") for f in files]
    spent = _black_timer()
    wall: list[float] = []
    black: list[float] = []
    parse: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds + 1):  # round 0 warms up (imports, caches)
            spent["s"] = 0.0
            t = time.perf_counter()
            for i, d in enumerate(FOLDERS):
                rep = D.Reporter()
                build(ROOT / d, Path(tmp) / f"r{r}_{i}", rep, **kw)  # fresh: nothing reused
                assert not rep.has_errors, [str(x) for x in rep.diagnostics]
            if r:
                wall.append(time.perf_counter() - t)
                black.append(spent["s"])
            t = time.perf_counter()
            for text in texts:
                lp_ast.parse(text)
            if r:
                parse.append(time.perf_counter() - t)
    k = 1000 / lines
    return {"files": len(files), "lines": lines,
            "build_ms": statistics.median(wall) * 1000 * k,
            "black_ms": statistics.median(black) * 1000 * k,
            "luaparser_ms": statistics.median(parse) * 1000 * k}


def noop_project(root: Path, n: int = 50) -> Path:
    """``n`` workflows over two namespaces sharing one library (tests/unit/test_build.py)."""
    files: dict[str, str] = {
        "lib/_index.yaml": 'version: "1.0"\nnamespace: lib\nentries:\n'
                           "  - name: util\n    kind: library.lua\n    source: file://util.lua\n",
        "lib/util.lua": "local M = {}\nfunction M.double(x) return x * 2 end\nreturn M\n",
    }
    for ns in ("alpha", "beta"):
        entries = [f"  - name: worker\n    kind: temporal.worker\n    task_queue: {ns}-q\n"]
        for i in range(n // 2):
            entries.append(
                f"  - name: wf{i}\n    kind: workflow.lua\n    source: file://wf{i}.lua\n"
                "    modules: [funcs, time]\n    imports: {util: lib:util}\n"
                "    meta: {temporal: {workflow: {worker: worker}}}\n")
            files[f"{ns}/wf{i}.lua"] = (
                "local funcs = require('funcs')\nlocal time = require('time')\n"
                "local util = require('util')\n\n"
                "local function main(x)\n"
                f"  local r, err = funcs.call('{ns}:step', util.double(x) + {i})\n"
                "  if err then return nil, err end\n"
                "  time.sleep('1s')\n"
                f"  local parts = {{}}\n  for k = 1, {i % 5 + 1} do parts[k] = tostring(r) end\n"
                "  return table.concat(parts, '-')\nend\n\nreturn main\n")
        files[f"{ns}/_index.yaml"] = (f'version: "1.0"\nnamespace: {ns}\nentries:\n'
                                      + "".join(entries))
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
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
            assert r.returncode == 0 and "(0 module(s) compiled, 51 unchanged)" in r.stderr, r.stderr
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = time.perf_counter() - t
    return {"noop_s": statistics.median(times), "python_start_s": bare}


def markdown(res: dict[str, Any]) -> str:
    f = res["full"]
    n = res["noop"]
    return "\n".join([
        "## Build time (bench/build.py)",
        "",
        f"Measured {res['when']} on {res['machine']} (the machine is shared: other jobs were "
        "running).",
        "",
        f"Full build: {f['files']} files, {f['lines']} Lua lines (bench/workloads, "
        "samples/order, samples/modules, samples/messaging), each into a fresh folder, "
        f"median of {res['rounds']} rounds in one process after a warm-up round; black: the "
        "part of that time spent in black's line generator and splitter; luaparser: "
        "`luaparser.ast.parse` of the same files, for scale.",
        "",
        "| | ms per 1,000 Lua lines |",
        "|---|---:|",
        f"| luac2py build | {f['build_ms']:.0f} |",
        f"| of which black | {f['black_ms']:.0f} |",
        f"| luaparser.ast.parse | {f['luaparser_ms']:.0f} |",
        "",
        f"No-op rebuild of 50 workflows and a library (`luac2py build` again, a fresh process "
        f"each time, median of {res['noop_runs']}): **{n['noop_s'] * 1000:.0f} ms**, of which "
        f"{n['python_start_s'] * 1000:.0f} ms start the interpreter.",
    ])


MARK_START = "<!-- build-bench:start -->"
MARK_END = "<!-- build-bench:end -->"


def write_section(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    doc = path.read_text(encoding="utf-8")
    block = f"{MARK_START}\n{text.rstrip()}\n{MARK_END}"
    if MARK_START in doc and MARK_END in doc:
        doc = re.sub(re.escape(MARK_START) + r".*?" + re.escape(MARK_END), lambda _: block, doc,
                     flags=re.S)
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="full-build rounds (default 5)")
    ap.add_argument("--noop-runs", type=int, default=9, help="no-op rebuilds (default 9)")
    ap.add_argument("--one-process", action="store_true",
                    help="full builds without the emitting worker process")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--write", action="store_true", help="write the section of BENCHMARKS.md")
    args = ap.parse_args()
    res: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "rounds": args.rounds, "noop_runs": args.noop_runs,
        "one_process": args.one_process,
        "full": bench_full(args.rounds, not args.one_process),
        "noop": bench_noop(args.noop_runs) if args.noop_runs else None}
    if args.json:
        print(json.dumps(res))
        return
    text = markdown(res)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
