"""The ``http_client`` module against real local HTTP servers (``http.server`` in threads on
127.0.0.1, over TCP, TLS and a Unix socket): no mocks.

Expected answers: Wippy's http_client (modules.md section 13, read from
``runtime/lua/modules/http_client`` module.go @0820480 and the "HTTP-Client" docs): options
as tables, the response table's fields (``body`` absent when empty, canonical header names,
first value only), any status a response, ``request_batch`` concurrent with ``responses,
errors``; errors are strings (SEMANTICS section 6) worded as Go's ``net/http`` words them
(``*url.Error``: ``Op "URL": reason``, Op the method with only its first letter upper case)."""

from __future__ import annotations

import datetime
import json
import os
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from luac2py_runtime.host.io import HostIO
from tests.unit.hostlua import run_lua


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        path = self.path.split("?")[0]
        if path.startswith("/status/"):
            return self._send(int(path.rsplit("/", 1)[1]), b"status body")
        if path == "/empty":
            return self._send(204 if self.command != "GET" else 200, b"")
        if path == "/hold":  # answers once the test releases it (or after 10 s)
            self.server.release.wait(10)
            return self._send(200, b"late")
        if path == "/slowbody":
            self.send_response(200)
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.write(b"12345")
            self.wfile.flush()
            self.server.release.wait(10)
            return None
        if path == "/barrier":  # holds every request until all of the batch have arrived
            try:
                self.server.barrier.wait()
            except threading.BrokenBarrierError:
                return self._send(500, b"not concurrent")
            return self._send(200, self.path.encode())
        if path == "/redirect":
            return self._send(302, b"", [("Location", "/echo?from=redirect")])
        if path == "/cookies":
            self.send_response(200)
            self.send_header("Set-Cookie", "session=abc; Path=/; HttpOnly")
            self.send_header("Set-Cookie", 'theme="dark"')
            self.send_header("X-Multi", "one")
            self.send_header("X-Multi", "two")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/big":
            return self._send(200, b"x" * 5000)
        echo = {"method": self.command, "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("latin-1")}
        return self._send(200, json.dumps(echo).encode(), [("content-type", "application/json")])

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_PROPFIND = _handle


class _HangUpsQuiet:
    """A client that timed out on purpose hangs up: not an error of the server's to print."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[misc]


class Server(_HangUpsQuiet, ThreadingHTTPServer):
    pass


class UnixServer(_HangUpsQuiet, socketserver.ThreadingUnixStreamServer):
    pass


def _serve(server: Any) -> Any:
    server.release = threading.Event()
    server.barrier = threading.Barrier(1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def srv() -> Iterator[Any]:
    s = _serve(Server(("127.0.0.1", 0), Handler))
    s.url = f"http://127.0.0.1:{s.server_port}"
    yield s
    s.release.set()
    s.shutdown()


@pytest.fixture
def fresh(srv: Any) -> Iterator[Any]:
    """The server with a fresh gate for /hold and /slowbody, opened after the test."""
    srv.release = threading.Event()
    yield srv
    srv.release.set()


def lua(src: str, srv: Any, **kw: Any) -> list[str]:
    return run_lua(f'local http = require("http_client")\nlocal json = require("json")\n'
                   f'local URL = "{srv.url}"\n' + src, **kw)


def test_get_with_query_headers_cookies_auth(srv: Any) -> None:
    out = lua("""
        local r, err = http.get(URL .. "/echo?b=2&a=old", {
            query = {a = "1 2", ["c&d"] = "é"}, headers = {["X-Token"] = "t1", Accept = "application/json"},
            cookies = {sid = "s1"}, auth = {user = "alice", pass = "pw"}})
        print(err, r.status_code, r.url, r.headers["Content-Type"], r.body_size == #r.body)
        local e = json.decode(r.body)
        print(e.method, e.path, e.headers["x-token"], e.headers.accept, e.headers.cookie, e.headers.authorization)
    """, srv)
    assert out[0] == (f"nil\t200\t{srv.url}/echo?a=1+2&b=2&c%26d=%C3%A9\tapplication/json\ttrue")
    assert out[1] == ("GET\t/echo?a=1+2&b=2&c%26d=%C3%A9\tt1\tapplication/json\tsid=s1\t"
                      "Basic YWxpY2U6cHc=")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_methods_with_a_json_body(srv: Any, method: str) -> None:
    out = lua(f"""
        local body = json.encode({{name = "Alice", n = 2}})
        local r, err = http.{method}(URL .. "/echo", {{headers = {{["Content-Type"] = "application/json"}}, body = body}})
        local e = json.decode(r.body)
        print(err, r.status_code, e.method, e.headers["content-type"], e.body == body, json.decode(e.body).name)
    """, srv)
    assert out == [f"nil\t200\t{method.upper()}\tapplication/json\ttrue\tAlice"]


def test_head_custom_method_and_empty_bodies(srv: Any) -> None:
    out = lua("""
        local r = http.head(URL .. "/echo")
        print(r.status_code, r.body, r.body_size, r.headers["Content-Length"] ~= nil)
        r = http.request("propfind", URL .. "/echo", {headers = {Depth = "1"}})
        local e = json.decode(r.body)
        print(e.method, e.headers.depth)
        r = http.get(URL .. "/empty")
        print(r.status_code, r.body, r.body_size)
    """, srv)
    assert out == ["200\tnil\t0\ttrue", "PROPFIND\t1", "200\tnil\t0"]


def test_form_and_files(srv: Any) -> None:
    out = lua("""
        local r = http.post(URL .. "/echo", {form = {user = "a b", pass = "p&q"}, body = "ignored"})
        local e = json.decode(r.body)
        print(e.headers["content-type"], e.body)
        r = http.post(URL .. "/echo", {form = {title = "Doc"}, files = {
            {name = "attachment", filename = "r.bin", content = "\\0\\1\\2bytes", content_type = "application/pdf"},
            {filename = "no-name.txt", content = "skipped"}}})
        e = json.decode(r.body)
        print(e.headers["content-type"]:match("^multipart/form%-data; boundary=") ~= nil)
        print(e.body:find('name="title"', 1, true) ~= nil, e.body:find("Doc", 1, true) ~= nil)
        print(e.body:find('name="attachment"; filename="r.bin"', 1, true) ~= nil,
              e.body:find("application/octet-stream", 1, true) ~= nil,
              e.body:find("\\0\\1\\2bytes", 1, true) ~= nil, e.body:find("skipped", 1, true))
    """, srv)
    assert out == ["application/x-www-form-urlencoded\tpass=p%26q&user=a+b", "true",
                   "true\ttrue", "true\ttrue\ttrue\tnil"]


def test_status_codes_are_responses(srv: Any) -> None:
    out = lua("""
        for _, code in ipairs({201, 301, 404, 500, 503}) do
            local r, err = http.get(URL .. "/status/" .. code)
            print(code, r.status_code, r.body, err)
        end
    """, srv)
    assert out == [f"{c}\t{c}\tstatus body\tnil" for c in (201, 301, 404, 500, 503)]


def test_redirects_cookies_and_headers(srv: Any) -> None:
    out = lua("""
        local r = http.get(URL .. "/redirect")
        print(r.status_code, r.url, json.decode(r.body).path)
        r = http.get(URL .. "/cookies")
        print(r.cookies.session, r.cookies.theme, r.headers["X-Multi"], r.headers["Set-Cookie"], r.body)
        r = http.get(URL .. "/echo")
        print(json.decode(r.body).headers.cookie)  -- no cookie jar between requests
    """, srv)
    assert out == [f"200\t{srv.url}/echo?from=redirect\t/echo?from=redirect",
                   "abc\tdark\tone\tsession=abc; Path=/; HttpOnly\tnil", "nil"]


def test_timeout_is_an_error_value(fresh: Any) -> None:
    url = f"{fresh.url}/hold"
    out = lua("""
        local r, err = http.get(URL .. "/hold", {timeout = 0.2})
        print(r, type(err), err)
        r, err = http.post(URL .. "/hold", {timeout = "150ms", body = "x"})
        print(r, err)
    """, fresh)
    assert out == [
        f'nil\tstring\tGet "{url}": context deadline exceeded (Client.Timeout exceeded while '
        "awaiting headers)",
        f'nil\tPost "{url}": context deadline exceeded (Client.Timeout exceeded while '
        "awaiting headers)"]


def test_timeout_while_reading_the_body(fresh: Any) -> None:
    # the headers come at once and the body never ends; the timeout leaves a loaded machine
    # time to deliver the headers, so that it always ends while reading the body
    out = lua("""
        local r, err = http.get(URL .. "/slowbody", {timeout = 2})
        print(r, err)
    """, fresh)
    assert out == [f'nil\tGet "{fresh.url}/slowbody": context deadline exceeded '
                   "(Client.Timeout or context cancellation while reading body)"]


def test_transport_errors_are_strings() -> None:
    out = run_lua("""
        local http = require("http_client")
        print(http.get("http://127.0.0.1:1/x"))
        print(http.delete("ftp://example.invalid/"))
        print(http.get("http://127.0.0.1:1/", {overlay_network = "app:tor"}))
    """)
    assert out == ['nil\tGet "http://127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection '
                   "refused",
                   'nil\tDelete "ftp://example.invalid/": unsupported protocol scheme "ftp"',
                   "nil\toverlay networks are not supported: app:tor"]


def test_max_response_body(srv: Any) -> None:
    out = lua("""
        print(http.get(URL .. "/big", {max_response_body = 100}))
        local r = http.get(URL .. "/big", {max_response_body = 5000})
        print(#r.body)
    """, srv)
    assert out == ["nil\tresponse body too large (max 100 bytes)", "5000"]


def test_streaming(srv: Any) -> None:
    out = lua("""
        local r = http.get(URL .. "/big", {stream = true})
        print(r.body, r.body_size)
        local s, total, n = r.stream, 0, 0
        while true do
            local chunk, err = s:read(1024)
            if err then error(err) end
            if not chunk then break end
            total, n = total + #chunk, n + 1
        end
        print(total, n >= 5, s:bytes_read(), s:close())
    """, srv)
    assert out == ["nil\t-1", "5000\ttrue\t5000\ttrue"]


def test_request_batch_is_concurrent(srv: Any) -> None:
    # the server holds each request until all three have arrived: sent one after the other,
    # the first would wait for the barrier's 10 s and come back as 500
    srv.barrier = threading.Barrier(3, timeout=10)
    out = lua("""
        local rs, errs = http.request_batch({
            {"GET", URL .. "/barrier?i=1"},
            {"POST", URL .. "/barrier?i=2", {body = "x"}},
            {"PUT", URL .. "/barrier?i=3"}})
        print(errs, #rs, rs[1].status_code, rs[1].body, rs[2].body, rs[3].body)
    """, srv)
    assert out == ["nil\t3\t200\t/barrier?i=1\t/barrier?i=2\t/barrier?i=3"]


def test_request_batch_errors(srv: Any) -> None:
    out = lua("""
        local rs, errs = http.request_batch({{"GET", URL .. "/status/404"}, {"GET", "http://127.0.0.1:1/"}})
        print(rs[1].status_code, rs[2], errs[1], errs[2] ~= nil, type(errs[2]))
        print(http.request_batch({{"GET", URL}, "x"}))
        print(http.request_batch({{1, URL}}))
        print(http.request_batch({{"GET", 5}}))
        print(http.request_batch({{"GET", URL, {stream = true}}}))
        print(pcall(http.request_batch, {}))
    """, srv)
    assert out[:5] == ["404\tnil\tnil\ttrue\tstring", "nil\teach request must be a table",
                       "nil\tmethod must be a string", "nil\tURL must be a string",
                       "nil\tstreaming not supported in batch requests"]
    assert "requests table cannot be empty" in out[5] and out[5].startswith("false")


def test_uri_helpers_and_argument_errors() -> None:
    out = run_lua("""
        local http = require("http_client")
        print(http.encode_uri("hello world"), http.encode_uri("a&b=c/d?é~_-."))
        print(http.decode_uri("hello+world%21"), http.decode_uri("%41%zz"))
        print(pcall(http.get))
        print(pcall(http.get, ""))
        print(pcall(http.request, "", "http://x/"))
    """)
    assert out[0] == "hello+world\ta%26b%3Dc%2Fd%3F%C3%A9~_-."
    assert out[1] == 'hello world!\tnil\tinvalid URL escape "%zz"'
    assert out[2].startswith("false\tbad argument #1 to get (string expected, got nil)")
    assert out[3].startswith("false\tbad argument #1 to 'get' (URL required)")
    assert out[4].startswith("false\tbad argument #1 to 'request' (method required)")


def test_unix_socket() -> None:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "s.sock")
        s = _serve(UnixServer(path, Handler))
        try:
            out = run_lua(f"""
                local http = require("http_client")
                local json = require("json")
                local r, err = http.get("http://ignored.invalid/echo?u=1", {{unix_socket = "{path}"}})
                print(err, r.status_code, json.decode(r.body).path)
            """)
        finally:
            s.shutdown()
            s.server_close()
    assert out == ["nil\t200\t/echo?u=1"]


def _self_signed(d: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "luac2py test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("svc.test")]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    (d / "c.pem").write_text(cert_pem)
    (d / "k.pem").write_text(key_pem)
    return cert_pem, key_pem


def test_tls_ca_and_insecure_skip_verify(tmp_path: Path) -> None:
    cert_pem, _ = _self_signed(tmp_path)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    s = _serve(server)
    url = f"https://127.0.0.1:{s.server_port}"
    try:
        out = run_lua(f"""
            local http = require("http_client")
            local CA = [[{cert_pem}]]
            local r, err = http.get("{url}/status/200")
            print(r, err ~= nil and err:find("certificate", 1, true) ~= nil)
            r, err = http.get("{url}/status/201", {{tls = {{ca = CA}}}})
            print(err, r.status_code)
            r, err = http.get("{url}/status/202", {{tls = {{insecure_skip_verify = true}}}})
            print(err, r.status_code)
        """)
    finally:
        s.shutdown()
        s.server_close()
    assert out == ["nil\ttrue", "nil\t201", "nil\t202"]


def test_connections_are_closed_with_the_execution(srv: Any) -> None:
    import asyncio

    from tests.unit.hostlua import Capture, arun_lua

    backend = Capture()

    async def run() -> None:
        await arun_lua(f'local http = require("http_client")\n'
                       f'print(http.get("{srv.url}/echo").status_code)', backend)

    asyncio.run(run())
    assert backend.lines == ["200"] and isinstance(backend, HostIO)
    assert backend._http is None  # run_chunk awaited aclose


def test_luac2py_exec_timeout_prints_no_traceback(fresh: Any, tmp_path: Path) -> None:
    script = tmp_path / "t.lua"
    script.write_text('local http = require("http_client")\n'
                      f'local r, err = http.get("{fresh.url}/hold", {{timeout = 0.2}})\n'
                      "print(r, err)\n")
    p = subprocess.run([sys.executable, "-m", "luac2py.cli", "exec", str(script)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout == (f'nil\tGet "{fresh.url}/hold": context deadline exceeded '
                        "(Client.Timeout exceeded while awaiting headers)\n")
    assert "Traceback" not in p.stderr
