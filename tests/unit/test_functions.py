"""Compiled function.lua entries run outside Temporal: a fresh Lua state per call, the outcome
rules of SEMANTICS.md section 6, funcs.call between functions in-process, real time and
randomness; and a Lua activity's arguments, result and errors as temporalio sees them
(temporalio's own ActivityEnvironment)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
import temporalio.exceptions
from temporalio.testing import ActivityEnvironment

from luac2py_runtime.host.backend import HostBackend
from luac2py_runtime.host.functions import run_function
from luac2py_runtime.modules.payload import lua_to_py, py_to_lua
from luac2py_runtime.temporal.activity import ActivityConflict, merge_activities
from tests.helpers import build_package, write_project

INDEX = """version: "1.0"
namespace: app
entries:
  - {name: worker, kind: temporal.worker, task_queue: q}
  - name: caller
    kind: function.lua
    source: file://caller.lua
    modules: [funcs, ctx]
  - name: callee
    kind: function.lua
    source: file://callee.lua
    method: run
    modules: [ctx, errors]
    meta: {temporal: {activity: {worker: worker}}}
  - name: counter
    kind: function.lua
    source: file://counter.lua
  - name: clock
    kind: function.lua
    source: file://clock.lua
    modules: [time, uuid]
  - name: no_entry
    kind: function.lua
    source: file://no_entry.lua
  - name: spawner
    kind: function.lua
    source: file://spawner.lua
  - name: concurrent
    kind: function.lua
    source: file://concurrent.lua
    modules: [time]
"""

CALLEE = """local ctx = require("ctx")
local M = {}
function M.run(how, t)
    if how == "copy" then
        t.changed = true
        return t
    elseif how == "object" then
        return nil, errors.new({kind = errors.CONFLICT, message = "taken", retryable = false,
                                details = {id = 7}})
    elseif how == "string" then
        return nil, "plain text"
    elseif how == "raise_object" then
        error(errors.new({kind = errors.NOT_FOUND, message = "gone", retryable = true}))
    elseif how == "raise" then
        local x = nil
        return x.field
    elseif how == "ctx" then
        return ctx.all()
    elseif how == "nothing" then
        return
    end
    return how, 42, "not an error"
end
return M
"""

CALLER = """local funcs = require("funcs")
return function(how)
    local t = {n = 1}
    local r, err = funcs.call("app:callee", how, t)
    local out = {r = r, caller_table_changed = t.changed or false}
    if err then
        out.kind, out.message, out.retryable, out.details =
            err:kind(), err:message(), err:retryable(), err:details()
    end
    if how == "ctx" then
        out.r = funcs.new():with_context({extra = "x"}):call("app:callee", "ctx")
    elseif how == "async" then
        local f = funcs.async("app:callee", "echo")
        local p, ferr = f:result()
        out.r = p:data()
    elseif how == "missing" then
        local _, merr = funcs.call("app:nope")
        out.kind, out.message, out.retryable = merr:kind(), merr:message(), merr:retryable()
    end
    return out
end
"""

FILES = {
    "_index.yaml": INDEX, "callee.lua": CALLEE, "caller.lua": CALLER,
    # globals and top-level locals belong to one call
    "counter.lua": "calls = (calls or 0) + 1\nlocal n = 0\n"
                   "return function() n = n + 1; return {calls = calls, n = n} end\n",
    "clock.lua": """local time = require("time")
local uuid = require("uuid")
return function()
    return {os = os.time(), now = time.now():unix(), r = math.random(1, 1000000000),
            id = uuid.v4()}
end
""",
    "no_entry.lua": "return {other = function() end}\n",
    "spawner.lua": "return function() return process.spawn('app:x', 'app:worker') end\n",
    # coroutines, channels and timers with real time
    "concurrent.lua": """local time = require("time")
return function()
    local ch = channel.new()
    for i = 1, 3 do
        coroutine.spawn(function() time.sleep((4 - i) * 20 .. "ms"); ch:send(i) end)
    end
    local got = {}
    local t0 = time.now()
    while #got < 3 do
        local r = channel.select{ch:case_receive(), time.after("5s"):case_receive()}
        if r.channel ~= ch then error("timed out") end
        table.insert(got, r.value)
    end
    local late = channel.select{ch:case_receive(), time.after("30ms"):case_receive()}
    return {got = got, timer_won = late.channel ~= ch,
            waited = time.now():sub(t0):milliseconds() >= 60}
end
""",
}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("functions")
    return build_package(write_project(tmp, FILES), tmp)


def call(pkg: Any, entry: str, *args: Any, context: dict[str, Any] | None = None) -> Any:
    backend = HostBackend(pkg, None, context)
    value, err = asyncio.run(run_function(pkg, entry, [py_to_lua(a) for a in args], backend))
    return lua_to_py(value), err


def test_in_process_call_copies_values(pkg):
    out, err = call(pkg, "app:caller", "copy")
    assert err is None
    assert out == {"r": {"n": 1, "changed": True}, "caller_table_changed": False}


def test_in_process_call_keeps_error_kinds(pkg):
    out, _ = call(pkg, "app:caller", "object")
    assert (out["kind"], out["message"], out["retryable"], out["details"]) == (
        "Conflict", "taken", False, {"id": 7})
    out, _ = call(pkg, "app:caller", "string")
    assert (out["kind"], out["message"]) == ("Internal", "plain text")
    assert "retryable" not in out  # a string has no retryability of its own
    out, _ = call(pkg, "app:caller", "raise_object")
    assert (out["kind"], out["message"], out["retryable"]) == ("NotFound", "gone", True)
    out, _ = call(pkg, "app:caller", "raise")
    assert out["kind"] == "Internal"
    assert out["message"] == "callee.lua:16: attempt to index local 'x' (a nil value)"
    out, _ = call(pkg, "app:caller", "missing")
    assert (out["kind"], out["message"], out["retryable"]) == (
        "NotFound", "function not found: app:nope", False)


def test_first_value_is_the_result(pkg):
    assert call(pkg, "app:callee", "echo") == ("echo", None)
    assert call(pkg, "app:callee", "nothing") == (None, None)


def test_in_process_context_and_async(pkg):
    out, err = call(pkg, "app:caller", "ctx", context={"user": "u1"})
    assert err is None and out["r"] == {"user": "u1", "extra": "x"}
    out, err = call(pkg, "app:caller", "async")
    assert err is None and out["r"] == "echo"


def test_each_call_has_a_fresh_state(pkg):
    assert [call(pkg, "app:counter")[0] for _ in range(3)] == [{"calls": 1, "n": 1}] * 3


def test_real_clock_and_randomness(pkg):
    a, _ = call(pkg, "app:clock")
    b, _ = call(pkg, "app:clock")
    assert abs(a["os"] - time.time()) < 5 and abs(a["now"] - time.time()) < 5
    # not the fixed seed of `luac2py exec`: two calls draw differently
    assert a["r"] != b["r"] and a["id"] != b["id"]


def test_coroutines_channels_and_timers(pkg):
    assert call(pkg, "app:concurrent") == (
        {"got": [3, 2, 1], "timer_won": True, "waited": True}, None)


def test_errors_of_the_entry_itself(pkg):
    value, err = call(pkg, "app:no_entry")
    assert value is None and err.kind == "Internal"
    assert "function entry point 'main' not found in app:no_entry" in err.message
    value, err = call(pkg, "app:spawner")
    assert err.kind == "Internal"
    assert "process.spawn needs a Temporal client" in err.message


# -- as a temporalio activity -----------------------------------------------------------------


def _run_activity(pkg: Any, *args: Any) -> Any:
    [act] = pkg.activities_for("app:worker")
    return asyncio.run(ActivityEnvironment().run(act, *args))


def test_activity_arguments_and_result(pkg):
    assert _run_activity(pkg, "copy", {"n": 2}) == {"n": 2, "changed": True}
    assert _run_activity(pkg, "nothing") is None


def test_activity_errors_in_wippy_wire_format(pkg):
    with pytest.raises(temporalio.exceptions.ApplicationError) as e:
        _run_activity(pkg, "object")
    a = e.value
    assert (a.type, a.message, a.non_retryable) == ("Conflict", "taken", True)
    assert a.details == ({"errors": [{"msg": "taken", "kind": "Conflict", "retry": False,
                                      "details": {"id": 7}}]},)
    with pytest.raises(temporalio.exceptions.ApplicationError) as e:
        _run_activity(pkg, "raise")
    a = e.value
    # a runtime error: Internal, retryable as the caller's policy says
    assert (a.type, a.non_retryable) == ("Internal", False)
    assert a.details == ({"errors": [{
        "msg": "callee.lua:16: attempt to index local 'x' (a nil value)", "kind": "Internal"}]},)


def test_merge_activities(pkg):
    [lua] = pkg.activities_for("app:worker")
    assert merge_activities([lua], [lua]) == [lua]  # the same function twice counts once
    with pytest.raises(ActivityConflict, match="'app:callee' is defined twice: by Lua "
                       r"function entry 'app:callee' \(callee.lua\) and by Lua function"):
        merge_activities([lua], pkg.activities_for(None))
