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

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.support.scripted_http import ScriptedHttp, Seen, answer, forward, hang_up

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


class FaultProxy(ScriptedHttp):
    def __init__(self, upstream_root: str) -> None:
        self.upstream_root = upstream_root
        self.log: list[Forwarded] = []
        self._faults: list[Fault] = []
        self.injected = 0  # faults that struck, over the proxy's life
        self._lock = threading.Lock()

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

    def handle(self, handler: BaseHTTPRequestHandler, request: Seen) -> None:
        fault = self._take(request.method, request.path)
        kind = fault.kind if fault else ""
        record = Forwarded(request.method, request.path, 0, kind)
        self.log.append(record)
        if fault is not None and not _before(handler, fault):
            return
        got = forward(self.upstream_root, request)
        if got is None:
            hang_up(handler)  # nobody upstream: as a refused connection looks to the client
            return
        record.status = got.status
        if fault is not None and kind == "then" and fault.after is not None:
            fault.after(got.status)
        if fault is not None and kind == "drop_after":
            hang_up(handler)
            return
        if fault is not None and kind == "delay_after":
            time.sleep(fault.seconds)
        if fault is not None and kind == "truncate" and len(got.body) > 1:
            handler.send_response(got.status)
            for name, value in got.headers:
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(got.body)))
            handler.end_headers()
            handler.wfile.write(got.body[: len(got.body) // 2])
            hang_up(handler)
            return
        answer(handler, got.status, got.headers, got.body)  # OSError: the client gave up

    def stop(self) -> None:
        self.disarm()
        super().stop()


def _before(handler: BaseHTTPRequestHandler, fault: Fault) -> bool:
    """What `fault` does before the request is forwarded; False when it is not to be."""
    if fault.kind == "status":
        text = f"<html><body><h1>{fault.status}</h1></body></html>".encode()
        extra = [("Content-Type", "text/html"), ("Retry-After", fault.retry_after)]
        answer(handler, fault.status, extra, text)
        return False
    if fault.kind == "drop_before":
        hang_up(handler)
        return False
    if fault.kind == "hold":
        fault.holding.set()
        fault.release.wait(60)
        if not fault.deliver:
            hang_up(handler)
            return False
    if fault.kind == "delay_before":
        time.sleep(fault.seconds)
    return True
