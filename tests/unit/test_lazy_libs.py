"""The library tables (string, table, math, os) are built on an execution's first use of them:
Lua code cannot tell (conformance: tests/conformance/cases/lazy_libs.lua), and an execution
that only calls library functions never builds them."""

from __future__ import annotations

from typing import Any

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.lua import ops
from luac2py_runtime.lua.execution import _UNBUILT, LAZY_LIBS, Execution
from luac2py_runtime.host.script import load_module
from luac2py_runtime.lua.values import LuaTable


def _module(src: str, name: str = "lazy.lua"):  # type: ignore[no-untyped-def]
    reporter = D.Reporter()
    c = compile_chunk(src, name, reporter, in_workflow=False, fmt=False)
    assert c is not None, reporter.diagnostics
    return load_module(c.text, name)


def _run(src: str, ex: Execution, name: str = "lazy.lua") -> tuple[Any, ...]:
    r = _module(src, name)._chunk(ex)
    return r if type(r) is tuple else (r,)


def _built(ex: Execution) -> set[str]:
    return {n for n in LAZY_LIBS if ex.globals.hash.get(n) is not _UNBUILT}


# the order in which pairs(_G) visits the globals of a new execution (as when the tables were
# built up front); the Wippy globals follow once a chunk uses _G
EAGER_ORDER = (
    "type tostring tonumber pairs ipairs next select unpack rawget rawset rawequal "
    "setmetatable getmetatable error assert pcall xpcall integer number boolean _VERSION "
    "_GOPHER_LUA_VERSION print "
    "_G string table math os require coroutine errors process channel"
).split()


def test_static_library_calls_build_no_table() -> None:
    ex = Execution()
    r = _run("""
      local s = string.format("%d-%s", 4, string.rep("a", 2))
      table.insert({}, 1)
      return s, math.floor(2.5), os.difftime(5, 3), ("x"):upper(), string(7)
    """, ex)
    assert r == ("4-aa", 2, 2, "X", "7")
    assert _built(ex) == set()


def test_a_dynamic_read_builds_that_table_only() -> None:
    ex = Execution()
    assert _run("local m = math; m.x = 1; return math.x, m.floor(1.5)", ex) == (1, 1)
    assert _built(ex) == {"math"}
    assert ex.globals.hash["math"].hash["x"] == 1


def test_pairs_G_sees_every_table_in_the_eager_order() -> None:
    ex = Execution()
    r = _run("""
      local keys, bad = {}, 0
      for k, v in pairs(_G) do
        keys[#keys + 1] = k
        if (k == "string" or k == "table" or k == "math" or k == "os")
           and type(v) ~= "table" then bad = bad + 1 end
      end
      return table.concat(keys, " "), bad, rawget(_G, "os") == os
    """, ex)
    assert r == (" ".join(EAGER_ORDER), 0, True)
    assert _built(ex) == set(LAZY_LIBS)


def test_order_kept_when_a_table_was_built_before_G_is_used() -> None:
    ex = Execution()
    _run("local t = table; t.mark = true; extra = 1", ex, "first.lua")
    r = _run("""
      local keys = {}
      for k in pairs(_G) do keys[#keys + 1] = k end
      return table.concat(keys, " "), table.mark
    """, ex, "second.lua")
    # `extra` was set before _G was used: it comes after the Wippy-globals slot as before
    order = [k for k in EAGER_ORDER if k not in ("coroutine", "errors", "process", "channel")]
    assert r == (" ".join(order + ["extra", "coroutine", "errors", "process", "channel"]),
                 True)


def test_chunks_of_one_execution_share_the_tables() -> None:
    # one chunk (a library unit) writes into / replaces the globals, another reads them
    ex = Execution()
    _run("string.shout = function(s) return s:upper() .. '!' end; math = nil", ex, "lib.lua")
    assert _run("local s = string; return s.shout('hi'), math", ex, "main.lua") == ("HI!", None)
    assert _run("return string.shout('yo'), math", ex, "main2.lua") == ("YO!", None)
    ex2 = Execution()
    _run("local s = string; s.x = 1", ex2, "a.lua")
    assert _run("return string.x", ex2, "b.lua") == (1,)


def test_a_chunk_assigning_a_library_global_reads_it_first() -> None:
    ex = Execution()
    r = _run("local old = os; os = {mine = true}; local n = os.mine; os = old; "
             "return n, type(os.time)", ex)
    assert r == (True, "function")
    ex = Execution()
    assert _run("string = string or {}; return string.upper('a')", ex) == ("A",)


def test_executions_share_no_library_table() -> None:
    ex1, ex2 = Execution(), Execution()
    _run("local s = string; s.x = 1; local m = math; m.y = 2; _G.table.z = 3", ex1)
    assert _run("local s, m = string, math; return s.x, m.y, table.z", ex2) == (None, None, None)
    t1, t2 = ex1.globals.hash["math"], ex2.globals.hash["math"]
    assert t1 is not t2
    # math.random / os.time are bound to their own execution
    assert t1.hash["random"].__self__ is ex1 and t2.hash["random"].__self__ is ex2
    assert ex1.globals.hash["os"].hash["time"].__self__ is ex1


def test_string_methods_do_not_depend_on_the_string_table() -> None:
    # s:upper() goes through the shared, sealed string metatable (unchanged by laziness):
    # neither building the table nor changing it affects string methods
    ex = Execution()
    r = _run("""
      string.upper = nil
      local mt = getmetatable("")
      return ("x"):upper(), string.upper, rawequal(mt.__index, string), type(mt.__index.upper)
    """, ex)
    assert r == ("X", None, False, "function")
    assert ops.string_meta is not None
    assert ops.string_meta.hash["__index"] is not ex.globals.hash["string"]


def test_the_string_table_stays_callable() -> None:
    ex = Execution()
    assert _run("local s = string; return s(12), s(1.5), getmetatable(s) ~= nil",
                ex) == ("12", "1.5", True)
    assert _run("local s = string; return s({})", ex) == (None, "cannot convert table to string")
    assert isinstance(ex.globals.hash["string"].meta, LuaTable)


def test_install_globals_builds_them() -> None:
    ex = Execution()
    ex.install_globals()
    assert _built(ex) == set(LAZY_LIBS)
    assert list(ex.globals.hash) == EAGER_ORDER
    assert all(v is not _UNBUILT for v in ex.globals.hash.values())
