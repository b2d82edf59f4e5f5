"""``HostIO``: the I/O half of a backend that is not a workflow (``LocalBackend`` of
``luac2py exec``, the backends of Lua functions). A mixin: put it before ``Backend`` in the
bases.

    class MyBackend(HostIO, Backend): ...
    ...
    try:
        await ex.run_main(...)
    finally:
        await backend.aclose()      # the HTTP connections opened by this execution

It serves the backend methods of ``modules.backend`` that the modules ``http_client``, ``env``
and ``logger`` use, plus ``secure_random`` for ``uuid`` and ``crypto``:

* HTTP through one ``httpx.AsyncClient`` per backend, made on the first request (a script
  that never sends one never imports httpx), plus one per distinct ``unix_socket`` / ``tls``
  setting; ``aclose`` closes them all. There is no security policy: loopback and private
  addresses are allowed. As Go's ``http.Client``: redirects followed (at most 10), no cookie
  jar, one timeout for the whole exchange including the body, errors worded as ``net/http``
  words them (``Get "URL": context deadline exceeded (...)``).
* The environment is the process's (``os.environ``), read-only.
* Log records go to Python's ``logging``, logger ``luac2py.lua`` (``luac2py.lua.NAME`` after
  ``logger:named``), with the fields both in the message and in ``record.lua_fields``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import ssl
import tempfile
from typing import Any
from urllib.parse import urlsplit

from ..modules.backend import HttpRequest, HttpResponse, HttpStream, HttpTLS

LOGGER = "luac2py.lua"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warn": logging.WARNING,
           "error": logging.ERROR}
_CHUNK = 64 * 1024


class HostIO:
    _http: dict[Any, Any] | None = None  # client key -> httpx.AsyncClient, made on first use

    # -- randomness --------------------------------------------------------------------------
    def secure_random(self) -> random.Random:
        return random.SystemRandom()

    # -- env ---------------------------------------------------------------------------------
    def getenv(self, name: str) -> str | None:
        return os.environ.get(name)

    def environ(self) -> dict[str, str]:
        return dict(os.environ)

    # -- logger ------------------------------------------------------------------------------
    def log(self, level: str, message: str, fields: dict[str, Any], name: str = "") -> None:
        logger = logging.getLogger(f"{LOGGER}.{name}" if name else LOGGER)
        lv = _LEVELS.get(level, logging.INFO)
        if not logger.isEnabledFor(lv):
            return
        text = message
        if fields:
            text += "\t" + json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
        logger.log(lv, "%s", text, extra={"lua_fields": fields})

    # -- http_client -------------------------------------------------------------------------
    def _client(self, req: HttpRequest) -> Any:
        import httpx
        from http.cookiejar import CookieJar, DefaultCookiePolicy

        tls = req.tls
        key = (req.unix_socket, None if tls is None else
               (tls.cert, tls.key, tls.ca, tls.insecure_skip_verify))
        if self._http is None:
            self._http = {}
        client = self._http.get(key)
        if client is None:
            verify: Any = True if tls is None else _ssl_context(tls)
            transport = httpx.AsyncHTTPTransport(uds=req.unix_socket, verify=verify)
            client = httpx.AsyncClient(
                transport=transport, follow_redirects=True, max_redirects=10, timeout=None,
                # Go's default client keeps no cookies between requests
                cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])))
            self._http[key] = client
        return client

    async def http_request(self, request: HttpRequest) -> tuple[HttpResponse | None, str | None]:
        import httpx

        req = request
        op = req.method[:1] + req.method[1:].lower()  # Go's url.Error Op: "Get", "Post"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + req.timeout
        try:
            client = self._client(req)
        except (ssl.SSLError, ValueError, OSError) as e:
            return None, f"invalid TLS configuration: {e}"
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in req.headers]
        if req.cookies:
            headers.append((b"Cookie", "; ".join(f"{k}={v}" for k, v in req.cookies)
                            .encode("latin-1")))
        kw: dict[str, Any] = {}
        if req.files:
            kw["data"] = dict(req.form or ())
            kw["files"] = [(f.name, (f.filename, f.content, "application/octet-stream"))
                           for f in req.files]
        elif req.form is not None:
            kw["data"] = dict(req.form)
        elif req.body is not None:
            kw["content"] = req.body
        ext = {"sni_hostname": req.tls.server_name} if req.tls and req.tls.server_name else None
        url = req.url
        try:
            async with asyncio.timeout_at(deadline):
                hreq = client.build_request(req.method, url, headers=headers, extensions=ext,
                                            **kw)
                resp = await client.send(hreq, stream=True,
                                         auth=req.auth if req.auth else httpx.USE_CLIENT_DEFAULT)
        except TimeoutError:
            return None, (f'{op} "{url}": context deadline exceeded '
                          "(Client.Timeout exceeded while awaiting headers)")
        except httpx.TooManyRedirects as e:
            last = str(e.request.url) if _has_request(e) else url
            return None, f'{op} "{last}": stopped after 10 redirects'
        except Exception as e:  # every transport failure is an error value, never a traceback
            return None, f'{op} "{url}": {_describe(e, url)}'
        final = str(resp.url)
        raw = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in resp.headers.raw]
        cookies = _set_cookies(raw)
        if req.stream:
            return HttpResponse(resp.status_code, final, raw, cookies,
                                stream=_Stream(resp, deadline, op, final)), None
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout_at(deadline):
                async for chunk in resp.aiter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > req.max_body:
                        return None, f"response body too large (max {req.max_body} bytes)"
                    chunks.append(chunk)
        except TimeoutError:
            return None, (f'{op} "{final}": context deadline exceeded '
                          "(Client.Timeout or context cancellation while reading body)")
        except Exception as e:
            return None, f'{op} "{final}": {_describe(e, final)}'
        finally:
            await resp.aclose()
        return HttpResponse(resp.status_code, final, raw, cookies, b"".join(chunks)), None

    async def aclose(self) -> None:
        clients, self._http = self._http, None
        for c in (clients or {}).values():
            await c.aclose()


class _Stream(HttpStream):
    def __init__(self, resp: Any, deadline: float, op: str, url: str) -> None:
        self.resp = resp
        self.deadline = deadline
        self.op = op
        self.url = url
        self.it = resp.aiter_bytes()
        self.pending = b""
        self.bytes_read = 0
        self.closed = False

    async def read(self, n: int) -> tuple[bytes, str | None]:
        if self.closed:
            return b"", "stream is closed"
        try:
            async with asyncio.timeout_at(self.deadline):
                while not self.pending:
                    try:
                        self.pending = await self.it.__anext__()
                    except StopAsyncIteration:
                        return b"", None
        except TimeoutError:
            return b"", ("context deadline exceeded "
                         "(Client.Timeout or context cancellation while reading body)")
        except Exception as e:
            return b"", _describe(e, self.url)
        out, self.pending = self.pending[:n], self.pending[n:]
        self.bytes_read += len(out)
        return out, None

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            await self.resp.aclose()


def _has_request(e: Any) -> bool:
    try:
        e.request
    except RuntimeError:
        return False
    return True


def _describe(e: BaseException, url: str) -> str:
    """The reason part of a Go ``*url.Error`` for an httpx failure."""
    import httpx

    parts = urlsplit(url)
    if isinstance(e, httpx.UnsupportedProtocol):
        return f'unsupported protocol scheme "{parts.scheme}"'
    if isinstance(e, httpx.ConnectError):
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            port = 0
        addr = f"{parts.hostname}:{port}"
        causes = []
        c: BaseException | None = e
        while c is not None:
            causes.append(c)
            c = c.__cause__ or c.__context__
        if any(isinstance(x, ConnectionRefusedError) for x in causes) or \
                "refused" in str(e).lower():
            return f"dial tcp {addr}: connect: connection refused"
        return f"dial tcp {addr}: {e}"
    if isinstance(e, httpx.RemoteProtocolError):
        return f"malformed HTTP response: {e}" if str(e) else "EOF"
    return str(e) or type(e).__name__


def _set_cookies(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, value) of each Set-Cookie header, as Go's ``readSetCookies`` reads them."""
    out = []
    for k, v in headers:
        if k.lower() != "set-cookie":
            continue
        pair = v.split(";", 1)[0].strip()
        name, eq, value = pair.partition("=")
        name = name.strip()
        if not eq or not name:
            continue
        value = value.strip()
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        out.append((name, value))
    return out


def _ssl_context(tls: HttpTLS) -> ssl.SSLContext:
    """An SSL context for the ``tls`` option: a custom CA replaces the system pool, as Go's
    ``RootCAs`` does; a client certificate for mTLS; or no verification at all."""
    if tls.ca:
        ctx = ssl.create_default_context(cadata=tls.ca.decode("latin-1"))
    else:
        ctx = ssl.create_default_context()
    if tls.insecure_skip_verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if tls.cert or tls.key:
        # ssl loads a certificate chain only from files: write them to a private folder
        with tempfile.TemporaryDirectory() as d:
            cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
            with open(cert, "wb") as f:
                f.write(tls.cert or b"")
            with open(key, "wb") as f:
                f.write(tls.key or b"")
            ctx.load_cert_chain(cert, key)
    return ctx
