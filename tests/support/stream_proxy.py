"""A proxy on 127.0.0.1 in front of the real server that streams answers through as they come,
and can break the change feed's streams on purpose.

    proxy = StreamProxy(server.root).start()
    proxy.cut_mid_event()      # the next event on an open stream is cut in the middle
    proxy.refuse_streams = True  # new GET /changes streams are hung up on at once
    proxy.drop_streams()       # every open stream ends now

FaultProxy reads each answer whole, which a stream never is. Here each client connection
carries one request: it goes upstream with `Connection: close`, the answer comes back byte for
byte as the server writes it (its own framing, chunked or not) with `Connection: close` added,
and the connection ends with it. While the server is down, a request finds nobody upstream and
the proxy hangs up, as a refused connection looks to the client.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from typing import Any
from urllib.parse import urlsplit

_HEAD_END = b"\r\n\r\n"


def _read_head(sock: socket.socket) -> tuple[bytes, bytes] | None:
    data = b""
    while _HEAD_END not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(_HEAD_END)
    return head, rest


def _with_close(head: bytes) -> bytes:
    lines = [
        line
        for line in head.split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + _HEAD_END


class StreamProxy:
    def __init__(self, upstream_root: str) -> None:
        target = urlsplit(upstream_root)
        self.upstream = (target.hostname or "127.0.0.1", target.port or 80)
        self.refuse_streams = False
        self.streams_opened = 0  # GET /changes streams that reached the server
        self.cuts = 0  # events cut in the middle so far
        self._cut_armed = 0
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._server: socketserver.ThreadingTCPServer | None = None

    @property
    def root(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def cut_mid_event(self, count: int = 1) -> None:
        with self._lock:
            self._cut_armed += count

    def drop_streams(self) -> None:
        with self._lock:
            open_now = list(self._open)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def start(self) -> StreamProxy:
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client or server hanging up mid-way is what this proxy is for

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.drop_streams()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- one connection, one request -------------------------------------------------------

    def _serve(self, client: socket.socket) -> None:
        got = _read_head(client)
        if got is None:
            return
        head, body = got
        first = head.split(b"\r\n", 1)[0]
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip() or b"0")
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                return
            body += chunk
        path = first.split(b" ")[1] if b" " in first else b""
        stream = path.startswith(b"/api/v1/changes") and b"wait=" not in path
        if stream and self.refuse_streams:
            return  # hung up on: the client's stream fails before it starts
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            return  # nobody upstream: as a refused connection looks to the client
        upstream.settimeout(None)
        try:
            upstream.sendall(_with_close(head) + body)
            answer = _read_head(upstream)
            if answer is None:
                return
            answer_head, rest = answer
            client.sendall(_with_close(answer_head))
            if stream:
                self.streams_opened += 1
                with self._lock:
                    self._open.add(client)
                    self._open.add(upstream)
            self._relay(upstream, client, rest, stream)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)
            upstream.close()

    def _relay(
        self, upstream: socket.socket, client: socket.socket, data: bytes, stream: bool
    ) -> None:
        while True:
            if data and stream and b"data:" in data and self._take_cut():
                at = data.index(b"data:") + len(b"data: ") + 3
                client.sendall(data[:at])  # the event's id and name, and a bit of its data
                self.cuts += 1
                client.shutdown(socket.SHUT_RDWR)
                return
            if data:
                client.sendall(data)
            data = upstream.recv(65536)
            if not data:
                return

    def _take_cut(self) -> bool:
        with self._lock:
            if self._cut_armed > 0:
                self._cut_armed -= 1
                return True
            return False
