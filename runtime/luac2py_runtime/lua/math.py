"""The Lua ``math`` library as Wippy's VM has it (go-lua mathlib.go).

Every function returns a float (``math.floor(3.7)`` is the float 3, ``math.max(1, 2)`` the float
2), except ``tointeger``, ``type`` and ``ult``; ``math.huge`` is the largest finite float
(Go's ``math.MaxFloat64``); ``log`` has no base argument; ``fmod`` is C's fmod and never an
error; ``type`` and ``tointeger`` give nil for anything that is no number. Python's math module
raises where Go's returns inf or NaN, so every such call is guarded to give the IEEE result.

``random`` draws from a ``random.Random`` owned by the caller: in a workflow it must be the
deterministic, replay-safe source, never the process-global one (go-lua's is Go's
auto-seeded generator: a documented difference).
"""

from __future__ import annotations

import math
import random as _random
from typing import Any, Callable

from .errors import LuaError
from .ops import go_int64, raw_mod, str_to_number
from .string import NOARG, check_int, check_num

_INF = math.inf
_NAN = math.nan
_TWO63 = 2.0**63
HUGE = 1.7976931348623157e308  # go-lua mathlib.go: math.MaxFloat64


def _float(v: Any, n: int, fname: str) -> float:
    """go-lua's CheckNumber: a number or a numeric string, as a float."""
    t = type(v)
    if t is float:
        return v  # type: ignore[no-any-return]
    if t is int:
        return float(v)
    return float(check_num(v, n, fname))


# -- rounding ------------------------------------------------------------------------------


def m_floor(x: Any = NOARG, *_: Any) -> float:
    f = _float(x, 1, "floor")
    if f != f or f in (_INF, -_INF) or f.is_integer():
        return f  # Go's math.Floor keeps -0.0
    return float(math.floor(f))


def m_ceil(x: Any = NOARG, *_: Any) -> float:
    f = _float(x, 1, "ceil")
    if f != f or f in (_INF, -_INF) or f.is_integer():
        return f
    r = float(math.ceil(f))
    return r if r else math.copysign(0.0, f)  # Go's math.Ceil(-0.5) is -0.0


def m_abs(x: Any = NOARG, *_: Any) -> float:
    return math.fabs(_float(x, 1, "abs"))


def m_modf(x: Any = NOARG, *_: Any) -> tuple[float, float]:
    """Go's math.Modf: integer and fractional parts with the sign of ``x``; for an infinity
    the fraction is NaN."""
    f = _float(x, 1, "modf")
    if f != f:
        return f, f
    if f in (_INF, -_INF):
        return f, _NAN
    fr, ip = math.modf(f)
    return ip, fr


def m_fmod(a: Any = NOARG, b: Any = NOARG, *_: Any) -> float:
    x = _float(a, 1, "fmod")
    y = _float(b, 2, "fmod")
    try:
        return math.fmod(x, y)
    except ValueError:  # fmod(x, 0), fmod(inf, y)
        return _NAN


def m_mod(a: Any = NOARG, b: Any = NOARG, *_: Any) -> float:
    """go-lua's ``math.mod``: Lua's ``%`` (luaModulo)."""
    return raw_mod(_float(a, 1, "mod"), _float(b, 2, "mod"))


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


def m_log(x: Any = NOARG, *_: Any) -> float:
    """go-lua mathlib.go mathLog: the natural logarithm; a second argument is ignored."""
    return _safe(_ln, _float(x, 1, "log"))


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


def m_frexp(x: Any = NOARG, *_: Any) -> tuple[float, float]:
    m, e = math.frexp(_float(x, 1, "frexp"))
    return m, float(e)


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


def m_max(*args: Any) -> float:
    if not args:
        raise LuaError("wrong number of arguments")
    best = _float(args[0], 1, "max")
    for k in range(1, len(args)):
        v = _float(args[k], k + 1, "max")
        if v > best:
            best = v
    return best


def m_min(*args: Any) -> float:
    if not args:
        raise LuaError("wrong number of arguments")
    best = _float(args[0], 1, "min")
    for k in range(1, len(args)):
        v = _float(args[k], k + 1, "min")
        if v < best:
            best = v
    return best


# -- Lua 5.3 additions --------------------------------------------------------------------


def m_type(x: Any = None, *_: Any) -> str | None:
    t = type(x)
    if t is int:
        return "integer"
    if t is float:
        return "float"
    return None


def m_tointeger(x: Any = None, *_: Any) -> int | None:
    """go-lua mathlib.go mathToInteger: an integer as it is, an integral float (or a string
    spelling one) converted as Go's ``int64(f)``; nil for anything else."""
    t = type(x)
    if t is int:
        return x  # type: ignore[no-any-return]
    if t is str:
        x = str_to_number(x)
        t = float if x is not None else None
    if t is float:
        if x == x and x not in (_INF, -_INF) and x.is_integer():
            return go_int64(x)
        return None
    return None


def m_ult(m: Any = NOARG, n: Any = NOARG, *_: Any) -> bool:
    a = check_int(m, 1, "ult")  # CheckInt64: a float truncated, as everywhere
    b = check_int(n, 2, "ult")
    return (a & 0xFFFFFFFFFFFFFFFF) < (b & 0xFFFFFFFFFFFFFFFF)


# -- random -------------------------------------------------------------------------------


def random_from(rng: _random.Random, args: tuple[Any, ...]) -> float:
    """go-lua mathlib.go mathRandom over ``rng``: a float in [0, 1), or an integer in
    ``[1, m]`` / ``[m, n]`` as a float; arguments after the second are ignored."""
    nargs = len(args)
    if nargs == 0:
        return rng.random()
    if nargs == 1:
        low = 1
        up = check_int(args[0], 1, "random")
        if up < 1:
            raise LuaError("interval is empty")
    else:
        low = check_int(args[0], 1, "random")
        up = check_int(args[1], 2, "random")
        if low > up:
            raise LuaError("interval is empty")
    return float(rng.randint(low, up))


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
    "mod": m_mod,
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
    "huge": HUGE,
    "pi": math.pi,
    "maxinteger": 2**63 - 1,
    "mininteger": -(2**63),
}
