"""This process's view of the change log, shared by every open stream.

One listener thread per process follows the log: on PostgreSQL it LISTENs on one dedicated
connection and reads the new rows when a NOTIFY arrives (each writer NOTIFYs in its
transaction, whichever process it ran in); on SQLite it polls the log's head every
`changes_poll_seconds`, and this process's own commits poke it at once. It renders each new row
once (server/change_render.py), for the partners that have a stream here, and hands the batch to
the event loop, where `ChangeHub` keeps the recent events and wakes the waiting streams through
one asyncio.Event. A stream therefore holds neither a thread nor a database connection while it
waits; it reads the database itself only to catch up from a cursor older than what the hub holds.
The thread also prunes the log past the retained window, and wakes the operation worker when
another process logged an operation.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from server import changes
from server.change_render import Rendered, render
from server.config import Settings
from server.db import Database

log = logging.getLogger("partner_api.changes")

# Rows read per step of the listener; events kept for streams that are live or nearly so.
_BATCH = 2000
_KEEP = 5000
_RETRY_SECONDS = 0.5


class ChangeHub:
    """The recent events of the partners that have a stream here, and who is waiting for them.

    Every method but `poke` runs on the event loop's thread. Invariant: for a partner with a
    stream, the buffer holds each of its events after max(floor, its partner floor) up to head.
    """

    def __init__(self, db: Database, settings: Settings, wake_worker: Callable[[], None]) -> None:
        self.db = db
        self.settings = settings
        self.head = 0
        self.floor = 0
        # Set when the server is stopping: every stream ends, so the stop does not wait on them.
        self.ending = False
        self._events: list[Rendered] = []
        self._seqs: list[int] = []
        self._streams: dict[str, int] = {}
        self._partner_floor: dict[str, int] = {}
        # Read by the listener thread: replaced whole, never changed in place.
        self.interested: frozenset[str] = frozenset()
        self._changed: asyncio.Event | None = None
        self._ready: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener = _Listener(self, wake_worker)
        db.on_changes(self._listener.poke)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._ready = asyncio.Event()
        self._listener.start()

    def stop(self) -> None:
        self._listener.stop()

    def end_streams(self) -> None:
        """From any thread (a signal handler): every stream ends after its current event."""
        self.call_soon(self._end_streams)

    def _end_streams(self) -> None:
        self.ending = True
        if self._changed is not None:
            self._wake()

    async def ready(self) -> None:
        assert self._ready is not None, "the hub was not started"
        await self._ready.wait()

    def call_soon(self, callback: Callable[..., None], *args: Any) -> None:
        """From the listener thread: run `callback(*args)` on the event loop."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: at shutdown
                self._loop.call_soon_threadsafe(callback, *args)

    def begin(self, head: int) -> None:
        self.head = self.floor = head
        assert self._ready is not None
        self._ready.set()

    def publish(self, events: list[Rendered], head: int, rendered_for: frozenset[str]) -> None:
        """A batch from the listener: the events of `rendered_for`'s partners up to `head`."""
        for partner_id in self._streams:
            if partner_id not in rendered_for:
                # Its first stream came while the batch was being rendered without it: the
                # stream catches up from the database over the batch instead.
                self._partner_floor[partner_id] = max(self._partner_floor[partner_id], head)
        self._events.extend(events)
        self._seqs.extend(e.seq for e in events)
        self.head = max(self.head, head)
        if len(self._events) > _KEEP:
            cut = len(self._events) - _KEEP // 2
            self.floor = self._seqs[cut - 1]
            del self._events[:cut]
            del self._seqs[:cut]
        self._wake()

    def _wake(self) -> None:
        assert self._changed is not None
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def subscribe(self, partner_id: str) -> None:
        count = self._streams.get(partner_id, 0)
        if count == 0:
            self._partner_floor[partner_id] = self.head
        self._streams[partner_id] = count + 1
        self.interested = frozenset(self._streams)

    def unsubscribe(self, partner_id: str) -> None:
        count = self._streams.get(partner_id, 0) - 1
        if count > 0:
            self._streams[partner_id] = count
            return
        self._streams.pop(partner_id, None)
        self._partner_floor.pop(partner_id, None)
        self.interested = frozenset(self._streams)

    def covers(self, partner_id: str, cursor: int) -> bool:
        """The buffer holds every event of the partner after `cursor`."""
        floor = self._partner_floor.get(partner_id)
        return floor is not None and cursor >= max(self.floor, floor)

    def after(self, cursor: int) -> list[Rendered]:
        """The buffered events after `cursor` (every partner's: the caller filters)."""
        return self._events[bisect.bisect_right(self._seqs, cursor) :]

    async def wait(self, timeout: float) -> bool:
        """Until the next batch arrives (True) or `timeout` passes (False)."""
        assert self._changed is not None
        changed = self._changed
        try:
            # Not wait_for: that makes a task per call, and every stream waits here.
            async with asyncio.timeout(timeout):
                await changed.wait()
        except TimeoutError:
            return False
        return True


class _Listener:
    """The one thread that follows the log for the hub; see the module docstring."""

    def __init__(self, hub: ChangeHub, wake_worker: Callable[[], None]) -> None:
        self.hub = hub
        self.db = hub.db
        self.settings = hub.settings
        self._wake_worker = wake_worker
        self._poke = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)
        self._pg: Any = None
        self._next_prune = 0.0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._poke.set()
        self._thread.join(timeout=5)
        self._close_pg()

    def poke(self, _kinds: frozenset[str] = frozenset()) -> None:
        """A commit of this process logged changes: read them now, not at the next poll."""
        self._poke.set()

    def _run(self) -> None:
        head = None
        while head is None and not self._stop.is_set():
            try:
                self._listen()  # before reading the head: no commit falls between the two
                with self.db.session() as s:
                    head = changes.head(s)
            except Exception:
                log.exception("the change listener cannot read the change log; retrying")
                self._close_pg()
                self._stop.wait(_RETRY_SECONDS)
        if head is None:
            return
        self.hub.call_soon(self.hub.begin, head)
        while not self._stop.is_set():
            try:
                self._prune_when_due()
                head = self._drain(head)
                self._wait()
            except Exception:
                log.exception("following the change log failed; retrying")
                self._close_pg()
                self._stop.wait(_RETRY_SECONDS)

    def _drain(self, head: int) -> int:
        while True:
            interested = self.hub.interested
            with self.db.session() as s:
                rows = changes.rows_after(s, head, limit=_BATCH)
                if not rows:
                    return head
                events = render(s, [r for r in rows if r.partner_id in interested])
            head = rows[-1].seq
            self.hub.call_soon(self.hub.publish, events, head, interested)
            if any(r.kind == "operation" for r in rows):
                self._wake_worker()  # perhaps created by another process: claim it now
            if len(rows) < _BATCH:
                return head

    def _wait(self) -> None:
        if not self.db.is_sqlite:
            self._listen()
            # A NOTIFY from any process, or a second at most: a lost connection is noticed
            # and nothing depends on a notification alone (every wake reads the log).
            for _notice in self._pg.notifies(timeout=1.0, stop_after=1):
                pass
            return
        self._poke.wait(self.settings.changes_poll_seconds)
        self._poke.clear()

    def _listen(self) -> None:
        if self.db.is_sqlite or self._pg is not None:
            return
        raw = self.db.engine.raw_connection()
        conn = raw.driver_connection
        assert conn is not None
        raw.detach()  # this one connection is the listener's for good, not the pool's
        conn.rollback()
        conn.autocommit = True
        conn.execute(f"LISTEN {changes.CHANNEL}")
        self._pg = conn

    def _close_pg(self) -> None:
        conn, self._pg = self._pg, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def _prune_when_due(self) -> None:
        if time.monotonic() < self._next_prune:
            return
        self._next_prune = time.monotonic() + self.settings.changes_prune_seconds
        with self.db.session(write=True) as s:
            gone = changes.prune(s, self.settings.changes_retention_seconds)
        if gone:
            log.info("pruned %d changes older than the retained window", gone)
