"""A proxy on 127.0.0.1 in front of the real server that injects one armed fault at a time.

    proxy = FaultProxy(server.root).start()
    proxy.arm(Fault("drop_after", "POST", r"/suspend$"))   # the next suspend's answer is lost

Kinds (each applies to the next `count` requests matching `method` and `path`):

    drop_before   hang up before the request reaches the server (it never acts)
    drop_after    forward it (the server acts), then hang up: the answer is lost
    delay_before  wait `seconds` (past the client's read timeout), then forward it
    delay_after   forward it, then wait `seconds` before answering (the client gave up)
    status        answer `status` (502, 503) with Retry-After, without forwarding
    truncate      forward it, then send the headers and only half the body
    hold          keep it until `release` is set, then forward it or drop it (`deliver`)
    then          forward and answer it normally, then call `after(answer status)`

While the server is down (restarting), a request finds nobody upstream and the proxy hangs up,
as a connection refused would look to the client.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from tests.support.scripted_http import _HOP_BY_HOP, _Server

KINDS = frozenset(
    {
        "drop_before",
        "drop_after",
        "delay_before",
        "delay_after",
        "status",
        "truncate",
        "hold",
        "then",
    }
)


@dataclass
class Fault:
    kind: str
    method: str
    path: str  # a regular expression searched in the path (query included)
    count: int = 1
    seconds: float = 0.0  # delay_before, delay_after
    status: int = 503  # status
    retry_after: str = "1"  # status
    deliver: bool = True  # hold: forward once released (True) or drop it (False)
    after: Callable[[int], None] | None = None  # then: told the server's status
    # Set by the proxy: a held request is waiting (hold), how many times it struck.
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    struck: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")

    def matches(self, method: str, path: str) -> bool:
        return self.count > 0 and method == self.method and re.search(self.path, path) is not None


@dataclass
class Forwarded:
    method: str
    path: str
    status: int  # 0 when the request never reached the server
    fault: str  # the fault applied, "" for none


class FaultProxy:
    def __init__(self, upstream_root: str) -> None:
        self.upstream = urlsplit(upstream_root)
        self.log: list[Forwarded] = []
        self._faults: list[Fault] = []
        self.injected = 0  # faults that struck, over the proxy's life
        self._lock = threading.Lock()
        self._httpd: _Server | None = None

    @property
    def root(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def arm(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def disarm(self) -> None:
        """Forget armed faults; a held request is let go (and dropped)."""
        with self._lock:
            faults, self._faults = self._faults, []
        for fault in faults:
            fault.deliver = False
            fault.release.set()

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    fault.struck += 1
                    self.injected += 1
                    return fault
        return None

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes] | None:
        """The server's answer, or None when nobody is listening (a restart)."""
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            answer_body = answer.read()
        except (OSError, http.client.HTTPException):
            return None
        finally:
            conn.close()
        kept = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP]
        return answer.status, kept, answer_body

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _hang_up(self) -> None:
                self.close_connection = True

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                fault = proxy._take(self.command, self.path)
                kind = fault.kind if fault else ""
                record = Forwarded(self.command, self.path, 0, kind)
                proxy.log.append(record)
                if fault is not None and kind == "status":
                    text = f"<html><body><h1>{fault.status}</h1></body></html>".encode()
                    extra = [("Content-Type", "text/html"), ("Retry-After", fault.retry_after)]
                    self._answer(fault.status, extra, text)
                    return
                if fault is not None and kind == "drop_before":
                    self._hang_up()
                    return
                if fault is not None and kind == "hold":
                    fault.holding.set()
                    fault.release.wait(60)
                    if not fault.deliver:
                        self._hang_up()
                        return
                if fault is not None and kind == "delay_before":
                    time.sleep(fault.seconds)
                got = proxy._forward(self.command, self.path, headers, body)
                if got is None:
                    self._hang_up()
                    return
                status, answer_headers, answer_body = got
                record.status = status
                if fault is not None and kind == "then" and fault.after is not None:
                    fault.after(status)
                if fault is not None and kind == "drop_after":
                    self._hang_up()
                    return
                if fault is not None and kind == "delay_after":
                    time.sleep(fault.seconds)
                if fault is not None and kind == "truncate" and len(answer_body) > 1:
                    self.send_response(status)
                    for name, value in answer_headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer_body)))
                    self.end_headers()
                    self.wfile.write(answer_body[: len(answer_body) // 2])
                    self.wfile.flush()
                    self._hang_up()
                    return
                try:
                    self._answer(status, answer_headers, answer_body)
                except OSError:
                    self._hang_up()  # the client gave up waiting (a delay)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self.disarm()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
