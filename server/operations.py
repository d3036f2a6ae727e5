"""Starting operations: idempotency keys, preconditions, one unfinished operation per customer."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.changes import operation_changed
from server.config import Settings
from server.db import Database
from server.deps import Principal
from server.errors import ApiError
from server.ids import new_id
from server.models import Customer, Operation
from server.routes.customers import load_customer
from server.serialize import now, utc

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
        if canceled_at is None or (now() - canceled_at).days >= settings.restore_window_days:
            raise ApiError(
                409,
                "restore_window_passed",
                f"{c.name} was canceled more than {settings.restore_window_days} days ago "
                "and can no longer be restored.",
            )


def start(
    db: Database,
    settings: Settings,
    user: Principal,
    customer_id: str,
    kind: str,
    body: dict[str, Any],
    key: str | None,
) -> Operation:
    """Create the operation, or return the one this key already made."""
    key = _check_key(key)
    digest = request_hash(kind, customer_id, body)
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
            precondition(kind, c, body, settings)
            return _create(s, user, c, kind, body, key, digest)
    except IntegrityError:
        # A racing request with the same key (or another operation) won the insert.
        with db.session() as s:
            existing = _existing(s, user.partner_id, key, digest)
        if existing is not None:
            return existing
        raise _in_progress() from None


def _create(
    s: Session,
    user: Principal,
    c: Customer,
    kind: str,
    body: dict[str, Any],
    key: str,
    digest: str,
) -> Operation:
    """The new pending operation on `c` (locked), unless another one has not finished."""
    unfinished = s.execute(
        select(Operation.id).where(
            Operation.customer_id == c.id, Operation.state.in_(("pending", "running"))
        )
    ).first()
    if unfinished:
        raise _in_progress()
    params = dict(body)
    if kind == "cancel":
        params["previous_status"] = c.status
    op = Operation(
        id=new_id("op"),
        partner_id=user.partner_id,
        customer_id=c.id,
        kind=kind,
        state="pending",
        idempotency_key=key,
        request_hash=digest,
        params=params,
        actor=user.username,
        created_at=now(),
        started_at=None,
        finished_at=None,
        error=None,
        claim_token=None,
        lease_until=None,
    )
    s.add(op)
    s.flush()
    operation_changed(s, op)
    return op
