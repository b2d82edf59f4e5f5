"""Every function Lua code can reach (the globals, the string/table/math/os/coroutine
libraries, the Wippy modules and the methods of their objects) takes any arguments the way a
Lua function does: missing ones are nil (or "no value" in its error), extra ones are ignored,
wrong ones are a Lua error ("bad argument #1 to date ..."), never a Python exception that
leaks Python wording ("tostring() takes 1 positional argument but 2 were given") into the
workflow's failure. A method taken as a value (``ch.receive()`` written for
``ch:receive()``) checks the object it gets (but an error's, which answers "" or nil for a
non-error, as go-lua's errorslib.go does)."""

from __future__ import annotations

import asyncio
import itertools
import types
from collections.abc import Iterator
from typing import Any

import pytest

from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.execution import MODULE_BUILDERS, Execution
from luac2py_runtime.lua.values import LuaTable, Userdata
from luac2py_runtime.modules.process import Message, Payload

# print takes anything and only writes (here to stdout, which would flood the test log)
SKIP = {"print", "_G.print"}


def _functions(ex: Execution) -> Iterator[tuple[str, Any]]:
    # MODULE_BUILDERS: registered by luac2py_runtime.modules, which LocalBackend imports
    roots: list[tuple[str, Any]] = []
    for name in list(ex.globals.hash):
        roots.append((name, ex.lib(name) if name in ("string", "table", "math", "os")
                      else ex.globals.hash[name]))
    roots += [(f"require('{m}')", ex.require(m)) for m in sorted(MODULE_BUILDERS)]
    for name, v in roots:
        if isinstance(v, LuaTable):
            for k, f in list(v.hash.items()):
                if callable(f) and not isinstance(f, LuaTable) and f"{name}.{k}" not in SKIP:
                    yield f"{name}.{k}", f
        elif callable(v) and name not in SKIP:
            yield name, v


def _args() -> list[Any]:
    """Argument values, the tables fresh for each probe (some functions change them): an
    empty one and one that has no JSON form."""
    return [None, True, 1, 2.5, "x", "%d", LuaTable(), LuaTable([1], {"k": LuaTable()})]


async def _probe(f: Any, most: int = 3) -> list[str]:
    """Call ``f`` with every combination of up to ``most`` arguments; a call compiled as a
    coroutine runs until it finishes, fails or waits (a wait is cut short: it got past its
    argument checks)."""
    leaks = []
    values = _args()
    for n in range(most + 1):
        for args in itertools.product(values, repeat=n):
            try:
                r = f(*args)
                if isinstance(r, types.CoroutineType):
                    await asyncio.wait_for(r, 0.002)
            except (LuaError, asyncio.TimeoutError):
                pass
            except Exception as e:  # noqa: BLE001 - what the test looks for
                leaks.append(f"{args!r}: {type(e).__name__}: {e}")
    return leaks


def test_the_probe_finds_functions_of_every_kind() -> None:
    names = {n for n, _ in _functions(Execution(LocalBackend()))}
    for expected in ("tostring", "require", "string.format", "table.sort", "math.floor",
                     "os.date", "require('coroutine').wrap", "require('time').sleep",
                     "require('json').encode", "require('channel').new"):
        assert expected in names
    assert len(names) > 120


@pytest.mark.parametrize("name", sorted({n for n, _ in _functions(Execution(LocalBackend()))}))
def test_any_arguments_give_a_lua_error_at_most(name: str) -> None:
    ex = Execution(LocalBackend())
    f = dict(_functions(ex))[name]
    leaks = asyncio.run(_probe(f))
    assert not leaks, f"{name}: {len(leaks)} calls raised Python errors, e.g. {leaks[:3]}"


def _objects(ex: Execution) -> dict[str, Userdata]:
    """One object of each kind Lua code gets from the modules (outside a workflow)."""
    def m(mod: str, fn: str, *args: Any) -> Any:
        r = ex.require(mod).hash[fn](*args)
        if isinstance(r, types.CoroutineType):
            r = asyncio.run(r)
        return r[0] if isinstance(r, tuple) else r

    return {
        "channel": m("channel", "new"),
        "buffered channel": m("channel", "new", 2),
        "time": m("time", "now"),
        "duration": m("time", "parse_duration", "1s"),
        "error": m("errors", "new", "boom"),
        "executor": m("funcs", "new"),
        "spawner": m("process", "with_context", LuaTable(None, {"a": 1})),
        "payload": Payload(LuaTable(None, {"a": 1})),
        "message": Message("topic", ("x",), "pid-1"),
        "logger": ex.require("logger"),
        "hasher": m("hash", "new", "sha256"),
    }


def _all_objects(ex: Execution) -> dict[str, Userdata]:
    """An object of every kind Lua code can hold: those of ``_objects``, and those made
    while the event loop runs (timers), or that have no methods (a select case, a
    coroutine). Call it with the loop running."""
    objs = dict(_objects(ex))
    time = ex.require("time").hash
    objs["timer"] = time["timer"]("1h")
    objs["ticker"] = time["ticker"]("1h")
    objs["case"] = objs["channel"].lua_index("case_receive")(objs["channel"])
    objs["coroutine"] = ex.require("coroutine").hash["create"](lambda: None)
    assert all(isinstance(o, Userdata) for o in objs.values()), objs
    return objs


def _methods() -> list[str]:
    async def kinds() -> dict[str, type]:
        return {k: type(o) for k, o in _all_objects(Execution(LocalBackend())).items()}

    classes = asyncio.run(kinds())
    assert not [k for k in _objects(Execution(LocalBackend()))
                if not classes[k].lua_methods]
    return sorted(f"{k}:{n}" for k, c in classes.items() for n in c.lua_methods)


@pytest.mark.parametrize("method", _methods())
def test_methods_taken_as_values_check_their_object(method: str) -> None:
    kind, name = method.split(":")

    async def go() -> tuple[list[str], Any]:
        objs = _all_objects(Execution(LocalBackend()))
        obj = objs[kind]
        f = obj.lua_index(name)  # what `obj.name` gives Lua code
        leaks = await _probe(lambda *args: f(obj, *args))
        for wrong in (1, "x", LuaTable()):
            leaks += await _probe(lambda *args, w=wrong: f(w, *args))
        # every other kind of runtime object as the object (with up to two arguments: one
        # that is refused is refused before its arguments are looked at)
        for other, wrong in objs.items():
            if type(wrong) is not type(obj):
                leaks += [f"{other} as the object: {leak}" for leak in
                          await _probe(lambda *args, w=wrong: f(w, *args), most=2)]
        return leaks, f

    leaks, f = asyncio.run(go())
    assert not leaks, f"{method}: {len(leaks)} calls raised Python errors, e.g. {leaks[:3]}"
    if kind == "error":
        # go-lua errorslib.go: an error's methods answer "", nil or false for a non-error
        assert f() in ("", None, False)
        return
    with pytest.raises(LuaError, match=rf"bad argument #1 to {name} \(\w+ expected, got no value\)"):
        f()


def test_every_function_lua_can_reach_is_noted_as_a_c_function() -> None:
    # a VM error raised while one of them runs gets no position (errors.to_lua_error)
    from luac2py_runtime.lua.errors import C_FUNCTIONS

    def code(f: Any) -> Any:
        f = getattr(f, "__func__", None) or getattr(f, "func", None) or f
        return f.__code__

    names = dict(_functions(Execution(LocalBackend())))
    assert "require('json').encode" in names and "string.format" in names
    missing = [n for n, f in names.items() if code(f) not in C_FUNCTIONS]
    assert not missing
