"""Lua operators, indexing and calls: the slow paths.

Generated code inlines the common case of each operation (two ints, a string key on a plain
table, a call of a Python function) and calls one of these functions for everything else:
coercions, metamethods, and the errors, worded as Lua 5.1 words them. ``desc`` arguments
name the operand's role for those messages (``"local 'order'"``, ``"field 'total'"``).
"""

from __future__ import annotations

import math
import re
from types import FunctionType
from typing import Any, Callable

from .errors import LuaError
from .values import (
    MAXINT,
    MININT,
    LuaTable,
    Userdata,
    fmt_float,
    lua_type,
    wrap_int,
)

# ----------------------------------------------------------------------------------------
# metatables
# ----------------------------------------------------------------------------------------

string_meta: LuaTable | None = None  # set by the base library: {__index = string}

# Compiled comparisons of two operands of one of these types use Python's operator inline
# (``a < b if type(a) is type(b) in ORDER_TYPES else lt(a, b)``): for them it is Lua's.
ORDER_TYPES = frozenset((int, float, str))
# the operand types of the inline float arithmetic (``type(x) in NUM_TYPES``: no bool)
NUM_TYPES = frozenset((int, float))
EQ_TYPES = frozenset((int, float, str, bool))


def getmetatable_raw(v: Any) -> LuaTable | None:
    t = type(v)
    if t is LuaTable:
        return v.meta
    if t is str:
        return string_meta
    if isinstance(v, Userdata):
        return getattr(v, "meta", None)
    return None


def metamethod(v: Any, event: str) -> Any:
    mt = getmetatable_raw(v)
    if mt is None:
        return None
    return mt.hash.get(event)


def call_meta(fn: Any, *args: Any) -> Any:
    """Call a metamethod and keep its first result."""
    r = call(fn, *args)
    if type(r) is tuple:
        return r[0] if r else None
    return r


# ----------------------------------------------------------------------------------------
# descriptions for error messages
# ----------------------------------------------------------------------------------------


def _desc(v: Any, desc: str | None) -> str:
    if desc:
        return f"{desc} (a {lua_type(v)} value)"
    return f"a {lua_type(v)} value"


# ----------------------------------------------------------------------------------------
# numbers and coercion
# ----------------------------------------------------------------------------------------


_HEX_NUMERAL = re.compile(r"(?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?")


def str_to_number(s: str) -> int | float | None:
    """Lua's conversion of a string to a number (``tonumber(s)`` with base 10), or None."""
    s = s.strip(" \t\n\r\f\v")
    if not s:
        return None
    neg = False
    body = s
    if body[0] in "+-":
        neg = body[0] == "-"
        body = body[1:]
        if not body or body[0] in "+-":  # "+-1" is no numeral
            return None
    if body[:2] in ("0x", "0X"):
        digits = body[2:]
        if not _HEX_NUMERAL.fullmatch(digits):  # int()/fromhex() would take "1_0", " 1"
            return None
        if "." in digits or "p" in digits or "P" in digits:
            try:
                f = float.fromhex(("-" if neg else "") + "0x" + digits)
            except (ValueError, OverflowError):
                return None
            return f
        i = wrap_int(int(digits, 16))
        return wrap_int(-i) if neg else i
    ok = True
    for ch in body:
        if ch not in "0123456789.eE+-":
            ok = False
            break
    if not ok:
        # "inf", "nan" and friends are not Lua numerals
        return None
    if body.isdigit():
        i = int(body)
        if neg:
            i = -i
        if MININT <= i <= MAXINT:
            return i
        return float(i)
    try:
        f = float(body)
    except ValueError:
        return None
    return -f if neg else f


def tonumber_arith(v: Any) -> int | float | None:
    """The number an arithmetic operand stands for. A numeric string becomes a float, as in
    Lua 5.3's arithmetic (``"10" + 1`` is ``11.0``)."""
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    if t is str:
        n = str_to_number(v)
        return None if n is None else float(n)
    return None


def to_integer(v: Any) -> int | None:
    """Exact integer value of a number or numeric string (for bitwise ops), or None."""
    t = type(v)
    if t is int:
        return v  # type: ignore[no-any-return]
    if t is float:
        if v.is_integer() and -(2.0**63) <= v < 2.0**63:
            return int(v)
        return None
    if t is str:
        n = str_to_number(v)
        if n is None:
            return None
        return to_integer(n)
    return None


def _arith_error(a: Any, b: Any, da: str | None, db: str | None) -> LuaError:
    if tonumber_arith(a) is None:
        return LuaError(f"attempt to perform arithmetic on {_desc(a, da)}")
    return LuaError(f"attempt to perform arithmetic on {_desc(b, db)}")


def _arith(event: str, a: Any, b: Any, da: str | None, db: str | None) -> Any:
    x = tonumber_arith(a)
    y = tonumber_arith(b)
    if x is not None and y is not None:
        return ARITH_RAW[event](x, y)
    h = metamethod(a, event)
    if h is None:
        h = metamethod(b, event)
    if h is None:
        raise _arith_error(a, b, da, db)
    return call_meta(h, a, b)


def raw_add(x: Any, y: Any) -> Any:
    r = x + y
    if type(r) is int and not MININT <= r <= MAXINT:
        return wrap_int(r)
    return r


def raw_sub(x: Any, y: Any) -> Any:
    r = x - y
    if type(r) is int and not MININT <= r <= MAXINT:
        return wrap_int(r)
    return r


def raw_mul(x: Any, y: Any) -> Any:
    r = x * y
    if type(r) is int and not MININT <= r <= MAXINT:
        return wrap_int(r)
    return r


def raw_div(x: Any, y: Any) -> float:
    x = float(x)
    y = float(y)
    try:
        return x / y
    except ZeroDivisionError:
        if x != x or x == 0:
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)


def raw_mod(x: Any, y: Any) -> Any:
    if type(x) is int and type(y) is int:
        if y == 0:
            raise LuaError("attempt to perform 'n%0'")
        return x % y
    x = float(x)
    y = float(y)
    if y == 0:
        return math.nan
    if math.isinf(y):
        if x != x or math.isinf(x):
            return math.nan
        if (x >= 0) == (y > 0):
            return x
        return y
    try:
        r = math.fmod(x, y)
    except ValueError:
        return math.nan
    if r != 0 and (r < 0) != (y < 0):
        r += y
    return r


def raw_idiv(x: Any, y: Any) -> Any:
    if type(x) is int and type(y) is int:
        if y == 0:
            raise LuaError("attempt to divide by zero")
        return wrap_int(x // y)
    return float_floor(raw_div(x, y))


def float_floor(f: float) -> float:
    if f != f or math.isinf(f) or f.is_integer():
        return f  # keeps -0.0
    return float(math.floor(f))


def raw_pow(x: Any, y: Any) -> float:
    x = float(x)
    y = float(y)
    try:
        return math.pow(x, y)
    except OverflowError:
        if x < 0 and y.is_integer() and int(y) % 2 == 1:
            return -math.inf
        return math.inf
    except ValueError:
        if x == 0 and y < 0:  # C's pow: a pole, signed for odd integer powers of -0.0
            odd = y.is_integer() and int(y) % 2 == 1
            return math.copysign(math.inf, x) if odd else math.inf
        return math.nan


ARITH_RAW: dict[str, Callable[[Any, Any], Any]] = {
    "__add": raw_add,
    "__sub": raw_sub,
    "__mul": raw_mul,
    "__div": raw_div,
    "__mod": raw_mod,
    "__idiv": raw_idiv,
    "__pow": raw_pow,
}


def add(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_add(a, b)
    return _arith("__add", a, b, da, db)


def sub(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_sub(a, b)
    return _arith("__sub", a, b, da, db)


def mul(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_mul(a, b)
    return _arith("__mul", a, b, da, db)


def div(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_div(a, b)
    return _arith("__div", a, b, da, db)


def mod(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_mod(a, b)
    return _arith("__mod", a, b, da, db)


def idiv(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_idiv(a, b)
    return _arith("__idiv", a, b, da, db)


def pow_(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_pow(a, b)
    return _arith("__pow", a, b, da, db)


def unm(a: Any, da: str | None = None) -> Any:
    t = type(a)
    if t is int:
        return wrap_int(-a)
    if t is float:
        return -a
    x = tonumber_arith(a)
    if x is not None:
        return -x
    h = metamethod(a, "__unm")
    if h is None:
        raise LuaError(f"attempt to perform arithmetic on {_desc(a, da)}")
    return call_meta(h, a, a)


# -- bitwise (Lua 5.3) ---------------------------------------------------------------------


def _bit_operands(event: str, a: Any, b: Any, da: str | None, db: str | None) -> Any:
    x = to_integer(a)
    y = to_integer(b)
    if x is not None and y is not None:
        return BIT_RAW[event](x, y)
    h = metamethod(a, event)
    if h is None:
        h = metamethod(b, event)
    if h is not None:
        return call_meta(h, a, b)
    for v, d in ((a, da), (b, db)):
        t = type(v)
        if (t is int or t is float) or (t is str and str_to_number(v) is not None):
            if to_integer(v) is None:
                raise LuaError("number has no integer representation")
        else:
            raise LuaError(f"attempt to perform bitwise operation on {_desc(v, d)}")
    raise LuaError("number has no integer representation")  # pragma: no cover


def _shl(x: int, y: int) -> int:
    if y <= -64 or y >= 64:
        return 0
    if y >= 0:
        return wrap_int(x << y)
    return wrap_int((x & 0xFFFFFFFFFFFFFFFF) >> -y)


BIT_RAW: dict[str, Callable[[int, int], int]] = {
    "__band": lambda x, y: x & y,
    "__bor": lambda x, y: x | y,
    "__bxor": lambda x, y: x ^ y,
    "__shl": _shl,
    "__shr": lambda x, y: _shl(x, -y),
}


def band(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    return _bit_operands("__band", a, b, da, db)


def bor(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    return _bit_operands("__bor", a, b, da, db)


def bxor(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    return _bit_operands("__bxor", a, b, da, db)


def shl(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    return _bit_operands("__shl", a, b, da, db)


def shr(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    return _bit_operands("__shr", a, b, da, db)


def bnot(a: Any, da: str | None = None) -> Any:
    x = to_integer(a)
    if x is not None:
        return ~x
    h = metamethod(a, "__bnot")
    if h is not None:
        return call_meta(h, a, a)
    t = type(a)
    if t is int or t is float or (t is str and str_to_number(a) is not None):
        raise LuaError("number has no integer representation")
    raise LuaError(f"attempt to perform bitwise operation on {_desc(a, da)}")


# ----------------------------------------------------------------------------------------
# strings
# ----------------------------------------------------------------------------------------


def tostring_basic(v: Any) -> str:
    """``tostring`` without metamethods."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int:
        return str(v)
    if t is float:
        return fmt_float(v)
    if v is None:
        return "nil"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if t is LuaTable:
        return f"table: 0x{id(v) & 0xFFFFFFFF:08x}"
    if isinstance(v, Userdata):
        return v.lua_tostring()
    if callable(v):
        return f"function: 0x{id(v) & 0xFFFFFFFF:08x}"
    return f"userdata: 0x{id(v) & 0xFFFFFFFF:08x}"


def tostring(v: Any) -> str:
    """Lua ``tostring`` (honours ``__tostring``)."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int:
        return str(v)
    h = metamethod(v, "__tostring")
    if h is not None:
        r = call_meta(h, v)
        if type(r) is not str:
            if type(r) is int or type(r) is float:
                return tostring_basic(r)
            raise LuaError("'__tostring' must return a string")
        return r  # type: ignore[no-any-return]
    return tostring_basic(v)


def concat(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is str or ta is int or ta is float) and (tb is str or tb is int or tb is float):
        return (a if ta is str else tostring_basic(a)) + (b if tb is str else tostring_basic(b))
    h = metamethod(a, "__concat")
    if h is None:
        h = metamethod(b, "__concat")
    if h is None:
        if ta is str or ta is int or ta is float:
            raise LuaError(f"attempt to concatenate {_desc(b, db)}")
        raise LuaError(f"attempt to concatenate {_desc(a, da)}")
    return call_meta(h, a, b)


def length(v: Any, desc: str | None = None) -> Any:
    t = type(v)
    if t is str:
        return len(v)
    if t is LuaTable:
        if v.meta is not None:
            h = v.meta.hash.get("__len")
            if h is not None:
                return call_meta(h, v)
        return len(v.arr)
    h = metamethod(v, "__len")
    if h is not None:
        return call_meta(h, v)
    raise LuaError(f"attempt to get length of {_desc(v, desc)}")


# ----------------------------------------------------------------------------------------
# comparison
# ----------------------------------------------------------------------------------------


def rawequal(a: Any, b: Any) -> bool:
    if a is b:
        return True
    ta = type(a)
    tb = type(b)
    if ta is bool or tb is bool:
        return False
    if (ta is int or ta is float) and (tb is int or tb is float):
        return a == b  # type: ignore[no-any-return]
    if ta is str and tb is str:
        return a == b  # type: ignore[no-any-return]
    return False


def eq(a: Any, b: Any) -> bool:
    if a is b:
        return True
    ta = type(a)
    tb = type(b)
    if ta is str or ta is int or ta is float:
        if ta is str:
            return tb is str and a == b
        return (tb is int or tb is float) and a == b
    if ta is bool or tb is bool or a is None or b is None:
        return False
    if (ta is LuaTable and tb is LuaTable) or (
        isinstance(a, Userdata) and isinstance(b, Userdata)
    ):
        # Lua 5.1: both operands must share the same __eq metamethod
        ma = getmetatable_raw(a)
        if ma is None:
            return False
        h = ma.hash.get("__eq")
        if h is None:
            return False
        mb = getmetatable_raw(b)
        if mb is not ma:
            if mb is None or not rawequal(h, mb.hash.get("__eq")):
                return False
        r = call_meta(h, a, b)
        return r is not None and r is not False
    return False


def ne(a: Any, b: Any) -> bool:
    return not eq(a, b)


def _cmp_error(a: Any, b: Any) -> LuaError:
    t1 = lua_type(a)
    t2 = lua_type(b)
    if t1 == t2:
        return LuaError(f"attempt to compare two {t1} values")
    return LuaError(f"attempt to compare {t1} with {t2}")


def _order_tm(a: Any, b: Any, event: str) -> Any:
    """Lua 5.1's order metamethod: both operands must have the same one."""
    h = metamethod(a, event)
    if h is None or not rawequal(h, metamethod(b, event)):
        return None
    return h


def lt(a: Any, b: Any) -> bool:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return a < b  # type: ignore[no-any-return]
    if ta is str and tb is str:
        return a < b  # type: ignore[no-any-return]
    if lua_type(a) == lua_type(b):
        h = _order_tm(a, b, "__lt")
        if h is not None:
            r = call_meta(h, a, b)
            return r is not None and r is not False
    raise _cmp_error(a, b)


def le(a: Any, b: Any) -> bool:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return a <= b  # type: ignore[no-any-return]
    if ta is str and tb is str:
        return a <= b  # type: ignore[no-any-return]
    if lua_type(a) == lua_type(b):
        h = _order_tm(a, b, "__le")
        if h is not None:
            r = call_meta(h, a, b)
            return r is not None and r is not False
        h = _order_tm(b, a, "__lt")
        if h is not None:
            r = call_meta(h, b, a)
            return not (r is not None and r is not False)
    raise _cmp_error(a, b)


def gt(a: Any, b: Any) -> bool:
    return lt(b, a)


def ge(a: Any, b: Any) -> bool:
    return le(b, a)


# ----------------------------------------------------------------------------------------
# indexing
# ----------------------------------------------------------------------------------------


def index(obj: Any, key: Any, desc: str | None = None) -> Any:
    """``obj[key]`` with ``__index``."""
    for _ in range(100):
        t = type(obj)
        if t is LuaTable:
            v = obj.get(key)
            if v is not None:
                return v
            mt = obj.meta
            if mt is None:
                return None
            h = mt.hash.get("__index")
            if h is None:
                return None
        elif t is str:
            if string_meta is None:
                return None
            h = string_meta.hash.get("__index")
        elif isinstance(obj, Userdata):
            return obj.lua_index(key)
        else:
            h = metamethod(obj, "__index")
            if h is None:
                if type(key) is str:
                    raise LuaError(f"attempt to index {_desc(obj, desc)}")
                raise LuaError(f"attempt to index {_desc(obj, desc)}")
        if type(h) is LuaTable or type(h) is str or isinstance(h, Userdata):
            obj = h
            desc = None
            continue
        return call_meta(h, obj, key)
    raise LuaError("loop in gettable")


def setindex(obj: Any, key: Any, value: Any, desc: str | None = None) -> None:
    """``obj[key] = value`` with ``__newindex``."""
    for _ in range(100):
        if type(obj) is LuaTable:
            mt = obj.meta
            if mt is None:
                obj.set(key, value)
                return
            h = mt.hash.get("__newindex")
            if h is None or obj.get(key) is not None:
                obj.set(key, value)
                return
        else:
            h = metamethod(obj, "__newindex")
            if h is None:
                if isinstance(obj, Userdata) and hasattr(obj, "lua_setindex"):
                    obj.lua_setindex(key, value)
                    return
                raise LuaError(f"attempt to index {_desc(obj, desc)}")
        if type(h) is LuaTable:
            obj = h
            desc = None
            continue
        call(h, obj, key, value)
        return
    raise LuaError("loop in settable")


# ----------------------------------------------------------------------------------------
# calls
# ----------------------------------------------------------------------------------------


def callable_of(f: Any, desc: str | None = None) -> Callable[..., Any]:
    """The Python callable behind a Lua value being called (``__call`` for tables)."""
    if callable(f) and not isinstance(f, (LuaTable, Userdata, type)):
        return f  # type: ignore[no-any-return]
    h = metamethod(f, "__call")
    if h is not None:
        inner = callable_of(h)
        return lambda *args: inner(f, *args)
    raise LuaError(f"attempt to call {_desc(f, desc)}")


def call(f: Any, *args: Any) -> Any:
    if type(f) is FunctionType:
        return f(*args)
    return callable_of(f)(*args)


def first(r: Any) -> Any:
    """The first of a call's results."""
    if type(r) is tuple:
        return r[0] if r else None
    return r


def results(r: Any) -> tuple[Any, ...]:
    """All of a call's results as a tuple."""
    if type(r) is tuple:
        return r
    return (r,)


def adjust(r: Any, n: int) -> tuple[Any, ...]:
    """A call's results adjusted to exactly ``n`` values."""
    if type(r) is tuple:
        k = len(r)
        if k == n:
            return r
        if k > n:
            return r[:n]
        return r + (None,) * (n - k)
    if n == 1:
        return (r,)
    return (r,) + (None,) * (n - 1)


def truthy(v: Any) -> bool:
    return v is not None and v is not False


def for_prep(start: Any, stop: Any, step: Any) -> tuple[Any, Any, Any]:
    """Check and convert numeric ``for`` bounds as Lua 5.3 does."""

    def num(v: Any, what: str) -> Any:
        t = type(v)
        if t is int or t is float:
            return v
        if t is str:
            n = str_to_number(v)
            if n is not None:
                return n
        raise LuaError(f"'for' {what} must be a number")

    start = num(start, "initial value")
    stop = num(stop, "limit")
    step = num(step, "step")
    if step == 0:
        raise LuaError("'for' step is zero")
    if type(start) is int and type(step) is int:
        if type(stop) is float:
            if stop != stop:
                return start, start - 1 if step > 0 else start + 1, step
            stop = math.floor(stop) if step > 0 else math.ceil(stop)
            if math.isinf(stop):
                stop = MAXINT if stop > 0 else MININT
            stop = max(MININT, min(MAXINT, int(stop)))
        return start, stop, step
    return float(start), float(stop), float(step)


def float_range(start: float, stop: float, step: float) -> Any:
    i = start
    if step > 0:
        while i <= stop:
            yield i
            i += step
    else:
        while i >= stop:
            yield i
            i += step
