"""A JSON payload decoded straight into Lua values (``json_to_lua``, what a workflow does
with an activity's result) is exactly the two-step conversion it replaces:
``py_to_lua(json.loads(data))``."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from luac2py_runtime.lua.values import LuaTable
from luac2py_runtime.modules.payload import json_to_lua, py_to_lua


def _shape(v: Any) -> Any:
    """A Lua value as comparable data (types kept: 1 and 1.0, "1" and 1 stay apart)."""
    if type(v) is LuaTable:
        assert v.meta is None
        assert not v.arr or v.arr[-1] is not None
        return ("table", [_shape(x) for x in v.arr],
                {k: _shape(x) for k, x in v.hash.items()})
    return (type(v).__name__, v)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.integers(-50, 50),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6), st.sampled_from(["null", "é", "한", "\\u0041", "a\"b"]))
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.text(max_size=4), inner, max_size=5)),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(value=JSON, ascii_only=st.booleans())
def test_one_pass_decoding_is_the_two_step_conversion(value: Any, ascii_only: bool) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":")).encode("utf-8")
    assert _shape(json_to_lua(data)) == _shape(py_to_lua(json.loads(data)))


def test_rows_take_the_one_pass_path() -> None:
    rows = [{"id": i, "name": f"n{i}", "tags": ["a", [1, 2.5]], "sub": {"x": True}}
            for i in range(50)]
    data = json.dumps(rows, separators=(",", ":")).encode()
    t = json_to_lua(data)
    assert _shape(t) == _shape(py_to_lua(rows))
    assert type(t.arr[0].hash["tags"].arr[1]) is LuaTable


def test_integers_beyond_int64_become_floats() -> None:
    for doc in ([2**63, 1], {"a": -2**63 - 1}, [[10**19]], [2**63 - 1, -2**63]):
        data = json.dumps(doc).encode()
        assert _shape(json_to_lua(data)) == _shape(py_to_lua(json.loads(data)))


def test_flat_rows_and_their_look_alikes() -> None:
    # an array of objects of plain values is decoded by C and wrapped; a "{" inside a
    # string, an object inside an object or an array of scalars must not be taken for one
    docs = [
        [{"id": i, "price": i / 4, "sku": f"s{i}", "ok": i % 2 == 0} for i in range(30)],
        [{"a": 1, "b": {"c": 2}}, {"a": 3}],
        [{"a": "{"}, {"a": 1}],
        [{"a": "{x}"}, "{", 4],
        [{"a": 1}, 2, "x"],
        [1, 2.5, "three", True],
        [], [{}], [{}, {"a": {}}],
    ]
    for doc in docs:
        data = json.dumps(doc, separators=(",", ":")).encode()
        t = json_to_lua(data)
        assert _shape(t) == _shape(py_to_lua(json.loads(data))), doc


def test_the_collector_is_left_as_it_was() -> None:
    import gc

    data = json.dumps([{"a": i} for i in range(10)]).encode()
    assert gc.isenabled()
    json_to_lua(data)
    assert gc.isenabled()
    gc.disable()
    try:
        json_to_lua(data)
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        json_to_lua(b'[{"a":1},{"a":')  # a decoding error re-enables it too
    except ValueError:
        pass
    assert gc.isenabled()
