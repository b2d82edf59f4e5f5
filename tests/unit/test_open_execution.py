"""What an open execution keeps (issue #10, memory per open cached execution): idle channels hold
no queues, the deadlock watcher starts only on a wait that only Lua code could end, and where a
coroutine waits is found only when a deadlock is reported -- naming the same Lua line as the
live stack did when it blocked."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.lua import execution as X
from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.lua.errors import LuaError, frame_position
from luac2py_runtime.lua.execution import Execution
from luac2py_runtime.host.script import load_module
from luac2py_runtime.modules.channel import Channel

from tests.unit.hostlua import coroutine_driver  # noqa: F401

pytestmark = pytest.mark.usefixtures("coroutine_driver")


def innermost_lua_position() -> tuple[str, int] | None:
    """(chunk, line) of the innermost generated-code frame on the live stack: how the runtime
    found a blocked coroutine's position before it became lazy (the oracle here)."""
    f = sys._getframe(1)
    while f is not None:
        pos = frame_position(f, f.f_lineno)
        if pos is not None:
            return pos
        f = f.f_back
    return None


def _load(src: str) -> Any:
    reporter = D.Reporter()
    c = compile_chunk(src, "oe.lua", reporter, chunk_name="oe.lua", in_workflow=False, fmt=True)
    assert c is not None, reporter.diagnostics
    return load_module(c.text, "oe.lua")


async def _run(src: str, ex: Execution) -> Any:
    mod = _load(src)

    async def main() -> Any:
        r = mod._chunk(ex)
        if asyncio.iscoroutine(r):
            r = await r
        return r

    return await asyncio.wait_for(ex.run_main(lambda: main(), ()), 10)


# -- channels -------------------------------------------------------------------------------


def test_an_idle_channel_holds_no_queue_and_a_drained_buffer_is_dropped():
    async def go() -> None:
        ch = Channel(float("inf"), external=True)
        assert ch.buf is None and ch.recvq is None and ch.sendq is None
        assert ch.offer("a") and ch.offer("b")
        assert ch.buffered() == 2
        assert ch.receive() == ("a", True)
        assert ch.receive() == ("b", True)
        assert ch.buf is None  # drained
        # a blocked receiver, then a value for it: handed over without buffering
        r = ch.receive()
        assert asyncio.iscoroutine(r) and len(ch.recvq) == 1
        task = asyncio.ensure_future(r)
        await asyncio.sleep(0)
        assert ch.offer("c")
        assert await task == ("c", True)
        assert ch.buf is None

    asyncio.run(go())


def test_unbuffered_send_waits_for_a_receiver_in_order():
    async def go() -> list[Any]:
        ch = Channel(0)
        got: list[Any] = []
        s1 = asyncio.ensure_future(ch.send(1))
        s2 = asyncio.ensure_future(ch.send(2))
        await asyncio.sleep(0)
        assert len(ch.sendq) == 2 and ch.buf is None
        got.append(ch.receive())
        got.append(ch.receive())
        await asyncio.gather(s1, s2)
        ch.close_channel()
        got.append(ch.receive())
        return got

    assert asyncio.run(go()) == [(1, True), (2, True), (None, False)]


# -- the deadlock watcher ---------------------------------------------------------------------


def test_no_watcher_while_coroutines_wait_only_on_what_the_outside_can_feed():
    src = (
        "local time = require('time')\n"
        "local ch = channel.new()\n"
        "coroutine.spawn(function() time.sleep('20ms'); ch:send(1) end)\n"
        "local t = time.after('10ms')\n"
        "t:receive()\n"
        "return 'ok'\n"
    )

    async def go() -> tuple[Any, Execution]:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        return await _run(src, ex), ex

    r, ex = asyncio.run(go())
    assert r == "ok" and ex._watching is False


def test_the_watcher_starts_on_an_internal_wait_and_finds_the_deadlock():
    src = (
        "local ch = channel.new()\n"
        "coroutine.spawn(function() ch:send(1) end)\n"
        "print(ch:receive())\n"  # fed by the other coroutine: no deadlock
        "ch:receive()\n"  # now nobody can send
    )

    async def go() -> Execution:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        with pytest.raises(LuaError) as ei:
            await _run(src, ex)
        assert ei.value.value == "deadlock: all coroutines are blocked (main waits at oe.lua:4)"
        return ex

    ex = asyncio.run(go())
    assert ex._watching is True


# -- where each coroutine waits: found lazily, as the live stack showed it ----------------------

PROGRAMS = {
    "plain receive in a spawned coroutine and main": (
        "local ch = channel.new()\n"
        "coroutine.spawn(function()\n"
        "  local v = ch:receive()\n"
        "end)\n"
        "local other = channel.new()\n"
        "other:receive()\n"
    ),
    "send that waits, nested function calls": (
        "local ch = channel.new()\n"
        "local function inner(x)\n"
        "  ch:send(x)\n"
        "  return x\n"
        "end\n"
        "local function outer(x)\n"
        "  return inner(x) + 1\n"
        "end\n"
        "coroutine.spawn(function() outer(1) end)\n"
        "coroutine.spawn(function()\n"
        "  local t = {}\n"
        "  t[#t + 1] = outer(2)\n"
        "end)\n"
        "local z = channel.new()\n"
        "z:receive()\n"
    ),
    "select on internal channels": (
        "local a, b = channel.new(), channel.new()\n"
        "local function wait()\n"
        "  return channel.select{\n"
        "    a:case_receive(),\n"
        "    b:case_send(1),\n"
        "  }\n"
        "end\n"
        "local r = wait()\n"
    ),
    "inside a Lua coroutine resumed by main": (
        "local ch = channel.new()\n"
        "local co = coroutine.create(function(x)\n"
        "  coroutine.yield(x)\n"
        "  local v = ch:receive()\n"
        "  return v\n"
        "end)\n"
        "coroutine.resume(co, 1)\n"
        "print(coroutine.resume(co))\n"
    ),
    "a method call on a table": (
        "local obj = {ch = channel.new()}\n"
        "function obj:get()\n"
        "  local v, ok = self.ch:receive()\n"
        "  return v\n"
        "end\n"
        "coroutine.spawn(function() obj:get() end)\n"
        "local v = obj:get()\n"
    ),
}


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_lazy_wait_position_equals_the_live_stack_at_blocking(name, monkeypatch):
    """Every ``block`` also records the position the old code read from the live stack; when
    the deadlock is reported, the lazily found one is the same, for every waiting coroutine."""
    eager: dict[int, str] = {}
    original_block = X.LuaThread.block

    def block(self: X.LuaThread, external: bool) -> None:
        pos = innermost_lua_position()
        eager[id(self)] = f"{pos[0]}:{pos[1]}" if pos else "?"
        original_block(self, external)

    monkeypatch.setattr(X.LuaThread, "block", block)
    seen: list[tuple[str, str]] = []
    original_error = Execution.deadlock_error

    def deadlock_error(self: Execution) -> LuaError:
        for s in self.threads:
            if not s.finished:
                seen.append((s.where, eager[id(s)]))
        return original_error(self)

    monkeypatch.setattr(Execution, "deadlock_error", deadlock_error)

    async def go() -> None:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        with pytest.raises(LuaError) as ei:
            await _run(PROGRAMS[name], ex)
        assert str(ei.value.value).startswith("deadlock: all coroutines are blocked")

    asyncio.run(go())
    assert seen
    for lazy, live in seen:
        assert lazy == live
        assert lazy.startswith("oe.lua:")


def test_deadlock_message_names_the_lines_of_every_waiting_coroutine():
    async def go() -> str:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        with pytest.raises(LuaError) as ei:
            await _run(PROGRAMS["send that waits, nested function calls"], ex)
        return str(ei.value.value)

    assert asyncio.run(go()) == (
        "deadlock: all coroutines are blocked (main waits at oe.lua:15; coroutine 1 waits at "
        "oe.lua:3; coroutine 2 waits at oe.lua:3)"
    )


# -- cancellation of the caller of run_main (no asyncio.shield any more) ------------------------


def test_a_cancellation_offered_and_taken_lets_the_run_go_on():
    async def go() -> Any:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        gate = asyncio.get_running_loop().create_future()
        offered: list[int] = []

        async def entry() -> str:
            await gate
            return "finished"

        def on_cancel() -> bool:
            offered.append(1)
            gate.set_result(None)
            return True

        task = asyncio.ensure_future(ex.run_main(entry, (), on_cancel=on_cancel))
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        task.cancel()
        r = await task
        return r, offered

    assert asyncio.run(go()) == ("finished", [1])


def test_a_cancellation_declined_or_without_taker_cancels_the_run():
    for taker in (None, lambda: False):
        async def go(on_cancel: Any = taker) -> bool:
            ex = Execution(LocalBackend(), chunk_name="oe.lua")
            entry_cancelled = asyncio.get_running_loop().create_future()

            async def entry() -> None:
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    entry_cancelled.set_result(True)
                    raise

            task = asyncio.ensure_future(ex.run_main(entry, (), on_cancel=on_cancel))
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            return await asyncio.wait_for(entry_cancelled, 1)

        assert asyncio.run(go()) is True


def test_an_outcome_before_the_cancellation_is_seen_lets_the_cancellation_through():
    """As with a shield: the entry point returns after the cancellation but before the waiting
    task sees it; the run is then cancelled, and the cancellation is not offered."""

    async def go() -> None:
        ex = Execution(LocalBackend(), chunk_name="oe.lua")
        offered: list[int] = []
        gate = asyncio.get_running_loop().create_future()

        async def entry() -> str:
            await gate
            return "done"

        task = asyncio.ensure_future(
            ex.run_main(entry, (), on_cancel=lambda: bool(offered.append(1)) or True))
        for _ in range(3):
            await asyncio.sleep(0)
        gate.set_result(None)  # the entry point wakes first ...
        task.cancel()  # ... then the waiting task, cancelled
        with pytest.raises(asyncio.CancelledError):
            await task
        assert offered == []

    asyncio.run(go())
