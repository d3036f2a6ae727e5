"""Runs each scheduled operation once, at its time: one scheduler thread per server process.

A timer, not a poll: the thread sleeps until the soonest scheduled operation is due and is woken
earlier whenever that may have changed: an operation scheduled or canceled through this process
(its routes wake the worker), or through any other sharing the database (every change of an
operation is in the change log, whose listener, server/change_hub.py, wakes the worker for each
one; on PostgreSQL from LISTEN/NOTIFY), or the test clock moved.

A due operation is claimed as pending ones are, SELECT ... FOR UPDATE SKIP LOCKED, and its
customer too, SKIP LOCKED: the scheduler never waits on a lock (requests take the customer's
first), so it is never part of a deadlock, and a customer busy in a request is simply tried
again. In that transaction the operation becomes `pending` (the worker runs it as any other), or,
when it no longer applies, `failed` with the error its immediate twin would get and an event.
What fell due while no server ran is due at the next start; its event says how late.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server import clock, scheduling
from server.changes import operation_changed
from server.config import Settings
from server.db import Database
from server.errors import ApiError
from server.events import record
from server.models import Customer, Operation
from server.operations import precondition
from server.serialize import utc

log = logging.getLogger("partner_api.scheduler")

BATCH = 100
# Sleeping longer would save nothing; the bound also covers a jump of the system's clock.
MAX_WAIT = 60.0
# Something due that is not ours to run yet: claimed by another process, its customer busy in a
# request, its suspension or another operation on the customer unfinished. Each of those ends
# with a change that wakes us anyway; this is the fallback for one that never comes (a crash).
RETRY_WAIT = 5.0


class Scheduler:
    def __init__(self, db: Database, settings: Settings, on_pending: Callable[[], None]) -> None:
        self.db = db
        self.settings = settings
        self._on_pending = on_pending
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Look again at what is due and when the next one is (from any thread)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before reading: a wake-up during the pass is not lost
            try:
                timeout = self._step()
            except Exception:
                log.exception("running scheduled operations failed; retrying")
                timeout = RETRY_WAIT
            if timeout > 0:
                self._wake.wait(timeout)

    def _step(self) -> float:
        """Run what is due, if anything is; how long to sleep then."""
        now = clock.now()
        # A read first: most wake-ups (any operation changed anywhere) find nothing due, and
        # need not take SQLite's write lock to learn it.
        soonest = self._soonest()
        if soonest is not None and soonest <= now:
            if self.run_due(now):
                self._on_pending()
                return 0  # perhaps more than a batch was due
            # Due but none could run now: try again later, or at the next one due.
            soonest = self._soonest(after=now)
            return min(RETRY_WAIT, self._seconds_until(soonest))
        return self._seconds_until(soonest)

    def _soonest(self, after: datetime | None = None) -> datetime | None:
        """When the soonest scheduled operation (after `after`) is due."""
        query = select(func.min(Operation.scheduled_for)).where(Operation.state == "scheduled")
        if after is not None:
            query = query.where(Operation.scheduled_for > after)
        with self.db.session() as s:
            return utc(s.execute(query).scalar())

    @staticmethod
    def _seconds_until(moment: datetime | None) -> float:
        if moment is None:
            return MAX_WAIT
        return min(max((moment - clock.now()).total_seconds(), 0.001), MAX_WAIT)

    def run_due(self, now: datetime) -> int:
        """Start or end what is due at `now`; how many operations were."""
        handled = 0
        with self.db.session(write=True) as s:
            due = s.execute(
                select(Operation)
                .where(Operation.state == "scheduled", Operation.scheduled_for <= now)
                .order_by(Operation.scheduled_for, Operation.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            ).scalars()
            for op in list(due):
                c = s.execute(
                    select(Customer)
                    .where(Customer.id == op.customer_id)
                    .with_for_update(skip_locked=True)
                ).scalar_one_or_none()
                if c is not None and self._due(s, op, c, now):
                    handled += 1
        return handled

    def _due(self, s: Session, op: Operation, c: Customer, now: datetime) -> bool:
        """`op` is due: started (pending), or ended; False to leave it for a later pass."""
        scheduled_for = utc(op.scheduled_for)
        assert scheduled_for is not None
        late = round(max(0.0, (now - scheduled_for).total_seconds()), 3)
        if op.follows is not None:
            leader = s.execute(select(Operation.state).where(Operation.id == op.follows)).scalar()
            if leader in ("scheduled", "pending", "running"):
                return False  # runs after its suspension, never before
            if leader in ("failed", "canceled"):
                # Normally canceled when that happened; this covers a server stopped between.
                scheduling.cancel_followers(s, op.follows, c, f"suspension_{leader}")
                return True
        busy = s.execute(
            select(Operation.id).where(
                Operation.customer_id == c.id, Operation.state.in_(scheduling.UNFINISHED)
            )
        ).first()
        if busy is not None:
            return False  # one unfinished operation per customer: after that one
        try:
            precondition(op.kind, c, op.params, self.settings)
        except ApiError as refused:
            self._refused(s, op, c, refused, now, late)
            return True
        op.state = "pending"
        op.params = {**op.params, "late_seconds": late}  # a new dict: the JSON column sees it
        operation_changed(s, op)
        scheduling.refresh_next(s, c)
        log.info("scheduled operation %s is due: started, %.1f s late", op.id, late)
        return True

    def _refused(
        self, s: Session, op: Operation, c: Customer, refused: ApiError, now: datetime, late: float
    ) -> None:
        """It no longer applies: failed with its reason and an event, never silently gone."""
        log.info("scheduled operation %s is due: failed, %s", op.id, refused.code)
        op.state = "failed"
        op.error = {"code": refused.code, "message": refused.message}
        op.started_at = now
        op.finished_at = now
        operation_changed(s, op)
        record(
            s,
            c,
            op.actor,
            f"{op.kind}_failed",
            {
                "error": refused.message,
                "code": refused.code,
                "operation_id": op.id,
                "scheduled_for": scheduling.iso(op.scheduled_for),
                "late_seconds": late,
            },
        )
        if op.kind == "suspend":
            scheduling.cancel_followers(s, op.id, c, "suspension_failed")
        scheduling.refresh_next(s, c)
