"""When every Lua coroutine waits on a channel that only Lua code could feed, the run fails
with a deadlock error naming where each one waits; waiting on a mailbox or timer is no
deadlock."""

from __future__ import annotations

import asyncio

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.host.script import load_module, run_chunk

from tests.unit.hostlua import Capture, coroutine_driver  # noqa: F401

pytestmark = pytest.mark.usefixtures("coroutine_driver")


def run(src: str) -> list[str]:
    """Run ``src`` as ``luac2py exec`` does; the lines it printed."""
    reporter = D.Reporter()
    c = compile_chunk(src, "dl.lua", reporter, chunk_name="dl.lua", in_workflow=False, fmt=False)
    assert c is not None, reporter.diagnostics
    backend = Capture()
    asyncio.run(asyncio.wait_for(run_chunk(load_module(c.text, "dl.lua"), [],
                                           backend=backend), 10))
    return backend.lines


def test_all_blocked_is_a_deadlock_naming_the_lines():
    src = (
        "local ch = channel.new()\n"
        "coroutine.spawn(function()\n"
        "  local v = ch:receive()\n"
        "end)\n"
        "local other = channel.new()\n"
        "other:receive()\n"
    )
    with pytest.raises(LuaError) as ei:
        run(src)
    msg = ei.value.value
    assert msg.startswith("deadlock: all coroutines are blocked")
    assert "main waits at dl.lua:6" in msg and "waits at dl.lua:3" in msg


def test_select_on_internal_channels_only_is_a_deadlock():
    src = (
        "local a, b = channel.new(), channel.new()\n"
        "local r = channel.select{a:case_receive(), b:case_receive()}\n"
    )
    with pytest.raises(LuaError) as ei:
        run(src)
    assert "main waits at dl.lua:2" in ei.value.value


def test_blocked_while_a_sleeper_can_still_send_is_no_deadlock():
    src = (
        "local time = require('time')\n"
        "local ch = channel.new()\n"
        "coroutine.spawn(function() time.sleep('30ms'); ch:send('late') end)\n"
        "print(ch:receive())\n"
    )
    assert run(src) == ["late\ttrue"]
