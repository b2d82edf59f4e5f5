"""The ``json`` module (runtime/luac2py_runtime/wjson.py).

JSON text is a Lua string holding UTF-8 bytes. Encoding follows the wire rules of
``converter.lua_to_py`` and writes text the way Go's ``json.Marshal`` does (compact, sorted
keys, HTML characters escaped); decoding keeps integers as integers.
"""

from __future__ import annotations

import json
import math
import random
from datetime import datetime, timezone
from typing import Any

import pytest

from luac2py_runtime.lua import ops
from luac2py_runtime.modules import json as wjson
from luac2py_runtime.modules.payload import lua_to_py
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.values import LuaTable, from_lua_str
from luac2py_runtime.modules.errors import WippyError
from luac2py_runtime.modules.time_objects import Time


def utf8(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def T(*arr: Any, **h: Any) -> LuaTable:
    t = LuaTable()
    for i, v in enumerate(arr, 1):
        t.set(i, v)
    for k, v in h.items():
        t.set(k, v)
    return t


def enc(v: Any) -> str:
    r = wjson.encode(v)
    assert type(r) is str, r
    return r


def is_invalid(r: Any) -> WippyError:
    assert type(r) is tuple and r[0] is None, r
    assert isinstance(r[1], WippyError) and r[1].kind == "Invalid" and r[1].retryable is False
    return r[1]


# -- encode -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,text",
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-42, "-42"),
        (3.0, "3"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (1e-6, "0.000001"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (123456789.125, "123456789.125"),
        (math.nan, "null"),
        (math.inf, "null"),
        ("plain", '"plain"'),
        ("a\"b\\c\n\t\r\x08\x0c\x01\x1f", '"a\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f"'),
        ("<a href='x'>&</a>", '"\\u003ca href=\'x\'\\u003e\\u0026\\u003c/a\\u003e"'),
        (utf8("\u2028\u2029"), '"\\u2028\\u2029"'),
        ("\x7f", '"\x7f"'),
    ],
)
def test_encode_scalars_like_go(value: Any, text: str) -> None:
    assert enc(value) == text


def test_encode_tables() -> None:
    assert enc(T(1, 2, 3)) == "[1,2,3]"
    assert enc(T(b=1, a=2, c=T(z=1, y=T(1)))) == '{"a":2,"b":1,"c":{"y":[1],"z":1}}'
    assert enc(LuaTable()) == "[]"
    assert enc(T(a=LuaTable(), b=T(LuaTable(), T(c=LuaTable())))) == '{"a":[],"b":[[],{"c":[]}]}'
    assert enc(T(T(T(T())))) == "[[[[]]]]"
    hashed = LuaTable()
    hashed.set(2, "b")
    hashed.set(1, "a")  # keys 1..n, set out of order
    assert enc(hashed) == '["a","b"]'


def test_encode_sorts_keys_bytewise() -> None:
    t = T(**{"b": 1, "B": 2, "a": 3, "_": 4, "aa": 5, "10": 6, "9": 7})
    t.set(utf8("가"), 8)
    t.set(utf8("é"), 9)
    out = enc(t)
    keys = list(json.loads(from_lua_str(out)).keys())
    assert keys == sorted(keys, key=lambda k: k.encode("utf-8"))


def test_encode_korean_text_is_utf8_bytes() -> None:
    s = utf8("안녕하세요, 세계")
    out = enc(T(greeting=s))
    assert out == '{"greeting":"' + s + '"}'
    assert out.encode("latin-1").decode("utf-8") == '{"greeting":"안녕하세요, 세계"}'
    assert wjson.decode(out).get("greeting") == s


def test_encode_invalid_utf8_becomes_replacement_char() -> None:
    assert enc("a\xffb") == utf8('"a\ufffdb"')


def test_encode_big_integers_exactly() -> None:
    for n in (2**53 + 1, 2**62 + 3, 2**63 - 1, -(2**63), -(2**53) - 1):
        out = enc(T(n=n))
        assert out == '{"n":%d}' % n
        back = wjson.decode(out).get("n")
        assert type(back) is int and back == n


def test_encode_keys_as_go_json_writes_them() -> None:
    # wippyai/runtime runtime/lua/modules/json/json.go marshalTableDirect (key_order_test.go
    # pins this very table): booleans, non-positive and non-integral numbers are object keys,
    # numbers in plain decimal notation, sorted bytewise
    t = T(b="bee")
    t.set(True, "yes")
    t.set(1.5, "half")
    assert enc(t) == '{"1.5":"half","b":"bee","true":"yes"}'
    u = LuaTable()
    for k, v in ((0, "zero"), (-1, "neg"), (1e-7, "tiny"), (False, "no")):
        u.set(k, v)
    assert enc(u) == '{"-1":"neg","0":"zero","0.0000001":"tiny","false":"no"}'


def test_encode_sparse_and_mixed_are_invalid() -> None:
    sparse = LuaTable()
    sparse.set(1, "a")
    sparse.set(3, "c")
    e = is_invalid(wjson.encode(sparse))
    assert "sparse" in e.message
    only_high = LuaTable()
    only_high.set(5, 1)
    is_invalid(wjson.encode(only_high))
    mixed = T(1, 2, name="x")
    e = is_invalid(wjson.encode(mixed))
    assert e.message == "cannot encode mixed-key table: table has both numeric and non-numeric keys"
    nested = T(ok=T(1, None, 3))
    is_invalid(wjson.encode(nested))


def test_encode_cycle_is_an_error_not_a_crash() -> None:
    t = LuaTable()
    t.set("self", t)
    is_invalid(wjson.encode(t))


def test_encode_functions_errors_and_times_as_go() -> None:
    # json.go writeValueOptimized: a function is null (its place in an array kept), an error
    # object its message, a Time its RFC 3339 text (to_json)
    assert enc(T(f=print, n=1)) == '{"f":null,"n":1}'
    assert enc(T(1, print, 3)) == "[1,null,3]"
    assert enc(print) == "null"
    assert enc(T(err=WippyError("card declined", "Invalid"))) == '{"err":"card declined"}'
    assert enc(T(err=WippyError("no row", context="lookup"))) == '{"err":"lookup: no row"}'
    when = Time.from_datetime(datetime(2024, 1, 15, 10, 30, tzinfo=timezone.utc))
    assert enc(T(at=when)) == '{"at":"2024-01-15T10:30:00Z"}'


def test_encode_agrees_with_the_wire_converter() -> None:
    rng = random.Random(11)
    for _ in range(300):
        v = _random_value(rng, 4)
        assert json.loads(from_lua_str(enc(v))) == lua_to_py(v)


# -- decode -------------------------------------------------------------------------------


def test_decode_values_and_number_subtypes() -> None:
    t = wjson.decode('{"i": 1, "f": 1.0, "e": 1e2, "neg": -7, "s": "x", "b": false, "n": null,'
                     ' "a": [1, "two", [3]], "o": {"k": {}}}')
    assert isinstance(t, LuaTable)
    assert t.get("i") == 1 and type(t.get("i")) is int
    assert t.get("f") == 1.0 and type(t.get("f")) is float
    assert t.get("e") == 100.0 and type(t.get("e")) is float
    assert t.get("neg") == -7 and t.get("s") == "x" and t.get("b") is False
    assert t.get("n") is None and "n" not in t.hash
    a = t.get("a")
    assert a.length() == 3 and a.get(1) == 1 and a.get(2) == "two" and a.get(3).get(1) == 3
    assert isinstance(t.get("o").get("k"), LuaTable)
    assert wjson.decode("42") == 42 and wjson.decode('"s"') == "s"
    assert wjson.decode("true") is True
    assert wjson.decode("null") is None
    assert wjson.decode(" [ ] ").length() == 0


def test_decode_integers_beyond_int64_become_floats() -> None:
    assert wjson.decode("9223372036854775807") == 2**63 - 1
    big = wjson.decode("9223372036854775808")
    assert type(big) is float and big == 2.0**63
    assert type(wjson.decode("9007199254740993")) is int


def test_decode_arrays_keep_holes_and_drop_trailing_nulls() -> None:
    a = wjson.decode("[1, null, 3, null]")
    assert a.get(1) == 1 and a.get(2) is None and a.get(3) == 3 and a.get(4) is None


def test_decode_korean_and_escapes() -> None:
    s = wjson.decode('"\\ud55c\\uae00 \\ud83d\\ude00 한글"'.encode("utf-8").decode("latin-1"))
    assert s == utf8("한글 😀 한글")
    assert wjson.decode('"\\ud800"') == utf8("\ufffd")  # a lone surrogate, as Go does
    assert wjson.decode('"\\u003c\\/"') == "</"


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "unexpected end of JSON input"),
        ("   ", "unexpected end of JSON input"),
        ("{", "unexpected end of JSON input"),
        ('{"a":', "unexpected end of JSON input"),
        ('"abc', "unexpected end of JSON input"),
        ("[1,]", "invalid character ']' looking for beginning of value"),
        ("x", "invalid character 'x' looking for beginning of value"),
        ('{"a" 1}', "invalid character '1' after object key"),
        ('{"a":1 "b":2}', "invalid character '\"' after object key:value pair"),
        ("[1 2]", "invalid character '2' after array element"),
        ("{a:1}", "invalid character 'a' looking for beginning of object key string"),
        ("1 2", "invalid character '2' after top-level value"),
        ("NaN", "invalid character 'N' looking for beginning of value"),
        ("Infinity", "invalid character 'I' looking for beginning of value"),
        ("-Infinity", "invalid character 'I' in numeric literal"),
        ('"\t"', "invalid character '\\t' in string literal"),
        ('"\\q"', "invalid character 'q' in string escape code"),
        ("1e999", "json: cannot unmarshal number 1e999 into Go value of type float64"),
    ],
)
def test_decode_errors(text: str, message: str) -> None:
    e = is_invalid(wjson.decode(text))
    assert e.message == message


def test_decode_wrong_type_raises() -> None:
    for bad in (None, 5, LuaTable()):
        with pytest.raises(LuaError):
            wjson.decode(bad)


# -- round trips --------------------------------------------------------------------------


def _random_value(rng: random.Random, depth: int) -> Any:
    kind = rng.randrange(9 if depth > 0 else 6)
    if kind == 0:
        return rng.randrange(-(2**63), 2**63)
    if kind == 1:
        return rng.choice([0.5, -1.25, 1e-9, 3.14159, 1e300, 2.0**60 + 0.0])
    if kind == 2:
        return utf8(rng.choice(["", "a", "한국어", "é\"\\", "<tag>&", "line\nbreak", "😀"]))
    if kind == 3:
        return rng.choice([True, False])
    if kind == 4:
        return rng.randrange(-1000, 1000)
    if kind == 5:
        return utf8("키") + str(rng.randrange(100))
    if kind in (6, 7):
        return T(*[_random_value(rng, depth - 1) for _ in range(rng.randrange(4))])
    t = LuaTable()
    for i in range(rng.randrange(4)):
        t.set(utf8(rng.choice(["k", "이름", "a b", "z"])) + str(i), _random_value(rng, depth - 1))
    return t


def test_round_trip_random_structures() -> None:
    rng = random.Random(5)
    for _ in range(500):
        v = _random_value(rng, 4)
        text = enc(v)
        back = wjson.decode(text)
        assert enc(back) == text
        assert lua_to_py(back) == lua_to_py(v)


def test_round_trip_keeps_integer_and_float_subtypes() -> None:
    back = wjson.decode(enc(T(i=5, f=5.5, big=2**60)))
    assert type(back.get("i")) is int and type(back.get("f")) is float
    assert back.get("big") == 2**60


def test_build() -> None:
    mod = wjson.build(None)
    assert ops.index(mod, "encode")(T(1)) == "[1]"
    assert ops.index(mod, "decode")("[1]").get(1) == 1


# -- end to end: compiled Lua using json, uuid, crypto and time -----------------------------


def run_lua(src: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import asyncio
    import textwrap
    import uuid as _uuid

    from luac2py import diagnostics as D
    from luac2py.driver import compile_chunk
    from luac2py_runtime.host.local import LocalBackend
    from luac2py_runtime.host.script import load_module, run_chunk

    class Capture(LocalBackend):
        def __init__(self) -> None:
            super().__init__(seed=7)
            self.lines: list[str] = []

        def print(self, text: str) -> None:
            self.lines.append(text)

    src = textwrap.dedent(src)
    name = f"mods_{_uuid.uuid4().hex[:8]}.lua"
    rep = D.Reporter()
    c = compile_chunk(src, name, rep, chunk_name=name, in_workflow=False, fmt=False)
    errors = [str(d) for d in rep.diagnostics if d.severity == "error"]
    assert c is not None and not errors, errors
    mod = load_module(c.text, name)
    backend = Capture()
    asyncio.run(asyncio.wait_for(run_chunk(mod, [], backend), 20))
    return [from_lua_str(x) for x in backend.lines]


def test_end_to_end_lua(monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_lua(
        """
        local json = require("json")
        local uuid = require("uuid")
        local crypto = require("crypto")
        local time = require("time")

        local s, err = json.encode({name = "한국", tags = {}, n = 9007199254740993})
        print(s, err)
        local t = json.decode(s)
        print(t.name, #t.tags, t.n, math.type(t.n))
        local bad, e = json.encode({1, nil, 3})
        print(bad, e:kind())
        local nope, e2 = json.decode("{")
        print(nope, e2:kind(), e2:message())

        local id = uuid.v4()
        print(#id, uuid.version(id), uuid.validate(id), uuid.variant(id))
        print(uuid.v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "example.com"))
        local x, verr = uuid.v3("nope", "x")
        print(x, verr:kind())
        print(uuid.parse(uuid.v7()).version)

        local key = crypto.random.bytes(32)
        local blob = crypto.encrypt.aes("비밀", key, "aad")
        print(#key, #blob, crypto.decrypt.aes(blob, key, "aad"))
        local p, derr = crypto.decrypt.chacha20(crypto.encrypt.chacha20("m", key), key, "x")
        print(p, derr:kind())
        print(crypto.hmac.sha256("key", "data"))
        print(#crypto.pbkdf2("pw", "salt", 10, 32))

        local d = time.parse_duration("1h30m")
        print(tostring(d), d:hours(), d:milliseconds())
        local t0 = time.parse(time.RFC3339, "2024-01-15T10:30:00+09:00")
        print(t0:format(time.DATE_TIME), t0:utc():format_rfc3339(), t0:unix())
        print(tostring(t0:add("90m"):sub(t0)), t0:add("1s"):after(t0))
        local ch = time.after("10ms")
        local got = ch:receive()
        print(type(got))
        local timer = time.timer("1h")
        print(timer:stop())
        """,
        monkeypatch,
    )
    assert out[0] == '{"n":9007199254740993,"name":"한국","tags":[]}\tnil'
    assert out[1] == "한국\t0\t9007199254740993\tinteger"
    assert out[2] == "nil\tInvalid"
    assert out[3] == "nil\tInvalid\tunexpected end of JSON input"
    assert out[4] == "36\t4\ttrue\tRFC4122"
    assert out[5] == "cfbff0d1-9375-5685-968c-48ce8b15ae17"
    assert out[6] == "nil\tInvalid"
    assert out[7] == "7"
    assert out[8] == "32\t34\t비밀"
    assert out[9] == "nil\tInternal"
    assert out[10] == "5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0"
    assert out[11] == "32"
    assert out[12] == "1h30m0s\t1.5\t5400000"
    assert out[13] == "2024-01-15 10:30:00\t2024-01-15T01:30:00Z\t1705282200"
    assert out[14] == "1h30m0s\ttrue"
    assert out[15] == "userdata"
    assert out[16] == "true"
