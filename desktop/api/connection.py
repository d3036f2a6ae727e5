"""Whether the server answers: one state for the whole app, fed by the outcome of every call.

The transport tells the monitor after each request: an answer means connected; a connection
that could not be made at all (refused, no such host, TLS refused) means offline at once; trouble
on the way (a dropped connection, no answer in time, a gateway's 502/503/504) means reconnecting,
for whoever retries to settle. Listeners are plain callables, called on the thread that made the
call; the windows turn them into a Qt signal (desktop/connection.py). No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

State = Literal["unknown", "connected", "reconnecting", "offline"]
Listener = Callable[["ConnectionState"], None]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ConnectionState:
    state: State
    # When it became this state (not when it was last seen): "Offline since 14:02".
    since: datetime = field(default_factory=_now)
    # What went wrong, in the client's words (an api Message); "" when connected.
    reason: str = ""

    @property
    def connected(self) -> bool:
        return self.state == "connected"

    @property
    def offline(self) -> bool:
        return self.state == "offline"


class ConnectionMonitor:
    """Thread-safe: every worker reports to the same monitor, every listener hears each change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current = ConnectionState("unknown")
        self._listeners: list[Listener] = []

    @property
    def current(self) -> ConnectionState:
        return self._current

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear every change from now on; returns the call that stops it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def answered(self) -> None:
        self._become("connected", "")

    def unreachable(self, reason: str) -> None:
        """No connection could be made at all: the server is down or cannot be reached."""
        self._become("offline", reason)

    def troubled(self, reason: str) -> None:
        """Connected, but the answer was lost or refused on the way: retried by the caller."""
        self._become("reconnecting", reason)

    def _become(self, state: State, reason: str) -> None:
        with self._lock:
            before = self._current
            if before.state == state and before.reason == reason:
                return  # nothing new: the time it began stays
            since = before.since if before.state == state else _now()
            self._current = changed = ConnectionState(state, since, reason)
            listeners = list(self._listeners)
        for listener in listeners:
            listener(changed)
