"""Scheduled operations, the parts that requests and the scheduler share: the times a request may
ask for, what a customer's status will be by then, the customer's `next_scheduled`, and ending
a scheduled operation that will not run (`canceled`).

Every change here goes through the change log (server/changes.py) in the caller's transaction,
like any other change of an operation or a customer.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import clock
from server.changes import customer_changed, operation_changed
from server.errors import ApiError, field_errors
from server.events import record
from server.models import Customer, Operation
from server.serialize import utc

KINDS = ("suspend", "unsuspend")
MAX_AHEAD = timedelta(days=366)
UNFINISHED = ("pending", "running")
# RFC 3339's date-time: a full time with seconds and an offset (Z or ±hh:mm), nothing looser.
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$"
)
TIME_FORMAT = "not an RFC 3339 time with an offset (like 2026-12-10T09:00:00+01:00)"


def parse_time(value: str) -> datetime:
    """An RFC 3339 time with its offset, as an aware UTC datetime; ValueError in words."""
    text = value.strip()
    if not _RFC3339.match(text):
        raise ValueError(TIME_FORMAT)
    text = text[:10] + "T" + text[11:]
    text = text[:-1] + "+00:00" if text[-1] in "Zz" else text
    try:
        found = utc(datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(TIME_FORMAT) from None
    except OverflowError:  # year 1 or 9999 moved into UTC
        raise ValueError("is out of range") from None
    assert found is not None
    return found


def iso(value: datetime | None) -> str | None:
    """A time as the API writes it: "2026-12-10T08:00:00Z"."""
    found = utc(value)
    return None if found is None else found.isoformat().replace("+00:00", "Z")


def check_times(at: datetime | None, resume_at: datetime | None) -> None:
    """422 for a time in the past, too far ahead, or a resume not after the suspension."""
    now = clock.now()
    problems: dict[str, str] = {}
    if at is not None:
        if at <= now:
            problems["at"] = "must be in the future"
        elif at > now + MAX_AHEAD:
            problems["at"] = "must be at most 366 days ahead"
    if resume_at is not None:
        if at is not None and resume_at <= at:
            problems["resume_at"] = "must be after at"
        elif resume_at <= now:
            problems["resume_at"] = "must be in the future"
        elif resume_at > now + MAX_AHEAD:
            problems["resume_at"] = "must be at most 366 days ahead"
    if problems:
        raise field_errors(problems)


def refuse_if_scheduled(s: Session, c: Customer, kind: str) -> None:
    """409 already_scheduled: one scheduled operation of a kind per customer."""
    found = s.execute(
        select(Operation.scheduled_for).where(
            Operation.customer_id == c.id,
            Operation.kind == kind,
            Operation.state == "scheduled",
        )
    ).first()
    if found is not None:
        what = "suspension" if kind == "suspend" else "re-enable"
        raise ApiError(
            409,
            "already_scheduled",
            f"A {what} of {c.name} is already scheduled ({iso(found[0])}); "
            "cancel it first to schedule another.",
        )


def _after(status: str, kind: str) -> str:
    """The status after `kind` succeeds, when it applies; else the status stays."""
    if kind == "suspend" and status == "active":
        return "suspended"
    if kind == "unsuspend" and status == "suspended":
        return "active"
    if kind == "cancel" and status != "canceled":
        return "canceled"
    if kind == "restore" and status == "canceled":
        return "active"
    return status


def check_projected(s: Session, c: Customer, kind: str, at: datetime) -> None:
    """The state checks of an immediate operation, against the status the customer will have at
    `at` if what is unfinished or scheduled before then succeeds (a re-enable may be scheduled
    for after a scheduled suspension)."""
    status = c.status
    for unfinished in s.execute(
        select(Operation.kind).where(Operation.customer_id == c.id, Operation.state.in_(UNFINISHED))
    ).scalars():
        status = _after(status, unfinished)
    for earlier in s.execute(
        select(Operation.kind)
        .where(
            Operation.customer_id == c.id,
            Operation.state == "scheduled",
            Operation.scheduled_for < at,
        )
        .order_by(Operation.scheduled_for, Operation.id)
    ).scalars():
        status = _after(status, earlier)
    now_or_then = "is" if status == c.status else "will be"
    if kind == "suspend" and status == "suspended":
        raise ApiError(409, "already_suspended", f"{c.name} {now_or_then} suspended by then.")
    if kind == "suspend" and status == "canceled":
        raise ApiError(409, "customer_canceled", f"{c.name} {now_or_then} canceled by then.")
    if kind == "unsuspend" and status != "suspended":
        raise ApiError(409, "not_suspended", f"{c.name} will not be suspended by then.")


def refresh_next(s: Session, c: Customer) -> None:
    """Set the customer's next_scheduled from its scheduled operations; log the change if any
    (with the summary when the customer starts or stops counting as scheduled)."""
    s.flush()
    soonest = s.execute(
        select(Operation.id, Operation.kind, Operation.scheduled_for)
        .where(Operation.customer_id == c.id, Operation.state == "scheduled")
        .order_by(Operation.scheduled_for, Operation.id)
        .limit(1)
    ).first()
    new: tuple[Any, ...] = tuple(soonest) if soonest else (None, None, None)
    old = (c.next_op_id, c.next_op_kind, utc(c.next_op_at))
    if (new[0], new[1], utc(new[2])) == old:
        return
    had = c.next_op_id is not None
    c.next_op_id, c.next_op_kind, c.next_op_at = new
    # Not a change of the customer's own fields: `version` stays, so an edit in progress is
    # not refused with 412 because someone scheduled something.
    customer_changed(s, c, counts=had != (c.next_op_id is not None))


def end_unrun(
    s: Session,
    op: Operation,
    c: Customer,
    cause: str,
    error: dict[str, str] | None = None,
    actor: str | None = None,
) -> None:
    """A scheduled operation becomes `canceled` with its event, and so do its followers.
    The caller holds the customer's lock and calls refresh_next after."""
    op.state = "canceled"
    op.finished_at = clock.now()
    op.error = error
    operation_changed(s, op)
    details: dict[str, Any] = {
        "operation_id": op.id,
        "scheduled_for": iso(op.scheduled_for),
        "cause": cause,
    }
    if op.follows:
        details["follows"] = op.follows
    record(s, c, actor or op.actor, f"{op.kind}_schedule_canceled", details)
    cancel_followers(s, op.id, c, "suspension_canceled")


_FOLLOWS_FAILED = {
    "code": "follows_failed",
    "message": "The suspension this re-enable follows failed, so it will not run.",
}
_FOLLOWS_CANCELED = {
    "code": "follows_canceled",
    "message": "The suspension this re-enable follows was canceled, so it will not run.",
}


def cancel_followers(s: Session, leader_id: str, c: Customer, cause: str) -> None:
    """The scheduled operations that follow the suspension `leader_id` will not run: it failed
    or was canceled."""
    error = _FOLLOWS_FAILED if cause == "suspension_failed" else _FOLLOWS_CANCELED
    for follower in s.execute(
        select(Operation)
        .where(Operation.follows == leader_id, Operation.state == "scheduled")
        .with_for_update()
    ).scalars():
        end_unrun(s, follower, c, cause, dict(error))
    refresh_next(s, c)
