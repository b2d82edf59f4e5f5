"""``table.sort`` with a compiled Lua comparator: the direct paths the lowering picks
(``sort_bool``: a comparator returning a comparison is Go's Less itself; ``sort_by_fields``:
a comparator that only compares fields lexicographically sorts by key when that provably ends
in Go's order) against the general path, Go's sort.Sort calling the comparator through the
result check (``table.sort`` called as a value), on the same records: same final order, same
error, same partial order after an error."""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.host.script import load_module
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.execution import Execution
from luac2py_runtime.lua.ops import first
from luac2py_runtime.lua.table import LIB as T
from luac2py_runtime.lua.values import LuaTable

# each: a comparator, and the direct path the lowering must pick for it
COMPARATORS = [
    ("function(a, b) if a.x ~= b.x then return a.x > b.x end return a.y < b.y end",
     "_sort_by_fields("),
    ("function(a, b) return a.x < b.x end", "_sort_by_fields("),
    ("function(a, b) return b.x <= a.x end", "_sort_by_fields("),
    ("function(a, b) if b.y ~= a.y then return b.y < a.y end return a.x >= b.x end",
     "_sort_by_fields("),
    ('function(a, b) if a["y"] ~= b["y"] then return a["y"] < b["y"] end '
     'if a.x ~= b.x then return a.x < b.x end return a.id > b.id end', "_sort_by_fields("),
    # a comparison, but not of fields alone: Go's sort with the function as Less
    ("function(a, b) return a.x < b.y end", "_sort_bool("),
    ("function(a, b) if a.x ~= b.x then return a.y > b.y end return a.x < b.x end",
     "_sort_bool("),
    ("function(a, b) return not (a.x >= b.x) end", "_sort_bool("),
    # not provably a comparison at every exit: the general path
    ("function(a, b) if a.x ~= b.x then return a.x < b.x end end", "_table_sort("),
    ("function(a, b) return a.x end", "_table_sort("),
]


def _compile(cmp: str) -> tuple[str, Any]:
    src = (f"local cmp = {cmp}\n"
           "return function(t) table.sort(t, " + cmp + ") end, "
           "function(t) local s = table.sort; s(t, cmp) end\n")
    reporter = D.Reporter()
    c = compile_chunk(src, "sort.lua", reporter, in_workflow=False)
    assert c is not None, reporter.diagnostics
    r = load_module(c.text, "sort.lua")._chunk(Execution())
    return c.text, r


PROGRAMS = [(_compile(c), path) for c, path in COMPARATORS]


def test_the_lowering_picks_the_direct_paths() -> None:
    for (code, _), path in PROGRAMS:
        body = code.split("def _chunk", 1)[1]
        assert path in body, (path, body)


VALUES = st.one_of(
    st.integers(0, 4), st.sampled_from([0.5, 1.0, 2.0, -0.0, 0.0, math.nan]),
    st.sampled_from(["a", "b", "c", "ab"]), st.none(), st.booleans())
RECORD = st.fixed_dictionaries({"x": VALUES, "y": VALUES})


def _run(fn: Any, recs: list[dict[str, Any]], meta_at: int | None) -> tuple[Any, list[Any]]:
    items = []
    for i, r in enumerate(recs, 1):
        t = LuaTable(None, {k: v for k, v in {**r, "id": i}.items() if v is not None})
        if meta_at == i:
            t.meta = LuaTable(None, {"__index": LuaTable(None, {"x": 1, "y": 1})})
        items.append(t)
    t = LuaTable(items)
    try:
        fn(t)
        outcome = "ok"
    except LuaError as e:
        outcome = str(e).split(": ", 1)[-1]  # without the chunk position
    return outcome, [x.hash["id"] for x in t.arr]


@settings(max_examples=300, deadline=None)
@given(which=st.integers(0, len(COMPARATORS) - 1),
       recs=st.one_of(
           st.lists(RECORD, max_size=40),
           # numbers only, mostly distinct: the key path ends the sort itself
           st.lists(st.fixed_dictionaries({"x": st.integers(0, 30),
                                           "y": st.floats(0, 50, allow_nan=False)}),
                    max_size=60),
           st.lists(st.fixed_dictionaries({"x": st.sampled_from([0, 1, 2, 0.5, math.nan]),
                                           "y": st.integers(0, 100)}), max_size=30),
           st.lists(st.fixed_dictionaries({"x": st.sampled_from(["p", "q", "r", "s"]),
                                           "y": st.text("abc", max_size=3)}), max_size=40)),
       meta_at=st.one_of(st.none(), st.integers(1, 5)))
def test_direct_paths_end_as_go_sort_does(which: int, recs: list[dict[str, Any]],
                                         meta_at: int | None) -> None:
    (_, (direct, general)), _ = PROGRAMS[which]
    assert _run(direct, recs, meta_at) == _run(general, recs, meta_at)


def test_key_path_and_go_sort_agree_on_a_large_table() -> None:
    # many distinct keys (the key path), then many equal ones (Go's order decides)
    (_, (direct, general)), _ = PROGRAMS[0]
    recs = [{"x": (i * 7919) % 101, "y": (i * 104729) % 1009 / 7} for i in range(2000)]
    assert _run(direct, recs, None) == _run(general, recs, None)
    recs = [{"x": i % 3, "y": 0} for i in range(500)]
    assert _run(direct, recs, None) == _run(general, recs, None)


def test_sort_by_fields_checks_its_table_argument() -> None:
    (_, (direct, _)), _ = PROGRAMS[0]
    try:
        direct(None)
    except LuaError as e:
        assert "bad argument #1 to sort (table expected, got nil)" in str(e)
    else:
        raise AssertionError("no error")
    assert T["sort"] is not None


def test_a_nan_field_takes_go_sort() -> None:
    # NaN is no order (every comparison false, NaN ~= NaN): only Go's sort knows the result
    for (_, (direct, general)), path in PROGRAMS:
        if path != "_sort_by_fields(":
            continue
        for seed in range(40):
            rnd = random.Random(seed)
            recs = [{"x": rnd.choice([0, 1, 2, 0.5, math.nan]), "y": rnd.randint(0, 1000)}
                    for _ in range(rnd.randint(2, 30))]
            assert _run(direct, recs, None) == _run(general, recs, None), recs
