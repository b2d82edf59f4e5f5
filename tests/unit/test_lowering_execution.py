"""Compiled chunks at run time: per-execution state, ``luac2py exec``, goto diagnostics."""

from __future__ import annotations

import asyncio

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.lua.execution import Execution
from luac2py_runtime.host.script import load_module

from tests.helpers import luac2py

STATEFUL = """
counter = (counter or 0) + 1
local n = 0
local function bump() n = n + 1; return n end
bump()
cache = cache or {}
cache[#cache + 1] = counter
return counter, bump(), #cache
"""


def _module(src: str, name: str = "state.lua"):  # type: ignore[no-untyped-def]
    reporter = D.Reporter()
    c = compile_chunk(src, name, reporter, in_workflow=False, fmt=False)
    assert c is not None, reporter.diagnostics
    return load_module(c.text, name)


def test_two_executions_of_one_chunk_share_nothing() -> None:
    mod = _module(STATEFUL)
    ex1, ex2 = Execution(), Execution()
    assert mod._chunk(ex1) == (1, 2, 1)
    assert mod._chunk(ex2) == (1, 2, 1)
    # each execution keeps its own globals across runs of the chunk within it
    assert mod._chunk(ex1) == (2, 2, 2)
    assert ex2.globals.hash["counter"] == 1
    assert "counter" not in vars(mod)


def test_interleaved_executions_keep_their_own_state() -> None:
    mod = _module("""
      local co = coroutine.wrap(function()
        for i = 1, 3 do total = (total or 0) + i; coroutine.yield(total) end
      end)
      return co
    """)

    async def run() -> list[object]:
        ex1, ex2 = Execution(), Execution()
        f1 = mod._chunk(ex1)
        f2 = mod._chunk(ex2)
        f1 = f1[0] if isinstance(f1, tuple) else f1
        f2 = f2[0] if isinstance(f2, tuple) else f2
        return [await f1(), await f2(), await f1(), await f2(), await f1()]

    assert asyncio.run(run()) == [1, 1, 3, 3, 6]


def test_exec_prints_and_reports_errors_like_lua(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "order.lua"
    src.write_text('print("args", ...)\nprint(#arg, arg[1])\nlocal order\n'
                   'print("한국어", #"한국어")\nreturn order.total\n', encoding="utf-8")
    r = luac2py("exec", str(src), "x", "y")
    assert r.returncode == 1
    assert r.stdout == "args\tx\ty\n2\tx\n한국어\t9\n"
    assert r.stderr == f"lua: {src}:5: attempt to index local 'order' (a nil value)\n"


def test_exec_success_exits_zero(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "ok.lua"
    src.write_text("print(1 + 1)\n")
    r = luac2py("exec", str(src))
    assert (r.returncode, r.stdout, r.stderr) == (0, "2\n", "")


def test_backward_goto_is_a_clear_diagnostic() -> None:
    reporter = D.Reporter()
    c = compile_chunk("::top::\nif x then goto top end\n", "g.lua", reporter, in_workflow=False)
    assert c is None
    assert [d.code for d in reporter.diagnostics if d.severity == "error"] == ["L2P301"]
    assert reporter.diagnostics[-1].line == 2


def test_a_module_member_called_on_require_itself_is_awaited() -> None:
    # require("time").sleep(...) is the module's function, as through a local bound to it:
    # a function calling it suspends (it was a plain def whose call was never awaited)
    from tests.unit.hostlua import run_lua

    assert run_lua("""
        local ch = channel.new(1)
        ch:send("ready")
        local function take() return require("channel").select({ch:case_receive()}).value end
        local function nap() require("time").sleep("1ms"); return "rested" end
        print(take(), nap())
    """) == ["ready\trested"]
