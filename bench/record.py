"""Record the histories that bench/run_all.py replays: each workload run once by each
variant's own code on the time-skipping server, saved under bench/histories/<variant>/.
Checked in; re-record after changing a workload or the code that runs it:

    .venv/bin/python bench/record.py [--only VARIANT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    RECORDERS, VARIANTS, WORKLOADS, drive, history_path, normalise, save_history, start_server,
    workload_input)
from bench.workloads import activities  # noqa: E402


def quiet() -> None:
    import logging

    # the saga's failing activity is expected: keep its traceback out of the output
    logging.getLogger("temporalio.activity").setLevel(logging.CRITICAL)
    logging.getLogger("temporalio.worker._activity").setLevel(logging.CRITICAL)


async def record(only: list[str]) -> dict[str, dict[str, object]]:
    env = await start_server("time-skipping")
    results: dict[str, dict[str, object]] = {}
    try:
        for name in only:
            v = VARIANTS[name]
            tq = f"record-{name}-{uuid.uuid4().hex[:6]}"
            client = v.client(env.client)
            async with v.worker(env.client, tq, activities.ALL):
                for w in WORKLOADS:
                    h = await client.start_workflow(
                        f"bench:{w}", workload_input(w), id=f"{w}-{name}-{uuid.uuid4()}",
                        task_queue=tq)
                    await drive(w, h)
                    r = await h.result()
                    results.setdefault(name, {})[w] = r
                    hist = await h.fetch_history()
                    save_history(history_path(v, w), hist)
                    print(f"{name:28s} {w:8s} {len(hist.events):5d} events  {json.dumps(r)[:90]}",
                          flush=True)
    finally:
        await env.shutdown()
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append", choices=RECORDERS)
    args = ap.parse_args()
    quiet()
    results = asyncio.run(record(args.only or RECORDERS))
    ref = results.get("compiled") or next(iter(results.values()))
    bad = [(n, w) for n, rs in results.items() for w in WORKLOADS
           if normalise(rs[w]) != normalise(ref[w])]
    if bad:
        print("results differ between variants:", bad, file=sys.stderr)
        for n, w in bad:
            print(f"  {n}/{w}: {results[n][w]}  vs  {ref[w]}", file=sys.stderr)
        sys.exit(1)
    print("all variants agree")


if __name__ == "__main__":
    main()
