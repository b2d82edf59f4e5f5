"""The ``yaml`` module (runtime/luac2py_runtime/modules/yaml.py).

Expected answers: Wippy's ``runtime/lua/modules/yaml/module.go`` @0f86642 (kinds and
messages: ``table expected``/``string expected``/``input cannot be empty`` Invalid, syntax
errors Internal) and ``gopkg.in/yaml.v3``'s scalar resolution when decoding into ``any``
(``resolve.go``: booleans only true/false forms, ints through ``strconv.ParseInt(s, 0, 64)``,
timestamps kept as strings), and its 4-space block layout with sorted keys when encoding."""

from __future__ import annotations

import math

import pytest
import yaml as pyyaml

from luac2py_runtime.lua.values import LuaTable
from luac2py_runtime.modules import yaml as y
from luac2py_runtime.modules.errors import WippyError
from tests.unit.hostlua import run_lua


def ok(r: object) -> object:
    assert type(r) is tuple and len(r) == 2 and r[1] is None, r
    return r[0]


def err(r: object, kind: str) -> str:
    assert type(r) is tuple and r[0] is None and isinstance(r[1], WippyError), r
    assert r[1].kind == kind and r[1].retryable is False
    return r[1].message


@pytest.mark.parametrize("text,value", [
    ("true", True), ("False", False), ("TRUE", True),
    ("yes", "yes"), ("on", "on"), ("n", "n"),           # YAML 1.1 booleans are strings
    ("~", None), ("null", None), ("", None),
    ("12", 12), ("-7", -7), ("0x1F", 31), ("0o17", 15), ("017", 15), ("0b101", 5),
    ("1_000", 1000), ("9223372036854775807", 2**63 - 1), ("9223372036854775808", 2.0**63),
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5), ("-.inf", -math.inf),
    ("2001-12-14", "2001-12-14"), ("1:20", "1:20"),      # no timestamps, no sexagesimal
    ("'017'", "017"), ('"true"', "true"),
])
def test_scalars_resolve_as_yaml_v3(text: str, value: object) -> None:
    got = ok(y.decode(f"v: {text}\n"))
    assert isinstance(got, LuaTable)
    v = got.get("v")
    assert type(v) is type(value) and v == value


def test_nan_and_structures() -> None:
    assert math.isnan(ok(y.decode("v: .nan")).get("v"))
    t = ok(y.decode("a: 1\nb: [x, {c: 2}]\n3: three\nnested:\n  - - 1\n    - 2\n"))
    assert t.get("a") == 1 and t.get(3) == "three"
    b = t.get("b")
    assert b.get(1) == "x" and b.get(2).get("c") == 2
    assert t.get("nested").get(1).get(2) == 2
    assert ok(y.decode("- a\n- b\n")).arr == ["a", "b"]
    assert ok(y.decode("# only a comment\n")) is None
    assert ok(y.decode("a: 1\n---\nb: 2\n")).hash == {"a": 1}  # the first document


def test_errors() -> None:
    assert err(y.decode(""), "Invalid") == "input cannot be empty"
    assert err(y.decode(42), "Invalid") == "string expected"
    assert err(y.encode("x"), "Invalid") == "table expected"
    assert err(y.encode(None), "Invalid") == "table expected"
    assert err(y.decode("a: [1, 2\n"), "Internal").startswith("yaml: line ")
    assert err(y.decode("a: b: c\n"), "Internal").startswith("yaml: line 1: ")


def test_encode_layout_and_round_trip() -> None:
    t = LuaTable(None, {"name": "svc", "ports": LuaTable([80, 443]),
                        "items": LuaTable([LuaTable(None, {"b": 2, "a": "x"})]),
                        "text": "line1\nline2", "ratio": 0.25, "big": 1e300, "on": "yes"})
    text = ok(y.encode(t))
    assert text == (
        "big: 1e+300\n"
        "items:\n"
        "    - a: x\n"
        "      b: 2\n"
        "name: svc\n"
        "\"on\": \"yes\"\n"
        "ports:\n"
        "    - 80\n"
        "    - 443\n"
        "ratio: 0.25\n"
        "text: |-\n"
        "    line1\n"
        "    line2\n"
    )
    back = ok(y.decode(text))
    assert back.get("ports").arr == [80, 443] and back.get("on") == "yes"
    assert back.get("text") == "line1\nline2" and back.get("big") == 1e300
    # any YAML reader agrees on the value
    assert pyyaml.safe_load(text)["items"] == [{"a": "x", "b": 2}]


def test_utf8_round_trip_from_lua() -> None:
    out = run_lua("""
        local yaml = require("yaml")
        local s, err = yaml.encode({greeting = "\\237\\149\\156\\234\\181\\173", list = {1, 2.5, true}})
        print(err == nil)
        local t = yaml.decode(s)
        print(t.greeting == "\\237\\149\\156\\234\\181\\173", #t.list, t.list[2], t.list[3])
        local v, e = yaml.decode("")
        print(v, e:kind(), e:message())
    """)
    assert out == ["true", "true\t3\t2.5\ttrue", "nil\tInvalid\tinput cannot be empty"]
