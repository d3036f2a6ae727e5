"""A Partner API impostor on 127.0.0.1 whose every answer is scripted down to the byte.

Each request is handed to `script(request)` (its path without /api/v1 and the query), which
returns the `Reply` to play: a status, headers and body, and how to deliver them (whole, in a
trickle, cut off, endless, not at all...). Used by the hostile-answers suites in this folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Literal
from urllib.parse import urlsplit

from tests.support.scripted_http import ScriptedHttp, Seen

Delivery = Literal[
    "whole",  # a correct answer, whatever its content
    "trickle",  # the body a few bytes at a time, `pace()` between pieces
    "stall",  # half the body, then nothing for `stall_seconds`, then hang up
    "declared_huge",  # Content-Length of a terabyte, a few bytes, hang up
    "endless",  # chunked, more than `endless_bytes`, until the client hangs up
    "cut",  # Content-Length says more than is sent, then hang up
    "hang_up",  # read the request, close without a word
    "garbage",  # the body bytes instead of a status line, then hang up
]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    delivery: Delivery = "whole"
    # What the suites count and report: "wrong type", "slow trickle"...
    kind: str = "valid"
    piece: int = 7
    stall_seconds: float = 0.0
    endless_bytes: int = 0


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


Script = Callable[[Request], Reply]


def _pace_freely() -> None:
    time.sleep(0.005)


@dataclass
class HostileServer(ScriptedHttp):
    script: Script = field(default=lambda _request: Reply(404))
    # Called between the pieces of a trickle: the GUI suite makes it wait for a heartbeat.
    pace: Callable[[], None] = _pace_freely
    seen: list[Request] = field(default_factory=list)

    def handle(self, handler: BaseHTTPRequestHandler, request: Seen) -> None:
        parts = urlsplit(request.path)
        path = parts.path.removeprefix("/api/v1")
        asked = Request(request.method, path, parts.query, request.headers, request.body)
        self.seen.append(asked)
        # A client hanging up on a hostile answer is the expected outcome (ScriptedHttp).
        play(handler, self.script(asked), self.pace)


def _head(handler: BaseHTTPRequestHandler, reply: Reply, length: str | None) -> None:
    handler.send_response(reply.status)
    if reply.content_type is not None:
        handler.send_header("Content-Type", reply.content_type)
    for name, value in reply.headers:
        handler.send_header(name, value)
    if length is not None:
        handler.send_header("Content-Length", length)
    handler.end_headers()
    handler.wfile.flush()


def play(handler: BaseHTTPRequestHandler, reply: Reply, pace: Callable[[], None]) -> None:
    """Write `reply` to the client the way its `delivery` says."""
    body, out = reply.body, handler.wfile
    declared = dict((k.lower(), v) for k, v in reply.headers).get("content-length")
    length = None if declared is not None else str(len(body))
    if reply.delivery == "whole":
        _head(handler, reply, length)
        out.write(body)
        return
    handler.close_connection = True
    if reply.delivery == "hang_up":
        return
    if reply.delivery == "garbage":
        out.write(body or b"\x00\xff garbage")
        return
    if reply.delivery == "trickle":
        _head(handler, reply, length)
        for start in range(0, len(body), max(1, reply.piece)):
            pace()
            out.write(body[start : start + max(1, reply.piece)])
            out.flush()
        return
    if reply.delivery == "stall":
        _head(handler, reply, length)
        out.write(body[: len(body) // 2])
        out.flush()
        time.sleep(reply.stall_seconds)  # the impostor's own thread: the client must give up
        return
    if reply.delivery == "declared_huge":
        _head(handler, reply, str(10**12))
        out.write(body[:64])
        return
    if reply.delivery == "cut":
        _head(handler, reply, str(len(body) + 1000))
        out.write(body)
        return
    if reply.delivery == "endless":
        handler.send_response(reply.status)
        if reply.content_type is not None:
            handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b" " * (256 * 1024)
        sent = 0
        while sent <= reply.endless_bytes:
            out.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        out.write(b"0\r\n\r\n")
        return
    raise AssertionError(f"unknown delivery {reply.delivery!r}")
