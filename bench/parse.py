"""Parse speed: luac2py's parser against ``luaparser.ast.parse``, in the same process.

Generates deterministic workflow-style Lua of 1,000 and 10,000 lines, times both parsers
(median of several runs; luaparser runs fewer times on the big input) and prints a table.
Times are CPU time of this process, so that other load on the machine does not distort them.

    .venv/bin/python bench/parse.py [--runs N] [--markdown]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "compiler"))

from luaparser import ast as luaparser_ast  # noqa: E402

from luac2py.frontend.parser import parse  # noqa: E402

_STEP_NAMES = ["reserve", "charge", "ship", "notify", "audit", "refund", "verify", "score"]
_FIELDS = ["order_id", "amount", "customer", "items", "status", "retries", "region", "total"]


def _function(rng: random.Random, n: int) -> list[str]:
    """One workflow-style function of about 25-40 lines."""
    step = rng.choice(_STEP_NAMES)
    f1, f2, f3 = rng.sample(_FIELDS, 3)
    lines = [
        f"local function {step}_{n}(ctx, order, opts)",
        "  opts = opts or {}",
        f"  local result = {{ ok = false, step = \"{step}\", attempts = 0 }}",
        f"  if not order or not order.{f1} then",
        f"    return nil, \"missing {f1} in step {n}\"",
        "  end",
        f"  local total = order.{f2} or 0",
        f"  for i, item in ipairs(order.{f3} or {{}}) do",
        "    local price = (item.price or 0) * (item.qty or 1)",
        "    if price > 1000 and item.kind ~= \"digital\" then",
        f"      total = total + price * 0.{rng.randint(1, 9)}",
        "    elseif item.discount then",
        "      total = total + price - item.discount // 1",
        "    else",
        "      total = total + price",
        "    end",
        "  end",
        f"  local res, err = funcs.call(\"app.orders:{step}\", {{",
        f"    id = order.{f1},",
        "    total = total,",
        f"    tags = {{ \"{step}\", \"v{n % 7}\", region = order.region }},",
        "  })",
        "  if err then",
        f"    logger:warn(\"step failed: \" .. tostring(err), {{ step = {n}, id = order.{f1} }})",
        "    result.attempts = result.attempts + 1",
        "    while result.attempts < (opts.max_retries or 3) do",
        "      time.sleep(\"1s\")",
        f"      res, err = funcs.call(\"app.orders:{step}\", {{ id = order.{f1} }})",
        "      if not err then break end",
        "      result.attempts = result.attempts + 1",
        "    end",
        "  end",
        "  result.ok = err == nil",
        "  result.value = res and res.value or -1",
        "  result.mask = (total | 0) & 0xFF ~ (n or 0) << 2",
        "  return result, err",
        "end",
        "",
    ]
    return lines


def generate(lines: int, seed: int = 1) -> str:
    """Deterministic workflow-style Lua source of about ``lines`` lines."""
    rng = random.Random(seed)
    out = [
        "local funcs = require(\"funcs\")",
        "local time = require(\"time\")",
        "local logger = require(\"logger\")",
        "",
    ]
    n = 0
    while len(out) < lines - 12:
        out.extend(_function(rng, n))
        n += 1
    out.append("local function run(args)")
    out.append("  local order = args.order")
    out.append("  local results = {}")
    for i in range(min(n, 5)):
        out.append(f"  results[#results + 1] = {_STEP_NAMES[0]}_{i} and {{ {i} }} or nil")
    out.append("  return { status = \"done\", results = results }")
    out.append("end")
    out.append("return { run = run }")
    return "\n".join(out) + "\n"


def _median_time(fn: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs per measurement (default 7)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    runs = max(args.runs, 1)

    if args.markdown:
        print("| lines | luac2py ms | ms / 1k lines | luaparser ms | ms / 1k lines | speed-up |")
        print("|---:|---:|---:|---:|---:|---:|")
    else:
        print(f"{'lines':>7} {'luac2py ms':>11} {'ms/1k lines':>12} {'luaparser ms':>13} "
              f"{'ms/1k lines':>12} {'speed-up':>9}")
    for size in (1_000, 10_000):
        source = generate(size)
        nlines = source.count("\n")
        if size <= 1_000:  # both parsers must agree on what they are timed on
            assert parse(source) == luaparser_ast.parse(source)
        ours = _median_time(lambda: parse(source), runs)
        theirs_runs = runs if size <= 1_000 else max(1, min(runs, 3))
        theirs = _median_time(lambda: luaparser_ast.parse(source), theirs_runs)
        row = (nlines, ours * 1e3, ours * 1e6 / nlines, theirs * 1e3, theirs * 1e6 / nlines,
               theirs / ours)
        if args.markdown:
            print("| {} | {:.1f} | {:.2f} | {:.1f} | {:.2f} | {:.1f}x |".format(*row))
        else:
            print("{:>7} {:>11.1f} {:>12.2f} {:>13.1f} {:>12.2f} {:>8.1f}x".format(*row))


if __name__ == "__main__":
    main()
