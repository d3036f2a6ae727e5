"""A Server-Sent Events reader for the change-feed tests: GET /changes over real HTTP, parsed as a
browser's EventSource parses it (blocks end at a blank line; `:` starts a comment), on a thread
of its own, so a test can make changes and wait for what the stream shows."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
import requests

from tests.support.server import ApiClient


@dataclass(frozen=True)
class Event:
    id: str
    event: str
    data: Any
    # time.monotonic() when the event's last byte arrived.
    at: float = field(compare=False)

    @property
    def seq(self) -> int:
        return int(self.id)


def parse_block(block: bytes, at: float) -> Event | str | None:
    """One block: an Event, a comment's text, or None for a block of neither."""
    fields: dict[str, str] = {}
    comments = []
    for line in block.decode("utf-8").split("\n"):
        if line.startswith(":"):
            comments.append(line[1:].strip())
            continue
        name, _, value = line.partition(":")
        fields[name] = value.removeprefix(" ")
    if "data" in fields:
        return Event(fields["id"], fields.get("event", "message"), orjson.loads(fields["data"]), at)
    return comments[0] if comments else None


class EventStream:
    """An open GET /changes; `events` and `comments` grow as they arrive."""

    def __init__(
        self,
        api: ApiClient,
        since: str | None = None,
        last_event_id: str | None = None,
        params: dict[str, str] | None = None,
    ) -> None:
        query = dict(params or {})
        if since is not None:
            query["since"] = since
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        # A session of its own: closing the stream must not touch the caller's connections.
        self.http = requests.Session()
        self.http.headers.update(api.http.headers)
        self.response = self.http.get(
            f"{api.base}/changes", params=query, headers=headers, stream=True, timeout=(10, 60)
        )
        assert self.response.status_code == 200, self.response.text
        content_type = self.response.headers["Content-Type"]
        assert content_type.startswith("text/event-stream"), content_type
        self.events: list[Event] = []
        self.comments: list[str] = []
        self.ended = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        buffer = b""
        try:
            for chunk in self.response.iter_content(chunk_size=None):
                buffer += chunk
                *blocks, buffer = buffer.split(b"\n\n")
                at = time.monotonic()
                with self._changed:
                    for block in blocks:
                        parsed = parse_block(block, at)
                        if isinstance(parsed, Event):
                            self.events.append(parsed)
                        elif parsed is not None:
                            self.comments.append(parsed)
                    self._changed.notify_all()
        except (requests.RequestException, OSError, ValueError, AttributeError):
            pass  # closed by the test, or by the server: `ended` says so
        finally:
            with self._changed:
                self.ended = True
                self._changed.notify_all()

    def wait_for(
        self, what: str, probe: Callable[[list[Event]], bool], timeout: float = 30
    ) -> list[Event]:
        """Until `probe(events)` holds; the events so far."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not probe(self.events):
                left = deadline - time.monotonic()
                if left <= 0 or self.ended:
                    raise AssertionError(f"the stream never showed {what}: {self.events}")
                self._changed.wait(left)
            return list(self.events)

    def wait_for_seq(self, seq: int, timeout: float = 30) -> list[Event]:
        return self.wait_for(f"seq {seq}", lambda evs: any(e.seq >= seq for e in evs), timeout)

    def close(self) -> None:
        # Shut the socket down first: the reading thread is blocked in recv on it, and only
        # that wakes it (closing the response alone waits for the next keep-alive).
        connection = getattr(self.response.raw, "connection", None)
        sock = getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.response.close()
        self.http.close()
        self._thread.join(timeout=20)
        assert not self._thread.is_alive(), "the stream's reader did not stop"

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def changes_now(api: ApiClient, since: str, **params: Any) -> dict[str, Any]:
    """GET /changes?wait=0: {"items", "cursor"}."""
    r = api.get("/changes", params={"since": since, "wait": 0, **params})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"items", "cursor"}, body
    for item in body["items"]:
        assert set(item) == {"id", "event", "data"}, item
    return dict(body)


def head(api: ApiClient) -> str:
    """The change log's head now: GET /changes?wait=0 without a cursor starts there."""
    r = api.get("/changes", params={"wait": 0})
    assert r.status_code == 200, r.text
    assert r.json()["items"] == [], r.json()
    return str(r.json()["cursor"])
