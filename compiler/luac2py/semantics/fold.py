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

from luac2py_runtime.lua.ops import go_int64, raw_div, raw_mod, raw_pow
from luac2py_runtime.lua.values import wrap_int
from luaparser import astnodes as A


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


# Folding computes what the runtime computes (lua.ops), in floats: go-lua's constFold works on
# float64 whatever the numerals' subtypes.


def _go_u(f: float) -> int:
    """Go's uint64(f) of a shift count (a negative count is huge)."""
    return go_int64(f) & 0xFFFFFFFFFFFFFFFF


def _fold_idiv(a: float, b: float) -> float:
    q = raw_div(a, b)
    return q if q != q or q in (math.inf, -math.inf) else float(math.floor(q))


def _fold_shl(a: float, b: float) -> float:
    n = _go_u(b)
    return float(wrap_int(go_int64(a) << n)) if n < 64 else 0.0


def _fold_shr(a: float, b: float) -> float:
    n = _go_u(b)
    return float(go_int64(a) >> min(n, 63))


_FOLD_OPS: dict[type, Callable[[float, float], float]] = {
    A.AddOp: lambda a, b: a + b,
    A.SubOp: lambda a, b: a - b,
    A.MultOp: lambda a, b: a * b,
    A.FloatDivOp: raw_div,
    A.ModOp: raw_mod,
    A.ExpoOp: raw_pow,
    A.FloorDivOp: _fold_idiv,
    A.BAndOp: lambda a, b: float(go_int64(a) & go_int64(b)),
    A.BOrOp: lambda a, b: float(go_int64(a) | go_int64(b)),
    A.BXorOp: lambda a, b: float(go_int64(a) ^ go_int64(b)),
    A.BShiftLOp: _fold_shl,
    A.BShiftROp: _fold_shr,
}

FOLDABLE = frozenset((A.AddOp, A.SubOp, A.MultOp, A.FloatDivOp, A.ModOp, A.ExpoOp,
                      A.FloorDivOp, A.BAndOp, A.BOrOp, A.BXorOp, A.BShiftLOp, A.BShiftROp,
                      A.UMinusOp))
INT_RESULT = frozenset((A.FloorDivOp, A.BAndOp, A.BOrOp, A.BXorOp, A.BShiftLOp, A.BShiftROp,
                        A.UBNotOp))
