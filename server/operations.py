"""Starting operations: idempotency keys, preconditions, one unfinished operation per customer;
scheduled ones (`at`, `resume_at`) through server/scheduling.py."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server import clock, scheduling
from server.changes import operation_changed
from server.config import Settings
from server.db import Database
from server.deps import Principal
from server.errors import ApiError
from server.events import record
from server.ids import new_id
from server.models import Customer, Operation
from server.routes.customers import load_customer
from server.serialize import utc

MAX_KEY_LENGTH = 200


def request_hash(kind: str, customer_id: str, body: dict[str, Any]) -> str:
    text = json.dumps({"kind": kind, "customer": customer_id, "body": body}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise ApiError(
            400,
            "idempotency_key_required",
            "Send an Idempotency-Key header, so a retried request never acts twice.",
        )
    if len(key) > MAX_KEY_LENGTH:
        raise ApiError(
            400,
            "idempotency_key_required",
            f"Idempotency-Key is at most {MAX_KEY_LENGTH} characters.",
        )
    return key


def _existing(s: Session, partner_id: str, key: str, digest: str) -> Operation | None:
    op = s.execute(
        select(Operation).where(
            Operation.partner_id == partner_id, Operation.idempotency_key == key
        )
    ).scalar_one_or_none()
    if op is not None and op.request_hash != digest:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request.",
        )
    return op


def _in_progress() -> ApiError:
    return ApiError(
        409,
        "operation_in_progress",
        "Another operation on this customer has not finished yet.",
    )


def precondition(kind: str, c: Customer, body: dict[str, Any], settings: Settings) -> None:
    """The state checks of API.md; raising means nothing is started."""
    if kind == "suspend":
        if c.status == "suspended":
            raise ApiError(409, "already_suspended", f"{c.name} is already suspended.")
        if c.status == "canceled":
            raise ApiError(409, "customer_canceled", f"{c.name} is canceled; restore it first.")
    elif kind == "unsuspend":
        if c.status != "suspended":
            raise ApiError(409, "not_suspended", f"{c.name} is not suspended.")
    elif kind == "cancel":
        if c.status == "canceled":
            raise ApiError(409, "already_canceled", f"{c.name} is already canceled.")
        if body.get("confirm_account_number", "").strip() != c.account_number:
            raise ApiError(
                422,
                "confirmation_mismatch",
                "The account number typed does not match this customer's.",
                {"fields": {"confirm_account_number": "does not match the account number"}},
            )
    elif kind == "restore":
        if c.status != "canceled":
            raise ApiError(409, "not_canceled", f"{c.name} is not canceled.")
        canceled_at = utc(c.canceled_at)
        if canceled_at is None or (clock.now() - canceled_at).days >= settings.restore_window_days:
            raise ApiError(
                409,
                "restore_window_passed",
                f"{c.name} was canceled more than {settings.restore_window_days} days ago "
                "and can no longer be restored.",
            )


def hashed_body(
    body: dict[str, Any], at: datetime | None, resume_at: datetime | None
) -> dict[str, Any]:
    """The request as its hash knows it: the times in UTC, so an equal time with another
    offset is the same request; absent ones left out, as before scheduling existed."""
    out = dict(body)
    if at is not None:
        out["at"] = scheduling.iso(at)
    if resume_at is not None:
        out["resume_at"] = scheduling.iso(resume_at)
    return out


def start(
    db: Database,
    settings: Settings,
    user: Principal,
    customer_id: str,
    kind: str,
    body: dict[str, Any],
    key: str | None,
    at: datetime | None = None,
    resume_at: datetime | None = None,
) -> Operation:
    """Create the operation (scheduled for `at`; with a re-enable following at `resume_at`),
    or return the one this key already made."""
    key = _check_key(key)
    params = hashed_body(body, at, resume_at)
    digest = request_hash(kind, customer_id, params)
    try:
        with db.session(write=True) as s:
            existing = _existing(s, user.partner_id, key, digest)
            if existing is not None:
                load_customer(s, user.partner_id, customer_id)
                return existing
            c = load_customer(s, user.partner_id, customer_id, lock=True)
            # Holding the customer's lock now, look again: on PostgreSQL (read committed) a
            # racing request with this key may have committed its operation while we waited.
            existing = _existing(s, user.partner_id, key, digest)
            if existing is not None:
                return existing
            if at is None and resume_at is None:
                precondition(kind, c, body, settings)
                return new_operation(s, user, c, kind, params, key, digest)
            return _schedule(s, settings, user, c, kind, params, key, digest, at, resume_at)
    except IntegrityError:
        # A racing request with the same key (or another operation) won the insert.
        with db.session() as s:
            existing = _existing(s, user.partner_id, key, digest)
        if existing is not None:
            return existing
        if at is not None or resume_at is not None:
            raise ApiError(
                409, "already_scheduled", "Another operation was just scheduled for this customer."
            ) from None
        raise _in_progress() from None


def _schedule(
    s: Session,
    settings: Settings,
    user: Principal,
    c: Customer,
    kind: str,
    params: dict[str, Any],
    key: str,
    digest: str,
    at: datetime | None,
    resume_at: datetime | None,
) -> Operation:
    """The suspension or re-enable now or scheduled for `at`, and the scheduled re-enable that
    follows it at `resume_at`; both or neither."""
    scheduling.check_times(at, resume_at)
    if at is None:
        precondition(kind, c, params, settings)
    else:
        scheduling.refuse_if_scheduled(s, c, kind)
        scheduling.check_projected(s, c, kind, at)
    if resume_at is not None:
        scheduling.refuse_if_scheduled(s, c, "unsuspend")
    state = "pending" if at is None else "scheduled"
    leader = new_operation(s, user, c, kind, params, key, digest, state=state, scheduled_for=at)
    if at is not None:
        _scheduled_event(s, c, user, leader)
    if resume_at is not None:
        follower_params = {"follows": leader.id}
        follower = new_operation(
            s,
            user,
            c,
            "unsuspend",
            follower_params,
            # Keys are the client's; this one is made from an id no client was given before.
            f"follows:{leader.id}",
            request_hash("unsuspend", c.id, follower_params),
            state="scheduled",
            scheduled_for=resume_at,
            follows=leader.id,
        )
        _scheduled_event(s, c, user, follower)
    scheduling.refresh_next(s, c)
    return leader


def _scheduled_event(s: Session, c: Customer, user: Principal, op: Operation) -> None:
    details: dict[str, Any] = {
        "operation_id": op.id,
        "scheduled_for": scheduling.iso(op.scheduled_for),
    }
    if op.params.get("reason"):
        details["reason"] = op.params["reason"]
    if op.follows:
        details["follows"] = op.follows
    record(s, c, user.username, f"{op.kind}_scheduled", details)


def new_operation(
    s: Session,
    user: Principal,
    c: Customer,
    kind: str,
    params: dict[str, Any],
    key: str,
    digest: str,
    *,
    state: str = "pending",
    scheduled_for: datetime | None = None,
    follows: str | None = None,
) -> Operation:
    """A new operation on `c` (locked); a pending one unless another one has not finished."""
    if state == "pending":
        unfinished = s.execute(
            select(Operation.id).where(
                Operation.customer_id == c.id, Operation.state.in_(("pending", "running"))
            )
        ).first()
        if unfinished:
            raise _in_progress()
    params = dict(params)
    if kind == "cancel":
        params["previous_status"] = c.status
    op = Operation(
        id=new_id("op"),
        partner_id=user.partner_id,
        customer_id=c.id,
        kind=kind,
        state=state,
        idempotency_key=key,
        request_hash=digest,
        params=params,
        actor=user.username,
        created_at=clock.now(),
        started_at=None,
        finished_at=None,
        error=None,
        claim_token=None,
        lease_until=None,
        scheduled_for=scheduled_for,
        follows=follows,
    )
    s.add(op)
    s.flush()
    operation_changed(s, op)
    return op
