"""The Lua base library, and the small helpers generated code calls directly.

Functions taking ``ex`` first receive the per-execution state (``Execution``): they are bound
to it when exposed as Lua values (``print`` stored in a table still works).
"""

from __future__ import annotations

from types import CoroutineType, FunctionType
from typing import Any, Iterator

from . import ops
from .errors import LuaError, current_position, is_lua_boundary_exception, to_lua_error, where
from .string import NOARG, arg_error, check_int, check_num, opt_str
from .values import (LuaTable, Userdata, from_lua_str, is_function, lua_type, number_to_str,
                     to_lua_str)

__all__ = ["CoroutineType", "FunctionType"]


class Cell:
    """A variable shared by closures created in different loop iterations."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v


class Goto(Exception):
    """A forward ``goto``: raised by the jump, caught after the statements it skips."""

    def __init__(self, label: int) -> None:
        self.label = label


_argerror = arg_error


def _typename_arg(v: Any, present: bool = True) -> str:
    return lua_type(v) if present and v is not NOARG else "no value"


def check_table(v: Any, n: int, fname: str) -> LuaTable:
    if type(v) is not LuaTable:
        raise _argerror(n, fname, f"table expected, got {_typename_arg(v)}")
    return v


# -- printing ----------------------------------------------------------------------------


def lua_print(ex: Any, *args: Any) -> tuple[()]:
    ex.print("\t".join([ops.tostring_text(a) for a in args]))
    return ()


def lua_type_fn(*args: Any) -> str:
    if not args:
        raise _argerror(1, "type", "value expected")
    return lua_type(args[0])


def tonumber(v: Any = NOARG, base: Any = None, *_: Any) -> Any:
    """go-lua baselib.go baseToNumber: always a float. A string with a ``.`` is Go's
    ``ParseFloat``; any other Go's ``ParseInt`` in ``base`` (10 by default, 16 after a ``0x``
    prefix when no base is given), so ``"1e5"`` is nil; only space, tab and newline are
    trimmed; an unreadable string, a base outside 2..36 and any other value give nil."""
    b = 10 if base is None else check_int(base, 2, "tonumber")
    t = type(v)
    if t is float:
        return v
    if t is int:
        return float(v)
    if t is str:
        s = v.strip(" \n\t")
        if "." in s:
            return ops.go_parse_float(s)
        if base is None and s[:2].lower() == "0x":
            b, s = 16, s[2:]
        if b != 0 and not 2 <= b <= 36:
            return None
        n = ops.go_parse_int(s, b)
        return None if n is None else float(n)
    if v is NOARG:
        raise _argerror(1, "tonumber", "value expected")
    return None


# -- iteration ---------------------------------------------------------------------------


def _next_fn(t: Any, k: Any = None, *_: Any) -> Any:
    check_table(t, 1, "next")
    r = t.next(k)
    if r is None:
        return None
    return r


def lua_next(t: Any = NOARG, k: Any = None, *_: Any) -> Any:
    return _next_fn(t, k)


def lua_tostring(v: Any = NOARG, *_: Any) -> str:
    """The global ``tostring``: ``ops.tostring`` with Lua's argument rules (extra arguments
    ignored, a missing one an error)."""
    if v is NOARG:
        raise arg_error(1, "tostring", "value expected")
    return ops.tostring(v)


def _pairs_aux(t: Any = None, k: Any = None, *_: Any) -> Any:
    """The iterator ``pairs`` returns: ``next``'s twin, not ``next`` itself (as in 5.1)."""
    return _next_fn(t, k)


def pairs(t: Any = NOARG, *_: Any) -> tuple[Any, Any, Any]:
    # Lua 5.1 (and gopher-lua): a table only, and no ``__pairs`` metamethod
    return (_pairs_aux, check_table(t, 1, "pairs"), None)


def _ipairs_aux(t: Any, i: Any) -> Any:
    i = check_int(i, 2, "ipairs") + 1
    arr = check_table(t, 1, "ipairs").arr
    v = arr[i - 1] if 0 < i <= len(arr) else None
    if v is None:
        return ()
    return (i, v)


def ipairs(t: Any = NOARG, *_: Any) -> tuple[Any, Any, Any]:
    # Lua 5.1 (and gopher-lua): a table only, read raw (``__index`` is not consulted)
    return (_ipairs_aux, check_table(t, 1, "ipairs"), 0)


def pairs_iter(t: Any) -> Iterator[tuple[Any, Any]]:
    """``for k, v in pairs(t)`` as a Python iterator."""
    return check_table(t, 1, "pairs").items()


def ipairs_loop(t: Any) -> Iterator[tuple[int, Any]]:
    """``for i, v in ipairs(t)`` as compiled: the array part, where every key ``ipairs`` can
    reach lives (go-lua baselib.go ipairsaux reads ``RawGetInt``), walked by a C iterator that
    also yields its holes (``v`` None): the loop breaks at the first nil value itself. A list
    iterator re-reads ``t.arr`` (never rebound) at every step, so assignments in the body are
    seen as ``ipairs`` sees them."""
    return enumerate(check_table(t, 1, "ipairs").arr, 1)


def generic_for(f: Any, s: Any, c: Any, n: int) -> Iterator[Any]:
    """The generic ``for`` protocol for iterator functions that do not suspend."""
    fn = f if type(f) is FunctionType else ops.callable_of(f)
    while True:
        r = fn(s, c)
        if type(r) is tuple:
            if not r or r[0] is None:
                return
            c = r[0]
            if n == 1:
                yield c
            else:
                k = len(r)
                yield r[:n] if k >= n else r + (None,) * (n - k)
        else:
            if r is None:
                return
            if type(r) is CoroutineType:
                r.close()
                raise LuaError("attempt to yield across a C-call boundary")
            c = r
            yield r if n == 1 else (r,) + (None,) * (n - 1)


for_range = ops.for_range


def select(n: Any = NOARG, *args: Any) -> Any:
    """go-lua baselib.go baseSelect: a number (truncated) or ``"#"``; any other string is
    refused, numeric or not."""
    tn = type(n)
    if tn is str:
        if n == "#":
            return len(args)
        raise _argerror(1, "select", f"invalid string '{n}'")
    if tn is int:
        i = n
    elif tn is float:
        i = ops.go_int64(n)
    else:
        raise _argerror(1, "select", f"number expected, got {_typename_arg(n)}")
    if i < 0:
        i = len(args) + 1 + i
    if i < 1:
        raise _argerror(1, "select", "index out of range")
    return args[i - 1:]


# -- raw access and metatables ------------------------------------------------------------


def _check_any(v: Any, n: int, fname: str) -> Any:
    """luaL_checkany: nil is an argument, a missing one is not."""
    if v is NOARG:
        raise _argerror(n, fname, "value expected")
    return v


def rawget(t: Any = NOARG, k: Any = NOARG, *_: Any) -> Any:
    return check_table(t, 1, "rawget").get(_check_any(k, 2, "rawget"))


def rawset(t: Any = NOARG, k: Any = NOARG, v: Any = NOARG, *_: Any) -> Any:
    check_table(t, 1, "rawset").set(_check_any(k, 2, "rawset"), _check_any(v, 3, "rawset"))
    return t


def rawequal(a: Any = NOARG, b: Any = NOARG, *_: Any) -> bool:
    return ops.rawequal(_check_any(a, 1, "rawequal"), _check_any(b, 2, "rawequal"))


def setmetatable(t: Any = NOARG, mt: Any = NOARG, *_: Any) -> Any:
    check_table(t, 1, "setmetatable")
    if mt is not None and type(mt) is not LuaTable:
        raise _argerror(2, "setmetatable", "nil or table expected")
    if t.meta is not None and t.meta.hash.get("__metatable") is not None:
        raise LuaError("cannot change a protected metatable")
    t.meta = mt
    return t


def getmetatable(v: Any = NOARG, *_: Any) -> Any:
    mt = ops.getmetatable_raw(_check_any(v, 1, "getmetatable"))
    if mt is None:
        return None
    protected = mt.hash.get("__metatable")
    if protected is not None:
        return protected
    if type(v) is str or isinstance(v, Userdata):
        # the shared string metatable (and runtime objects' tables) are not handed out:
        # a copy keeps one execution from changing what another sees; the tables inside it
        # (the string metatable's __index) are shared too, so they are copied as well
        return _copy_shared(mt, 2)
    return mt


def _copy_shared(t: LuaTable, depth: int) -> LuaTable:
    h = {k: (_copy_shared(x, depth - 1) if type(x) is LuaTable and depth > 1 else x)
         for k, x in t.hash.items()}
    return LuaTable(list(t.arr), h)


# -- errors ----------------------------------------------------------------------------


def error(*args: Any) -> Any:
    """go-lua baselib.go baseError: a string message gets the position of level ``level``;
    any other value, numbers included, is raised as it is."""
    if not args:
        raise _argerror(1, "error", "value expected")
    msg = args[0]
    level = args[1] if len(args) > 1 else None
    lv = 1 if level is None else check_int(level, 2, "error")
    if type(msg) is str and lv > 0:
        pos = current_position(lv)
        raise LuaError(where(pos) + msg, 0)
    raise LuaError(msg, 0)


def lua_assert(*args: Any) -> Any:
    """go-lua baselib.go baseAssert: a false (or missing) first value raises the message, a
    string (``OptString``: any other value but nil is an argument error), with the caller's
    position."""
    v = args[0] if args else None
    if v is None or v is False:
        msg = args[1] if len(args) > 1 and args[1] is not None else "assertion failed!"
        if type(msg) is not str:
            raise _argerror(2, "assert", f"string expected, got {lua_type(msg)}")
        raise LuaError(where(current_position(1)) + msg, 0)
    return args if len(args) != 1 else v


def _error_value(e: BaseException) -> Any:
    return to_lua_error(e).value


def _not_callable(f: Any) -> Any:
    """go-lua baselib.go basePCall: a value that cannot be called is no error, just
    ``false, "attempt to call a <type> value"`` (no position); a missing one is."""
    if f is NOARG:
        raise _argerror(1, "pcall", "value expected")
    if type(f) is FunctionType or (callable(f) and not isinstance(f, (LuaTable, Userdata))):
        return None
    if ops.metamethod(f, "__call") is not None:
        return None
    return (False, f"attempt to call a {lua_type(f)} value")


def pcall(f: Any = NOARG, *args: Any) -> Any:
    bad = _not_callable(f)
    if bad is not None:
        return bad
    try:
        r = ops.call(f, *args)
        if type(r) is CoroutineType:
            r.close()
            raise LuaError("attempt to yield across a C-call boundary")
    except BaseException as e:
        if not is_lua_boundary_exception(e):
            raise
        return (False, _error_value(e))
    if type(r) is tuple:
        return (True, *r)
    return (True, r)


async def apcall(f: Any = NOARG, *args: Any) -> Any:
    bad = _not_callable(f)
    if bad is not None:
        return bad
    try:
        r = ops.call(f, *args)
        if type(r) is CoroutineType:
            r = await r
    except BaseException as e:
        if not is_lua_boundary_exception(e):
            raise
        return (False, _error_value(e))
    if type(r) is tuple:
        return (True, *r)
    return (True, r)


def _check_function(v: Any, n: int, fname: str) -> None:
    if not is_function(v):
        raise _argerror(n, fname, f"function expected, got {_typename_arg(v)}")


def xpcall(f: Any = NOARG, handler: Any = NOARG, *_: Any) -> Any:
    # go-lua baselib.go baseXPCall: two functions; ``f`` is called with no arguments (extra
    # ones are 5.2's)
    _check_function(f, 1, "xpcall")
    _check_function(handler, 2, "xpcall")
    r = pcall(f)
    return r if r[0] else _handled(pcall(handler, r[1]))


async def axpcall(f: Any = NOARG, handler: Any = NOARG, *_: Any) -> Any:
    _check_function(f, 1, "xpcall")
    _check_function(handler, 2, "xpcall")
    r = await apcall(f)
    return r if r[0] else _handled(await apcall(handler, r[1]))


def _handled(h: tuple[Any, ...]) -> tuple[Any, ...]:
    """xpcall's result from its message handler's pcall: its first value, or Lua's LUA_ERRERR
    when the handler failed (or is no function)."""
    if not h[0]:
        return (False, "error in error handling")
    return (False, h[1] if len(h) > 1 else None)


# -- methods ---------------------------------------------------------------------------


def method(obj: Any, name: str, desc: str | None = None) -> Any:
    """The function for ``obj:name(...)``."""
    t = type(obj)
    if t is LuaTable:
        f = obj.hash.get(name)
        if f is None and obj.meta is not None:
            # the class pattern: the method is in the table that is the metatable's __index
            h = obj.meta.hash.get("__index")
            if type(h) is LuaTable:
                f = h.hash.get(name)
                if f is None and h.meta is not None:
                    f = ops.index(h, name)
            elif h is not None:
                f = ops.index(obj, name, desc)
    elif isinstance(obj, Userdata):
        f = obj.lua_methods.get(name)
        if f is None:
            f = obj.lua_index(name)
    else:
        f = ops.index(obj, name, desc)
    if type(f) is FunctionType:
        return f
    if f is None:
        raise LuaError(f"attempt to call method '{name}' (a nil value)")
    return ops.callable_of(f, f"method '{name}'")


def setglobal(gh: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        gh.pop(name, None)
    else:
        gh[name] = value


# -- Wippy casts ------------------------------------------------------------------------


def cast_string(v: Any = None, *_: Any) -> Any:
    t = type(v)
    if t is str:
        return v
    if t is int or t is float:
        return number_to_str(v)
    return (None, f"cannot convert {lua_type(v)} to string")


def cast_integer(v: Any = None, *_: Any) -> Any:
    n = (v if type(v) in (int, float) else ops.str_to_number(v) if type(v) is str else None)
    if type(n) is int:
        return n
    if type(n) is float and n.is_integer() and -(2.0**63) <= n < 2.0**63:
        return int(n)
    return (None, f"cannot convert {lua_type(v)} to integer")


def cast_number(v: Any = None, *_: Any) -> Any:
    n = (v if type(v) in (int, float) else ops.str_to_number(v) if type(v) is str else None)
    if n is not None:
        return n
    return (None, f"cannot convert {lua_type(v)} to number")


def cast_boolean(v: Any = None, *_: Any) -> Any:
    if type(v) is bool:
        return v
    return (None, f"cannot convert {lua_type(v)} to boolean")


# -- math.random and os.* on the execution's deterministic sources ------------------------


def math_random(ex: Any, *args: Any) -> float:
    from .math import random_from

    return random_from(ex.rng(), args)


def math_randomseed(ex: Any, seed: Any = NOARG, *_: Any) -> tuple[()]:
    """Reseed the execution's deterministic source (go-lua's own randomseed does nothing:
    its generator is Go's, seeded by the runtime; a documented difference)."""
    n = check_num(seed, 1, "randomseed")
    # an integral seed (or the float's exact bits) keeps reseeding reproducible across runs
    ex.rng().seed(int(n) if float(n).is_integer() else float(n).hex())
    return ()


def os_time(ex: Any, t: Any = None, *_: Any) -> Any:
    """Seconds since the epoch: the workflow clock, or the UTC time of a date table (workflows
    run in UTC, so the worker's local zone never changes a result)."""
    if t is None:
        return int(ex.now_seconds())
    check_table(t, 1, "time")
    import calendar
    import datetime

    def field(k: str, d: int | None) -> int | float:
        # 5.1's getfield: a number (or numeric string), truncated below; else missing
        v = t.hash.get(k)
        n = ops.str_to_number(v) if type(v) is str else v
        if type(n) is int or type(n) is float:
            return n  # type: ignore[no-any-return]
        if d is None:
            raise LuaError(f"field '{k}' missing in date table")
        return d

    # read in 5.1's order, so that the first missing field is the one it names
    fields = [field("sec", 0), field("min", 0), field("hour", 12), field("day", None),
              field("month", None), field("year", None)]
    try:
        s, mi, h, d, mo, y = (int(v) for v in fields)
        # normalise out-of-range fields the way mktime does
        y += (mo - 1) // 12
        mo = (mo - 1) % 12 + 1
        dt = datetime.datetime(y, mo, 1) + datetime.timedelta(days=d - 1, hours=h,
                                                              minutes=mi, seconds=s)
    except (ValueError, OverflowError):  # nan, inf or outside the calendar: mktime fails
        return None
    return calendar.timegm(dt.timetuple())


def os_clock(ex: Any, *_: Any) -> float:
    return float(ex.clock_seconds())


def os_difftime(a: Any = NOARG, b: Any = None, *_: Any) -> float:
    return float(check_num(a, 1, "difftime") - (0 if b is None else check_num(b, 2, "difftime")))


def os_date(ex: Any, fmt: Any = None, t: Any = None, *_: Any) -> Any:
    import datetime

    f = opt_str(fmt, 1, "date", "%c")
    secs = ex.now_seconds() if t is None else check_num(t, 2, "date")
    # workflows run in UTC: the worker's local zone must not change results
    if f.startswith("!"):
        f = f[1:]
    dt = datetime.datetime.fromtimestamp(secs, tz=datetime.timezone.utc)
    if f.startswith("*t"):
        return LuaTable(
            None,
            {
                "year": dt.year,
                "month": dt.month,
                "day": dt.day,
                "hour": dt.hour,
                "min": dt.minute,
                "sec": dt.second,
                "wday": (dt.isoweekday() % 7) + 1,
                "yday": dt.timetuple().tm_yday,
                "isdst": False,
            },
        )
    return to_lua_str(dt.strftime(from_lua_str(f)))

