"""The ``base64`` module: standard alphabet with padding (Go's ``base64.StdEncoding``).

    base64.encode("hello")        -- "aGVsbG8="
    base64.decode("aGVsbG8=")     -- "hello"
    base64.decode("aGVsbG8")      -- nil, err (Invalid: "illegal base64 data at input byte 4")
    base64.encode(42)             -- nil, err (Invalid: "string expected")

Strings are byte strings both ways. Decoding follows Go's decoder: ``\\r`` and ``\\n`` anywhere
are skipped, padding is required, and a bad input names the offending byte's offset as Go
does. Success returns the one value only, as Wippy's module does.
"""

from __future__ import annotations

import binascii
from typing import Any

from ..lua.values import LuaTable, bytes_to_lua, lua_to_bytes
from .errors import WippyError

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}
_NL = (0x0A, 0x0D)


def _invalid(msg: str) -> tuple[None, WippyError]:
    return None, WippyError(msg, "Invalid", False)


def encode(s: Any = None, *_: Any) -> Any:
    """Base64 text of a byte string."""
    if type(s) is not str:
        return _invalid("string expected")
    return binascii.b2a_base64(lua_to_bytes(s), newline=False).decode("ascii")


def decode(s: Any = None, *_: Any) -> Any:
    """The bytes of base64 text, or ``nil, err`` naming the first bad byte."""
    if type(s) is not str:
        return _invalid("string expected")
    src = lua_to_bytes(s)
    out = bytearray()
    si = 0
    while si < len(src):
        si, err = _quantum(src, si, out)
        if err is not None:
            return _invalid(f"illegal base64 data at input byte {err}")
    return bytes_to_lua(bytes(out))


def _quantum(src: bytes, si: int, out: bytearray) -> tuple[int, int | None]:
    """Go's ``decodeQuantum``: four symbols (newlines skipped) into up to three bytes; the
    offset of a corrupt byte, or None."""
    buf = [0, 0, 0, 0]
    dlen = 4
    err: int | None = None
    j = 0
    while j < 4:
        if si == len(src):
            if j == 0:
                return si, None
            return si, si - j  # a partial quantum needs padding
        c = src[si]
        si += 1
        v = _VALUE.get(c)
        if v is not None:
            buf[j] = v
            j += 1
            continue
        if c in _NL:
            continue
        if c != 0x3D or j < 2:  # not "=", or padding too early
            return si, si - 1
        if j == 2:  # "==" expected: the first one is consumed
            while si < len(src) and src[si] in _NL:
                si += 1
            if si == len(src):
                return si, len(src)
            if src[si] != 0x3D:
                return si, si - 1
            si += 1
        while si < len(src) and src[si] in _NL:
            si += 1
        if si < len(src):
            err = si  # trailing garbage
        dlen = j
        break
    val = buf[0] << 18 | buf[1] << 12 | buf[2] << 6 | buf[3]
    out += val.to_bytes(3, "big")[: dlen - 1]
    return si, err


def build(ex: Any) -> LuaTable:
    return LuaTable(None, {"encode": encode, "decode": decode})
