"""The ``http_client`` module: HTTP requests through the backend (``Backend.http_request``).

    local resp, err = http_client.get("http://127.0.0.1:8080/users", {
        headers = {Accept = "application/json"}, query = {page = "2"}, timeout = 5})
    if err then return nil, err end             -- err is a string (see below)
    resp.status_code, resp.body, resp.headers["Content-Type"], resp.url
    http_client.post(url, {form = {user = "a"}})            -- urlencoded body
    http_client.request("PROPFIND", url, {body = xml})
    local resps, errs = http_client.request_batch({{"GET", u1}, {"POST", u2, {body = "x"}}})

Options, as Wippy's Go code reads them (unknown keys and values of the wrong type are
ignored): ``headers`` (name -> string), ``body`` (string), ``query`` (name -> string, merged
into the URL's query, which is then re-encoded sorted by name as Go's ``url.Values``),
``form`` (name -> string: an ``application/x-www-form-urlencoded`` body, or the fields of a
multipart body with ``files``), ``files`` (``{name=, filename=, content=}`` parts, sent as
``application/octet-stream``), ``cookies`` (name -> value), ``auth`` (``{user=, pass=}``,
basic), ``timeout`` (seconds, or a Go duration string; 30 s by default, for the whole exchange),
``stream`` (true: ``resp.stream`` reads the body in chunks), ``max_response_body`` (bytes, 120
MiB by default), ``unix_socket`` (a socket path to dial), ``tls`` (``cert``, ``key``, ``ca`` PEM
texts, ``server_name``, ``insecure_skip_verify``). ``overlay_network`` (Wippy's registry of
networks) is not supported: an error. There is no security policy: every address is allowed,
loopback and private ones included.

The response is a table: ``status_code``, ``url`` (after redirects), ``body`` (absent when
empty), ``body_size`` (-1 when streaming), ``headers`` (Go's canonical names, first value
only; absent when none), ``cookies`` (absent when none), ``stream``. Any status is a response.

Errors are **strings**, as the module's spec says (SEMANTICS section 6; Wippy's newer Go
returns error objects): the transport's text as Go's ``net/http`` words it, such as
``Get "http://127.0.0.1:9/": dial tcp 127.0.0.1:9: connect: connection refused`` or, for a
timeout, ``... context deadline exceeded (Client.Timeout exceeded while awaiting headers)``.
A timeout is such a value, never a Lua error. Wrong argument types raise.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..lua.errors import LuaError
from ..lua.string import check_int, check_str
from ..lua.values import (
    LuaTable,
    Userdata,
    bytes_to_lua,
    from_lua_str,
    lua_to_bytes,
    lua_type,
    table_from_list,
    to_lua_str,
)
from .backend import HttpFile, HttpRequest, HttpResponse, HttpTLS
from .time import parse_go_duration

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BODY = 120 << 20
DEFAULT_CHUNK = 32 * 1024
METHODS = ("get", "post", "put", "delete", "head", "patch")


# -- Go's URL query encoding ----------------------------------------------------------------

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def query_escape(b: bytes) -> str:
    """Go's ``url.QueryEscape`` of bytes: space as "+", unreserved bytes kept."""
    return "".join(chr(c) if c in _UNRESERVED else "+" if c == 0x20 else "%%%02X" % c
                   for c in b)


def query_unescape(s: bytes) -> bytes | None:
    """Go's ``url.QueryUnescape``: "+" is a space; None for a bad % escape."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x25:
            h = s[i + 1:i + 3]
            if len(h) < 2 or any(x not in b"0123456789abcdefABCDEF" for x in h):
                return None
            out.append(int(h, 16))
            i += 3
            continue
        out.append(0x20 if c == 0x2B else c)
        i += 1
    return bytes(out)


def _bad_escape(s: bytes) -> str:
    """The first malformed escape of ``s``, as Go's error quotes it."""
    i = 0
    while True:
        i = s.index(b"%", i)
        h = s[i + 1:i + 3]
        if len(h) < 2 or any(x not in b"0123456789abcdefABCDEF" for x in h):
            return s[i:i + 3].decode("latin-1")
        i += 3


def encode_values(values: dict[bytes, list[bytes]]) -> str:
    """Go's ``url.Values.Encode``: sorted by key."""
    return "&".join(f"{query_escape(k)}={query_escape(v)}"
                    for k in sorted(values) for v in values[k])


def _parse_query(q: str) -> dict[bytes, list[bytes]]:
    """Go's ``url.ParseQuery`` (malformed pairs skipped, as ``URL.Query`` drops them)."""
    out: dict[bytes, list[bytes]] = {}
    for part in q.encode("latin-1").split(b"&"):
        if not part or b";" in part:
            continue
        k, _, v = part.partition(b"=")
        ku, vu = query_unescape(k), query_unescape(v)
        if ku is None or vu is None:
            continue
        out.setdefault(ku, []).append(vu)
    return out


def _merge_query(url: str, query: dict[bytes, bytes]) -> str:
    parts = urlsplit(url)
    values = _parse_query(parts.query)
    for k, v in query.items():
        values[k] = [v]
    return urlunsplit(parts._replace(query=encode_values(values)))


def encode_uri(s: Any = None, *_: Any) -> str:
    """``url.QueryEscape``: "hello world" -> "hello+world"."""
    return query_escape(lua_to_bytes(check_str(s, 1, "encode_uri")))


def decode_uri(s: Any = None, *_: Any) -> Any:
    """``url.QueryUnescape``, or ``nil, err`` for a bad escape."""
    b = lua_to_bytes(check_str(s, 1, "decode_uri"))
    out = query_unescape(b)
    if out is None:
        return None, f'invalid URL escape "{_bad_escape(b)}"'
    return bytes_to_lua(out)


# -- options ------------------------------------------------------------------------------


def _str_pairs(t: Any) -> list[tuple[str, str]]:
    """The (string key, string value) entries of a table, in its order; others ignored."""
    if type(t) is not LuaTable:
        return []
    return [(k, v) for k, v in t.hash.items() if type(k) is str and type(v) is str]


def _timeout(v: Any) -> float:
    t = type(v)
    if t is int or t is float:
        secs = float(v)
    elif t is str:
        ns = parse_go_duration(v)
        secs = ns / 1e9 if ns is not None else 0.0
    else:
        secs = 0.0
    return secs if secs > 0 else DEFAULT_TIMEOUT


def build_request(method: str, url: str, opts: Any, batch: bool = False) -> HttpRequest | str:
    """The request the options describe, or an error message."""
    req = HttpRequest(method.upper(), from_lua_str(url), timeout=DEFAULT_TIMEOUT,
                      max_body=DEFAULT_MAX_BODY)
    if type(opts) is not LuaTable:
        return req
    o = opts.hash
    if type(o.get("overlay_network")) is str and o["overlay_network"]:
        return f"overlay networks are not supported: {from_lua_str(o['overlay_network'])}"
    req.headers = _str_pairs(o.get("headers"))
    body = o.get("body")
    if type(body) is str:
        req.body = lua_to_bytes(body)
    query = _str_pairs(o.get("query"))
    if query:
        req.url = from_lua_str(_merge_query(url, {lua_to_bytes(k): lua_to_bytes(v)
                                                  for k, v in query}))
    if type(o.get("form")) is LuaTable:
        form = sorted(_str_pairs(o["form"]))
        req.form = [(from_lua_str(k), from_lua_str(v)) for k, v in form]
    files = o.get("files")
    if type(files) is LuaTable:
        for f in files.arr:
            if type(f) is not LuaTable:
                continue
            name, content = f.get("name"), f.get("content")
            if type(name) is not str or not name or type(content) is not str:
                continue  # a part without a name or data is skipped, as Wippy does
            filename = f.get("filename")
            req.files.append(HttpFile(from_lua_str(name),
                                      from_lua_str(filename) if type(filename) is str else "",
                                      lua_to_bytes(content)))
        if req.files and req.form is None:
            req.form = []
    req.cookies = _str_pairs(o.get("cookies"))
    auth = o.get("auth")
    if type(auth) is LuaTable:
        user, pw = auth.get("user"), auth.get("pass")
        if type(user) is str:
            req.auth = (from_lua_str(user), from_lua_str(pw) if type(pw) is str else "")
    req.timeout = _timeout(o.get("timeout"))
    mb = o.get("max_response_body")
    if type(mb) in (int, float) and mb > 0:
        req.max_body = int(mb)
    if o.get("stream") is True:
        if batch:
            return "streaming not supported in batch requests"
        req.stream = True
    sock = o.get("unix_socket")
    if type(sock) is str and sock:
        req.unix_socket = from_lua_str(sock)
    tls = o.get("tls")
    if type(tls) is LuaTable:
        def pem(k: str) -> bytes | None:
            v = tls.get(k)
            return lua_to_bytes(v) if type(v) is str and v else None

        sn = tls.get("server_name")
        req.tls = HttpTLS(pem("cert"), pem("key"), pem("ca"),
                          from_lua_str(sn) if type(sn) is str and sn else None,
                          tls.get("insecure_skip_verify") is True)
    return req


# -- responses ----------------------------------------------------------------------------


def canonical_header(name: str) -> str:
    """Go's ``textproto.CanonicalMIMEHeaderKey``: "content-type" -> "Content-Type"; a name
    with a byte that is no token character is left as it is."""
    if any(not (c.isascii() and (c.isalnum() or c in "!#$%&'*+-.^_`|~")) for c in name):
        return name
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


def response_table(r: HttpResponse) -> LuaTable:
    h: dict[str, Any] = {"status_code": r.status_code, "url": to_lua_str(r.url)}
    headers: dict[str, str] = {}
    for k, v in r.headers:
        headers.setdefault(canonical_header(k), v)
    if headers:
        h["headers"] = LuaTable(None, headers)
    if r.cookies:
        h["cookies"] = LuaTable(None, dict(r.cookies))
    if r.stream is not None:
        h["body_size"] = -1
        h["stream"] = Stream(r.stream)
    else:
        if r.body:
            h["body"] = bytes_to_lua(r.body)
        h["body_size"] = len(r.body)
    return LuaTable(None, h)


class Stream(Userdata):
    """``resp.stream``: ``read([n])`` -> chunk, or nil at the end (an error as the second
    value); ``close()``; ``bytes_read()``."""

    __slots__ = ("s",)

    def __init__(self, s: Any) -> None:
        self.s = s

    def lua_tostring(self) -> str:
        return f"stream: 0x{id(self) & 0xFFFFFFFF:08x}"


async def _read(self: Stream, n: Any = None, *_: Any) -> Any:
    size = DEFAULT_CHUNK if n is None else check_int(n, 1, "read")
    if size <= 0:
        size = DEFAULT_CHUNK
    chunk, err = await self.s.read(size)
    if err is not None:
        return None, err
    if not chunk:
        return None
    return bytes_to_lua(chunk)


def _close(self: Stream, *_: Any) -> Any:
    # closing only returns the connection: no need to wait for it (the backend's aclose
    # ends whatever is still open with the execution)
    asyncio.get_running_loop().create_task(self.s.close())
    return True


def _bytes_read(self: Stream, *_: Any) -> int:
    return int(self.s.bytes_read)


Stream.lua_methods = {"read": _read, "close": _close, "bytes_read": _bytes_read}


# -- requests -----------------------------------------------------------------------------


async def _send(ex: Any, req: HttpRequest) -> tuple[LuaTable | None, str | None]:
    resp, err = await ex.backend.http_request(req)
    if resp is None:
        return None, to_lua_str(err or "request failed")
    return response_table(resp), None


def _check_url(url: Any, n: int, fname: str) -> str:
    s = check_str(url, n, fname)
    if s == "":
        raise LuaError(f"bad argument #{n} to '{fname}' (URL required)")
    return s


async def request(ex: Any, method: Any = None, url: Any = None, options: Any = None,
                  *_: Any) -> Any:
    """Any method: ``request("PROPFIND", url, options)``."""
    m = check_str(method, 1, "request")
    if m == "":
        raise LuaError("bad argument #1 to 'request' (method required)")
    req = build_request(m, _check_url(url, 2, "request"), options)
    if isinstance(req, str):
        return None, to_lua_str(req)
    return await _send(ex, req)


async def _method(name: str, ex: Any, url: Any = None, options: Any = None, *_: Any) -> Any:
    req = build_request(name, _check_url(url, 1, name), options)
    if isinstance(req, str):
        return None, to_lua_str(req)
    return await _send(ex, req)


get = functools.partial(_method, "get")
post = functools.partial(_method, "post")
put = functools.partial(_method, "put")
delete = functools.partial(_method, "delete")
head = functools.partial(_method, "head")
patch = functools.partial(_method, "patch")


async def request_batch(ex: Any, requests: Any = None, *_: Any) -> Any:
    """Every request of ``{{method, url[, options]}, ...}`` at once: ``responses, errors``
    indexed as the requests (``errors`` nil when all succeeded), or ``nil, err`` when an
    entry is malformed (then nothing is sent)."""
    if type(requests) is not LuaTable:
        raise LuaError("bad argument #1 to 'request_batch' "
                       f"(table expected, got {lua_type(requests)})")
    entries = requests.arr
    if not entries:
        raise LuaError("bad argument #1 to 'request_batch' (requests table cannot be empty)")
    reqs: list[HttpRequest] = []
    for e in entries:
        if type(e) is not LuaTable:
            return None, "each request must be a table"
        m, u, o = e.get(1), e.get(2), e.get(3)
        if type(m) is not str:
            return None, "method must be a string"
        if type(u) is not str:
            return None, "URL must be a string"
        r = build_request(m, u, o, batch=True)
        if isinstance(r, str):
            return None, to_lua_str(r)
        reqs.append(r)
    results = await asyncio.gather(*(_send(ex, r) for r in reqs))
    resps = [r for r, _ in results]
    errs = [e for _, e in results]
    return table_from_list(resps), (table_from_list(errs) if any(errs) else None)


def build(ex: Any) -> LuaTable:
    p = functools.partial
    h: dict[str, Any] = {n: p(globals()[n], ex) for n in METHODS}
    h["request"] = p(request, ex)
    h["request_batch"] = p(request_batch, ex)
    h["encode_uri"] = encode_uri
    h["decode_uri"] = decode_uri
    return LuaTable(None, h)
