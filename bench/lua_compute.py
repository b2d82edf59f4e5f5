"""Lua compute: compiled code against hand-written Python and real Lua 5.1 (lupa).

    .venv/bin/python bench/lua_compute.py [--runs N] [--scale K] [--markdown]

Five micro workloads, each a Lua chunk returning a function ``run()`` and a hand-written
Python function doing the same work the way a Python programmer would write it. All three
run in this process, in interleaved rounds (one timed call of each per round, after one
warm-up), so that a machine whose speed drifts slows all three alike; the times are medians
over ``--runs`` rounds, and the ratios compiled/Python and compiled/Lua (lower is better for
compiled code) are the medians of the per-round ratios. Every variant must return the same
checksum.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N = 200_000  # table-sum elements (scaled by --scale)

WORKLOADS: dict[str, tuple[str, Callable[[int], Any]]] = {}


def workload(name: str, lua: str) -> Callable[[Callable[[int], Any]], Callable[[int], Any]]:
    def deco(py: Callable[[int], Any]) -> Callable[[int], Any]:
        WORKLOADS[name] = (lua, py)
        return py

    return deco


# -- table-sum: fill an array, sum it with a numeric for and with ipairs -------------------


@workload("table-sum", """
local n = ...
return function()
  local t = {}
  for i = 1, n do t[i] = i % 7 end
  local s = 0
  for i = 1, #t do s = s + t[i] end
  for _, v in ipairs(t) do s = s + v end
  return s
end
""")
def py_table_sum(n: int) -> int:
    t = []
    for i in range(1, n + 1):
        t.append(i % 7)
    s = 0
    for i in range(len(t)):
        s += t[i]
    for v in t:
        s += v
    return s


# -- string-building: `..` in a loop, table.concat, string.format ---------------------------


@workload("string-building", """
local n = ...
return function()
  local parts = {}
  for i = 1, n // 4 do
    local line = "item " .. i .. ": " .. (i * 3) .. ";"
    parts[#parts + 1] = line
  end
  local s = table.concat(parts, "\\n")
  local acc = ""
  for i = 1, 2000 do acc = acc .. "x" end
  return #s + #acc
end
""")
def py_string_building(n: int) -> int:
    parts = []
    for i in range(1, n // 4 + 1):
        line = "item " + str(i) + ": " + str(i * 3) + ";"
        parts.append(line)
    s = "\n".join(parts)
    acc = ""
    for _ in range(2000):
        acc += "x"
    return len(s) + len(acc)


# -- calls with multiple returns ----------------------------------------------------------------


@workload("multi-return calls", """
local n = ...
local function divmod(a, b) return a // b, a % b end
local function minmax(a, b) if a < b then return a, b end return b, a end
return function()
  local s = 0
  for i = 1, n do
    local q, r = divmod(i, 7)
    local lo, hi = minmax(q, r)
    s = s + lo + hi * 2
  end
  return s
end
""")
def py_multi_return(n: int) -> int:
    def divmod_(a: int, b: int) -> tuple[int, int]:
        return a // b, a % b

    def minmax(a: int, b: int) -> tuple[int, int]:
        if a < b:
            return a, b
        return b, a

    s = 0
    for i in range(1, n + 1):
        q, r = divmod_(i, 7)
        lo, hi = minmax(q, r)
        s = s + lo + hi * 2
    return s


# -- method calls through __index ---------------------------------------------------------


@workload("method calls", """
local n = ...
local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b, ops = 0}, Account) end
function Account:deposit(v) self.balance = self.balance + v; self.ops = self.ops + 1 end
function Account:get() return self.balance end
return function()
  local a = Account.new(0)
  for i = 1, n do
    a:deposit(i % 10)
    if a:get() > 1000000 then a.balance = 0 end
  end
  return a:get() + a.ops
end
""")
def py_method_calls(n: int) -> int:
    class Account:
        __slots__ = ("balance", "ops")

        def __init__(self, b: int) -> None:
            self.balance = b
            self.ops = 0

        def deposit(self, v: int) -> None:
            self.balance = self.balance + v
            self.ops = self.ops + 1

        def get(self) -> int:
            return self.balance

    a = Account(0)
    for i in range(1, n + 1):
        a.deposit(i % 10)
        if a.get() > 1000000:
            a.balance = 0
    return a.get() + a.ops


# -- a gsub-heavy text transform -----------------------------------------------------------


@workload("gsub transform", """
local n = ...
local words = {"alpha", "beta", "gamma", "delta", "한국어", "epsilon"}
local parts = {}
for i = 1, n // 20 do parts[#parts + 1] = words[i % #words + 1] .. " " .. i end
local text = table.concat(parts, ", ")
return function()
  local s = text:gsub("%a+", string.upper)
  s = s:gsub("(%d+)", "<%1>")
  s = s:gsub(", ", ";")
  local count = 0
  for w in s:gmatch("<(%d+)>") do count = count + 1 end
  return #s + count
end
""")
def py_gsub(n: int) -> int:
    import re

    words = ["alpha", "beta", "gamma", "delta", "한국어", "epsilon"]
    parts = [words[i % len(words)] + " " + str(i) for i in range(1, n // 20 + 1)]
    text = ", ".join(parts)
    s = re.sub(r"[A-Za-z]+", lambda m: m.group(0).upper(), text)
    s = re.sub(r"(\d+)", r"<\1>", s)
    s = s.replace(", ", ";")
    count = len(re.findall(r"<(\d+)>", s))
    return len(s.encode("utf-8")) + count


# -- the three ways to run a workload --------------------------------------------------------


def compiled(lua: str, n: int) -> Callable[[], Any]:
    from luac2py import diagnostics as D
    from luac2py.driver import compile_chunk
    from luac2py_runtime.lua.execution import Execution
    from luac2py_runtime.lua.ops import first
    from luac2py_runtime.host.script import load_module

    reporter = D.Reporter()
    c = compile_chunk(lua, "bench.lua", reporter, in_workflow=False)
    if c is None:
        raise SystemExit(f"compile failed: {reporter.diagnostics}")
    mod = load_module(c.text, "bench.lua")
    fn = first(mod._chunk(Execution(), n))
    return lambda: first(fn())


def lupa51(lua: str, n: int) -> Callable[[], Any]:
    import lupa.lua51

    rt = lupa.lua51.LuaRuntime(encoding=None)
    # Lua 5.1 has no `//`: the same programs with math.floor division
    src = lua.replace("n // 4", "math.floor(n / 4)").replace("n // 20", "math.floor(n / 20)")
    src = src.replace("return a // b, a % b", "return math.floor(a / b), a % b")
    fn = rt.execute(src, n)
    return lambda: fn()


def timed(f: Callable[[], Any]) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def interleaved(fs: list[Callable[[], Any]], runs: int) -> tuple[list[list[float]], list[Any]]:
    """Times of ``runs`` rounds, each calling every function once (the order rotating per
    round), after one warm-up call of each whose results are returned."""
    results = [f() for f in fs]
    times: list[list[float]] = [[] for _ in fs]
    for r in range(runs):
        for k in range(len(fs)):
            i = (k + r) % len(fs)
            times[i].append(timed(fs[i]))
    return times, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    n = int(N * args.scale)
    if args.markdown:
        print("| workload | compiled ms | Python ms | Lua 5.1 ms | compiled / Python |"
              " compiled / Lua 5.1 |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print(f"{'workload':<20}{'compiled':>11}{'python':>11}{'lua 5.1':>11}"
              f"{'vs python':>11}{'vs lua':>9}")
    for name, (lua, py) in WORKLOADS.items():
        (tcs, tps, tls), (rc, rp, rl) = interleaved(
            [compiled(lua, n), lambda py=py: py(n), lupa51(lua, n)], args.runs)  # type: ignore[misc]
        if not rc == rp == rl:
            raise SystemExit(f"{name}: results differ: compiled {rc}, python {rp}, lua {rl}")
        tc, tp, tl = (statistics.median(ts) for ts in (tcs, tps, tls))
        vs_py = statistics.median(c / p for c, p in zip(tcs, tps))
        vs_lua = statistics.median(c / lu for c, lu in zip(tcs, tls))
        if args.markdown:
            print(f"| {name} | {tc * 1e3:.1f} | {tp * 1e3:.1f} | {tl * 1e3:.1f} | "
                  f"{vs_py:.2f}x | {vs_lua:.2f}x |")
        else:
            print(f"{name:<20}{tc * 1e3:>9.1f}ms{tp * 1e3:>9.1f}ms{tl * 1e3:>9.1f}ms"
                  f"{vs_py:>10.2f}x{vs_lua:>8.2f}x")


if __name__ == "__main__":
    main()
