"""The ``channel`` module with ``coroutine.spawn``: Lua programs compiled and run in-process."""

from __future__ import annotations

import asyncio
import textwrap
import uuid
from typing import Any

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py.semantics import catalog as C
from luac2py_runtime.modules import channel as wchannel
from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.execution import MODULE_BUILDERS
from luac2py_runtime.host.script import load_module, run_chunk
from luac2py_runtime.lua.values import LuaTable

from tests.unit.hostlua import coroutine_driver  # noqa: F401

pytestmark = pytest.mark.usefixtures("coroutine_driver")


def test_channel_module_is_registered() -> None:
    import luac2py_runtime.modules  # noqa: F401 - registers the module builders

    assert MODULE_BUILDERS["channel"](None).hash["new"] is wchannel.new
    assert C.MODULES["channel"]["select"].suspends


class _Capture(LocalBackend):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(text)


def run_lua(src: str, timeout: float = 10.0) -> list[str]:
    """Compile ``src`` as ``luac2py exec`` does, run it, return the printed lines."""
    src = textwrap.dedent(src)
    name = f"chan_{uuid.uuid4().hex[:8]}.lua"
    rep = D.Reporter()
    c = compile_chunk(src, name, rep, chunk_name=name, in_workflow=False, fmt=False)
    errors = [str(d) for d in rep.diagnostics if d.severity == "error"]
    assert c is not None and not errors, errors
    mod = load_module(c.text, name)
    backend = _Capture()

    async def go() -> None:
        await asyncio.wait_for(run_chunk(mod, [], backend), timeout)

    try:
        asyncio.run(go())
    except LuaError as e:
        e.printed = backend.lines  # type: ignore[attr-defined]
        raise
    return backend.lines


def lua_error(src: str) -> str:
    with pytest.raises(LuaError) as ei:
        run_lua(src)
    v = ei.value.value
    return v if isinstance(v, str) else str(ei.value)


def error_text(src: str) -> str:
    """The message as ``luac2py exec`` reports it (with ``chunk:line:`` position)."""
    from luac2py_runtime.lua.errors import to_lua_error

    with pytest.raises(LuaError) as ei:
        run_lua(src)
    return str(to_lua_error(ei.value).value)


# -- basic operations ------------------------------------------------------------------------


def test_producer_consumer_buffered() -> None:
    out = run_lua(
        """
        local ch = channel.new(2)
        coroutine.spawn(function()
          for i = 1, 5 do ch:send("item" .. i) end
          ch:close()
        end)
        while true do
          local v, ok = ch:receive()
          if not ok then break end
          print(v)
        end
        print("done")
        """
    )
    assert out == ["item1", "item2", "item3", "item4", "item5", "done"]


def test_unbuffered_send_waits_for_receiver() -> None:
    out = run_lua(
        """
        local ch = channel.new()
        local done = channel.new(0)
        coroutine.spawn(function()
          print("sending")
          local r = ch:send(42)
          print("sent", r)
          done:send(true)
        end)
        print("before receive")
        local v, ok = ch:receive()
        print("got", v, ok)
        done:receive()
        """
    )
    # the sender blocks in send until main receives; main only starts receiving after
    # printing, so "sent" must come after "before receive"
    assert out.index("sent\ttrue") > out.index("before receive")
    assert "got\t42\ttrue" in out
    assert out[0] == "before receive" and out[1] == "sending"


def test_buffered_send_does_not_block_until_full() -> None:
    out = run_lua(
        """
        local ch = channel.new(3)
        print(ch:send(1), ch:send(2), ch:send(3))
        print(ch:_debug_size())
        local a = ch:receive()
        local b = ch:receive()
        local c = ch:receive()
        print(a, b, c, ch:_debug_size())
        """
    )
    assert out == ["true\ttrue\ttrue", "3", "1\t2\t3\t0"]


def test_blocked_senders_fill_the_buffer_in_order() -> None:
    out = run_lua(
        """
        local ch = channel.new(1)
        for i = 1, 3 do
          coroutine.spawn(function() ch:send(i * 10) print("sent", i) end)
        end
        local got = {}
        for i = 1, 3 do
          local v = ch:receive()
          got[#got + 1] = v
        end
        print(table.concat(got, ","))
        """
    )
    assert "10,20,30" in out
    assert sorted(x for x in out if x.startswith("sent")) == ["sent\t1", "sent\t2", "sent\t3"]


def test_close_then_drain() -> None:
    out = run_lua(
        """
        local ch = channel.new(3)
        ch:send("a")
        ch:send("b")
        ch:close()
        print(ch:receive())
        print(ch:receive())
        print(ch:receive())
        print(ch:receive())
        """
    )
    assert out == ["a\ttrue", "b\ttrue", "nil\tfalse", "nil\tfalse"]


def test_close_wakes_waiting_receivers() -> None:
    out = run_lua(
        """
        local ch = channel.new()
        local done = channel.new(2)
        for i = 1, 2 do
          coroutine.spawn(function()
            local v, ok = ch:receive()
            print("worker", i, v, ok)
            done:send(i)
          end)
        end
        ch:close()
        done:receive()
        done:receive()
        """
    )
    assert out == ["worker\t1\tnil\tfalse", "worker\t2\tnil\tfalse"]


def test_nil_and_table_values_pass_through() -> None:
    out = run_lua(
        """
        local ch = channel.new(2)
        ch:send(nil)
        ch:send({x = 7})
        local a, ok1 = ch:receive()
        local b, ok2 = ch:receive()
        print(a, ok1, b.x, ok2)
        """
    )
    assert out == ["nil\ttrue\t7\ttrue"]


def test_require_channel_is_the_same_module() -> None:
    out = run_lua(
        """
        local ch_mod = require("channel")
        local ch = ch_mod.new(1)
        ch:send("x")
        print(ch:receive())
        print(type(ch))
        """
    )
    assert out == ["x\ttrue", "userdata"]


# -- select ------------------------------------------------------------------------------------


def test_select_first_ready_case_in_array_order() -> None:
    out = run_lua(
        """
        local a = channel.new(1)
        local b = channel.new(1)
        local c = channel.new(1)
        b:send("from b")
        c:send("from c")
        a:send("from a")
        local r = channel.select{c:case_receive(), b:case_receive(), a:case_receive()}
        print(r.channel == c, r.value, r.ok)
        r = channel.select{a:case_receive(), b:case_receive()}
        print(r.channel == a, r.value, r.ok)
        r = channel.select{a:case_receive(), b:case_receive()}
        print(r.channel == b, r.value, r.ok)
        """
    )
    assert out == ["true\tfrom c\ttrue", "true\tfrom a\ttrue", "true\tfrom b\ttrue"]


def test_select_default_when_nothing_ready() -> None:
    out = run_lua(
        """
        local a = channel.new()
        local r = channel.select{a:case_receive(), default = true}
        print(r.default, r.ok, r.channel)
        local full = channel.new(1)
        full:send(1)
        r = channel.select{full:case_send(2), default = true}
        print(r.default, r.ok)
        r = channel.select{default = true}
        print(r.default, r.ok)
        a:close()
        r = channel.select{a:case_receive(), default = true}
        print(r.default, r.channel == a, r.value, r.ok)
        """
    )
    assert out == ["true\ttrue\tnil", "true\ttrue", "true\ttrue", "nil\ttrue\tnil\tfalse"]


def test_select_send_case() -> None:
    out = run_lua(
        """
        local a = channel.new(1)
        local b = channel.new(1)
        a:send("full")
        local r = channel.select{a:case_send("x"), b:case_send("y")}
        print(r.channel == b, r.ok, r.value)
        print(b:receive())
        -- unbuffered: the send case waits for a receiver
        local u = channel.new()
        coroutine.spawn(function() print("received", u:receive()) end)
        r = channel.select{u:case_send("hello")}
        print(r.channel == u, r.ok)
        """
    )
    assert out[:2] == ["true\ttrue\tnil", "y\ttrue"]
    assert "received\thello\ttrue" in out
    assert "true\ttrue" in out[2:]


def test_select_with_blocked_senders_takes_first_case_in_array_order() -> None:
    out = run_lua(
        """
        local time = require("time")
        local ch1 = channel.new()
        local ch2 = channel.new()
        coroutine.spawn(function() ch2:send("message2") end)
        coroutine.spawn(function() ch1:send("message1") end)
        time.sleep("1ms")  -- both senders are now blocked: both cases are ready
        for i = 1, 2 do
          local r = channel.select{ch1:case_receive(), ch2:case_receive()}
          print(i, r.value, r.channel == ch1 and "ch1" or "ch2")
        end
        """
    )
    assert out == ["1\tmessage1\tch1", "2\tmessage2\tch2"]


def test_waiting_select_is_won_by_the_first_sender_to_run() -> None:
    out = run_lua(
        """
        local ch1 = channel.new()
        local ch2 = channel.new()
        coroutine.spawn(function() ch2:send("message2") end)
        coroutine.spawn(function() ch1:send("message1") end)
        -- spawn does not yield: the select waits, and the spawned coroutines run in order
        for i = 1, 2 do
          local r = channel.select{ch1:case_receive(), ch2:case_receive()}
          print(i, r.value, r.channel == ch1 and "ch1" or "ch2")
        end
        print(ch1:_debug_receivers(), ch2:_debug_receivers())
        """
    )
    assert out == ["1\tmessage2\tch2", "2\tmessage1\tch1", "0\t0"]


def test_blocked_select_is_woken_by_later_sender() -> None:
    out = run_lua(
        """
        local ch1 = channel.new()
        local ch2 = channel.new()
        local time = require("time")
        coroutine.spawn(function()
          time.sleep("5ms")
          ch2:send("late")
        end)
        local r = channel.select{ch1:case_receive(), ch2:case_receive()}
        print(r.value, r.channel == ch2)
        -- the losing case's waiter was removed: a later send on ch1 must block, not vanish
        local r2 = channel.select{ch1:case_send("x"), default = true}
        print(r2.default)
        """
    )
    assert out == ["late\ttrue", "true"]


def test_select_receive_on_closed_channel_reports_not_ok() -> None:
    out = run_lua(
        """
        local ch = channel.new()
        local other = channel.new()
        coroutine.spawn(function() ch:close() end)
        local r = channel.select{other:case_receive(), ch:case_receive()}
        print(r.channel == ch, r.value, r.ok)
        """
    )
    assert out == ["true\tnil\tfalse"]


def test_select_with_timer_like_channel_times_out() -> None:
    out = run_lua(
        """
        local time = require("time")
        local function after(d)
          local t = channel.new(1)
          coroutine.spawn(function() time.sleep(d) t:send("tick") end)
          return t
        end
        local results = channel.new()
        local timeout = after("10ms")
        local r = channel.select{results:case_receive(), timeout:case_receive()}
        if r.channel == timeout then print("timed out", r.value) end
        """
    )
    assert out == ["timed out\ttick"]


def test_select_only_in_a_function_is_awaited() -> None:
    # with the catalog entry, a function whose only suspending call is channel.select is async
    out = run_lua(
        """
        local ch = channel.new(1)
        local function pick()
          local r = channel.select{ch:case_receive(), default = true}
          return r.default and "default" or r.value
        end
        print(pick())
        ch:send("v")
        print(pick())
        """
    )
    assert out == ["default", "v"]


def test_select_loop_with_exit_channel() -> None:
    out = run_lua(
        """
        local jobs = channel.new(10)
        local exit_ch = channel.new()
        local results = {}
        coroutine.spawn(function()
          for i = 1, 4 do jobs:send({id = i}) end
          exit_ch:send(true)
        end)
        while true do
          local result = channel.select{jobs:case_receive(), exit_ch:case_receive()}
          if result.channel == exit_ch then break end
          results[#results + 1] = result.value.id
        end
        print(#results, table.concat(results, ","))
        """
    )
    assert out == ["4\t1,2,3,4"]


# -- the seed's worker pool --------------------------------------------------------------------


def test_worker_pool_total_42() -> None:
    out = run_lua(
        """
        local time = require("time")
        local jobs = channel.new(6)
        local results = channel.new()
        for w = 1, 3 do
          coroutine.spawn(function()
            while true do
              local job, ok = jobs:receive()
              if not ok then break end
              time.sleep("1ms")
              results:send({worker = w, value = job * 2})
            end
          end)
        end
        for j = 1, 6 do jobs:send(j) end
        jobs:close()
        local total, seen = 0, {}
        for _ = 1, 6 do
          local r = results:receive()
          total = total + r.value
          seen[r.worker] = true
        end
        print("total", total)
        print(seen[1], seen[2], seen[3])
        """
    )
    assert out == ["total\t42", "true\ttrue\ttrue"]


def test_worker_pool_with_select_and_timeout_is_deterministic() -> None:
    src = """
        local function worker(inbox, results, id)
          while true do
            local job, ok = inbox:receive()
            if not ok then break end
            results:send({ worker = id, value = job * job })
          end
        end
        local jobs = {1, 2, 3, 4, 5, 6}
        local inbox = channel.new(#jobs)
        local results = channel.new()
        for i = 1, 3 do
          coroutine.spawn(function() worker(inbox, results, i) end)
        end
        for _, j in ipairs(jobs) do inbox:send(j) end
        inbox:close()
        local never = channel.new()
        local collected = {}
        while #collected < #jobs do
          local r = channel.select { results:case_receive(), never:case_receive() }
          collected[#collected + 1] = r.value.worker .. ":" .. r.value.value
        end
        print(table.concat(collected, " "))
        """
    # The order follows from the FIFO rules (channel.py): main buffers the six jobs and waits
    # in select; worker 1 runs first, hands 1:1 to the waiting main, takes job 2 and blocks
    # sending 1:4 (main has not run yet); workers 2 and 3 block sending 2:9 and 3:16. Main
    # takes 1:1, then the three waiting senders in order without waiting, then waits; worker 1
    # wakes first and hands over 1:25, then blocks on 1:36 while workers 2 and 3 find the
    # inbox drained.
    assert run_lua(src) == ["1:1 1:4 2:9 3:16 1:25 1:36"]


# -- errors ------------------------------------------------------------------------------------


def test_send_on_closed_channel_errors_at_lua_line() -> None:
    msg = error_text(
        """
        local ch = channel.new(1)
        ch:close()
        ch:send(1)
        """
    )
    assert "send on closed channel" in msg
    assert msg.startswith("chan_") and ":4:" in msg, msg


def test_blocked_sender_fails_when_channel_closed() -> None:
    msg = error_text(
        """
        local ch = channel.new()
        coroutine.spawn(function()
          ch:close()
        end)
        ch:send(1)
        print("unreachable")
        """
    )
    assert "send on closed channel" in msg and ":6:" in msg, msg


def test_send_on_closed_channel_in_spawned_coroutine_fails_the_run() -> None:
    msg = error_text(
        """
        local ch = channel.new(1)
        local done = channel.new()
        ch:close()
        coroutine.spawn(function()
          ch:send(1)
        end)
        done:receive()
        """
    )
    assert "send on closed channel" in msg and ":6:" in msg, msg


def test_pcall_catches_send_on_closed_channel() -> None:
    out = run_lua(
        """
        local ch = channel.new(1)
        ch:close()
        local ok, err = pcall(function() ch:send(1) end)
        print(ok, err)
        local ok2, err2 = pcall(function() ch:close() end)
        print(ok2, err2)
        """
    )
    assert out[0].startswith("false\tchan_") and out[0].endswith(":4: send on closed channel")
    assert out[1].startswith("false\t") and "close of closed channel" in out[1]


def test_select_send_case_on_closed_channel_errors() -> None:
    msg = error_text(
        """
        local ch = channel.new(1)
        ch:close()
        local r = channel.select{ch:case_send(1), default = true}
        """
    )
    assert "send on closed channel" in msg and ":4:" in msg, msg


def test_bad_arguments() -> None:
    assert "table expected" in error_text("channel.select(1)\n")
    assert "case_send or case_receive" in error_text("channel.select{1}\n")
    assert "non-negative" in error_text("channel.new(-1)\n")
    assert "number expected" in error_text("channel.new('x')\n")


# -- the Python API (used by other runtime modules: timers, signals) ---------------------------


def test_python_offer_wakes_a_waiting_select() -> None:
    async def go() -> Any:
        loop = asyncio.get_running_loop()
        timer = wchannel.Channel(1)
        other = wchannel.Channel(0)
        loop.call_later(0.005, timer.offer, "fired")
        cases = LuaTable([other.lua_methods["case_receive"](other),
                          timer.lua_methods["case_receive"](timer)])
        r = await wchannel.select(None, cases)
        assert not other.recvq and not timer.recvq
        return r

    r = asyncio.run(go())
    assert r.hash["value"] == "fired" and r.hash["ok"] is True


def test_fast_paths_create_no_future() -> None:
    async def go() -> None:
        ch = wchannel.Channel(2)
        assert ch.send(1) is True  # a plain value, not a coroutine
        assert ch.send(2) is True
        assert ch.receive() == (1, True)
        assert ch.offer(3) is True
        assert ch.offer(4) is False  # full
        assert ch.receive() == (2, True)
        ch.close_channel()
        assert ch.receive() == (3, True)
        assert ch.receive() == (None, False)

    asyncio.run(go())


def test_cancelled_receiver_is_skipped() -> None:
    async def go() -> Any:
        ch = wchannel.Channel(0)
        t = asyncio.ensure_future(ch.receive())
        await asyncio.sleep(0)
        t.cancel()
        await asyncio.sleep(0)
        got = asyncio.ensure_future(ch.receive())
        await asyncio.sleep(0)
        assert ch.send("v") is True  # goes to the live receiver, not the cancelled one
        return await got

    assert asyncio.run(go()) == ("v", True)


# -- the ``luac2py exec`` command, in-process (so the registration above applies) -------------


def test_exec_command_reports_send_on_closed_channel(tmp_path: Any, capsys: Any) -> None:
    from luac2py.cli import main

    src = tmp_path / "closed.lua"
    src.write_text(
        "local ch = channel.new(1)\n"
        "coroutine.spawn(function() ch:send('x') ch:close() end)\n"
        "print(ch:receive())\n"
        "print(ch:receive())\n"
        "ch:send(1)\n"
    )
    rc = main(["exec", str(src)])
    out, err = capsys.readouterr()
    assert rc == 1
    assert out == "x\ttrue\nnil\tfalse\n"
    assert err.strip() == f"lua: {src}:5: send on closed channel"
