"""Lua operators, indexing and calls: the slow paths.

Generated code inlines the common case of each operation (two ints, a string key on a plain
table, a call of a Python function) and calls one of these functions for everything else:
coercions, metamethods, and the errors, worded as Lua 5.1 words them. ``desc`` arguments
name the operand's role for those messages (``"local 'order'"``, ``"field 'total'"``).
"""

from __future__ import annotations

import itertools
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
# numbers and coercion (go-lua: utils.go parseNumber, vm.go arithmetic)
# ----------------------------------------------------------------------------------------

TWO63 = 9.223372036854775808e18
TWO53 = 9007199254740992


def go_int64(f: float) -> int:
    """Go's ``int64(f)`` on amd64 (the conversion go-lua applies to floats for ``//``, the
    bitwise operators, ``string.format("%d")`` and integer arguments): truncation toward
    zero; NaN and values outside int64 give the "integer indefinite" -2^63."""
    if -TWO63 < f < TWO63:
        return int(f)
    return MININT


_GO_INT = re.compile(r"[+-]?[0-9a-zA-Z_]+")
_GO_FLOAT = re.compile(
    r"[+-]?(?:(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?"
    r"|0[xX](?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?[0-9][0-9_]*"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|[nN][aA][nN]")


def _underscore_ok(s: str) -> bool:
    """Go strconv's underscoreOK: underscores only between digits (or after a base prefix)."""
    saw = "^"
    if s[:1] in ("+", "-"):
        s = s[1:]
    i = 0
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i = 2
        saw = "0"
        hexa = s[1] in "xX"
    while i < len(s):
        c = s[i]
        i += 1
        if "0" <= c <= "9" or hexa and c in "abcdefABCDEF":
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


_DIGIT = {c: int(c, 36) for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def go_parse_int(s: str, base: int = 0) -> int | None:
    """Go's ``strconv.ParseInt(s, base, 64)``: None for a syntax or range error. Base 0 reads
    Go's prefixes (``0x``, ``0o``, ``0b``, and a leading ``0`` for octal) and underscores."""
    if not _GO_INT.fullmatch(s):
        return None
    body = s
    neg = body[0] == "-"
    if body[0] in "+-":
        body = body[1:]
    if base == 0:
        base = 10
        if body[:1] == "0":
            p = body[1:2].lower()
            if len(body) >= 3 and p in ("b", "o", "x"):
                base = {"b": 2, "o": 8, "x": 16}[p]
                body = body[2:]
            else:
                base = 8
                body = body[1:]
        if "_" in body:
            if not _underscore_ok(s):
                return None
            body = body.replace("_", "")
            if not body:
                return None
        elif not body:
            return 0 if base == 8 else None  # "0" (octal, no digits after the 0)
    elif not 2 <= base <= 36 or "_" in body or not body:
        return None
    n = 0
    for ch in body:  # not int(): it also reads base prefixes, which Go takes in base 0 only
        d = _DIGIT.get(ch, 99)
        if d >= base:
            return None
        n = n * base + d
        if n > 0xFFFFFFFFFFFFFFFF:
            return None  # Go stops at the overflow too (a range error)
    if neg:
        n = -n
    if not MININT <= n <= MAXINT:
        return None
    return n


def go_parse_float(s: str) -> float | None:
    """Go's ``strconv.ParseFloat(s, 64)``: decimal and hexadecimal (``p`` exponent) floats,
    ``inf``/``infinity``/``nan`` in any case; None for a syntax error, and for a value beyond
    the float range (Go's ErrRange)."""
    if not _GO_FLOAT.fullmatch(s):
        return None
    body = s
    if "_" in body:
        if not _underscore_ok(body):
            return None
        body = body.replace("_", "")
    low = body.lower()
    if "x" in low:
        try:
            f = float.fromhex(body)
        except (ValueError, OverflowError):
            return None
    else:
        if not any(c.isdigit() for c in body) and "n" not in low:
            return None  # "." or "e5": no mantissa digits
        f = float(body)
        if "n" in low:  # inf, infinity, nan: written out, never a range error
            return f
    if f in (math.inf, -math.inf):
        return None
    return f


def str_to_number(s: str) -> float | None:
    """go-lua's ``parseNumber`` (utils.go), the conversion of a string operand of arithmetic
    and of a numeric library argument: blanks (space, tab, newline only) trimmed, Go's
    ``ParseInt(s, 0, 64)``, else ``ParseFloat``; always a float (``"0x10"`` is 16.0, ``"010"``
    is 8.0, ``"1e2"`` is 100.0), None when neither reads it."""
    s = s.strip(" \t\n")
    i = go_parse_int(s)
    if i is not None:
        return float(i)
    return go_parse_float(s)


def tonumber_arith(v: Any) -> int | float | None:
    """The number an arithmetic operand stands for: a number, or a numeric string as a float
    (go-lua vm.go objectArith: ``"10" + 1`` is ``11.0``)."""
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    if t is str:
        return str_to_number(v)
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


def raw_mod(x: Any, y: Any) -> float:
    """go-lua's luaModulo: Go's ``math.Mod`` (C's fmod) on floats, moved to the divisor's sign;
    always a float, and NaN for a zero divisor (never an error)."""
    x = float(x)
    y = float(y)
    try:
        v = math.fmod(x, y)
    except ValueError:  # fmod(inf, y), fmod(x, 0)
        return math.nan
    if (y > 0 and v < 0) or (y < 0 and v > 0):
        v += y
    return v


def idiv_operand(v: Any) -> int | None:
    """An operand of ``//`` and the bitwise operators as go-lua takes it: an integer, or a
    float truncated (``int64(f)``); nothing else (no strings, no metamethods)."""
    t = type(v)
    if t is int:
        return v  # type: ignore[no-any-return]
    if t is float:
        return go_int64(v)
    return None


def raw_idiv(x: int, y: int) -> int:
    """go-lua OP_IDIV on two int64s: a zero divisor is an error, the quotient is floored and
    wraps (``mininteger // -1`` is mininteger)."""
    if y == 0:
        raise LuaError("attempt to divide by zero")
    return wrap_int(x // y)


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


def idiv(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    """go-lua OP_IDIV: both operands truncated to int64, the result an integer; no string
    coercion and no metamethods."""
    return raw_idiv(*_int_operands(a, b, da, db, "arithmetic"))


def pow_(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return raw_pow(a, b)
    return _arith("__pow", a, b, da, db)


def unm(a: Any, da: str | None = None) -> Any:
    """go-lua OP_UNM: always a float (``-x`` of the integer 5 is -5.0), a numeric string
    negated as a float, else ``__unm``."""
    t = type(a)
    if t is int or t is float:
        return -float(a)
    if t is str:
        x = str_to_number(a)
        if x is not None:
            return -x
    h = metamethod(a, "__unm")
    if h is None:
        raise LuaError(f"attempt to perform arithmetic on {_desc(a, da)}")
    return call_meta(h, a, a)


# -- bitwise: go-lua vm.go OP_BAND .. OP_BNOT ------------------------------------------------


def _int_operands(a: Any, b: Any, da: str | None, db: str | None,
                  what: str) -> tuple[int, int]:
    x = idiv_operand(a)
    if x is None:
        raise LuaError(f"attempt to perform {what} on {_desc(a, da)}")
    y = idiv_operand(b)
    if y is None:
        raise LuaError(f"attempt to perform {what} on {_desc(b, db)}")
    return x, y


def _bit_operands(a: Any, b: Any, da: str | None, db: str | None) -> tuple[int, int]:
    return _int_operands(a, b, da, db, "bitwise operation")


def raw_shl(x: int, y: int) -> int:
    if y >= 64 or y < -63:
        return 0
    if y >= 0:
        return wrap_int(x << y)
    return x >> -y  # an arithmetic shift, as Go's on int64


def raw_shr(x: int, y: int) -> int:
    if y >= 64 or y < -63:
        return 0
    if y >= 0:
        return x >> y
    return wrap_int(x << -y)


def band(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    x, y = _bit_operands(a, b, da, db)
    return x & y


def bor(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    x, y = _bit_operands(a, b, da, db)
    return x | y


def bxor(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    x, y = _bit_operands(a, b, da, db)
    return x ^ y


def shl(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    x, y = _bit_operands(a, b, da, db)
    return raw_shl(x, y)


def shr(a: Any, b: Any, da: str | None = None, db: str | None = None) -> int:
    x, y = _bit_operands(a, b, da, db)
    return raw_shr(x, y)


def bnot(a: Any, da: str | None = None) -> int:
    x = idiv_operand(a)
    if x is None:
        raise LuaError(f"attempt to perform bitwise operation on {_desc(a, da)}")
    return ~x


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


def tostring(v: Any) -> Any:
    """Lua ``tostring``: the ``__tostring`` metamethod's result as it is, string or not (go-lua
    auxlib.go ToStringMeta), else the value's text."""
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    h = metamethod(v, "__tostring")
    if h is not None:
        return call_meta(h, v)
    return tostring_basic(v)


def tostring_text(v: Any) -> str:
    """The text ``print`` writes for a value: ``tostring``'s result, itself made text when
    ``__tostring`` returned something else (go-lua basePrint: ``ToStringMeta(v).String()``)."""
    r = tostring(v)
    return r if type(r) is str else tostring_basic(r)


def concat(a: Any, b: Any, da: str | None = None, db: str | None = None) -> Any:
    ta = type(a)
    tb = type(b)
    if (ta is str or ta is int or ta is float) and (tb is str or tb is int or tb is float):
        return (a if ta is str else tostring_basic(a)) + (b if tb is str else tostring_basic(b))
    # go-lua converts error objects as it converts numbers (LVCanConvToString)
    if concat_text(a) is not None and concat_text(b) is not None:
        return concat_text(a) + concat_text(b)  # type: ignore[operator]
    h = metamethod(a, "__concat")
    if h is None:
        h = metamethod(b, "__concat")
    if h is None:
        if concat_text(a) is not None:
            raise LuaError(f"attempt to concatenate {_desc(b, db)}")
        raise LuaError(f"attempt to concatenate {_desc(a, da)}")
    return call_meta(h, a, b)


def concat_text(v: Any) -> str | None:
    """The text ``..`` takes for ``v`` (go-lua LVCanConvToString: strings, numbers, error
    objects), or None."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int or t is float:
        return tostring_basic(v)
    if isinstance(v, Userdata) and v.concatenable:
        return v.lua_tostring()
    return None


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
    if ta is tb and (ta is int or ta is float or ta is str):
        # Go's interface equality: an integer and a float are never raw-equal
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


def for_range(start: Any, stop: Any, step: Any) -> Any:
    """The values of a numeric ``for`` (go-lua vm.go OP_FORPREP / OP_FORLOOP): it runs while
    ``(step > 0 and i <= limit) or (step <= 0 and i >= limit)``, so a zero step is no error
    (no iteration, or forever); an integer loop when all three are integers, else a float
    loop; no string coercion."""
    ts = type(start)
    tl = type(stop)
    tp = type(step)
    if ts is int and tl is int and tp is int:
        if step > 0:
            return range(start, stop + 1, step)
        if step < 0:
            return range(start, stop - 1, step)
        return itertools.repeat(start) if start >= stop else ()
    if ts is not int and ts is not float:
        raise LuaError("for statement init must be a number")
    if tp is not int and tp is not float:
        raise LuaError("for statement step must be a number")
    if tl is not int and tl is not float:
        raise LuaError("for statement limit must be a number")
    # OP_FORPREP takes the step off first, OP_FORLOOP adds it back before each test: with
    # floats that round trip can change the first value (0.1 - 0.7 + 0.7 is not 0.1)
    if ts is int and tp is int:
        return _float_range(float(wrap_int(start - step)), float(stop), float(step))
    return _float_range(float(start) - float(step), float(stop), float(step))


def _float_range(i: float, stop: float, step: float) -> Any:
    if step > 0:
        while True:
            i += step
            if not i <= stop:
                return
            yield i
    else:
        while True:
            i += step
            if not i >= stop:
                return
            yield i
