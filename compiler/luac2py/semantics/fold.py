"""Constant folding as Wippy's compiler does it (go-lua compile.go constFold).

    -1, 1 + 2, 2^53, 7 // 2, 1 << 4   ->   -1.0, 3.0, 9007199254740992.0, 3.0, 16.0

An arithmetic or bitwise operator whose operands are numerals (or folded operators) is
computed at build time, in floats (go-lua's ``lnumberValue`` makes every numeral a float
there): a lone integer numeral stays an integer, anything folded is a float. Parentheses do not
stop it; ``#``, ``not``, unary ``~``, comparisons and ``..`` are not folded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from luaparser import astnodes as A

MAXI = 2**63 - 1
MINI = -(2**63)


def fold(e: Any) -> float | None:
    """The value go-lua's compiler folds ``e`` into, or None."""
    t = type(e)
    if t is A.Number:
        return float(e.n)
    if t not in FOLDABLE:
        return None
    memo = getattr(e, "_folded", _UNSET)
    if memo is not _UNSET:
        return memo  # type: ignore[no-any-return]
    r: float | None = None
    if t is A.UMinusOp:
        v = fold(e.operand)
        if v is not None:
            r = -v
    else:
        a = fold(e.left)
        b = fold(e.right) if a is not None else None
        if a is not None and b is not None:
            r = _FOLD_OPS[t](a, b)
    e._folded = r
    return r


_UNSET = object()


def _go_i(f: float) -> int:
    """Go's int64(f) on amd64."""
    return int(f) if -9.223372036854775808e18 < f < 9.223372036854775808e18 else MINI


def _wrap(i: int) -> int:
    i &= 0xFFFFFFFFFFFFFFFF
    return i - (1 << 64) if i > MAXI else i


def _go_u(f: float) -> int:
    """Go's uint64(f) of a shift count (a negative count is huge)."""
    return _go_i(f) & 0xFFFFFFFFFFFFFFFF


def _fold_div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _fold_idiv(a: float, b: float) -> float:
    q = _fold_div(a, b)
    return q if q != q or q in (math.inf, -math.inf) else float(math.floor(q))


def _fold_shl(a: float, b: float) -> float:
    n = _go_u(b)
    return float(_wrap(_go_i(a) << n)) if n < 64 else 0.0


def _fold_shr(a: float, b: float) -> float:
    n = _go_u(b)
    return float(_go_i(a) >> min(n, 63))


def _fold_pow(a: float, b: float) -> float:
    """Go's math.Pow (C's pow): overflow and poles give infinities, domain errors NaN."""
    try:
        return math.pow(a, b)
    except OverflowError:
        return -math.inf if a < 0 and b.is_integer() and int(b) % 2 == 1 else math.inf
    except ValueError:
        if a == 0 and b < 0:
            odd = b.is_integer() and int(b) % 2 == 1
            return math.copysign(math.inf, a) if odd else math.inf
        return math.nan


def _fold_mod(a: float, b: float) -> float:
    """go-lua's luaModulo."""
    try:
        v = math.fmod(a, b)
    except ValueError:
        return math.nan
    if (b > 0 and v < 0) or (b < 0 and v > 0):
        v += b
    return v


_FOLD_OPS: dict[type, Callable[[float, float], float]] = {
    A.AddOp: lambda a, b: a + b,
    A.SubOp: lambda a, b: a - b,
    A.MultOp: lambda a, b: a * b,
    A.FloatDivOp: _fold_div,
    A.ModOp: _fold_mod,
    A.ExpoOp: _fold_pow,
    A.FloorDivOp: _fold_idiv,
    A.BAndOp: lambda a, b: float(_go_i(a) & _go_i(b)),
    A.BOrOp: lambda a, b: float(_go_i(a) | _go_i(b)),
    A.BXorOp: lambda a, b: float(_go_i(a) ^ _go_i(b)),
    A.BShiftLOp: _fold_shl,
    A.BShiftROp: _fold_shr,
}

FOLDABLE = frozenset((A.AddOp, A.SubOp, A.MultOp, A.FloatDivOp, A.ModOp, A.ExpoOp,
                      A.FloorDivOp, A.BAndOp, A.BOrOp, A.BXorOp, A.BShiftLOp, A.BShiftROp,
                      A.UMinusOp))
INT_RESULT = frozenset((A.FloorDivOp, A.BAndOp, A.BOrOp, A.BXorOp, A.BShiftLOp, A.BShiftROp,
                        A.UBNotOp))
