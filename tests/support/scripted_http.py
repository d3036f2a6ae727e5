"""One small HTTP server on 127.0.0.1 for the tests, and the servers built on it.

`ScriptedHttp` listens on a free port, reads each request whole and hands it to `handle()`; the
servers differ only in what they do there:

    ScriptedServer  answers what a test scripts for each (method, path)
    LossyProxy      forwards to the real server and loses some answers on the way back
    FaultProxy      forwards, injecting one armed fault at a time (fault_proxy.py)
    HostileServer   plays answers hostile down to the byte (tests/reliability/hostile_server.py)
"""

from __future__ import annotations

import contextlib
import http.client
import ssl
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import urlsplit

Reply = Callable[[BaseHTTPRequestHandler], None]
Headers = Iterable[tuple[str, str]]

# Headers about one connection, not the message: a proxy sets its own.
HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "host", "content-length"})


@dataclass
class Seen:
    """A request as it arrived; the path includes the query."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def answer(handler: BaseHTTPRequestHandler, status: int, headers: Headers, body: bytes) -> None:
    """Write one complete answer with a correct Content-Length."""
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str | None = "application/json",
    headers: dict[str, str] | None = None,
) -> None:
    typed = [("Content-Type", content_type)] if content_type is not None else []
    answer(handler, status, [*typed, *(headers or {}).items()], body)


def hang_up(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection without (another) word once the handler returns."""
    handler.close_connection = True


@dataclass
class Upstream:
    """What the real server answered, less the hop-by-hop headers."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def forward(upstream_root: str, request: Seen) -> Upstream | None:
    """Send `request` to the real server; None when nobody is listening there (a restart)."""
    target = urlsplit(upstream_root)
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    conn = http.client.HTTPConnection(target.hostname or "", target.port, timeout=30)
    try:
        conn.request(request.method, request.path, body=request.body or None, headers=headers)
        got = conn.getresponse()
        body = got.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()
    kept = [(k, v) for k, v in got.getheaders() if k.lower() not in HOP_BY_HOP]
    return Upstream(got.status, kept, body)


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    # A client hanging up on purpose is not an error worth a traceback.
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class ScriptedHttp:
    """The listener the servers below share; a server-side `tls` context makes it https."""

    tls: ssl.SSLContext | None = None
    _httpd: _Quiet | None = None

    def handle(self, handler: BaseHTTPRequestHandler, request: Seen) -> None:
        raise NotImplementedError

    @property
    def root(self) -> str:
        assert self._httpd is not None
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._httpd.server_port}"

    def start(self) -> Self:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                try:
                    server.handle(self, Seen(self.command, self.path, dict(self.headers), body))
                except OSError:
                    hang_up(self)  # the client hung up first (it gave up waiting)
                if self.close_connection:
                    with contextlib.suppress(OSError):
                        self.wfile.flush()

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        self._httpd = _Quiet(("127.0.0.1", 0), Handler)
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


@dataclass
class ScriptedServer(ScriptedHttp):
    """Answers each request with `routes[(method, path)]`; the path includes the query."""

    routes: dict[tuple[str, str], Reply] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    tls: ssl.SSLContext | None = None

    def route(self, method: str, path: str, reply: Reply) -> None:
        self.routes[(method, f"/api/v1{path}")] = reply

    def handle(self, handler: BaseHTTPRequestHandler, request: Seen) -> None:
        self.seen.append(request)
        reply = self.routes.get((request.method, request.path))
        if reply is None:
            send(handler, 599, b'{"error": {"code": "unscripted", "message": "unscripted"}}')
            return
        reply(handler)


@dataclass
class LossyProxy(ScriptedHttp):
    """Forwards every request to the real server, but loses some answers on the way back.

    `drop[method] = n` makes the next n requests of that method reach the server (which acts on
    them) and then hangs up without answering: what a client sees when a connection dies just
    after the request went out.
    """

    upstream_root: str
    drop: dict[str, int] = field(default_factory=dict)
    forwarded: list[tuple[str, str, int, bytes]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, method: str, path_prefix: str = "") -> int:
        return sum(1 for m, p, _, _ in self.forwarded if m == method and p.startswith(path_prefix))

    def handle(self, handler: BaseHTTPRequestHandler, request: Seen) -> None:
        got = forward(self.upstream_root, request)
        if got is None:
            hang_up(handler)
            return
        self.forwarded.append((request.method, request.path, got.status, got.body))
        with self._lock:
            lose = self.drop.get(request.method, 0) > 0
            if lose:
                self.drop[request.method] -= 1
        if lose:
            hang_up(handler)
            return
        answer(handler, got.status, got.headers, got.body)
