"""The Activity log: every event of the partner, customers' and its own, newest first.

Pages are keyset pages on the event id, walked downwards: ids only grow, so events written while
someone pages land above the first page and never shift the rows below a cursor; every event
that exists for the whole walk is seen exactly once. A page is one query on the index
(partner_id, id) of migration 0008, read backwards and stopped after `limit + 1` rows (the one
more says whether there is a next page); filters are conditions on the rows that index yields
(a customer's events may come by ix_events_customer_id_id instead), and the customer's name is a
lookup by primary key per row of the page. tests/server/test_activity.py checks the plan on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel
from sqlalchemy import Select, select

from server.deps import DB, Principal
from server.errors import ApiError
from server.models import Customer, Event
from server.permissions import need
from server.routes import errors
from server.serialize import utc

router = APIRouter(tags=["activity"])

Reader = Annotated[Principal, Depends(need("activity.read"))]

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_CURSOR = re.compile(r"^ev:([1-9][0-9]{0,17})$")
_EXAMPLE_TIME = "2026-03-10T14:00:00Z"


class ActivityItem(BaseModel):
    # The event's own id: increasing, so a later event has a larger one.
    id: int
    at: datetime
    actor: str
    action: str
    # Both null for an event of the partner as a whole (a sign-in, a staff change).
    customer_id: str | None
    customer_name: str | None
    details: dict[str, Any]


class ActivityPage(BaseModel):
    items: list[ActivityItem]
    next_cursor: str | None


@dataclass(frozen=True)
class ActivityFilter:
    partner_id: str
    actor: str | None = None
    action: str | None = None
    customer_id: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


def _invalid(field: str, problem: str, message: str) -> ApiError:
    return ApiError(422, "validation_failed", message, {"fields": {field: problem}})


def encode_cursor(event_id: int) -> str:
    return base64.urlsafe_b64encode(f"ev:{event_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        value = ""
    found = _CURSOR.match(value)
    if found is None:
        raise _invalid(
            "cursor",
            "not a cursor this server gave out",
            "This page cursor is not one the server gave out; start again from the first page.",
        )
    return int(found.group(1))


def parse_moment(field: str, value: str | None) -> datetime | None:
    """An ISO 8601 date or date and time, in UTC; one without an offset is taken as UTC."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _invalid(
            field,
            f"is not an ISO 8601 date and time, like {_EXAMPLE_TIME}",
            f"{field} must be an ISO 8601 date and time, like {_EXAMPLE_TIME}.",
        ) from None


def activity_query(f: ActivityFilter, before: int | None, limit: int) -> Select[Event, str]:
    """One page: the partner's events below the cursor id, newest first, with `limit + 1` rows."""
    query = (
        select(Event, Customer.name)
        .outerjoin(Customer, Customer.id == Event.customer_id)
        .where(Event.partner_id == f.partner_id)
    )
    if before is not None:
        query = query.where(Event.id < before)
    if f.actor is not None:
        query = query.where(Event.actor == f.actor)
    if f.action is not None:
        query = query.where(Event.action == f.action)
    if f.customer_id is not None:
        query = query.where(Event.customer_id == f.customer_id)
    if f.since is not None:
        query = query.where(Event.at >= f.since)
    if f.until is not None:
        query = query.where(Event.at < f.until)
    return query.order_by(Event.id.desc()).limit(limit + 1)


def _item(e: Event, customer_name: str | None) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": utc(e.at),
        "actor": e.actor,
        "action": e.action,
        "customer_id": e.customer_id,
        "customer_name": customer_name,
        "details": e.details or {},
    }


@router.get("/activity", response_model=ActivityPage, responses=errors(401, 403, 422))
def list_activity(
    user: Reader,
    db: DB,
    response: Response,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    customer_id: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[str | None, Query(max_length=64)] = None,
    until: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    before = decode_cursor(cursor) if cursor else None
    f = ActivityFilter(
        user.partner_id,
        actor,
        action,
        customer_id,
        parse_moment("since", since),
        parse_moment("until", until),
    )
    if f.since is not None and f.until is not None and f.until < f.since:
        raise _invalid("until", "is before since", "until must not be before since.")
    started = time.perf_counter()
    with db.session() as s:
        rows = s.execute(activity_query(f, before, limit)).all()
    # The database's share of the request, for benchmarks and browser dev tools.
    response.headers["Server-Timing"] = f"db;dur={(time.perf_counter() - started) * 1000:.1f}"
    page = rows[:limit]
    return {
        "items": [_item(e, name) for e, name in page],
        "next_cursor": encode_cursor(page[-1][0].id) if len(rows) > limit else None,
    }
