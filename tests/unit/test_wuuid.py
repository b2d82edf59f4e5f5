"""The ``uuid`` module (runtime/luac2py_runtime/wuuid.py), checked with Python's ``uuid``.

Generated ids must come only from the execution's random source and workflow clock, so the same
seed and clock give the same ids (a replay) and another seed gives others.
"""

from __future__ import annotations

import random
import re
import uuid
from datetime import datetime, timezone
from typing import Any

import pytest

from luac2py_runtime.lua import ops
from luac2py_runtime.modules import uuid as wuuid
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.values import LuaTable
from luac2py_runtime.modules.errors import WippyError

NOW = datetime(2024, 1, 15, 10, 30, 0, 123456, tzinfo=timezone.utc)
NOW_NS = int(NOW.timestamp()) * 1_000_000_000 + 123456 * 1000
CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


class FakeBackend:
    """A workflow backend's shape: one random source, shared by math.random and uuid."""

    def __init__(self, now: datetime, rng: random.Random) -> None:
        self.clock = now
        self.rng = rng

    def now(self) -> datetime:
        return self.clock

    def secure_random(self) -> random.Random:
        return self.rng


class FakeEx:
    def __init__(self, seed: int = 1, now: datetime = NOW) -> None:
        self._rng = random.Random(seed)
        self.backend = FakeBackend(now, self._rng)

    def rng(self) -> random.Random:
        return self._rng


def utf8(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def check(s: Any, version: int) -> uuid.UUID:
    assert type(s) is str and CANONICAL.match(s), s
    u = uuid.UUID(s)
    assert u.version == version
    assert u.variant == uuid.RFC_4122
    return u


def test_v4_format_and_version() -> None:
    ex = FakeEx()
    ids = [wuuid.v4(ex) for _ in range(500)]
    for s in ids:
        check(s, 4)
    assert len(set(ids)) == len(ids)


def test_v1_uses_the_workflow_clock() -> None:
    ex = FakeEx()
    u = check(wuuid.v1(ex), 1)
    assert (u.time - 0x01B21DD213814000) * 100 == NOW_NS
    assert u.node & (1 << 40)  # multicast bit: not a real MAC address
    assert len({wuuid.v1(ex) for _ in range(200)}) == 200


def test_v7_time_ordered_and_strictly_increasing() -> None:
    ex = FakeEx()
    ids = [wuuid.v7(ex) for _ in range(500)]
    for s in ids:
        u = check(s, 7)
        assert u.int >> 80 == NOW_NS // 1_000_000  # 48-bit Unix milliseconds
    assert ids == sorted(ids) and len(set(ids)) == len(ids)  # same clock, still ordered
    ex.backend.clock = datetime(2024, 1, 15, 10, 31, tzinfo=timezone.utc)
    later = wuuid.v7(ex)
    assert later > ids[-1]


def _sequence(ex: FakeEx) -> list[str]:
    return [f(ex) for f in (wuuid.v4, wuuid.v1, wuuid.v7, wuuid.v4, wuuid.v7, wuuid.v1)]


def test_same_seed_same_ids_different_seed_different_ids() -> None:
    a, b, c = _sequence(FakeEx(42)), _sequence(FakeEx(42)), _sequence(FakeEx(43))
    assert a == b
    assert all(x != y for x, y in zip(a, c))


@pytest.mark.parametrize("name", ["example.com", "", "a" * 300, "안녕하세요", "\x00\xff"])
def test_v3_v5_equal_python(name: str) -> None:
    lua_name = utf8(name)
    raw = lua_name.encode("latin-1")
    for ns_arg, ns in [(DNS, uuid.NAMESPACE_DNS), ("dns", uuid.NAMESPACE_DNS),
                       ("URL", uuid.NAMESPACE_URL), (str(uuid.NAMESPACE_OID).upper(),
                                                     uuid.NAMESPACE_OID)]:
        assert wuuid.v3(ns_arg, lua_name) == str(_uuid3(ns, raw))
        assert wuuid.v5(ns_arg, lua_name) == str(_uuid5(ns, raw))
    assert wuuid.v5(DNS, utf8(name)) == str(uuid.uuid5(uuid.NAMESPACE_DNS, name))
    assert wuuid.v3(DNS, utf8(name)) == str(uuid.uuid3(uuid.NAMESPACE_DNS, name))


def _uuid3(ns: uuid.UUID, raw: bytes) -> uuid.UUID:
    import hashlib

    return uuid.UUID(bytes=hashlib.md5(ns.bytes + raw).digest()[:16], version=3)


def _uuid5(ns: uuid.UUID, raw: bytes) -> uuid.UUID:
    import hashlib

    return uuid.UUID(bytes=hashlib.sha1(ns.bytes + raw).digest()[:16], version=5)


def test_v5_known_value() -> None:
    assert wuuid.v5("dns", "example.com") == "cfbff0d1-9375-5685-968c-48ce8b15ae17"
    check(wuuid.v3(DNS, "x"), 3)
    check(wuuid.v5(DNS, "x"), 5)


def test_v3_v5_bad_namespace_and_types() -> None:
    r = wuuid.v5("not-a-uuid", "x")
    assert r[0] is None and isinstance(r[1], WippyError)
    assert (r[1].kind, r[1].retryable) == ("Invalid", False)
    with pytest.raises(LuaError):
        wuuid.v5(DNS, None)
    with pytest.raises(LuaError):
        wuuid.v3(None, "x")


@pytest.mark.parametrize(
    "text,ok",
    [
        (DNS, True),
        (DNS.upper(), True),
        ("{" + DNS + "}", True),
        ("urn:uuid:" + DNS, True),
        ("URN:UUID:" + DNS, True),
        (DNS.replace("-", ""), True),
        (DNS[:-1], False),
        (DNS[:-1] + "g", False),
        (DNS.replace("-", "_"), False),
        ("", False),
        ("not-a-uuid", False),
    ],
)
def test_validate(text: str, ok: bool) -> None:
    assert wuuid.validate(text) is ok


def test_validate_non_string_is_false() -> None:
    assert wuuid.validate(None) is False
    assert wuuid.validate(5) is False


def test_version_variant_parse_format() -> None:
    ex = FakeEx()
    assert wuuid.version(wuuid.v4(ex)) == 4
    assert wuuid.version(wuuid.v7(ex)) == 7
    assert wuuid.version(DNS) == 1
    assert wuuid.variant(DNS) == "RFC4122"
    assert wuuid.variant("6ba7b810-9dad-11d1-c0b4-00c04fd430c8") == "Microsoft"
    assert wuuid.variant("6ba7b810-9dad-11d1-00b4-00c04fd430c8") == "NCS"
    assert wuuid.variant("6ba7b810-9dad-11d1-e0b4-00c04fd430c8") == "Invalid"
    info = wuuid.parse(DNS)
    assert isinstance(info, LuaTable)
    assert info.get("version") == 1 and info.get("variant") == "RFC4122"
    assert info.get("node") == "00c04fd430c8"
    assert info.get("timestamp") == int(uuid.UUID(DNS).time - 0x01B21DD213814000) // 10**7
    v7 = wuuid.parse(wuuid.v7(ex))
    assert v7.get("timestamp") == NOW_NS // 10**9 and v7.get("node") is None
    assert wuuid.parse(wuuid.v4(ex)).get("timestamp") is None
    assert wuuid.format_(DNS.upper()) == DNS
    assert wuuid.format_(DNS, "simple") == DNS.replace("-", "")
    assert wuuid.format_(DNS, "urn") == "urn:uuid:" + DNS
    r = wuuid.format_(DNS, "weird")
    assert r[0] is None and r[1].kind == "Invalid"
    for f in (wuuid.version, wuuid.variant, wuuid.parse, wuuid.format_):
        r = f("zzz")
        assert r[0] is None and r[1].kind == "Invalid"
        with pytest.raises(LuaError):
            f(None)


def test_build_binds_the_execution() -> None:
    ex = FakeEx(5)
    mod = wuuid.build(ex)
    for name in ("v1", "v3", "v4", "v5", "v7", "validate", "version", "variant", "parse",
                 "format"):
        assert callable(ops.index(mod, name)), name
    a = ops.index(mod, "v4")()
    assert a == wuuid.v4(FakeEx(5))
    check(ops.index(mod, "v7")(), 7)
    assert ops.index(mod, "v5")("dns", "example.com") == "cfbff0d1-9375-5685-968c-48ce8b15ae17"
