"""A payment service for samples/payments, over real HTTP on 127.0.0.1 (tests start it
in-process; ``python -m samples.payments.payment_service`` runs it alone and prints the
variables the workers need).

    POST /v1/charges {"amount", "currency", "payment_token"} -> 200 {"id": "ch_1", ...}
    POST /v1/refunds {"charge"}                              -> 200 {"id": "re_1", ...}

``Authorization: Bearer <key>`` is required (401 otherwise). Token ``tok_declined`` is
declined (402); ``tok_slow`` answers after ``SLOW`` seconds. Every request is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SLOW = 3.0


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that timed out
            super().handle_error(request, client_address)


class PaymentService:
    def __init__(self, api_key: str = "sk-test") -> None:
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._n = 0
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, body = service.handle(self.path, dict(self.headers.items()), raw)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def handle(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any]:
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            payload = None
        with self._lock:
            self._n += 1
            n = self._n
            self.requests.append({"path": path, "headers": headers, "json": payload})
        if headers.get("Authorization") != f"Bearer {self.api_key}":
            return 401, {"error": "unauthorized"}
        if path == "/v1/charges" and isinstance(payload, dict):
            if payload.get("payment_token") == "tok_declined":
                return 402, {"error": "card declined"}
            if payload.get("payment_token") == "tok_slow":
                time.sleep(SLOW)
            return 200, {"id": f"ch_{n}", "amount": payload.get("amount"),
                         "currency": payload.get("currency")}
        if path == "/v1/refunds" and isinstance(payload, dict):
            return 200, {"id": f"re_{n}", "charge": payload.get("charge")}
        return 404, {"error": "not found"}

    def paths(self) -> list[str]:
        with self._lock:
            return [r["path"] for r in self.requests]

    def __enter__(self) -> PaymentService:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    with PaymentService() as svc:
        print(f"export PAYMENTS_URL={svc.url} PAYMENTS_API_KEY={svc.api_key}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
