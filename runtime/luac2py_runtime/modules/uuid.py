"""The ``uuid`` module: UUIDs as lowercase 36-character strings.

    local id = uuid.v4()                       -- "0f8e7bb4-6d2c-4a0e-9b8b-3e1c2f6d5a41"
    uuid.v5("dns", "example.com")              -- "cfbff0d1-9375-5685-968c-48ce8b15ae17"
    uuid.version(id)                           -- 4
    uuid.variant(id)                           -- "RFC4122"
    uuid.parse(id)                             -- {version = 4, variant = "RFC4122"}
    uuid.format(id, "simple")                  -- 32 hex digits ("urn": "urn:uuid:...")

v1, v4 and v7 draw their random bits from ``secure_rng`` and their timestamps from the backend's
clock: inside a workflow the workflow's deterministic random source and clock, so a replay
produces the same ids in the same order; elsewhere the OS's random source and the wall clock. v7
keeps Go's (google/uuid) sub-millisecond sequence in ``rand_a``, bumped so that ids made within
one execution are strictly increasing even when the workflow clock does not move. v3 and v5 are
pure; their namespace is a UUID string or one of the RFC 4122 names "dns", "url", "oid", "x500".
"""

from __future__ import annotations

import functools
import hashlib
import uuid as _uuid
from typing import Any

from ..lua.errors import LuaError
from ..lua.values import LuaTable, lua_to_bytes, lua_type

NAMESPACES = {
    "dns": _uuid.NAMESPACE_DNS,
    "url": _uuid.NAMESPACE_URL,
    "oid": _uuid.NAMESPACE_OID,
    "x500": _uuid.NAMESPACE_X500,
}

_GREGORIAN_OFFSET = 0x01B21DD213814000  # 100 ns intervals from 1582-10-15 to 1970-01-01


def secure_rng(ex: Any) -> Any:
    """The random source of ``uuid`` and ``crypto`` (``Backend.secure_random``), one per
    execution: the workflow's replayed source in a workflow, the OS's elsewhere."""
    r = getattr(ex, "_secure_rng", None)
    if r is None:
        r = ex._secure_rng = ex.backend.secure_random()
    return r


def _now_nanos(ex: Any) -> int:
    from .time_objects import Time

    return Time.from_datetime(ex.backend.now()).nanos


def _finish(raw: int, version: int) -> str:
    """Set the version and RFC 4122 variant bits of a 128-bit value; canonical string form."""
    raw &= ~(0xF << 76)
    raw |= version << 76
    raw &= ~(0x3 << 62)
    raw |= 0x2 << 62
    return str(_uuid.UUID(int=raw))


def v4(ex: Any, *_: Any) -> str:
    """A random UUID."""
    return _finish(secure_rng(ex).getrandbits(128), 4)


def v1(ex: Any, *_: Any) -> str:
    """A time-based UUID: workflow clock, random clock sequence, random multicast node."""
    rng = secure_rng(ex)
    ts = (_now_nanos(ex) // 100 + _GREGORIAN_OFFSET) & ((1 << 60) - 1)
    clock_seq = rng.getrandbits(14)
    node = rng.getrandbits(48) | (1 << 40)  # multicast bit: not a real MAC (RFC 4122 4.5)
    time_low = ts & 0xFFFFFFFF
    time_mid = (ts >> 32) & 0xFFFF
    time_hi = (ts >> 48) & 0x0FFF
    raw = (time_low << 96) | (time_mid << 80) | (time_hi << 64) | (clock_seq << 48) | node
    return _finish(raw, 1)


def v7(ex: Any, *_: Any) -> str:
    """A time-ordered UUID (RFC 9562): 48-bit Unix milliseconds, 12-bit sequence, 62 random."""
    nano = _now_nanos(ex)
    milli = nano // 1_000_000
    seq = (nano - milli * 1_000_000) >> 8
    now = (milli << 12) + seq
    last = getattr(ex, "_uuid_v7_last", None)
    if last is not None and now <= last:
        now = last + 1
        milli = now >> 12
        seq = now & 0xFFF
    ex._uuid_v7_last = now
    rand_b = secure_rng(ex).getrandbits(62)
    raw = ((milli & ((1 << 48) - 1)) << 80) | (seq << 64) | rand_b
    return _finish(raw, 7)


def parse_uuid(s: str) -> _uuid.UUID | None:
    """Go's uuid.Parse: 36 chars, "urn:uuid:" + 36, "{...}" (38) or 32 hex digits."""
    n = len(s)
    if n == 45:
        if s[:9].lower() != "urn:uuid:":
            return None
        s = s[9:]
    elif n == 38:
        if s[0] != "{" or s[-1] != "}":
            return None
        s = s[1:-1]
    elif n == 32:
        s = f"{s[:8]}-{s[8:12]}-{s[12:16]}-{s[16:20]}-{s[20:]}"
    elif n != 36:
        return None
    if s[8] != "-" or s[13] != "-" or s[18] != "-" or s[23] != "-":
        return None
    digits = s.replace("-", "")
    if len(digits) != 32 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        return None
    return _uuid.UUID(hex=digits)


def _namespace(ns: Any, fname: str) -> Any:
    from .errors import WippyError

    if type(ns) is not str:
        raise LuaError(f"bad argument #1 to '{fname}' (string expected, got {lua_type(ns)})")
    known = NAMESPACES.get(ns.lower())
    if known is not None:
        return known
    u = parse_uuid(ns)
    if u is None:
        return WippyError(f"invalid namespace UUID: {ns}", "Invalid", False)
    return u


def _name_based(ns: Any, name: Any, fname: str, algo: str, version: int) -> Any:
    from .errors import WippyError

    space = _namespace(ns, fname)
    if isinstance(space, WippyError):
        return None, space
    if type(name) is not str:
        raise LuaError(f"bad argument #2 to '{fname}' (string expected, got {lua_type(name)})")
    digest = hashlib.new(algo, space.bytes + lua_to_bytes(name)).digest()
    return _finish(int.from_bytes(digest[:16], "big"), version)


def v3(ns: Any = None, name: Any = None, *_: Any) -> Any:
    """MD5 name-based UUID; nil and an Invalid error for a bad namespace."""
    return _name_based(ns, name, "v3", "md5", 3)


def v5(ns: Any = None, name: Any = None, *_: Any) -> Any:
    """SHA-1 name-based UUID; nil and an Invalid error for a bad namespace."""
    return _name_based(ns, name, "v5", "sha1", 5)


def validate(s: Any = None, *_: Any) -> bool:
    return type(s) is str and parse_uuid(s) is not None


def version(s: Any = None, *_: Any) -> Any:
    """The version nibble (1..8); nil and an Invalid error for a bad UUID."""
    u = _parsed(s, "version")
    if type(u) is tuple:
        return u
    return (u.int >> 76) & 0xF


def _parsed(s: Any, fname: str) -> Any:
    """The UUID of a string argument, or the (nil, Invalid error) result."""
    from .errors import WippyError

    if type(s) is not str:
        raise LuaError(f"bad argument #1 to '{fname}' (string expected, got {lua_type(s)})")
    u = parse_uuid(s)
    if u is None:
        return None, WippyError(f"invalid UUID format: {s}", "Invalid", False)
    return u


def _variant_name(u: _uuid.UUID) -> str:
    """google/uuid's Variant, as Wippy names it."""
    b = (u.int >> 56) & 0xFF
    if b & 0xC0 == 0x80:
        return "RFC4122"
    if b & 0xE0 == 0xC0:
        return "Microsoft"
    if b & 0x80 == 0:
        return "NCS"
    return "Invalid"  # the reserved-for-future variant


def variant(s: Any = None, *_: Any) -> Any:
    """"RFC4122", "Microsoft", "NCS" or "Invalid"; nil and an Invalid error for a bad UUID."""
    u = _parsed(s, "variant")
    if type(u) is tuple:
        return u
    return _variant_name(u)


def _unix_seconds(u: _uuid.UUID, ver: int) -> int | None:
    if ver == 1:
        return (u.time - _GREGORIAN_OFFSET) // 10_000_000
    if ver == 7:
        return (u.int >> 80) // 1000
    return None


def parse(s: Any = None, *_: Any) -> Any:
    """{version=, variant=, timestamp= (v1, v7: Unix seconds), node= (v1: 12 hex digits)}."""
    u = _parsed(s, "parse")
    if type(u) is tuple:
        return u
    ver = (u.int >> 76) & 0xF
    h: dict[str, Any] = {"version": ver, "variant": _variant_name(u)}
    ts = _unix_seconds(u, ver)
    if ts is not None:
        h["timestamp"] = ts
    if ver == 1:
        h["node"] = "%012x" % u.node
    return LuaTable(None, h)


def format_(s: Any = None, fmt: Any = None, *_: Any) -> Any:
    """"standard" (default), "simple" (32 hex digits) or "urn"; lowercase."""
    from .errors import WippyError

    u = _parsed(s, "format")
    if type(u) is tuple:
        return u
    if fmt is None or fmt == "standard":
        return str(u)
    if fmt == "simple":
        return u.hex
    if fmt == "urn":
        return "urn:uuid:" + str(u)
    if type(fmt) is not str:
        raise LuaError(f"bad argument #2 to 'format' (string expected, got {lua_type(fmt)})")
    return None, WippyError(f"unsupported format: {fmt}", "Invalid", False)


def build(ex: Any) -> LuaTable:
    return LuaTable(
        None,
        {
            "v1": functools.partial(v1, ex),
            "v4": functools.partial(v4, ex),
            "v7": functools.partial(v7, ex),
            "v3": v3,
            "v5": v5,
            "validate": validate,
            "version": version,
            "variant": variant,
            "parse": parse,
            "format": format_,
        },
    )
