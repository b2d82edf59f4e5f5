"""The ``crypto`` module: random values, authenticated encryption, HMAC, PBKDF2, JWT.

    local key = crypto.random.bytes(32)                   -- 32 bytes, a Lua byte string
    local blob = crypto.encrypt.aes("secret", key)        -- nonce(12) .. ciphertext .. tag(16)
    crypto.decrypt.aes(blob, key)                         -- "secret"
    crypto.hmac.sha256("k", "data")                       -- lowercase hex digest
    crypto.pbkdf2("pw", salt, 100000, 32)                 -- 32 raw bytes
    crypto.constant_time_compare(a, b)                    -- boolean
    crypto.jwt.encode({sub = "u1", exp = t}, secret)      -- "eyJhbGciOi..."
    crypto.jwt.verify(token, secret)                      -- claims, or nil, err

Byte strings are Lua strings (one character per byte, latin-1 in Python), so ciphertexts and
random bytes pass through Lua code unchanged. Random bytes, random strings and nonces come from
a per-execution ChaCha20 key stream whose 256-bit key is drawn once from ``uuid.secure_rng``:
inside a workflow the execution's deterministic random source, so that a replay produces the same
bytes in the same order, which is what makes ``encrypt`` replay-safe (outside a workflow the OS's
random source), while the outputs (unlike raw Mersenne Twister
output, whose state can be rebuilt from 624 observed words) do not let anyone who sees some
random values or nonces predict the others, such as keys made with ``crypto.random.bytes``.

As in Wippy's documentation: ``hmac.*`` return the digest as lowercase hex; ``pbkdf2`` returns
the derived key as raw bytes (at most 10,000,000 iterations). Errors: bad sizes, an empty HMAC
key and other unusable string arguments are ``Invalid`` (not retryable); a failed decryption is
``Internal``. Numbers are accepted where strings are expected (converted as ``tostring`` does),
as Lua's and gopher-lua's ``checkstring`` do; other wrong types raise.
"""

from __future__ import annotations

import functools
import hashlib
import hmac as _hmac
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

from ..lua.errors import LuaError
from ..lua.values import LuaTable, bytes_to_lua, lua_to_bytes, lua_type, number_to_str

MAX_RANDOM = 1_048_576
MAX_ITERATIONS = 10_000_000
ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
NONCE_SIZE = 12
TAG_SIZE = 16


def _err(message: str, kind: str) -> tuple[None, Any]:
    from .errors import WippyError

    return None, WippyError(message, kind, False)


def _str_arg(v: Any, n: int, fname: str) -> str:
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int or t is float:
        return number_to_str(v)
    raise LuaError(f"bad argument #{n} to '{fname}' (string expected, got {lua_type(v)})")


def _opt_str_arg(v: Any, n: int, fname: str) -> str | None:
    if v is None:
        return None
    return _str_arg(v, n, fname)


def _int_arg(v: Any, n: int, fname: str) -> int:
    if type(v) is int:
        return v
    if type(v) is float and v.is_integer():
        return int(v)
    raise LuaError(f"bad argument #{n} to '{fname}' (integer expected, got {lua_type(v)})")


# -- random ---------------------------------------------------------------------------------

_ZEROS = bytes(65536)


def _stream(ex: Any) -> Any:
    """The execution's key stream, keyed from ``secure_rng`` on first use."""
    st = getattr(ex, "_crypto_stream", None)
    if st is None:
        from .uuid import secure_rng

        key = secure_rng(ex).getrandbits(256).to_bytes(32, "big")
        st = Cipher(algorithms.ChaCha20(key, bytes(16)), mode=None).encryptor()
        ex._crypto_stream = st
    return st


def draw_bytes(ex: Any, n: int) -> bytes:
    """n deterministic, unpredictable bytes for this execution."""
    st = _stream(ex)
    out = []
    while n > 0:
        k = min(n, len(_ZEROS))
        out.append(st.update(_ZEROS[:k]))
        n -= k
    return b"".join(out)


def _draw_indexes(ex: Any, n: int, k: int) -> list[int]:
    """n uniform integers in [0, k), by rejection sampling of 16-bit (or 32-bit) words."""
    width = 2 if k <= 1 << 16 else 4
    span = 1 << (8 * width)
    limit = span - span % k
    out: list[int] = []
    while len(out) < n:
        need = n - len(out)
        buf = draw_bytes(ex, width * (need + need // 8 + 8))
        for i in range(0, len(buf), width):
            w = int.from_bytes(buf[i:i + width], "big")
            if w < limit:
                out.append(w % k)
                if len(out) == n:
                    break
    return out


def random_bytes(ex: Any, n: Any = None, *_: Any) -> Any:
    """n random bytes (1 to 1 MiB) as a Lua byte string."""
    n = _int_arg(n, 1, "bytes")
    if not 1 <= n <= MAX_RANDOM:
        return _err(f"invalid length: {n} (must be between 1 and {MAX_RANDOM})", "Invalid")
    return bytes_to_lua(draw_bytes(ex, n))


def random_string(ex: Any, n: Any = None, charset: Any = None, *_: Any) -> Any:
    """n characters drawn from charset (bytes of a Lua string; default alphanumeric)."""
    n = _int_arg(n, 1, "string")
    chars = ALPHANUMERIC if charset is None else _str_arg(charset, 2, "string")
    if not 1 <= n <= MAX_RANDOM:
        return _err(f"invalid length: {n} (must be between 1 and {MAX_RANDOM})", "Invalid")
    if not chars:
        return _err("charset must not be empty", "Invalid")
    return "".join(chars[i] for i in _draw_indexes(ex, n, len(chars)))


def random_uuid(ex: Any, *_: Any) -> str:
    from .uuid import v4

    return v4(ex)


# -- authenticated encryption ------------------------------------------------------------


def _aes_key(key: str) -> Any:
    if len(key) not in (16, 24, 32):
        return _err(f"invalid AES key size: {len(key)} bytes (must be 16, 24 or 32)", "Invalid")
    return AESGCM(lua_to_bytes(key))


def _chacha_key(key: str) -> Any:
    if len(key) != 32:
        return _err(f"invalid ChaCha20 key size: {len(key)} bytes (must be 32)", "Invalid")
    return ChaCha20Poly1305(lua_to_bytes(key))


def _encrypt(ex: Any, make: Any, fname: str, data: Any, key: Any, aad: Any) -> Any:
    data = _str_arg(data, 1, fname)
    key = _str_arg(key, 2, fname)
    aad = _opt_str_arg(aad, 3, fname)
    cipher = make(key)
    if type(cipher) is tuple:
        return cipher
    nonce = draw_bytes(ex, NONCE_SIZE)
    sealed = cipher.encrypt(nonce, lua_to_bytes(data), None if aad is None else lua_to_bytes(aad))
    return bytes_to_lua(nonce + sealed)


def _decrypt(make: Any, fname: str, blob: Any, key: Any, aad: Any) -> Any:
    blob = _str_arg(blob, 1, fname)
    key = _str_arg(key, 2, fname)
    aad = _opt_str_arg(aad, 3, fname)
    cipher = make(key)
    if type(cipher) is tuple:
        return cipher
    if len(blob) < NONCE_SIZE + TAG_SIZE:
        return _err("decryption failed: ciphertext too short", "Internal")
    raw = lua_to_bytes(blob)
    try:
        plain = cipher.decrypt(
            raw[:NONCE_SIZE], raw[NONCE_SIZE:], None if aad is None else lua_to_bytes(aad)
        )
    except InvalidTag:
        return _err("decryption failed: message authentication failed", "Internal")
    return bytes_to_lua(plain)


def encrypt_aes(ex: Any, data: Any = None, key: Any = None, aad: Any = None, *_: Any) -> Any:
    """AES-GCM: nonce(12) .. ciphertext .. tag(16)."""
    return _encrypt(ex, _aes_key, "aes", data, key, aad)


def encrypt_chacha20(
    ex: Any, data: Any = None, key: Any = None, aad: Any = None, *_: Any
) -> Any:
    """ChaCha20-Poly1305: nonce(12) .. ciphertext .. tag(16)."""
    return _encrypt(ex, _chacha_key, "chacha20", data, key, aad)


def decrypt_aes(blob: Any = None, key: Any = None, aad: Any = None, *_: Any) -> Any:
    return _decrypt(_aes_key, "aes", blob, key, aad)


def decrypt_chacha20(blob: Any = None, key: Any = None, aad: Any = None, *_: Any) -> Any:
    return _decrypt(_chacha_key, "chacha20", blob, key, aad)


# -- MACs and key derivation ---------------------------------------------------------------


def _hmac_hex(algo: str, fname: str, key: Any, data: Any) -> Any:
    key = _str_arg(key, 1, fname)
    data = _str_arg(data, 2, fname)
    if not key:
        return _err("HMAC key must not be empty", "Invalid")
    return _hmac.new(lua_to_bytes(key), lua_to_bytes(data), algo).hexdigest()


def hmac_sha256(key: Any = None, data: Any = None, *_: Any) -> Any:
    """Lowercase hex HMAC-SHA256; nil and an Invalid error for an empty key."""
    return _hmac_hex("sha256", "sha256", key, data)


def hmac_sha512(key: Any = None, data: Any = None, *_: Any) -> Any:
    """Lowercase hex HMAC-SHA512; nil and an Invalid error for an empty key."""
    return _hmac_hex("sha512", "sha512", key, data)


def constant_time_compare(a: Any = None, b: Any = None, *_: Any) -> bool:
    """True when the two byte strings are equal (false when the lengths differ)."""
    a = _str_arg(a, 1, "constant_time_compare")
    b = _str_arg(b, 2, "constant_time_compare")
    return _hmac.compare_digest(lua_to_bytes(a), lua_to_bytes(b))


def pbkdf2(
    password: Any = None,
    salt: Any = None,
    iterations: Any = None,
    key_length: Any = None,
    hash_name: Any = None,
    *_: Any,
) -> Any:
    """PBKDF2-HMAC (sha256 by default, or sha512); the derived key as raw bytes."""
    password = _str_arg(password, 1, "pbkdf2")
    salt = _str_arg(salt, 2, "pbkdf2")
    iterations = _int_arg(iterations, 3, "pbkdf2")
    key_length = _int_arg(key_length, 4, "pbkdf2")
    algo = "sha256" if hash_name is None else _str_arg(hash_name, 5, "pbkdf2").lower()
    if algo not in ("sha256", "sha512"):
        return _err(f"unsupported hash: {algo} (use sha256 or sha512)", "Invalid")
    if not 1 <= iterations <= MAX_ITERATIONS:
        return _err(f"invalid iteration count: {iterations} (must be between 1 and "
                    f"{MAX_ITERATIONS})", "Invalid")
    if not 1 <= key_length <= MAX_RANDOM:
        return _err(f"invalid key length: {key_length}", "Invalid")
    dk = hashlib.pbkdf2_hmac(
        algo, lua_to_bytes(password), lua_to_bytes(salt), iterations, key_length
    )
    return bytes_to_lua(dk)


# -- JWT ------------------------------------------------------------------------------------
# As Wippy (golang-jwt v5): header {"alg", "typ":"JWT"} plus the payload's ``_header`` fields,
# claims written as json.encode writes them, base64url without padding. Algorithms HS256,
# HS384, HS512 and RS256; encode falls back to HS256 for any other name, as Wippy does.
# Decision: verify checks ``exp``/``nbf`` against the workflow clock (Wippy uses the wall
# clock, which is not replay-safe).

_JWT_HASH = {"HS256": "sha256", "HS384": "sha384", "HS512": "sha512"}


def _b64url(b: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


def _b64url_decode(s: str) -> bytes:
    import base64
    import binascii

    if not s or any(c not in _B64URL for c in s) or len(s) % 4 == 1:
        raise ValueError("illegal base64 data")
    try:
        return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("illegal base64 data") from None


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _rsa_sign(key: str, msg: bytes) -> Any:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    try:
        k = serialization.load_pem_private_key(lua_to_bytes(key), password=None)
    except (ValueError, TypeError):
        return None
    if not isinstance(k, rsa.RSAPrivateKey):
        return None
    return k.sign(msg, padding.PKCS1v15(), hashes.SHA256())


def _rsa_verify(key: str, msg: bytes, sig: bytes) -> bool | None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    try:
        k = serialization.load_pem_public_key(lua_to_bytes(key))
    except (ValueError, TypeError):
        return None
    if not isinstance(k, rsa.RSAPublicKey):
        return None
    try:
        k.verify(sig, msg, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def jwt_encode(payload: Any = None, key: Any = None, alg: Any = None, *_: Any) -> Any:
    """crypto.jwt.encode(claims, key[, alg]) -> token, or nil and an error."""
    from . import json as wjson
    from .payload import EncodingError

    if type(payload) is not LuaTable:
        raise LuaError(f"bad argument #1 to 'encode' (table expected, got {lua_type(payload)})")
    key = _str_arg(key, 2, "encode")
    alg = "HS256" if alg is None else _str_arg(alg, 3, "encode")
    if alg not in _JWT_HASH and alg != "RS256":
        alg = "HS256"
    if not key:
        return _err("key must not be empty", "Invalid")
    if payload.arr:
        return _err("JWT claims must be a table with string keys", "Invalid")
    claims = LuaTable(None, dict(payload.hash))
    extra = claims.hash.pop("_header", None)
    header = LuaTable(None, {"alg": alg, "typ": "JWT"})
    if type(extra) is LuaTable:
        for k, v in extra.items():
            header.set(k, v)
    try:
        h_text = wjson.encode_text(header)
        c_text = wjson.encode_text(claims) if claims.hash else "{}"
    except EncodingError as e:
        return _err(str(e), "Invalid")
    signing_input = (_b64url(h_text.encode("utf-8", "surrogateescape")) + "."
                     + _b64url(c_text.encode("utf-8", "surrogateescape")))
    msg = signing_input.encode("ascii")
    if alg == "RS256":
        sig = _rsa_sign(key, msg)
        if sig is None:
            return _err("invalid RSA private key (PEM expected)", "Invalid")
    else:
        sig = _hmac.new(lua_to_bytes(key), msg, _JWT_HASH[alg]).digest()
    return signing_input + "." + _b64url(sig)


def _numeric_date(v: Any) -> int | None:
    if type(v) is int:
        return v
    if type(v) is float and v == v and abs(v) < 2**62:
        return int(v)  # golang-jwt keeps whole seconds (truncation)
    return None


def jwt_verify(ex: Any, token: Any = None, key: Any = None, alg: Any = None,
               require_exp: Any = None, *_: Any) -> Any:
    """crypto.jwt.verify(token, key[, alg[, require_exp]]) -> claims, or nil and an error."""
    from . import json as wjson

    token = _str_arg(token, 1, "verify")
    key = _str_arg(key, 2, "verify")
    alg = "HS256" if alg is None else _str_arg(alg, 3, "verify")
    need_exp = require_exp is None or require_exp is not False
    if not key:
        return _err("key must not be empty", "Invalid")
    parts = token.split(".")
    if len(parts) != 3:
        return _err("token is malformed: token contains an invalid number of segments",
                    "Internal")
    try:
        header_raw = _b64url_decode(parts[0])
        claims_raw = _b64url_decode(parts[1])
        sig = _b64url_decode(parts[2]) if parts[2] else b""
    except ValueError:
        return _err("token is malformed: could not base64 decode token", "Internal")
    header = wjson.decode(bytes_to_lua(header_raw))
    if type(header) is not LuaTable:
        return _err("token is malformed: could not JSON decode header", "Internal")
    claims = wjson.decode(bytes_to_lua(claims_raw))
    if type(claims) is not LuaTable:
        return _err("token is malformed: could not JSON decode claim", "Internal")
    talg = header.get("alg")
    if talg != alg or (alg not in _JWT_HASH and alg != "RS256"):
        shown = talg if type(talg) is str else ""
        return _err(f"token signature is invalid: signing method {shown} is invalid", "Internal")
    msg = (parts[0] + "." + parts[1]).encode("latin-1")
    if alg == "RS256":
        ok = _rsa_verify(key, msg, sig)
        if ok is None:
            return _err("invalid RSA public key (PEM expected)", "Invalid")
    else:
        ok = _hmac.compare_digest(_hmac.new(lua_to_bytes(key), msg, _JWT_HASH[alg]).digest(), sig)
    if not ok:
        return _err("token signature is invalid: signature is invalid", "Internal")
    from .time_objects import Time

    now = Time.from_datetime(ex.backend.now()).nanos // 1_000_000_000
    exp = claims.get("exp")
    if exp is None:
        if need_exp:
            return _err("token has invalid claims: token is missing required claim: exp claim "
                        "is required", "Internal")
    else:
        e = _numeric_date(exp)
        if e is None:
            return _err("token has invalid claims: could not parse exp", "Internal")
        if now >= e:
            return _err("token has invalid claims: token is expired", "Internal")
    nbf = claims.get("nbf")
    if nbf is not None:
        n = _numeric_date(nbf)
        if n is None:
            return _err("token has invalid claims: could not parse nbf", "Internal")
        if now < n:
            return _err("token has invalid claims: token is not valid yet", "Internal")
    return claims


def build(ex: Any) -> LuaTable:
    p = functools.partial
    return LuaTable(
        None,
        {
            "random": LuaTable(
                None,
                {
                    "bytes": p(random_bytes, ex),
                    "string": p(random_string, ex),
                    "uuid": p(random_uuid, ex),
                },
            ),
            "encrypt": LuaTable(
                None, {"aes": p(encrypt_aes, ex), "chacha20": p(encrypt_chacha20, ex)}
            ),
            "decrypt": LuaTable(None, {"aes": decrypt_aes, "chacha20": decrypt_chacha20}),
            "hmac": LuaTable(None, {"sha256": hmac_sha256, "sha512": hmac_sha512}),
            "pbkdf2": pbkdf2,
            "constant_time_compare": constant_time_compare,
            "jwt": LuaTable(None, {"encode": jwt_encode, "verify": p(jwt_verify, ex)}),
            "random_bytes": p(random_bytes, ex),
        },
    )
