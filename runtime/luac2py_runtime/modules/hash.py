"""The ``hash`` module: digests, HMAC, FNV, PBKDF2 and streaming hashers (pure functions).

    hash.sha256("hello")                  -- "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c..."
    hash.sha256("hello", true)            -- the 32 raw bytes
    hash.hmac_sha256("message", "secret") -- hex; note the order: data, then secret
    hash.fnv32("hello")                   -- 3069866343 (a float: FNV-1, as Go has it)
    hash.pbkdf2("pw", "salt", 4096, 32)   -- 32 raw bytes
    local h = hash.new("sha256"); h:update("hel"); h:update("lo"); h:sum()

As Wippy's Go code (not its spec) has them: ``fnv32``/``fnv64`` are FNV-1 (``hash/fnv``
``New32``/``New64``; the spec says FNV-1a) and return floats, as Go pushes an ``LNumber``
(``fnv64`` loses precision above 2^53 there too). Arguments that are not strings give
``nil, err`` with kind ``Invalid``; no number is taken for a string. ``iterations`` and
``key_length`` are checked as integers (a Lua error otherwise).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from typing import Any

from ..lua.string import check_int
from ..lua.values import LuaTable, Userdata, bytes_to_lua, lua_to_bytes
from .errors import WippyError

ALGORITHMS = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256,
              "sha512": hashlib.sha512}
MAX_PBKDF2_ITERATIONS = 10_000_000

_FNV32 = (0x811C9DC5, 0x01000193, (1 << 32) - 1)
_FNV64 = (0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1)


def _invalid(msg: str) -> tuple[None, WippyError]:
    return None, WippyError(msg, "Invalid", False)


def _out(digest: bytes, raw: Any) -> str:
    return bytes_to_lua(digest) if raw is not None and raw is not False else digest.hex()


def _digest(algo: str, data: Any = None, raw: Any = None, *_: Any) -> Any:
    if type(data) is not str:
        return _invalid("data must be a string")
    return _out(ALGORITHMS[algo](lua_to_bytes(data)).digest(), raw), None


def _hmac(algo: str, data: Any = None, secret: Any = None, raw: Any = None, *_: Any) -> Any:
    if type(data) is not str:
        return _invalid("data must be a string")
    if type(secret) is not str:
        return _invalid("secret must be a string")
    mac = hmac.new(lua_to_bytes(secret), lua_to_bytes(data), ALGORITHMS[algo])
    return _out(mac.digest(), raw), None


def _fnv(params: tuple[int, int, int], data: Any = None, *_: Any) -> Any:
    if type(data) is not str:
        return _invalid("data must be a string")
    h, prime, mask = params
    for b in lua_to_bytes(data):  # FNV-1: multiply, then xor
        h = (h * prime) & mask
        h ^= b
    return float(h), None


def pbkdf2(password: Any = None, salt: Any = None, iterations: Any = None,
           key_length: Any = None, algo: Any = None, *_: Any) -> Any:
    """PBKDF2-HMAC (sha256 by default, or sha512): the raw key bytes."""
    if type(password) is not str:
        return _invalid("password must be a string")
    if type(salt) is not str:
        return _invalid("salt must be a string")
    n = check_int(iterations, 3, "pbkdf2")
    klen = check_int(key_length, 4, "pbkdf2")
    if password == "":
        return _invalid("password cannot be empty")
    if salt == "":
        return _invalid("salt cannot be empty")
    if n <= 0:
        return _invalid("iterations must be positive")
    if n > MAX_PBKDF2_ITERATIONS:
        return _invalid(f"iterations exceeds maximum ({MAX_PBKDF2_ITERATIONS})")
    if klen <= 0:
        return _invalid("key length must be positive")
    name = algo if type(algo) is str else "sha256"
    if name not in ("sha256", "sha512"):
        return _invalid(f"unsupported hash function: {name}")
    key = hashlib.pbkdf2_hmac(name, lua_to_bytes(password), lua_to_bytes(salt), n, klen)
    return bytes_to_lua(key), None


class Hasher(Userdata):
    """``hash.new(alg)``: ``update(s)``, ``sum([raw])`` (the state is kept), ``reset()``."""

    __slots__ = ("algo", "h")

    def __init__(self, algo: str) -> None:
        self.algo = algo
        self.h = ALGORITHMS[algo]()

    def lua_tostring(self) -> str:
        return f"hash.Hasher({self.algo})"


def _update(self: Hasher, data: Any = None, *_: Any) -> Any:
    if type(data) is not str:
        return _invalid("data must be a string")
    self.h.update(lua_to_bytes(data))
    return True, None


def _sum(self: Hasher, raw: Any = None, *_: Any) -> Any:
    return _out(self.h.copy().digest(), raw), None


def _reset(self: Hasher, *_: Any) -> tuple[()]:
    self.h = ALGORITHMS[self.algo]()
    return ()


Hasher.lua_methods = {"update": _update, "sum": _sum, "reset": _reset}


def new(algo: Any = None, *_: Any) -> Any:
    """A streaming hasher for md5, sha1, sha256 or sha512."""
    if type(algo) is not str:
        return _invalid("algorithm must be a string")
    if algo not in ALGORITHMS:
        return _invalid(f"unsupported hash function: {algo}")
    return Hasher(algo), None


p = functools.partial
md5 = p(_digest, "md5")
sha1 = p(_digest, "sha1")
sha256 = p(_digest, "sha256")
sha512 = p(_digest, "sha512")
hmac_md5 = p(_hmac, "md5")
hmac_sha1 = p(_hmac, "sha1")
hmac_sha256 = p(_hmac, "sha256")
hmac_sha512 = p(_hmac, "sha512")
fnv32 = p(_fnv, _FNV32)
fnv64 = p(_fnv, _FNV64)
del p

FUNCTIONS = {
    "md5": md5, "sha1": sha1, "sha256": sha256, "sha512": sha512,
    "hmac_md5": hmac_md5, "hmac_sha1": hmac_sha1, "hmac_sha256": hmac_sha256,
    "hmac_sha512": hmac_sha512, "fnv32": fnv32, "fnv64": fnv64, "pbkdf2": pbkdf2, "new": new,
}


def build(ex: Any) -> LuaTable:
    return LuaTable(None, dict(FUNCTIONS))
