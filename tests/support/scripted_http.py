"""Small HTTP servers on 127.0.0.1 for client tests: one that answers what a test scripts, and a
proxy in front of the real server that can lose answers on the way back.
"""

from __future__ import annotations

import http.client
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

Reply = Callable[[BaseHTTPRequestHandler], None]


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str | None = "application/json",
    headers: dict[str, str] | None = None,
) -> None:
    """Write one complete answer with a correct Content-Length."""
    handler.send_response(status)
    if content_type is not None:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    # Quiet: a client hanging up on purpose is not an error worth a traceback.
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@dataclass
class ScriptedServer:
    """Answers each request with `routes[(method, path)]`; the path includes the query."""

    routes: dict[tuple[str, str], Reply] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    # A server-side context makes it an https server.
    tls: ssl.SSLContext | None = None
    _httpd: _Server | None = None

    @property
    def root(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host}:{port}"

    def route(self, method: str, path: str, reply: Reply) -> None:
        self.routes[(method, f"/api/v1{path}")] = reply

    def start(self) -> ScriptedServer:
        script = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                script.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                reply = script.routes.get((self.command, self.path))
                if reply is None:
                    send(self, 599, b'{"error": {"code": "unscripted", "message": "unscripted"}}')
                    return
                reply(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        if self.tls is not None:
            self._httpd.socket = self.tls.wrap_socket(self._httpd.socket, server_side=True)
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


@dataclass
class LossyProxy:
    """Forwards every request to the real server, but loses some answers on the way back.

    `drop[method] = n` makes the next n requests of that method reach the server (which acts on
    them) and then hangs up without answering: what a client sees when a connection dies just
    after the request went out.
    """

    upstream_root: str
    drop: dict[str, int] = field(default_factory=dict)
    forwarded: list[tuple[str, str, int, bytes]] = field(default_factory=list)
    _httpd: _Server | None = None

    @property
    def root(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def count(self, method: str, path_prefix: str = "") -> int:
        return sum(1 for m, p, _, _ in self.forwarded if m == method and p.startswith(path_prefix))

    def start(self) -> LossyProxy:
        proxy = self
        upstream = urlsplit(self.upstream_root)
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
                try:
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    answer = conn.getresponse()
                    answer_body = answer.read()
                    answer_headers = [
                        (k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP
                    ]
                finally:
                    conn.close()
                proxy.forwarded.append((self.command, self.path, answer.status, answer_body))
                with lock:
                    lose = proxy.drop.get(self.command, 0) > 0
                    if lose:
                        proxy.drop[self.command] -= 1
                if lose:
                    self.close_connection = True
                    return
                self.send_response(answer.status)
                for name, value in answer_headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer_body)))
                self.end_headers()
                self.wfile.write(answer_body)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
