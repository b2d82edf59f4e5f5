"""Typed Wippy code runs exactly as if its annotations were absent."""

from __future__ import annotations

import asyncio

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.host.script import load_module, run_chunk

TYPED = """
type Point = {x: number, y: number}
type Pair<T> = {first: T, second: T}
interface Shape
  area: (self: Shape) -> number
end
local function make<T>(a: T, b: T): Pair<T>
  return {first = a, second = b}
end
local function dist(p: Point, q: Point?): number
  local o: Point = q or {x = 0, y = 0}
  return ((p.x - o.x) ^ 2 + (p.y - o.y) ^ 2) ^ 0.5
end
local function sum(...: number): (number, integer)
  local s: number, n: integer = 0, select('#', ...)
  for _, v in ipairs({...}) do s = s + v end
  return s, n
end
local pair = make(1, 2) :: Pair<integer>
local p = {x = 3, y = 4} as Point
local maybe: string? = nil
local name = (maybe or "anon")!
print(pair.first, pair.second, dist(p), sum(1, 2, 3), name, type(p))
"""

PLAIN = """
local function make(a, b)
  return {first = a, second = b}
end
local function dist(p, q)
  local o = q or {x = 0, y = 0}
  return ((p.x - o.x) ^ 2 + (p.y - o.y) ^ 2) ^ 0.5
end
local function sum(...)
  local s, n = 0, select('#', ...)
  for _, v in ipairs({...}) do s = s + v end
  return s, n
end
local pair = make(1, 2)
local p = {x = 3, y = 4}
local maybe = nil
local name = (maybe or "anon")
print(pair.first, pair.second, dist(p), sum(1, 2, 3), name, type(p))
"""


class _Capture(LocalBackend):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(text)


def _run(src: str) -> list[str]:
    r = D.Reporter()
    c = compile_chunk(src, "t.lua", r, in_workflow=False, fmt=False)
    assert c is not None, [str(d) for d in r.diagnostics]
    cap = _Capture()
    asyncio.run(run_chunk(load_module(c.text, "t.lua"), [], backend=cap))
    return cap.lines


def test_typed_program_behaves_like_the_plain_one() -> None:
    out = _run(TYPED)
    assert out == _run(PLAIN)
    assert out == ["1\t2\t5\t6\tanon\ttable"]  # sum(...) mid-list keeps one value
