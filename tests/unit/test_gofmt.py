"""The parts of Wippy's VM that are Go's standard library, against what Go itself printed.

go-lua's ``string.format`` is Go's ``fmt.Sprintf`` over its Lua values, its number-to-text is
``strconv.FormatFloat(f, 'g', -1, 64)`` (integral floats as integers), its string-to-number
``strconv.ParseInt(s, 0, 64)`` then ``ParseFloat``. ``data/go_fmt_fixtures.json`` holds Go's
answers (``data/go_fmt_fixtures.go`` made them, with Lua value types behaving as go-lua's
value.go ones do); each is compared with the runtime's emulation.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from luac2py_runtime.lua import ops
from luac2py_runtime.lua.gofmt import format_float
from luac2py_runtime.lua.string import str_format
from luac2py_runtime.lua.values import fmt_float

DATA = json.loads((Path(__file__).parent / "data" / "go_fmt_fixtures.json").read_text())


def text(s: str) -> str:
    """A fixture's byte string as a Lua string (one char per byte)."""
    if s.startswith("hex:"):
        return bytes.fromhex(s[4:]).decode("latin-1")
    return s.encode("utf-8").decode("latin-1")


def bits(h: str) -> float:
    return struct.unpack(">d", bytes.fromhex(h.rjust(16, "0")))[0]


def value(a: dict[str, Any]) -> Any:
    t = a["t"]
    if t == "intstr":
        return int(a["v"])
    if t == "float":
        return bits(a["v"])
    if t == "str":
        return text(a["v"])
    if t == "bool":
        return a["v"]
    return None


def test_fixtures_are_big_enough() -> None:
    assert len(DATA["sprintf"]) > 4000 and len(DATA["floats"]) > 400 and len(DATA["parse"]) > 70


# %T with a width or precision: Go's program names its types main.L..., go-lua's are lua.L...
SPRINTF = [c for c in DATA["sprintf"] if not (c["format"].endswith("T") and c["format"] != "%T")]


@pytest.mark.parametrize("case", SPRINTF, ids=[f"{c['format']}:{c['args']}"[:60] for c in SPRINTF])
def test_string_format_is_go_sprintf(case: dict[str, Any]) -> None:
    args = [value(a) for a in case["args"] or []]
    expected = text(case["out"]).replace("main.L", "lua.L")  # go-lua's package is "lua"
    assert str_format(case["format"], *args) == expected


@pytest.mark.parametrize("case", DATA["floats"], ids=[c["bits"] for c in DATA["floats"]])
def test_number_text_is_go_formatfloat(case: dict[str, Any]) -> None:
    f = bits(case["bits"])
    assert fmt_float(f) == case["text"]
    assert format_float(f, "g", -1) == case["g"]


@pytest.mark.parametrize("case", DATA["parse"], ids=[c["s"] for c in DATA["parse"]])
def test_string_to_number_is_go_parse(case: dict[str, Any]) -> None:
    s = text(case["s"])
    n = ops.go_parse_int(s)
    assert (None if n is None else str(n)) == case["int"]
    f = ops.go_parse_float(s)
    if case["float"] is None:
        assert f is None
    else:
        assert f is not None
        want = bits(case["float"])
        assert f == want or (f != f and want != want)
    for base, want_b in zip((2, 8, 10, 16, 36), case["base"]):
        nb = ops.go_parse_int(s, base)
        assert (None if nb is None else str(nb)) == want_b, base


def test_python_templates_agree_with_the_go_formatting() -> None:
    # sprintf hands %d, %f, %e, %E and %s with flags to Python's % where Go and C agree;
    # the rest of gofmt (checked against Go above) must give the same text
    from itertools import product

    from luac2py_runtime.lua import gofmt

    values: list[Any] = [0, 1, -1, 42, -42, 2**63 - 1, -(2**63), 7, 123456789,
                         0.0, -0.0, 0.5, -2.5, 3.14159, 1e-7, 1e21, -1e300, 2.675, 1e15,
                         float("inf"), float("-inf"), float("nan"),
                         "", "ab", "hello world", "x" * 30, "h\xc3\xa9llo"]
    checked = 0
    for flags, wid, prec, verb in product(["", "-", "+", " ", "0", "-0", "+0", " -", "+-"],
                                          ["", "1", "5", "12"], ["", ".0", ".2", ".9"],
                                          ["d", "f", "e", "E", "s"]):
        it = gofmt._Verb(gofmt._compile(f"%{flags}{wid}{prec}{verb}")[0].spec)
        if it.tmpl is None:
            continue
        for v in values:
            fast = gofmt.sprintf(f"%{flags}{wid}{prec}{verb}", (v,))
            slow = gofmt.format_value(it.spec, v)
            assert fast == slow, (f"%{flags}{wid}{prec}{verb}", v, fast, slow)
            checked += 1
    assert checked > 3000
    # a whole format as one template: literal text and %% kept, each value checked
    assert gofmt.sprintf("%d%% of %-4s|%5.1f|%s", (5, "ab", 2.25, 1.5)) == "5% of ab  |  2.2|1.5"
    assert gofmt.sprintf("%d %d", (1, "x")) == "1 x"  # a string for %d: go-lua's own path
    assert gofmt.sprintf("%5.1f|%s", (3, True)) == "%!f(lua.LInteger=    3)|true"
