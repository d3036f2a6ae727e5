"""Following the change feed for as long as the app runs: reconnects, backoff, Last-Event-ID.

    follow_changes(api, position, report=...)     # on a worker; returns when position.stop()

Every batch of changes is reported with the cursor after it, and the position moves past it
at once, so a reconnect (and a re-run of the whole call after signing in again) asks for the
changes after the last one received: none is lost, none comes twice. A connection that drops
is opened again after a pause that grows from half a second to 15 s, shortened at random (so
clients that lost the server together do not return together), cut short by `position.nudge()`
(the app heard the server answer again) and ended by `position.stop()`, which also closes the
open stream at once. What the feed cannot get past is raised: 410 (CursorExpiredError: the
caller loads the list again), a session that expired (the task runner signs in again and runs
this anew), a refusal. This is the feed's one retry layer (desktop/api/retry.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from desktop.api.errors import ApiError, CursorExpiredError, NotFoundError
from desktop.api.live import Change, ChangeStream
from desktop.api.retry import Backoff, is_transient, with_jitter

if TYPE_CHECKING:
    from desktop.api.live import LiveCalls

log = logging.getLogger("partner_desk.api")

RECONNECT = Backoff(first=0.5, factor=2.0, cap=15.0)
# A connection that stayed up this long was a good one: the next pause starts small again.
STEADY_SECONDS = 10.0


@dataclass(frozen=True)
class ChangeBatch:
    """Changes read together (a burst arrives as few batches), and the cursor after them."""

    changes: tuple[Change, ...]
    cursor: str


@dataclass(frozen=True)
class FeedNews:
    """The stream is open (`live`), or lost and about to be opened again (`reconnecting`)."""

    state: Literal["live", "reconnecting"]
    error: ApiError | None = None


class FeedPosition:
    """Where the feed is, shared by the worker following it and the thread that stops it."""

    def __init__(self, cursor: str) -> None:
        self._lock = threading.Lock()
        self._cursor = cursor
        self._stream: ChangeStream | None = None
        self._stopped = threading.Event()
        self._wake = threading.Event()

    @property
    def cursor(self) -> str:
        with self._lock:
            return self._cursor

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def advance(self, cursor: str) -> None:
        if cursor:
            with self._lock:
                self._cursor = cursor

    def stop(self) -> None:
        """From any thread: the follower ends now, its open stream closed under it."""
        self._stopped.set()
        self._wake.set()
        with self._lock:
            stream = self._stream
        if stream is not None:
            stream.abort()

    def nudge(self) -> None:
        """From any thread: a pause before reconnecting ends now (the server is back)."""
        self._wake.set()

    def _attach(self, stream: ChangeStream | None) -> None:
        with self._lock:
            self._stream = stream
        if stream is not None and self._stopped.is_set():
            stream.abort()  # stopped between the connect and here

    def _pause(self, seconds: float) -> None:
        self._wake.wait(with_jitter(seconds))
        self._wake.clear()


Report = Callable[[ChangeBatch | FeedNews], None]


def follow_changes(api: LiveCalls, position: FeedPosition, report: Report) -> None:
    """Runs on a worker until `position.stop()`; see the module's docstring."""
    delays = RECONNECT.delays()
    reconnecting = False
    while not position.stopped:
        opened_at = 0.0
        retry_ms: int | None = None
        error: ApiError | None = None  # None: the server ended the stream (it is stopping)
        cursor = position.cursor
        try:
            # EventSource's way: the first request names the cursor, a reconnect sends the
            # last id received as Last-Event-ID too.
            with api.open_changes(cursor, last_event_id=cursor if reconnecting else None) as stream:
                position._attach(stream)
                opened_at = time.monotonic()
                report(FeedNews("live"))
                for batch in stream.batches():
                    retry_ms = stream.retry_ms
                    if batch:
                        after = batch[-1].id or position.cursor
                        position.advance(after)
                        report(ChangeBatch(tuple(batch), after))
                    if position.stopped:
                        return
        except (CursorExpiredError, NotFoundError):
            raise
        except ApiError as failed:
            if position.stopped:
                return
            if not is_transient(failed):
                raise  # a session that expired, a refusal: not for a reconnect to mend
            error = failed
        finally:
            position._attach(None)
        if position.stopped:
            return
        if opened_at and time.monotonic() - opened_at > STEADY_SECONDS:
            delays = RECONNECT.delays()
        reconnecting = True
        log.info("change feed lost (%s); reconnecting", error.message if error else "ended")
        report(FeedNews("reconnecting", error))
        pause = next(delays)
        if retry_ms is not None:
            pause = max(pause, retry_ms / 1000)
        position._pause(pause)
