"""The ``crypto`` module (runtime/luac2py_runtime/wcrypto.py).

Byte strings are Lua strings (one char per byte): ciphertexts and random bytes with every byte
value 0..255 must survive byte for byte. Random values and nonces come from the execution's
random source only (same seed, same bytes). HMAC and PBKDF2 are checked against Python's
``hmac`` and ``hashlib``; the AEAD layout (nonce .. ciphertext .. tag) against ``cryptography``.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

from luac2py_runtime.lua import ops
from luac2py_runtime.lua import string as lstring
from luac2py_runtime.modules import crypto as wcrypto
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.lua.values import LuaTable
from luac2py_runtime.modules.errors import WippyError

ALL_BYTES = "".join(chr(i) for i in range(256))


class FakeBackend:
    """A workflow backend's shape: one random source, shared by math.random and crypto."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def secure_random(self) -> random.Random:
        return self.rng


class FakeEx:
    def __init__(self, seed: int = 1) -> None:
        self._rng = random.Random(seed)
        self.backend: Any = FakeBackend(self._rng)

    def rng(self) -> random.Random:
        return self._rng


def raw(s: str) -> bytes:
    return s.encode("latin-1")


def is_err(r: Any, kind: str) -> WippyError:
    assert type(r) is tuple and len(r) == 2 and r[0] is None, r
    e = r[1]
    assert isinstance(e, WippyError) and e.kind == kind and e.retryable is False
    return e


# -- random -------------------------------------------------------------------------------


def test_random_bytes_length_and_every_byte_value() -> None:
    b = wcrypto.random_bytes(FakeEx(), 65536)
    assert type(b) is str and len(b) == 65536
    assert set(b) == set(ALL_BYTES)
    assert all(ord(c) < 256 for c in b)


def test_random_bytes_deterministic_per_seed() -> None:
    assert wcrypto.random_bytes(FakeEx(9), 32) == wcrypto.random_bytes(FakeEx(9), 32)
    assert wcrypto.random_bytes(FakeEx(9), 32) != wcrypto.random_bytes(FakeEx(10), 32)
    ex = FakeEx(9)
    assert wcrypto.random_bytes(ex, 16) != wcrypto.random_bytes(ex, 16)


@pytest.mark.parametrize("n", [0, -1, wcrypto.MAX_RANDOM + 1])
def test_random_bytes_bad_length(n: int) -> None:
    is_err(wcrypto.random_bytes(FakeEx(), n), "Invalid")


def test_random_bytes_wrong_type_raises() -> None:
    with pytest.raises(LuaError):
        wcrypto.random_bytes(FakeEx(), "x")


def test_random_string() -> None:
    s = wcrypto.random_string(FakeEx(), 64)
    assert len(s) == 64 and set(s) <= set(wcrypto.ALPHANUMERIC)
    h = wcrypto.random_string(FakeEx(), 1000, "0123456789abcdef")
    assert set(h) == set("0123456789abcdef")
    assert wcrypto.random_string(FakeEx(3), 20) == wcrypto.random_string(FakeEx(3), 20)
    is_err(wcrypto.random_string(FakeEx(), 0), "Invalid")
    is_err(wcrypto.random_string(FakeEx(), 5, ""), "Invalid")


def test_random_string_large_and_tiny_charsets() -> None:
    big = "".join(chr(i % 256) for i in range(70000))  # more than 2**16 bytes
    s = wcrypto.random_string(FakeEx(), 50, big)
    assert len(s) == 50 and set(s) <= set(big)
    assert wcrypto.random_string(FakeEx(), 5, "x") == "xxxxx"
    counts = {c: 0 for c in "abc"}
    for c in wcrypto.random_string(FakeEx(), 30000, "abc"):
        counts[c] += 1
    assert all(9000 < v < 11000 for v in counts.values())  # uniform (rejection sampling)


def test_key_stream_is_keyed_once_from_the_execution_rng() -> None:
    ex = FakeEx(3)
    first = wcrypto.random_bytes(ex, 64)
    state = ex.rng().getstate()
    wcrypto.random_bytes(ex, 1000)
    wcrypto.encrypt_aes(ex, "x", "k" * 16)
    wcrypto.random_string(ex, 100)
    assert ex.rng().getstate() == state  # 256 bits drawn once, on first use
    # the bytes are not the Mersenne Twister's own output (which would reveal its state)
    assert raw(first) != random.Random(3).randbytes(64)
    # interleaving with other users of ex.rng() stays deterministic
    ex1, ex2 = FakeEx(8), FakeEx(8)
    for ex_ in (ex1, ex2):
        ex_.rng().random()
    assert wcrypto.random_bytes(ex1, 16) == wcrypto.random_bytes(ex2, 16)


def test_random_uuid_is_v4_and_deterministic() -> None:
    u = wcrypto.random_uuid(FakeEx(4))
    assert uuid.UUID(u).version == 4
    assert u == wcrypto.random_uuid(FakeEx(4))


# -- AEAD ---------------------------------------------------------------------------------

CIPHERS = [
    ("aes", wcrypto.encrypt_aes, wcrypto.decrypt_aes, 16, AESGCM),
    ("aes", wcrypto.encrypt_aes, wcrypto.decrypt_aes, 24, AESGCM),
    ("aes", wcrypto.encrypt_aes, wcrypto.decrypt_aes, 32, AESGCM),
    ("chacha20", wcrypto.encrypt_chacha20, wcrypto.decrypt_chacha20, 32, ChaCha20Poly1305),
]
PLAINTEXTS = ["", "secret", ALL_BYTES, "안녕하세요".encode().decode("latin-1"), ALL_BYTES * 9]


@pytest.mark.parametrize("name,enc,dec,klen,pycls", CIPHERS)
@pytest.mark.parametrize("aad", [None, "", "header", ALL_BYTES])
def test_round_trip(name: str, enc: Any, dec: Any, klen: int, pycls: Any, aad: Any) -> None:
    ex = FakeEx()
    key = wcrypto.random_bytes(ex, klen)
    for data in PLAINTEXTS:
        blob = enc(ex, data, key, aad)
        assert type(blob) is str and len(blob) == 12 + len(data) + 16
        assert dec(blob, key, aad) == data
        # the layout is nonce(12) .. ciphertext .. tag(16), readable by other implementations
        b = raw(blob)
        assert pycls(raw(key)).decrypt(b[:12], b[12:], None if aad is None else raw(aad)) == \
            raw(data)


@pytest.mark.parametrize("name,enc,dec,klen,pycls", CIPHERS)
def test_ciphertext_survives_lua_string_operations(
    name: str, enc: Any, dec: Any, klen: int, pycls: Any
) -> None:
    ex = FakeEx()
    key = ALL_BYTES[:klen]
    blob = enc(ex, ALL_BYTES, key)
    assert set(blob) - set(ALL_BYTES) == set()
    # take it apart and put it back together the way Lua code would
    head = lstring.LIB["sub"](blob, 1, 12)
    tail = lstring.LIB["sub"](blob, 13)
    rebuilt = ops.concat(head, tail)
    codes = [lstring.LIB["byte"](blob, i) for i in range(1, len(blob) + 1)]
    assert lstring.LIB["char"](*codes) == blob
    assert dec(rebuilt, key) == ALL_BYTES


@pytest.mark.parametrize("name,enc,dec,klen,pycls", CIPHERS)
def test_decrypt_failures_are_internal(
    name: str, enc: Any, dec: Any, klen: int, pycls: Any
) -> None:
    ex = FakeEx()
    key = wcrypto.random_bytes(ex, klen)
    other = wcrypto.random_bytes(ex, klen)
    blob = enc(ex, "payload", key, "aad")
    is_err(dec(blob, other, "aad"), "Internal")  # wrong key
    is_err(dec(blob, key, "other"), "Internal")  # wrong aad
    is_err(dec(blob, key), "Internal")  # missing aad
    tampered = blob[:-1] + chr(ord(blob[-1]) ^ 1)
    is_err(dec(tampered, key, "aad"), "Internal")
    is_err(dec(blob[:20], key, "aad"), "Internal")  # too short


def test_bad_key_sizes_are_invalid() -> None:
    ex = FakeEx()
    for n in (0, 8, 15, 17, 31, 33):
        is_err(wcrypto.encrypt_aes(ex, "x", "k" * n), "Invalid")
        is_err(wcrypto.decrypt_aes("x" * 40, "k" * n), "Invalid")
    for n in (16, 24, 31):
        is_err(wcrypto.encrypt_chacha20(ex, "x", "k" * n), "Invalid")
    with pytest.raises(LuaError):
        wcrypto.encrypt_aes(ex, None, "k" * 16)
    with pytest.raises(LuaError):
        wcrypto.encrypt_aes(ex, "x", "k" * 16, {})


def test_nonce_from_the_execution_random_source() -> None:
    key = "k" * 32
    a = wcrypto.encrypt_aes(FakeEx(1), "same", key)
    b = wcrypto.encrypt_aes(FakeEx(1), "same", key)
    c = wcrypto.encrypt_aes(FakeEx(2), "same", key)
    assert a == b  # a replay produces the same ciphertext
    assert a[:12] != c[:12]
    ex = FakeEx(1)
    first, second = wcrypto.encrypt_chacha20(ex, "m", key), wcrypto.encrypt_chacha20(ex, "m", key)
    assert first[:12] != second[:12]


# -- HMAC, PBKDF2, compare ------------------------------------------------------------------


@pytest.mark.parametrize("key,data", [("k", "data"), (ALL_BYTES, ALL_BYTES), ("key", ""),
                                      ("\x00", "안녕".encode().decode("latin-1"))])
def test_hmac_matches_python(key: str, data: str) -> None:
    assert wcrypto.hmac_sha256(key, data) == hmac.new(raw(key), raw(data), "sha256").hexdigest()
    assert wcrypto.hmac_sha512(key, data) == hmac.new(raw(key), raw(data), "sha512").hexdigest()


def test_hmac_empty_key_and_types() -> None:
    is_err(wcrypto.hmac_sha256("", "data"), "Invalid")
    is_err(wcrypto.hmac_sha512("", "data"), "Invalid")
    assert wcrypto.hmac_sha256("k", 12) == hmac.new(b"k", b"12", "sha256").hexdigest()
    with pytest.raises(LuaError):
        wcrypto.hmac_sha256("k", None)


@pytest.mark.parametrize("hash_name", [None, "sha256", "sha512", "SHA512"])
def test_pbkdf2_matches_hashlib(hash_name: Any) -> None:
    algo = (hash_name or "sha256").lower()
    for password, salt, iters, n in [("password", "salt", 1, 32), (ALL_BYTES, ALL_BYTES, 7, 64),
                                     ("pw", "", 1000, 16), ("p", "s", 2, 100)]:
        got = wcrypto.pbkdf2(password, salt, iters, n, hash_name)
        assert type(got) is str and len(got) == n  # raw bytes, as Wippy documents
        assert raw(got) == hashlib.pbkdf2_hmac(algo, raw(password), raw(salt), iters, n)


def test_pbkdf2_errors() -> None:
    is_err(wcrypto.pbkdf2("p", "s", 0, 16), "Invalid")
    is_err(wcrypto.pbkdf2("p", "s", wcrypto.MAX_ITERATIONS + 1, 16), "Invalid")
    is_err(wcrypto.pbkdf2("p", "s", 1, 0), "Invalid")
    is_err(wcrypto.pbkdf2("p", "s", 1, 16, "md5"), "Invalid")
    with pytest.raises(LuaError):
        wcrypto.pbkdf2("p", "s", "many", 16)


def test_constant_time_compare() -> None:
    assert wcrypto.constant_time_compare(ALL_BYTES, ALL_BYTES) is True
    assert wcrypto.constant_time_compare("abc", "abd") is False
    assert wcrypto.constant_time_compare("abc", "ab") is False


# -- the module table ---------------------------------------------------------------------


def test_build_gives_nested_tables_bound_to_the_execution() -> None:
    mod = wcrypto.build(FakeEx(8))
    rnd = ops.index(mod, "random")
    assert isinstance(rnd, LuaTable)
    assert ops.index(rnd, "bytes")(16) == wcrypto.random_bytes(FakeEx(8), 16)
    assert len(ops.index(rnd, "string")(10)) == 10
    assert uuid.UUID(ops.index(rnd, "uuid")()).version == 4
    key = "k" * 32
    for algo in ("aes", "chacha20"):
        blob = ops.index(ops.index(mod, "encrypt"), algo)("hi", key)
        assert ops.index(ops.index(mod, "decrypt"), algo)(blob, key) == "hi"
    assert ops.index(ops.index(mod, "hmac"), "sha256")("k", "d") == wcrypto.hmac_sha256("k", "d")
    assert ops.index(ops.index(mod, "hmac"), "sha512")("k", "d") == wcrypto.hmac_sha512("k", "d")
    assert len(ops.index(mod, "pbkdf2")("p", "s", 1, 16)) == 16
    assert ops.index(mod, "constant_time_compare")("a", "a") is True
    assert len(ops.index(mod, "random_bytes")(32)) == 32  # the alias in the Korean spec


# -- JWT ----------------------------------------------------------------------------------

JWT_IO = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
    "WF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


class ClockEx(FakeEx):
    def __init__(self, seed: int = 1, unix: int = 1_705_314_600) -> None:
        super().__init__(seed)
        from datetime import datetime, timezone

        clock = datetime.fromtimestamp(unix, timezone.utc)

        class Backend(FakeBackend):
            def now(self) -> Any:
                return clock

        self.backend = Backend(self._rng)


def _b64(b: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def test_jwt_verify_reference_token() -> None:
    claims = wcrypto.jwt_verify(ClockEx(), JWT_IO, "your-256-bit-secret", "HS256", False)
    assert isinstance(claims, LuaTable)
    assert (claims.get("sub"), claims.get("name"), claims.get("iat")) == \
        ("1234567890", "John Doe", 1516239022)
    e = is_err(wcrypto.jwt_verify(ClockEx(), JWT_IO, "your-256-bit-secret"), "Internal")
    assert "exp claim is required" in e.message
    is_err(wcrypto.jwt_verify(ClockEx(), JWT_IO, "wrong", "HS256", False), "Internal")
    is_err(wcrypto.jwt_verify(ClockEx(), JWT_IO, "your-256-bit-secret", "HS512", False),
           "Internal")
    is_err(wcrypto.jwt_verify(ClockEx(), "a.b", "k"), "Internal")
    is_err(wcrypto.jwt_verify(ClockEx(), "!!.??.**", "k"), "Internal")


@pytest.mark.parametrize("alg,algo", [(None, "sha256"), ("HS256", "sha256"), ("HS384", "sha384"),
                                      ("HS512", "sha512"), ("XX999", "sha256")])
def test_jwt_encode_hmac(alg: Any, algo: str) -> None:
    from luac2py_runtime.lua.values import to_lua_str

    claims = LuaTable(None, {"sub": "u1", "exp": 1_705_400_000, "name": to_lua_str("홍길동"),
                             "_header": LuaTable(None, {"kid": "k1"})})
    tok = wcrypto.jwt_encode(claims, "secret", alg)
    h, p, sig = tok.split(".")
    shown = alg if alg in ("HS256", "HS384", "HS512") else "HS256"  # fallback, as Wippy
    assert h == _b64(('{"alg":"%s","kid":"k1","typ":"JWT"}' % shown).encode())
    assert p == _b64('{"exp":1705400000,"name":"홍길동","sub":"u1"}'.encode())
    assert sig == _b64(hmac.new(b"secret", f"{h}.{p}".encode(), algo).digest())
    back = wcrypto.jwt_verify(ClockEx(), tok, "secret", shown)
    assert isinstance(back, LuaTable) and back.get("name") == to_lua_str("홍길동")
    assert back.get("_header") is None


def test_jwt_exp_and_nbf_use_the_workflow_clock() -> None:
    now = 1_705_314_600
    tok = wcrypto.jwt_encode(LuaTable(None, {"exp": now + 10, "nbf": now - 10}), "k")
    assert isinstance(wcrypto.jwt_verify(ClockEx(unix=now), tok, "k"), LuaTable)
    e = is_err(wcrypto.jwt_verify(ClockEx(unix=now + 10), tok, "k"), "Internal")
    assert e.message == "token has invalid claims: token is expired"
    e = is_err(wcrypto.jwt_verify(ClockEx(unix=now - 11), tok, "k"), "Internal")
    assert e.message == "token has invalid claims: token is not valid yet"


def test_jwt_rs256() -> None:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    priv = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    priv_pem = priv.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode()
    pub_pem = priv.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo
                                             ).decode()
    tok = wcrypto.jwt_encode(LuaTable(None, {"sub": "s", "exp": 1_800_000_000}), priv_pem,
                             "RS256")
    h, p, sig = tok.split(".")
    import base64

    priv.public_key().verify(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)),
                             f"{h}.{p}".encode(), padding.PKCS1v15(), hashes.SHA256())
    assert wcrypto.jwt_verify(ClockEx(), tok, pub_pem, "RS256").get("sub") == "s"
    is_err(wcrypto.jwt_verify(ClockEx(), tok, "not a key", "RS256"), "Invalid")
    is_err(wcrypto.jwt_encode(LuaTable(None, {"a": 1}), "not a key", "RS256"), "Invalid")


def test_jwt_argument_errors() -> None:
    is_err(wcrypto.jwt_encode(LuaTable(None, {"a": 1}), ""), "Invalid")
    is_err(wcrypto.jwt_encode(LuaTable([1, 2]), "k"), "Invalid")
    with pytest.raises(LuaError):
        wcrypto.jwt_encode("claims", "k")
    is_err(wcrypto.jwt_verify(ClockEx(), JWT_IO, ""), "Invalid")
    mod = wcrypto.build(ClockEx())
    jwt = ops.index(mod, "jwt")
    tok = ops.index(jwt, "encode")(LuaTable(None, {"exp": 1_800_000_000}), "k")
    assert ops.index(jwt, "verify")(tok, "k").get("exp") == 1_800_000_000
