"""The Lua ``math`` library: Lua 5.1's functions with Lua 5.3's integer/float rules, plus 5.3's
``type``, ``tointeger``, ``maxinteger``, ``mininteger`` and ``ult``.

Subtypes follow 5.3: ``floor``/``ceil`` (and ``modf``'s integral part) give an integer when the
result fits in int64; ``abs``, ``fmod``, ``max``/``min`` keep integer arguments integers; the
rest give floats. Where 5.3 tests ``lua_isinteger`` first, only a real integer takes the
integer path and a numeric string is read as a float (``math.abs("-3")`` is ``3.0``), as there.
Python's math module raises where C's libm returns inf or nan, so every such call is guarded to
give the IEEE result instead.

``random`` draws from a ``random.Random`` owned by the caller: in a workflow it must be the
deterministic, replay-safe source, never the process-global one.
"""

from __future__ import annotations

import math
import random as _random
from typing import Any, Callable

from .errors import LuaError
from .string import NOARG, arg_error, check_int, check_num, type_error
from .ops import to_integer
from .values import MAXINT, MININT, wrap_int

_INF = math.inf
_NAN = math.nan
_TWO63 = 2.0**63


def _num(v: Any, n: int, fname: str) -> int | float:
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    return check_num(v, n, fname)


def _float(v: Any, n: int, fname: str) -> float:
    """luaL_checknumber's result: a C double."""
    if type(v) is float:
        return v  # type: ignore[no-any-return]
    return float(_num(v, n, fname))


def _float_to_int(f: float) -> int | float:
    """5.3's pushnumint: an integer if the float has an int64 value, else the float."""
    if -_TWO63 <= f < _TWO63 and f.is_integer():
        return int(f)
    return f


# -- rounding ------------------------------------------------------------------------------


def m_floor(x: Any = NOARG, *_: Any) -> int | float:
    if type(x) is int:
        return x  # type: ignore[no-any-return]
    f = _float(x, 1, "floor")
    if f != f or f in (_INF, -_INF):
        return f
    return _float_to_int(float(math.floor(f)))


def m_ceil(x: Any = NOARG, *_: Any) -> int | float:
    if type(x) is int:
        return x  # type: ignore[no-any-return]
    f = _float(x, 1, "ceil")
    if f != f or f in (_INF, -_INF):
        return f
    return _float_to_int(float(math.ceil(f)))


def m_abs(x: Any = NOARG, *_: Any) -> int | float:
    if type(x) is int:
        return wrap_int(-x) if x < 0 else x  # abs(mininteger) wraps to itself, as in 5.3
    return math.fabs(_float(x, 1, "abs"))


def m_modf(x: Any = NOARG, *_: Any) -> tuple[int | float, float]:
    if type(x) is int:
        return x, 0.0
    f = _float(x, 1, "modf")
    if f != f:
        return f, f
    if f in (_INF, -_INF):
        return f, 0.0
    ip = float(math.ceil(f)) if f < 0 else float(math.floor(f))
    return _float_to_int(ip), (0.0 if f == ip else f - ip)


def m_fmod(a: Any = NOARG, b: Any = NOARG, *_: Any) -> int | float:
    if type(a) is int and type(b) is int:
        if b == 0:
            raise arg_error(2, "fmod", "zero")
        if b == -1:
            return 0  # avoids mininteger % -1 overflow, as 5.3 does
        r = abs(a) % abs(b)  # C's % truncates toward zero: the sign follows the dividend
        return -r if a < 0 else r
    x = _float(a, 1, "fmod")
    y = _float(b, 2, "fmod")
    try:
        return math.fmod(x, y)
    except ValueError:  # fmod(x, 0), fmod(inf, y)
        return _NAN


# -- elementary functions ---------------------------------------------------------------


def _wrap1(fname: str, fn: Callable[[float], float], overflow: Callable[[float], float]
           ) -> Callable[..., float]:
    def f(x: Any = NOARG, *_: Any) -> float:
        v = _float(x, 1, fname)
        try:
            return fn(v)
        except ValueError:
            return _NAN
        except OverflowError:
            return overflow(v)

    f.__name__ = f"m_{fname}"
    f.__qualname__ = f.__name__
    return f


def _pos_inf(_: float) -> float:
    return _INF


def _signed_inf(v: float) -> float:
    return math.copysign(_INF, v)


def _log0(fn: Callable[[float], float]) -> Callable[[float], float]:
    def g(v: float) -> float:
        if v == 0:
            return -_INF
        return fn(v)

    return g


m_sqrt = _wrap1("sqrt", math.sqrt, _pos_inf)
m_sin = _wrap1("sin", math.sin, _pos_inf)
m_cos = _wrap1("cos", math.cos, _pos_inf)
m_tan = _wrap1("tan", math.tan, _pos_inf)
m_asin = _wrap1("asin", math.asin, _pos_inf)
m_acos = _wrap1("acos", math.acos, _pos_inf)
m_exp = _wrap1("exp", math.exp, _pos_inf)
m_sinh = _wrap1("sinh", math.sinh, _signed_inf)
m_cosh = _wrap1("cosh", math.cosh, _pos_inf)
m_tanh = _wrap1("tanh", math.tanh, _pos_inf)
m_log10 = _wrap1("log10", _log0(math.log10), _pos_inf)
_ln = _log0(math.log)
_log2 = _log0(math.log2)
_log10 = _log0(math.log10)


def _safe(fn: Callable[[float], float], v: float) -> float:
    try:
        return fn(v)
    except ValueError:
        return _NAN


def _fdiv(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return _NAN
        return math.copysign(_INF, a) * math.copysign(1.0, b)


def m_log(x: Any = NOARG, base: Any = None, *_: Any) -> float:
    v = _float(x, 1, "log")
    if base is None or base is NOARG:
        return _safe(_ln, v)
    b = _float(base, 2, "log")
    if b == 2.0:
        return _safe(_log2, v)
    if b == 10.0:
        return _safe(_log10, v)
    return _fdiv(_safe(_ln, v), _safe(_ln, b))


def m_atan(y: Any = NOARG, x: Any = None, *_: Any) -> float:
    fy = _float(y, 1, "atan")
    fx = 1.0 if x is None or x is NOARG else _float(x, 2, "atan")
    return math.atan2(fy, fx)


def m_atan2(y: Any = NOARG, x: Any = NOARG, *_: Any) -> float:
    return math.atan2(_float(y, 1, "atan2"), _float(x, 2, "atan2"))


def m_pow(x: Any = NOARG, y: Any = NOARG, *_: Any) -> float:
    a = _float(x, 1, "pow")
    b = _float(y, 2, "pow")
    try:
        return math.pow(a, b)
    except OverflowError:
        if a < 0 and b.is_integer() and int(b) % 2 == 1:
            return -_INF
        return _INF
    except ValueError:
        if a == 0:  # pow(0, negative) is a pole: +-inf
            return math.copysign(_INF, a) if b.is_integer() and int(b) % 2 == 1 else _INF
        return _NAN


def m_deg(x: Any = NOARG, *_: Any) -> float:
    return _float(x, 1, "deg") * (180.0 / math.pi)


def m_rad(x: Any = NOARG, *_: Any) -> float:
    return _float(x, 1, "rad") * (math.pi / 180.0)


def m_frexp(x: Any = NOARG, *_: Any) -> tuple[float, int]:
    m, e = math.frexp(_float(x, 1, "frexp"))
    return m, e


def m_ldexp(m: Any = NOARG, e: Any = NOARG, *_: Any) -> float:
    fm = _float(m, 1, "ldexp")
    ie = check_int(e, 2, "ldexp")
    # C's int exponent: anything beyond +-2^31 behaves like a huge exponent
    ie = max(-(1 << 31), min(ie, (1 << 31) - 1))
    try:
        return math.ldexp(fm, ie)
    except OverflowError:
        return math.copysign(_INF, fm)


# -- comparisons ----------------------------------------------------------------------------


def m_max(*args: Any) -> int | float:
    if not args:
        raise type_error(NOARG, 1, "max", "number")
    best = _num(args[0], 1, "max")
    for k in range(1, len(args)):
        v = _num(args[k], k + 1, "max")
        if v > best:
            best = v
    return best


def m_min(*args: Any) -> int | float:
    if not args:
        raise type_error(NOARG, 1, "min", "number")
    best = _num(args[0], 1, "min")
    for k in range(1, len(args)):
        v = _num(args[k], k + 1, "min")
        if v < best:
            best = v
    return best


# -- Lua 5.3 additions --------------------------------------------------------------------


def m_type(x: Any = NOARG, *_: Any) -> str | None:
    t = type(x)
    if t is int:
        return "integer"
    if t is float:
        return "float"
    if x is NOARG:
        raise arg_error(1, "type", "value expected")
    return None


def m_tointeger(x: Any = NOARG, *_: Any) -> int | None:
    t = type(x)
    if t is int:
        return x  # type: ignore[no-any-return]
    if t is float:
        if x.is_integer() and -_TWO63 <= x < _TWO63:
            return int(x)
        return None
    if t is str:
        return to_integer(x)
    if x is NOARG:
        raise arg_error(1, "tointeger", "value expected")
    return None


def m_ult(m: Any = NOARG, n: Any = NOARG, *_: Any) -> bool:
    a = check_int(m, 1, "ult", exact=True)  # a 5.3 function: 5.3's rule
    b = check_int(n, 2, "ult", exact=True)
    return (a & 0xFFFFFFFFFFFFFFFF) < (b & 0xFFFFFFFFFFFFFFFF)


# -- random -------------------------------------------------------------------------------


def make_random(rng: _random.Random) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``math.random`` and ``math.randomseed`` drawing from ``rng``."""

    def m_random(*args: Any) -> int | float:
        nargs = len(args)
        if nargs == 0:
            return rng.random()
        if nargs == 1:
            low = 1
            up = check_int(args[0], 1, "random")
        elif nargs == 2:
            low = check_int(args[0], 1, "random")
            up = check_int(args[1], 2, "random")
        else:
            raise LuaError("wrong number of arguments")
        if low > up:
            raise arg_error(nargs, "random", "interval is empty")
        return rng.randint(low, up)

    def m_randomseed(x: Any = NOARG, *_: Any) -> tuple[()]:
        n = _num(x, 1, "randomseed")
        # an int seed (or the float's exact bits) keeps reseeding reproducible across runs
        rng.seed(n if type(n) is int else n.hex())
        return ()

    return m_random, m_randomseed


LIB: dict[str, Any] = {
    "abs": m_abs,
    "ceil": m_ceil,
    "floor": m_floor,
    "sqrt": m_sqrt,
    "sin": m_sin,
    "cos": m_cos,
    "tan": m_tan,
    "asin": m_asin,
    "acos": m_acos,
    "atan": m_atan,
    "atan2": m_atan2,
    "exp": m_exp,
    "log": m_log,
    "log10": m_log10,
    "pow": m_pow,
    "fmod": m_fmod,
    "mod": m_fmod,  # Lua 5.1's compatibility alias (also in gopher-lua)
    "modf": m_modf,
    "frexp": m_frexp,
    "ldexp": m_ldexp,
    "deg": m_deg,
    "rad": m_rad,
    "sinh": m_sinh,
    "cosh": m_cosh,
    "tanh": m_tanh,
    "max": m_max,
    "min": m_min,
    "type": m_type,
    "tointeger": m_tointeger,
    "ult": m_ult,
    "huge": _INF,
    "pi": math.pi,
    "maxinteger": MAXINT,
    "mininteger": MININT,
}
