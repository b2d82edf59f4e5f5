"""Differential tests of the ``table`` library (and ``unpack``) against real Lua via lupa.

Each case builds the same table on both sides (Lua source constructor / LuaTable), runs one
call, and compares the call's results (or error message) and the table's full contents after
the call, plus ``#t`` where the table is a proper sequence. The reference is PUC Lua 5.1 (whose
table library and quicksort we follow) and, for integer/float distinctions, 5.3 (whose sort
makes the same comparisons as 5.1 for arrays shorter than 128 and consistent comparators).
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from types import MethodType
from typing import Any, Callable

import lupa.lua51
import lupa.lua53
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luac2py_runtime.lua import ops, values
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.table import GLOBALS, _go_sort
from luac2py_runtime.lua.table import LIB as T
from luac2py_runtime.lua.values import LuaTable, table_from_pairs, to_lua_str

from tests.helpers import golua_wording, lua_literal

PRELUDE = "pack = function(...) return {n = select('#', ...), ...} end"


def _runtime(mod: Any) -> Any:
    rt = mod.LuaRuntime(encoding=None)
    rt.execute(PRELUDE)
    return rt


LUA = {"51": _runtime(lupa.lua51), "53": _runtime(lupa.lua53)}


class Rec:
    """A record value ``{k = key, id = n}``: sorting records shows where equal keys end up."""

    def __init__(self, k: Any, id: int) -> None:
        self.k = k
        self.id = id


class Fn:
    """A comparator given both as Lua source and as its Python equivalent."""

    def __init__(self, src: str, py: Callable[..., Any]) -> None:
        self.src = src
        self.py = py

    def __repr__(self) -> str:
        return self.src


def lua_lit(v: Any) -> str:
    if isinstance(v, Rec):
        return "{k = %s, id = %d}" % (lua_lit(v.k), v.id)
    if isinstance(v, Tbl):
        return v.lua()
    return lua_literal(v)


def py_val(v: Any) -> Any:
    if isinstance(v, Fn):
        return v.py
    if isinstance(v, Rec):
        t = LuaTable()
        t.set("k", v.k)
        t.set("id", v.id)
        return t
    if isinstance(v, Tbl):
        return v.py()
    return v


class Tbl:
    """A table literal: positional values plus keyed entries (in constructor order)."""

    def __init__(self, seq: list[Any], keyed: list[tuple[Any, Any]] | None = None) -> None:
        self.seq = seq
        self.keyed = keyed or []

    def lua(self) -> str:
        parts = [lua_lit(v) for v in self.seq]
        parts += [f"[{lua_lit(k)}] = {lua_lit(v)}" for k, v in self.keyed]
        return "{" + ", ".join(parts) + "}"

    def py(self) -> LuaTable:
        return table_from_pairs([py_val(v) for v in self.seq],
                                [(k, py_val(v)) for k, v in self.keyed])

    def __repr__(self) -> str:
        return self.lua()


def from_lua(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if type(v).__name__ == "_LuaTable":
        if v[b"id"] is not None:
            return ("rec", v[b"id"])
        return "<table>"
    return v


def from_py(v: Any) -> Any:
    if isinstance(v, LuaTable):
        if v.get("id") is not None:
            return ("rec", v.get("id"))
        return "<table>"
    return v


def run_lua(version: str, tbl: Tbl, call: str) -> tuple[Any, ...]:
    code = f"""
    local t = {tbl.lua()}
    local ok, r = pcall(function() local r = pack({call}) return r end)
    local dump = {{}}
    for k, v in pairs(t) do dump[#dump + 1] = {{k, v}} end
    return ok, r, dump, #t
    """
    ok, r, dump, n = LUA[version].execute(code)
    if ok:
        res: Any = ("ok", [from_lua(r[i]) for i in range(1, r[b"n"] + 1)])
    else:
        res = ("err", golua_wording(from_lua(r), position=False))
    contents = {from_lua(p[1]): from_lua(p[2]) for p in dump.values()}
    return res, contents, n


def run_py(fn: Callable[..., Any], tbl: Tbl, args: tuple[Any, ...], pass_table: bool
           ) -> tuple[Any, ...]:
    t = tbl.py()
    try:
        r = fn(*(((t,) if pass_table else ()) + tuple(py_val(a) for a in args)))
        res: Any = ("ok", [from_py(x) for x in (r if isinstance(r, tuple) else (r,))])
    except LuaError as e:
        res = ("err", str(e.value))
    contents = {k: from_py(v) for k, v in t.items()}
    return res, contents, ops.length(t)


def same(a: Any, b: Any, strict: bool) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, strict) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], strict) for k in a)
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if strict and type(a) is not type(b):
        return False
    return bool(a == b)


def check(fname: str, tbl: Tbl | None, args: tuple[Any, ...], mode: str = "51",
          check_len: bool = True, expected: Any = None, cite: str = "") -> None:
    """``table.fname(t, *args)`` (or ``fname(*args)`` without a table) on both sides; for
    ``mode`` "go" against ``expected`` (results, contents, ``#t``): the answer of Wippy's VM,
    read from the go-lua source ``cite`` names, where it differs from PUC Lua."""
    lua_args = ", ".join(lua_lit(a) for a in args)
    if tbl is None:
        tbl = Tbl([])
        call = f"{fname}({lua_args})" if fname == "unpack" else f"table.{fname}({lua_args})"
        pass_table = False
    else:
        call = f"table.{fname}(t{', ' if args else ''}{lua_args})"
        if fname == "unpack":
            call = f"unpack(t{', ' if args else ''}{lua_args})"
        pass_table = True
    fn = GLOBALS["unpack"] if fname == "unpack" else T[fname]
    mine = run_py(fn, tbl, args, pass_table)
    if mode == "go":
        ok = same(mine[0], expected[0], True) and same(mine[1], expected[1], True)
        if check_len:
            ok = ok and mine[2] == expected[2]
        assert cite and ok, f"go-lua ({cite}): t = {tbl.lua()}; {call}\n  go:   {expected!r}\n" \
                            f"  ours: {mine!r}"
        return
    for v in (["51", "53"] if mode == "both" else [mode]):
        if v == "53" and fname == "unpack":
            call = call.replace("unpack(", "table.unpack(")
        ref = run_lua(v, tbl, call)
        ok = same(mine[0], ref[0], v == "53") and same(mine[1], ref[1], v == "53")
        if check_len:
            ok = ok and mine[2] == ref[2]
        assert ok, f"Lua {v}: t = {tbl.lua()}; {call}\n  lua:  {ref!r}\n  ours: {mine!r}"


def u(text: str) -> str:
    return to_lua_str(text)


SEQ = Tbl([10, 20, 30, 40, 50])
STRS = Tbl(["a", "b", "c"])
WITH_TAIL = Tbl([1, 2, 3], [(5, "five"), (6, "six"), ("x", "y")])
MIXED = Tbl([1, "two", 3.5, u("넷")], [("name", "t"), (0, "zero"), (-1, "neg")])
EMPTY = Tbl([])
GT = Fn("function(a, b) return a > b end", lambda a, b: ops.lt(b, a))
LT = Fn("function(a, b) return a < b end", lambda a, b: ops.lt(a, b))
BY_K = Fn("function(a, b) return a.k < b.k end",
          lambda a, b: ops.lt(ops.index(a, "k"), ops.index(b, "k")))
BY_K_DESC = Fn("function(a, b) return a.k > b.k end",
               lambda a, b: ops.lt(ops.index(b, "k"), ops.index(a, "k")))
ALWAYS = Fn("function(a, b) return true end", lambda a, b: True)
LE = Fn("function(a, b) return a <= b end", lambda a, b: ops.le(a, b))
NIL_SAFE_LE = Fn("function(a, b) return (a or 0) <= (b or 0) end",
                 lambda a, b: ops.le(0 if a is None else a, 0 if b is None else b))
BOOM = Fn("function(a, b) error('cmp failed') end", None)  # type: ignore[arg-type]


def _boom(a: Any, b: Any) -> Any:
    raise LuaError("cmp failed")


BOOM.py = _boom


# ----------------------------------------------------------------------------------------
# cases: (fname, table or None, args, [mode], [check_len])
# ----------------------------------------------------------------------------------------

CONCAT = [
    ("concat", STRS, ()),
    ("concat", STRS, (", ",)),
    ("concat", STRS, (", ", 2)),
    ("concat", STRS, (", ", 2, 3)),
    ("concat", STRS, (", ", 3, 2)),
    ("concat", STRS, (", ", 3, 3)),
    ("concat", STRS, ("", 1, 4), "go", True, (('ok', ['abc']), {1: 'a', 2: 'b', 3: 'c'}, 3),
     "tablelib.go tableConcat"),
    ("concat", STRS, ("", 0, 2), "go", True, (('ok', ['ab']), {1: 'a', 2: 'b', 3: 'c'}, 3),
     "tablelib.go tableConcat"),
    ("concat", STRS, (None, 1, 2)),
    ("concat", STRS, (", ", "1", "2")),
    ("concat", STRS, (", ", 1.0, 2.0)),
    ("concat", STRS, (", ", 1.5)),  # 5.1: float arguments truncated
    ("concat", STRS, (1,)),
    ("concat", SEQ, ("+",)),
    ("concat", Tbl([1, 2.5, "x", -3]), ("|",)),
    ("concat", Tbl([u("가"), u("나"), u("다")]), (u("、"),)),
    ("concat", Tbl(["a", None, "c"]), (",",), "51", False),
    ("concat", Tbl(["a", True]), (",",)),
    ("concat", Tbl(["a", Rec(1, 1)]), (",",)),
    ("concat", EMPTY, ()),
    ("concat", EMPTY, ("x",)),
    ("concat", EMPTY, ("x", 1, 1), "go", True, (('ok', ['']), {}, 0),
     "tablelib.go tableConcat"),
    ("concat", WITH_TAIL, ("-",), "go", True, (('err', 'invalid value (nil) at index 4 in table for concat'), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "tablelib.go tableConcat"),
    ("concat", WITH_TAIL, ("-", 1, 6), "go", True, (('err', 'invalid value (nil) at index 4 in table for concat'), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "tablelib.go tableConcat"),
    ("concat", WITH_TAIL, ("-", 5, 6), "go", True, (('ok', ['five-six']), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "tablelib.go tableConcat"),
    ("concat", MIXED, ("-",)),
    ("concat", MIXED, ("-", -1, 0), "go", True, (('ok', ['']), {1: 1, 2: 'two', 3: 3.5, 4: 'ë\x84·', 'name': 't', 0: 'zero', -1: 'neg'}, 4),
     "tablelib.go tableConcat"),
    ("concat", None, ()),
    ("concat", None, (None,)),
    ("concat", STRS, (Tbl([]),)),
    ("concat", None, ("x",)),
    ("concat", STRS, (", ", "a")),
    ("concat", Tbl(["x"] * 50), ("",)),
]

INSERT = [
    ("insert", SEQ, (60,)),
    ("insert", SEQ, (1, 5)),
    ("insert", SEQ, (3, "mid")),
    ("insert", SEQ, (6, "end")),
    ("insert", SEQ, (7, "gap"), "go", True, (('ok', []), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 7: 'gap'}, 7),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", SEQ, (100, "far"), "go", True, (('ok', []), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 100: 'far'}, 100),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", SEQ, (0, "zero"), "go", False, (('ok', []), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 0: 'zero'}, 5),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", SEQ, (-2, "neg"), "go", False, (('ok', []), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, -2: 'neg'}, 5),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([1, 2, 3], [(0, "z"), (-1, "m1"), (-3, "m3"), ("k", 1)]), (-2, "x"), "go", False, (('ok', []), {1: 1, 2: 2, 3: 3, 0: 'z', -1: 'm1', -3: 'm3', 'k': 1, -2: 'x'}, 3),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([1, 2, 3], [(0, "z"), (-1, "m1"), (-3, "m3")]), (0, "x"), "go", False, (('ok', []), {1: 1, 2: 2, 3: 3, 0: 'x', -1: 'm1', -3: 'm3'}, 3),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([1, 2, 3], [(0, "z"), (-1, "m1"), (-3, "m3")]), (-5, "x"), "go", False, (('ok', []), {1: 1, 2: 2, 3: 3, 0: 'z', -1: 'm1', -3: 'm3', -5: 'x'}, 3),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([1, 2, 3], [(-1, "m1"), (-2, "m2")]), (-2, None), "go", False, (('ok', []), {1: 1, 2: 2, 3: 3, -1: 'm1'}, 3),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([], [(0, "z"), (2, "two")]), (-1, "x"), "go", False, (('ok', []), {2: 'two', 0: 'z', -1: 'x'}, 2),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", Tbl([], [(-1, "m1")]), (0, "x"), "51", False),
    ("insert", SEQ, (-100000, "far"), "go", False, (('ok', []), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, -100000: 'far'}, 5),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", SEQ, ("2", "str pos")),
    ("insert", SEQ, (2.0, "float pos")),
    ("insert", SEQ, (2.5, "bad")),
    ("insert", SEQ, (None,)),
    ("insert", SEQ, (2, None), "51", False),
    ("insert", SEQ, (6, None)),
    ("insert", EMPTY, ("first",)),
    ("insert", EMPTY, (1, "first")),
    ("insert", WITH_TAIL, ("four",), "go", True, (('ok', []), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 7: 'four', 'x': 'y'}, 7),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", WITH_TAIL, (2, "x"), "go", True, (('ok', []), {1: 1, 2: 'x', 3: 2, 4: 3, 6: 'five', 7: 'six', 'x': 'y'}, 7),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", WITH_TAIL, (1, "x"), "go", True, (('ok', []), {1: 'x', 2: 1, 3: 2, 4: 3, 6: 'five', 7: 'six', 'x': 'y'}, 7),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", WITH_TAIL, (4, "x"), "go", True, (('ok', []), {1: 1, 2: 2, 3: 3, 4: 'x', 6: 'five', 7: 'six', 'x': 'y'}, 7),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", MIXED, (1, "new")),
    ("insert", SEQ, (), "go", True, (('err', 'wrong number of arguments'), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50}, 5),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", SEQ, (1, 2, 3), "go", True, (('ok', []), {1: 2, 2: 10, 3: 20, 4: 30, 5: 40, 6: 50}, 6),
     "tablelib.go tableInsert, table.go Insert"),
    ("insert", None, (1,)),
    ("insert", None, (None, 1)),
    ("insert", None, ()),
    ("insert", SEQ, (Tbl([]), 1)),
    ("insert", SEQ, ("x", 1)),
    ("insert", SEQ, (None, 1)),
]

REMOVE = [
    ("remove", SEQ, ()),
    ("remove", SEQ, (1,)),
    ("remove", SEQ, (3,)),
    ("remove", SEQ, (5,)),
    ("remove", SEQ, (6,), "go", True, (('ok', [None]), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50}, 5),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", SEQ, (0,), "go", True, (('ok', [50]), {1: 10, 2: 20, 3: 30, 4: 40}, 4),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", SEQ, (-1,), "go", True, (('ok', [50]), {1: 10, 2: 20, 3: 30, 4: 40}, 4),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", SEQ, ("2",)),
    ("remove", SEQ, (2.0,)),
    ("remove", SEQ, (None,), "go", True, (('err', 'bad argument #2 to remove (number expected, got nil)'), {1: 10, 2: 20, 3: 30, 4: 40, 5: 50}, 5),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", EMPTY, (), "go", True, (('ok', [None]), {}, 0),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", EMPTY, (1,), "go", True, (('ok', [None]), {}, 0),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", Tbl([1]), ()),
    ("remove", WITH_TAIL, (), "go", True, (('ok', ['six']), {1: 1, 2: 2, 3: 3, 5: 'five', 'x': 'y'}, 5),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", WITH_TAIL, (1,), "go", True, (('ok', [1]), {1: 2, 2: 3, 4: 'five', 5: 'six', 'x': 'y'}, 5),
     "tablelib.go tableRemove, table.go Remove"),
    ("remove", MIXED, (2,)),
    ("remove", Tbl([1, None, 3]), (), "51", False),
    ("remove", Tbl(["a", "b"], [("k", "v")]), (1,)),
    ("remove", None, ()),
    ("remove", SEQ, ("x",)),
    ("remove", SEQ, (1.5,)),
]

# Where elements compare equal, or the comparator is no order at all, the result depends on
# the algorithm: table.sort is Go's sort.Sort, as in Wippy's VM, checked against Go itself in
# test_sort_matches_go_sort_fixtures; the cases here are the ones every correct sort agrees on.
SORT = [
    ("sort", Tbl([5, 2, 8, 1, 9, 3]), ()),
    ("sort", Tbl([5, 2, 8, 1, 9, 3]), (GT,)),
    ("sort", Tbl([5, 2, 8, 1, 9, 3]), (LT,)),
    ("sort", Tbl([3.5, -1.25, 2.0, 1e10, -math.inf, math.inf]), ()),
    ("sort", Tbl(["banana", "apple", "cherry", "Apple", "", "b"]), ()),
    ("sort", Tbl([u("다"), u("가"), u("나"), "z", "A", u("가나")]), ()),
    ("sort", Tbl(["\xff", "\x00", "a\x00b", "a", "\x80"]), ()),
    ("sort", Tbl([1, 1, 1, 1]), ()),
    ("sort", Tbl([2, 1]), ()),
    ("sort", Tbl([1]), ()),
    ("sort", EMPTY, ()),
    ("sort", Tbl([3, 1, 2]), (None,), "go", True, (('err', 'bad argument #2 to sort (function expected, got nil)'), {1: 3, 2: 1, 3: 2}, 3),
     "tablelib.go tableSort"),
    ("sort", Tbl([1, "x", 2]), ()),
    ("sort", Tbl(["x", 1]), ()),
    ("sort", Tbl([1, True]), ()),
    ("sort", Tbl([Rec(1, 1), Rec(2, 2)]), ()),
    ("sort", Tbl([3, 1, 2]), (BOOM,)),
    ("sort", Tbl([3, 1, 2]), (1,)),
    ("sort", Tbl([3, 1, 2]), ("x",)),
    ("sort", None, ()),
    ("sort", Tbl([3, 1, 2], [("n", 3), (0, -5)]), ()),
    ("sort", Tbl(list(range(100, 0, -1))), ()),
    ("sort", Tbl([(i * 7919) % 101 for i in range(101)]), (GT,)),
]

GETN_MAXN_UNPACK = [
    ("getn", SEQ, ()),
    ("getn", EMPTY, ()),
    ("getn", WITH_TAIL, (), "go", True, (('ok', [6]), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "tablelib.go tableGetN"),
    ("getn", None, ()),
    ("maxn", SEQ, ()),
    ("maxn", EMPTY, ()),
    ("maxn", WITH_TAIL, (), "go", True, (('ok', [6]), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "tablelib.go tableMaxN, table.go MaxN"),
    ("maxn", MIXED, ()),
    ("maxn", Tbl([], [(1.5, "x")]), (), "go", True, (('ok', [0]), {1.5: 'x'}, 0),
     "tablelib.go tableMaxN, table.go MaxN"),
    ("maxn", Tbl([], [(-3, "x"), ("a", 1)]), ()),
    ("maxn", Tbl([1, 2], [(100, 1), (2.5, 2), (99.5, 3)]), (), "go", True, (('ok', [100]), {1: 1, 2: 2, 100: 1, 2.5: 2, 99.5: 3}, 100),
     "tablelib.go tableMaxN, table.go MaxN"),
    ("maxn", None, ()),
    ("unpack", SEQ, ()),
    ("unpack", SEQ, (2,)),
    ("unpack", SEQ, (2, 3)),
    ("unpack", SEQ, (0, 6)),
    ("unpack", SEQ, (-1, 1)),
    ("unpack", SEQ, (3, 1)),
    ("unpack", SEQ, (5, 5)),
    ("unpack", SEQ, ("2", "3")),
    ("unpack", SEQ, (2.0, None)),
    ("unpack", SEQ, (None, 2)),
    ("unpack", EMPTY, ()),
    ("unpack", EMPTY, (1, 3)),
    ("unpack", Tbl([1]), ()),
    ("unpack", WITH_TAIL, (1, 6), "go", True, (('ok', [1, 2, 3, None, 'five', 'six']), {1: 1, 2: 2, 3: 3, 5: 'five', 6: 'six', 'x': 'y'}, 6),
     "baselib.go baseUnpack"),
    ("unpack", MIXED, (-1, 2), "go", True, (('ok', [None, None, 1, 'two']), {1: 1, 2: 'two', 3: 3.5, 4: 'ë\x84·', 'name': 't', 0: 'zero', -1: 'neg'}, 4),
     "baselib.go baseUnpack"),
    ("unpack", None, ()),
    ("unpack", SEQ, ("x",)),
    ("unpack", SEQ, (1, 1e7)),
    ("unpack", SEQ, (1.5,)),
    # extra arguments are ignored
    ("unpack", SEQ, (1, 2, 3)),
    ("concat", STRS, (",", 1, 2, "extra")),
    ("remove", SEQ, (1, "extra")),
    ("sort", Tbl([3, 1, 2]), (None, "extra"), "go", True, (('err', 'bad argument #2 to sort (function expected, got nil)'), {1: 3, 2: 1, 3: 2}, 3),
     "tablelib.go tableSort"),
    ("sort", Tbl([3, 1, 2]), (GT, "extra")),
    ("getn", SEQ, (1,)),
    ("maxn", SEQ, (1,)),
]

ALL = CONCAT + INSERT + REMOVE + SORT + GETN_MAXN_UNPACK


def _id(c: tuple[Any, ...]) -> str:
    text = f"{c[0]}-{c[1]!r}-{c[2]!r}"
    return text if len(text) < 70 else text[:67] + "..."


@pytest.mark.parametrize("case", ALL, ids=[_id(c) for c in ALL])
def test_against_real_lua(case: tuple[Any, ...]) -> None:
    # (fname, table, args, [mode], [check_len], [expected, cite]); without a table the
    # arguments are the whole call (wrong-type first arguments)
    check(*case)


# ----------------------------------------------------------------------------------------
# properties
# ----------------------------------------------------------------------------------------


FIXTURES = Path(__file__).parent / "data" / "go_sort_fixtures.json"


def _fixture_less(cmp: int, log: list[list[int]]) -> Callable[[Any, Any], bool]:
    """The comparators of go_sort_fixtures.go, on (id, key) records."""
    def less(a: tuple[int, int], b: tuple[int, int]) -> bool:
        log.append([a[0], b[0]])
        if cmp == 0:
            return a[1] < b[1]
        if cmp == 1:
            return a[1] > b[1]
        return (a[1] * 7 + b[1] * 13 + a[0] * 3) % 5 < 2  # no order at all

    return less


def test_sort_matches_go_sort_fixtures() -> None:
    """The port of Go's sort.Sort (what Wippy's table.sort runs) against Go's own runs: the
    final order (equal keys included), the number of comparator calls and, for short
    arrays, every call in order; also comparators that are no order (Go, and Wippy, never
    report "invalid order function")."""
    cases = json.loads(FIXTURES.read_text())
    assert len(cases) >= 300 and any(len(c["keys"]) >= 200 for c in cases)
    for c in cases:
        recs = [(i, k) for i, k in enumerate(c["keys"], 1)]
        log: list[list[int]] = []
        _go_sort(recs, _fixture_less(c["cmp"], log))
        assert [r[0] for r in recs] == (c["order"] or []), c
        assert len(log) == c["calls"], c
        if c.get("log"):
            assert log == c["log"], c


def test_table_sort_follows_go_order_with_a_lua_comparator() -> None:
    """table.sort itself, on a table of records with a comparator called directly or
    through ops.call, ends in Go's order, equal keys included."""
    cases = [c for c in json.loads(FIXTURES.read_text()) if c["cmp"] != 2 and len(c["keys"]) > 12]
    assert len(cases) > 100
    for c in cases:
        sign = 1 if c["cmp"] == 0 else -1

        def lt_by_key(a: LuaTable, b: LuaTable, sign: int = sign) -> bool:
            return sign * a.hash["k"] < sign * b.hash["k"]

        for comp in (lt_by_key, MethodType(lambda _self, a, b: lt_by_key(a, b), object())):
            t = LuaTable([LuaTable(None, {"id": i, "k": k}) for i, k in enumerate(c["keys"], 1)])
            T["sort"](t, comp)
            assert [r.hash["id"] for r in t.arr] == (c["order"] or []), c


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.one_of(st.integers(-5, 5), st.sampled_from([1.0, 2.0, -0.0, 0.5])),
                       max_size=40))
def test_sort_numbers_matches_lua53_subtypes(values: list[Any]) -> None:
    # 1 and 1.0 (or 0 and -0.0) compare equal but print apart: where both occur their order
    # is the algorithm's (Go's sort.Sort here, Lua's quicksort there), so then only
    # sortedness and the values are compared
    spellings: dict[float, set[str]] = {}
    for v in values:
        spellings.setdefault(float(v), set()).add(repr(v))
    if all(len(s) == 1 for s in spellings.values()):
        check("sort", Tbl(values), (), "53")
        return
    t = table_from_pairs(list(values), [])
    T["sort"](t)
    assert all(not ops.lt(b, a) for a, b in zip(t.arr, t.arr[1:]))
    assert sorted(map(repr, t.arr)) == sorted(map(repr, values))


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.text(alphabet="ab\x00\xff가", max_size=4).map(to_lua_str),
                       max_size=30))
def test_sort_strings_matches_lua51(values: list[str]) -> None:
    check("sort", Tbl(values), (), "51")


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(0, 8),
    ops_=st.lists(st.tuples(st.sampled_from(["ins", "insp", "rem", "remp"]),
                            st.integers(-1, 10)), max_size=12),
)
def test_insert_remove_sequences_match_lua51(n: int, ops_: list[tuple[str, int]]) -> None:
    """A run of inserts/removes on one table, replayed on both sides."""
    lua_ops = []
    ours = table_from_pairs(list(range(1, n + 1)), [])
    results = []
    for kind, pos in ops_:
        if kind == "ins":
            lua_ops.append(f"table.insert(t, {pos * 10})")
            T["insert"](ours, pos * 10)
        elif kind == "insp":
            if pos < 1 or pos > len(ours.arr) + 1:
                continue  # out-of-range inserts are covered by the single cases
            lua_ops.append(f"table.insert(t, {pos}, {pos * 100})")
            T["insert"](ours, pos, pos * 100)
        elif kind == "rem":
            lua_ops.append("out[#out + 1] = table.remove(t) or false")
            r = T["remove"](ours)
            results.append(False if r == () or r is None else r)
        else:
            if pos < 1 or pos > len(ours.arr):
                continue  # go-lua removes the last element for pos <= 0: the single cases
            lua_ops.append(f"out[#out + 1] = table.remove(t, {pos}) or false")
            r = T["remove"](ours, pos)
            results.append(False if r == () or r is None else r)
    code = "local t = {%s} local out = {}\n%s\nreturn t, out" % (
        ", ".join(str(i) for i in range(1, n + 1)), "\n".join(lua_ops))
    t, out = LUA["51"].execute(code)
    assert [t[i] for i in range(1, len(t) + 1)] == ours.arr
    assert list(out.values()) == results


def test_sort_is_faster_path_consistent_with_lua_order() -> None:
    # the Python fast path (plain numbers/strings) must agree with Lua on big inputs too
    rnd = random.Random(7)
    values = [rnd.randint(-1000, 1000) for _ in range(3000)]
    t = table_from_pairs(list(values), [])
    T["sort"](t)
    lua_t = LUA["51"].execute("local t = {%s} table.sort(t) return t" % ",".join(map(str, values)))
    assert [lua_t[i] for i in range(1, len(values) + 1)] == t.arr


def test_sort_comparator_yield_is_refused() -> None:
    async def comp(a: Any, b: Any) -> bool:
        return True

    with pytest.raises(LuaError, match="attempt to yield across a C-call boundary"):
        T["sort"](table_from_pairs([3, 1, 2], []), comp)


def test_table_invariants_after_operations() -> None:
    # LuaTable's layout (go-lua table.go): every positive integer key below MaxArrayIndex in
    # the array part, padded with nils, which never ends in one
    t = table_from_pairs([1, 2, 3], [(5, 5), (6, 6)])
    assert t.arr == [1, 2, 3, None, 5, 6] and not t.hash
    T["insert"](t, 2, "x")
    assert t.arr == [1, "x", 2, 3, None, 5, 6] and not t.hash
    t = table_from_pairs([1, None, 3], [])
    T["remove"](t)
    assert t.arr == [1]
    t = table_from_pairs([1, 2], [])
    T["insert"](t, 2, None)
    assert t.arr == [1, None, 2] and ops.length(t) == 3
    t = LuaTable()
    t.set(4, "d")
    assert t.arr == [None, None, None, "d"] and ops.length(t) == 4
    t.set(4, None)
    assert t.arr == [] and ops.length(t) == 0
    assert values.MAX_ARRAY == 67108864  # go-lua config.go MaxArrayIndex
    try:  # the bound itself, on a small scale
        values.MAX_ARRAY = 10
        t.set(9, 1)
        assert len(t.arr) == 9 and not t.hash
        t.set(10, 2)
        assert len(t.arr) == 9 and t.hash == {10: 2}
    finally:
        values.MAX_ARRAY = 67108864


def test_unpack_returns_lua_results() -> None:
    unpack = GLOBALS["unpack"]
    assert unpack(table_from_pairs([7], [])) == 7  # one value travels bare
    assert unpack(table_from_pairs([], [])) == ()  # no values
    assert unpack(table_from_pairs([1, 2], [])) == (1, 2)
    assert T["unpack"] is unpack  # go-lua tablelib.go: table.unpack too


# -- a comparator called directly against one called through ops.call --------------------------


class _Wrapped:
    """A comparator that is not a plain function, so that tsort calls it through ops.call."""

    def __init__(self, f: Callable[..., Any]) -> None:
        self.f = f

    def __call__(self, *args: Any) -> Any:
        return self.f(*args)


def _sort_run(values: list[Any], extra: dict[Any, Any], comp: Callable[..., Any],
              wrap: bool) -> tuple[Any, ...]:
    log: list[tuple[Any, Any]] = []

    def logged(a: Any = None, b: Any = None, *_: Any) -> Any:
        log.append((a, b))
        return comp(a, b)

    t = table_from_pairs(list(values), list(extra.items()))
    try:
        T["sort"](t, _Wrapped(logged) if wrap else logged)
        outcome: Any = "ok"
    except LuaError as e:
        outcome = str(e)
    return outcome, t.arr, log


def _no_nil(f: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def comp(a: Any, b: Any) -> Any:
        if a is None or b is None:
            raise LuaError("attempt to compare nil with number")
        return f(a, b)

    return comp


SORT_COMPARATORS: list[Callable[..., Any]] = [
    _no_nil(lambda a, b: a < b),
    _no_nil(lambda a, b: a > b),
    _no_nil(lambda a, b: a <= b),  # invalid on equal elements: runs past the range
    lambda a, b: True,  # invalid: reads past the range
    lambda a, b: a != b,  # invalid, accepts nil: reads below the range
    lambda a, b: (a < b, "x") if a is not None and b is not None else (),  # several results
    lambda a, b: 1 if a is not None and b is not None and a < b else None,  # non-booleans
    lambda a, b: () if a is None or b is None or a >= b else (0,),
]


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.integers(0, 6), min_size=2, max_size=40),
    which=st.integers(0, len(SORT_COMPARATORS) - 1),
)
def test_direct_call_sort_matches_general_sorter(values: list[int], which: int) -> None:
    # same comparator calls in the same order, same final order, same error
    comp = SORT_COMPARATORS[which]
    extra = {0: -1, -1: 99, "n": 5}  # what reads outside 1..n find in the table
    assert _sort_run(values, extra, comp, False) == _sort_run(values, extra, comp, True)


def test_direct_call_sort_refuses_a_coroutine_result() -> None:
    async def inner(a: Any, b: Any) -> bool:
        return a < b

    def comp(a: Any, b: Any) -> Any:  # a plain function whose result would suspend
        return inner(a, b)

    with pytest.raises(LuaError, match="attempt to yield across a C-call boundary"):
        T["sort"](table_from_pairs([3, 1, 2], []), comp)


def test_constructor_fields_holding_nil_are_no_keys() -> None:
    # `{x = a, y = t.k, ...}`: a nil value makes no key (it would surface as a JSON null);
    # falsy values that are not nil stay, and trailing nils leave the array part
    from luac2py_runtime.lua.values import table_from_dict

    t = table_from_dict([1, None, None], {"a": None, "b": 0, "c": "", "d": False, "e": 1.5,
                                          "f": None})
    assert t.arr == [1] and t.hash == {"b": 0, "c": "", "d": False, "e": 1.5} and t.meta is None
    t = table_from_dict([], {"a": None})
    assert t.arr == [] and t.hash == {}
    t = table_from_dict([], {"a": 1, "b": "x"})
    assert t.hash == {"a": 1, "b": "x"}
