"""LiveFeed: the change feed followed on a worker, its state, and F5's catch-up.

    feed = LiveFeed(api, runner, connection, parent)
    feed.changes.connect(applier.apply)     # ChangeBatch, each change once, in order
    feed.follow(cursor)                      # after the list was loaded from a snapshot
    feed.catch_up()                          # F5: the changes since the cursor, at once

The follower (desktop/api/live_follow.py) runs as a long-running task and reports batches and
its state; a batch already delivered (by the stream or by a catch-up) is never delivered again.
`expired` says the server no longer keeps the changes since the cursor (410): the list is to
be loaded again from a fresh snapshot, then followed from its cursor.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Signal, Slot

from desktop.api.errors import ApiError, CursorExpiredError, ForbiddenError, NotFoundError
from desktop.api.live_follow import ChangeBatch, FeedNews, FeedPosition, follow_changes

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.live import Change, ChangeList
    from desktop.connection import ConnectionWatch
    from desktop.tasks import TaskRunner

log = logging.getLogger("partner_desk.live")

State = Literal["off", "connecting", "live", "reconnecting", "unavailable"]


def _number(cursor: str) -> int | None:
    # This server's cursors are sequence numbers; an opaque one is followed as given.
    return int(cursor) if cursor.isascii() and cursor.isdigit() else None


def _after(cursor: str, last: int) -> bool:
    number = _number(cursor)
    return number is None or number > last


class LiveFeed(QObject):
    state_changed = Signal()  # read state, since, reason
    changes = Signal(object)  # ChangeBatch: changes not delivered before, in commit order
    expired = Signal()  # 410: load the list again (a fresh snapshot), then follow() its cursor
    caught_up = Signal(int)  # F5's catch-up is done: how many changes it found
    catch_up_failed = Signal(object)  # ApiError

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        connection: ConnectionWatch | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._connection = connection
        self._position: FeedPosition | None = None
        self._cursor: str | None = None  # after the last change delivered
        self._catching_up = False
        self._stopped = False
        self.state: State = "off"
        self.since = datetime.now(UTC)  # when it became this state
        self.reason = ""  # why it is reconnecting, in the api's words
        if connection is not None:
            connection.changed.connect(self._connection_changed)

    @property
    def cursor(self) -> str | None:
        return self._cursor

    def can_catch_up(self) -> bool:
        """F5 may ask for the changes since the cursor instead of loading everything again."""
        return self._cursor is not None and self.state != "unavailable" and not self._stopped

    def is_catching_up(self) -> bool:
        return self._catching_up

    # -- following ----------------------------------------------------------------------------

    def follow(self, cursor: str | None) -> None:
        """Follow the feed from `cursor` (a snapshot's); None: the server has no snapshot, and
        so no feed to follow from it (the list then refreshes by loading it again)."""
        self._end_follower()
        if self._stopped:
            return
        if cursor is None:
            self._cursor = None
            self._become("unavailable")
            return
        self._cursor = cursor
        self._become("connecting")
        position = self._position = FeedPosition(cursor)
        self._runner.submit(
            follow_changes,
            self._api,
            position,
            progress=partial(self._heard, position),
            success=partial(self._returned, position),
            failure=partial(self._ended, position),
            owner=self,
            endless=True,  # it runs as long as the session does, until stop()
        )

    def stop(self) -> None:
        """No more following (sign-out, quit): the open stream is closed at once."""
        self._stopped = True
        self._end_follower()
        self._become("off")

    def _end_follower(self) -> None:
        position, self._position = self._position, None
        if position is not None:
            position.stop()

    def _heard(self, position: FeedPosition, news: Any) -> None:
        if position is not self._position:
            return  # a follower since replaced: what it read is read again by the new one
        if isinstance(news, ChangeBatch):
            self._deliver(news.changes, news.cursor)
        elif isinstance(news, FeedNews):
            self._become(news.state, news.error.message if news.error else "")

    def _returned(self, position: FeedPosition, _result: object) -> None:
        self._ended(position, None)

    def _ended(self, position: FeedPosition, error: BaseException | None) -> None:
        if position is not self._position:
            return
        self._position = None
        if isinstance(error, CursorExpiredError):
            log.info("the change feed's cursor expired; loading the list again")
            self._become("connecting")
            self.expired.emit()
        elif isinstance(error, NotFoundError | ForbiddenError):
            # No feed on this server, or not for this user: the list refreshes the old way.
            self._become("unavailable", error.message)
        elif error is not None:
            # Signing in again was declined, or something unforeseen: F5 loads the list anew.
            if not isinstance(error, ApiError):
                log.error("following the change feed failed", exc_info=error)
            self._become("unavailable", getattr(error, "message", ""))
        elif not self._stopped:
            self._become("off")

    @Slot()
    def _connection_changed(self) -> None:
        position, watch = self._position, self._connection
        if position is not None and watch is not None and watch.state.connected:
            position.nudge()  # the server answers again: reconnect now, not after the pause

    # -- F5 -----------------------------------------------------------------------------------

    def catch_up(self) -> bool:
        """The changes since the cursor, asked for at once (the feed's `wait=0` form); False
        when there is nothing to catch up from (then the list is loaded again instead)."""
        if not self.can_catch_up() or self._catching_up:
            return False
        assert self._cursor is not None
        self._catching_up = True
        self._runner.submit(
            self._api.changes_since,
            self._cursor,
            success=self._caught_up,
            failure=self._catch_up_failed,
            owner=self,
        )
        return True

    @Slot(object)
    def _caught_up(self, found: ChangeList) -> None:
        self._catching_up = False
        delivered = self._deliver(found.items, found.cursor)
        self.caught_up.emit(delivered)

    @Slot(object)
    def _catch_up_failed(self, error: BaseException) -> None:
        self._catching_up = False
        if isinstance(error, CursorExpiredError):
            self._end_follower()
            self._become("connecting")
            self.expired.emit()
            return
        if isinstance(error, NotFoundError):
            # No feed after all: the list is loaded again the old way.
            self._end_follower()
            self._become("unavailable", error.message)
            self.expired.emit()
            return
        self.catch_up_failed.emit(error)

    # -- delivering ---------------------------------------------------------------------------

    def _deliver(self, changes: tuple[Change, ...], cursor: str) -> int:
        """Hands on the changes past the cursor; returns how many."""
        last = _number(self._cursor or "")
        fresh = changes
        if last is not None:
            fresh = tuple(c for c in changes if _after(c.id, last))
        ahead = _number(cursor)
        if last is None or ahead is None or ahead > last:
            self._cursor = cursor
        if fresh:
            self.changes.emit(ChangeBatch(fresh, self._cursor or cursor))
        return len(fresh)

    def _become(self, state: State, reason: str = "") -> None:
        if state == self.state and reason == self.reason:
            return
        if state != self.state:
            self.since = datetime.now(UTC)
        self.state, self.reason = state, reason
        self.state_changed.emit()
