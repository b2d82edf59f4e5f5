"""The ``hash`` module (runtime/luac2py_runtime/modules/hash.py).

Expected answers: Python's ``hashlib``/``hmac`` for the digests; the published FNV test vectors
(Noll's FNV-1, which Go's ``hash/fnv`` ``New32``/``New64`` compute, as Wippy's
``runtime/lua/modules/hash/module.go`` does, not the FNV-1a its spec names); Wippy's
module.go for argument order (data, secret), kinds and messages; its spec's example."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.values import LuaTable, bytes_to_lua, lua_to_bytes
from luac2py_runtime.modules import hash as h
from luac2py_runtime.modules.errors import WippyError
from tests.unit.hostlua import run_lua

DATA = [b"", b"hello", bytes(range(256)), "\ud55c\uad6d\uc5b4".encode()]


def ok(r: object) -> object:
    assert type(r) is tuple and len(r) == 2 and r[1] is None, r
    return r[0]


def invalid(r: object, msg: str) -> None:
    assert type(r) is tuple and r[0] is None and isinstance(r[1], WippyError), r
    assert (r[1].kind, r[1].message, r[1].retryable) == ("Invalid", msg, False)


@pytest.mark.parametrize("algo", ["md5", "sha1", "sha256", "sha512"])
@pytest.mark.parametrize("data", DATA)
def test_digests_hex_and_raw(algo: str, data: bytes) -> None:
    f = getattr(h, algo)
    want = hashlib.new(algo, data).digest()
    assert ok(f(bytes_to_lua(data))) == want.hex()
    assert ok(f(bytes_to_lua(data), False)) == want.hex()
    assert lua_to_bytes(ok(f(bytes_to_lua(data), True))) == want
    assert lua_to_bytes(ok(f(bytes_to_lua(data), 0))) == want  # 0 is true in Lua


@pytest.mark.parametrize("algo", ["md5", "sha1", "sha256", "sha512"])
def test_hmac_takes_data_then_secret(algo: str) -> None:
    f = getattr(h, f"hmac_{algo}")
    want = hmac.new(b"secret-key", b"message", algo).digest()
    assert ok(f("message", "secret-key")) == want.hex()
    assert lua_to_bytes(ok(f("message", "secret-key", True))) == want
    invalid(f(1, "k"), "data must be a string")
    invalid(f("d", None), "secret must be a string")


@pytest.mark.parametrize("data,fnv32,fnv64", [
    (b"", 0x811C9DC5, 0xCBF29CE484222325),   # the offset bases
    (b"a", 0x050C5D7E, 0xAF63BD4C8601B7BE),  # FNV-1 (FNV-1a would be 0xe40c292c ...)
    (b"foobar", 0x31F0B262, 0x340D8765A4DDA9C2),
])
def test_fnv_is_fnv1_as_go_computes_it(data: bytes, fnv32: int, fnv64: int) -> None:
    r32 = ok(h.fnv32(bytes_to_lua(data)))
    r64 = ok(h.fnv64(bytes_to_lua(data)))
    assert type(r32) is float and r32 == float(fnv32)  # Go pushes an LNumber (a float)
    assert type(r64) is float and r64 == float(fnv64)


def test_pbkdf2_and_its_checks() -> None:
    want = hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000, 32)
    assert lua_to_bytes(ok(h.pbkdf2("pw", "salt", 1000, 32))) == want
    want512 = hashlib.pbkdf2_hmac("sha512", b"pw", b"salt", 10, 80)
    assert lua_to_bytes(ok(h.pbkdf2("pw", "salt", 10, 80, "sha512"))) == want512
    invalid(h.pbkdf2(1, "s", 1, 1), "password must be a string")
    invalid(h.pbkdf2("p", None, 1, 1), "salt must be a string")
    invalid(h.pbkdf2("", "s", 1, 1), "password cannot be empty")
    invalid(h.pbkdf2("p", "", 1, 1), "salt cannot be empty")
    invalid(h.pbkdf2("p", "s", 0, 1), "iterations must be positive")
    invalid(h.pbkdf2("p", "s", 10_000_001, 1), "iterations exceeds maximum (10000000)")
    invalid(h.pbkdf2("p", "s", 1, 0), "key length must be positive")
    invalid(h.pbkdf2("p", "s", 1, 1, "md5"), "unsupported hash function: md5")
    with pytest.raises(LuaError, match=r"bad argument #3 to pbkdf2 \(number expected"):
        h.pbkdf2("p", "s", "many", 1)


def test_non_strings_are_invalid_not_coerced() -> None:
    for f in (h.md5, h.sha1, h.sha256, h.sha512, h.fnv32, h.fnv64):
        invalid(f(42), "data must be a string")
        invalid(f(None), "data must be a string")
        invalid(f(LuaTable()), "data must be a string")


def test_streaming_hasher_digests_as_one_shot() -> None:
    hs = ok(h.new("sha256"))
    for part in ("hel", "lo", "\x00\xff"):
        assert h.Hasher.lua_methods["update"](hs, part) == (True, None)
    want = hashlib.sha256(b"hello\x00\xff").hexdigest()
    assert ok(h.Hasher.lua_methods["sum"](hs)) == want
    assert ok(h.Hasher.lua_methods["sum"](hs)) == want  # the state is kept
    h.Hasher.lua_methods["update"](hs, "x")
    assert ok(h.Hasher.lua_methods["sum"](hs)) == hashlib.sha256(b"hello\x00\xffx").hexdigest()
    h.Hasher.lua_methods["reset"](hs)
    assert ok(h.Hasher.lua_methods["sum"](hs, True)) == bytes_to_lua(hashlib.sha256().digest())
    invalid(h.Hasher.lua_methods["update"](hs, 1), "data must be a string")
    invalid(h.new("crc32"), "unsupported hash function: crc32")
    invalid(h.new(None), "algorithm must be a string")


def test_spec_example() -> None:
    # runtime/lua/modules/hash/spec.md, "Example" and the Hasher section
    out = run_lua("""
        local hash = require("hash")
        local digest, err = hash.sha256("hello")
        if err then error(err) end
        print(digest)
        local raw = hash.sha256("hello", true)
        print(#raw)
        local mac = hash.hmac_sha256("message", "secret-key")
        print(#mac)
        local fnv = hash.fnv32("hello")
        print(type(fnv))
        assert(hash.md5("test") == hash.md5("test"))
        local hasher = hash.new("sha256")
        for _, chunk in ipairs({"he", "ll", "o"}) do hasher:update(chunk) end
        print(hasher:sum() == digest, tostring(hasher))
        local _, e = hash.sha256(5)
        print(e:kind() == errors.INVALID)
    """)
    assert out == ["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "32",
                   "64", "number", "true\thash.Hasher(sha256)", "true"]
