"""Runs operations inside the server: claims pending ones, waits the backend's time, applies them;
its scheduler (server/scheduler.py) makes scheduled ones pending at their time.

Claims are leases: a server that dies mid-operation stops renewing its lease, and any server
(this one after a restart, or another sharing the PostgreSQL database) takes the operation over.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from server import clock, scheduling
from server.changes import customer_changed, operation_changed
from server.config import Settings
from server.db import Database
from server.events import record
from server.models import Customer, Operation, Service
from server.scheduler import Scheduler
from server.serialize import now

log = logging.getLogger("partner_api.worker")

# A server that dies mid-operation is normal and its successor finishes the job; an operation
# that keeps failing inside every server that claims it is a bug, and must end, not loop.
MAX_ATTEMPTS = 5
_FAILED_INSIDE = {
    "code": "internal_error",
    "message": "The server could not complete this change; nothing was changed. "
    "Try again, or contact support if it keeps failing.",
}

_FAILED_BY_FAULT = {
    "code": "backend_refused",
    "message": "The hosting backend refused the change (fault injected by the server's test knob).",
}


class OperationWorker:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._slots = threading.Semaphore(settings.operation_workers)
        self._pool = ThreadPoolExecutor(settings.operation_workers, thread_name_prefix="operation")
        self._thread = threading.Thread(target=self._loop, name="operation-claimer", daemon=True)
        self._claims: dict[str, str] = {}  # operation id -> claim token, while this server runs it
        self._claims_lock = threading.Lock()
        self.scheduler = Scheduler(db, settings, on_pending=self._wake.set)

    def start(self) -> None:
        if self.db.is_sqlite:
            # One server process per SQLite file: whatever was running when it last stopped
            # died with it, so take it over now rather than after the lease runs out.
            with self.db.session(write=True) as s:
                s.execute(
                    update(Operation)
                    .where(Operation.state == "running")
                    .values(lease_until=now() - timedelta(seconds=1))
                )
        self._thread.start()
        self.scheduler.start()

    def wake(self) -> None:
        """An operation changed (here or in another process): claim, and reset the timer."""
        self._wake.set()
        self.scheduler.wake()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.scheduler.stop()
        self._thread.join(timeout=5)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._release_claims()

    def _release_claims(self) -> None:
        """Hand unfinished operations over at once instead of after the lease runs out."""
        with self._claims_lock:
            claims = dict(self._claims)
        if not claims:
            return
        try:
            with self.db.session(write=True) as s:
                for op_id, token in claims.items():
                    s.execute(
                        update(Operation)
                        .where(
                            Operation.id == op_id,
                            Operation.claim_token == token,
                            Operation.state == "running",
                        )
                        .values(lease_until=now() - timedelta(seconds=1))
                    )
        except Exception:
            log.exception("could not release operation leases; they expire on their own")

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                claimed = self._claim_ready()
            except Exception:
                log.exception("claiming operations failed; retrying")
                claimed = False
            if not claimed:
                # Other processes sharing the database create operations too: poll as well.
                self._wake.wait(0.2)
                self._wake.clear()

    def _claim_ready(self) -> bool:
        if not self._slots.acquire(timeout=0.2):
            return False
        token = uuid.uuid4().hex
        at = now()
        with self.db.session(write=True) as s:
            op = s.execute(
                select(Operation)
                .where(
                    or_(
                        Operation.state == "pending",
                        (Operation.state == "running") & (Operation.lease_until < at),
                    )
                )
                .order_by(Operation.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if op is None:
                self._slots.release()
                return False
            op.attempts = (op.attempts or 0) + 1
            if op.state != "running":
                operation_changed(s, op)  # pending -> running; a takeover shows no change
            if op.attempts > MAX_ATTEMPTS:
                op.state = "failed"
                op.error = dict(_FAILED_INSIDE)
                op.finished_at = clock.now()
                op.claim_token = None
                op.lease_until = None
                log.error(
                    "operation %s failed %d times inside the server; gave up", op.id, MAX_ATTEMPTS
                )
                if op.kind == "suspend":
                    _cancel_followers(s, op)
                self._slots.release()
                return True
            op.state = "running"
            op.started_at = op.started_at or clock.now()
            op.claim_token = token
            op.lease_until = at + timedelta(seconds=self.settings.lease_seconds)
            op_id = op.id
        with self._claims_lock:
            self._claims[op_id] = token
        self._pool.submit(self._run, op_id, token)
        return True

    def _run(self, op_id: str, token: str) -> None:
        try:
            self._perform(op_id, token)
        except Exception:
            log.exception("operation %s failed inside the server; it will be retried", op_id)
        finally:
            if not self._stop.is_set():
                # When stopping, the claim stays listed so stop() can hand it over.
                with self._claims_lock:
                    self._claims.pop(op_id, None)
            self._slots.release()

    def _perform(self, op_id: str, token: str) -> None:
        with self.db.session() as s:
            op = s.get(Operation, op_id)
            customer = s.get(Customer, op.customer_id) if op else None
        if op is None or customer is None:
            return
        fault = self.settings.fault_for(customer.account_number)
        deadline = time.monotonic() + self.settings.suspend_seconds
        # The backend's time, renewing the lease as it passes; a stalled one never ends.
        while fault == "stall" or time.monotonic() < deadline:
            step = self.settings.lease_seconds / 3
            if fault != "stall":
                step = min(step, deadline - time.monotonic())
            if step > 0 and self._stop.wait(step):
                return
            if not self._renew(op_id, token):
                return
        self._finish(op_id, token, fault)

    def _renew(self, op_id: str, token: str) -> bool:
        with self.db.session(write=True) as s:
            result = cast(
                CursorResult[Any],
                s.execute(
                    update(Operation)
                    .where(Operation.id == op_id, Operation.claim_token == token)
                    .values(lease_until=now() + timedelta(seconds=self.settings.lease_seconds))
                ),
            )
            return bool(result.rowcount == 1)

    def _finish(self, op_id: str, token: str, fault: str | None) -> None:
        with self.db.session(write=True) as s:
            op = s.execute(
                select(Operation)
                .where(Operation.id == op_id, Operation.claim_token == token)
                .with_for_update()
            ).scalar_one_or_none()
            if op is None or op.state != "running":
                return  # another server took it over after our lease ran out
            customer = s.execute(
                select(Customer).where(Customer.id == op.customer_id).with_for_update()
            ).scalar_one()
            at = clock.now()
            op.finished_at = at
            op.claim_token = None
            op.lease_until = None
            operation_changed(s, op)
            if fault == "fail":
                op.state = "failed"
                op.error = dict(_FAILED_BY_FAULT)
                details = {
                    "error": op.error["message"],
                    "code": op.error["code"],
                    "operation_id": op.id,
                    **_schedule_details(op),
                }
                record(s, customer, op.actor, f"{op.kind}_failed", details)
                if op.kind == "suspend":
                    scheduling.cancel_followers(s, op.id, customer, "suspension_failed")
                return
            _apply(s, op, customer, at)
            op.state = "succeeded"


def _cancel_followers(s: Session, op: Operation) -> None:
    customer = s.execute(
        select(Customer).where(Customer.id == op.customer_id).with_for_update()
    ).scalar_one()
    scheduling.cancel_followers(s, op.id, customer, "suspension_failed")


def _schedule_details(op: Operation) -> dict[str, Any]:
    """A scheduled operation's event says when it was due and how late it ran."""
    if op.scheduled_for is None:
        return {}
    return {
        "scheduled_for": scheduling.iso(op.scheduled_for),
        "late_seconds": op.params.get("late_seconds", 0.0),
    }


def _apply(s: Session, op: Operation, c: Customer, at: datetime) -> None:
    """The customer's change and its event, in the transaction that marks the operation done."""
    reason = op.params.get("reason")
    scheduled = _schedule_details(op)
    if op.kind == "suspend":
        c.status = "suspended"
        c.suspended_at = at
        c.suspension_reason = reason
        details = {"reason": reason, "operation_id": op.id, **scheduled}
        record(s, c, op.actor, "suspended", details)
    elif op.kind == "unsuspend":
        c.status = "active"
        c.suspended_at = None
        c.suspension_reason = None
        record(s, c, op.actor, "reenabled", {"operation_id": op.id, **scheduled})
    elif op.kind == "cancel":
        _cancel(s, op, c, at, reason)
    elif op.kind == "restore":
        _restore(s, op, c)
    c.version += 1
    c.updated_at = at
    customer_changed(s, c, counts=True)


def _cancel(s: Session, op: Operation, c: Customer, at: datetime, reason: Any) -> None:
    """Every service removed (marked with the operation, so a restore brings them back)."""
    removed = list(
        s.execute(
            select(Service).where(Service.customer_id == c.id, Service.removed_at.is_(None))
        ).scalars()
    )
    for service in removed:
        service.removed_at = at
        service.removed_by_operation = op.id
    c.status = "canceled"
    c.canceled_at = at
    record(
        s,
        c,
        op.actor,
        "canceled",
        {
            "reason": reason,
            "operation_id": op.id,
            "services_removed": [sv.name for sv in removed],
        },
    )


def _restore(s: Session, op: Operation, c: Customer) -> None:
    """The status before the last cancel, and the services that cancel removed."""
    cancel_op = s.execute(
        select(Operation)
        .where(
            Operation.customer_id == c.id,
            Operation.kind == "cancel",
            Operation.state == "succeeded",
        )
        .order_by(Operation.finished_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    restored: list[str] = []
    previous = "active"
    if cancel_op is not None:
        previous = cancel_op.params.get("previous_status", "active")
        for service in s.execute(
            select(Service).where(Service.removed_by_operation == cancel_op.id)
        ).scalars():
            service.removed_at = None
            service.removed_by_operation = None
            restored.append(service.name)
    c.status = previous
    c.canceled_at = None
    record(s, c, op.actor, "restored", {"operation_id": op.id, "services_restored": restored})
