"""GET /changes: every committed change after a cursor, as Server-Sent Events, then live.

A stream is a coroutine that waits on this process's ChangeHub (server/change_hub.py): it holds
no thread and no database connection while idle. It reads the database itself only to catch up
from a cursor older than the hub's buffer, a batch at a time. `wait=N` answers one JSON body
instead, for clients that cannot stream.

Staff events go only to those with staff.manage, who may read the staff list; everyone else's
stream leaves them out (their cursor still moves past them).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import anyio
import orjson
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from server import changes
from server.change_hub import ChangeHub
from server.change_render import Rendered, render
from server.config import Settings
from server.db import Database
from server.deps import DB, AppSettings, Principal, principal_for
from server.errors import ApiError, field_errors
from server.permissions import MATRIX, need
from server.routes import errors
from server.streaming import ClosingStreamingResponse

router = APIRouter(tags=["changes"])

Reader = Annotated[Principal, Depends(need("customers.read"))]

EVENT_STREAM = "text/event-stream"
# Changes read from the database per step of a stream's catch-up; at most in one JSON answer.
CATCH_UP = 500
MOST_ITEMS = 5000
KEEP_ALIVE = b": keep-alive\n\n"
_STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class ChangeItem(BaseModel):
    id: str
    event: Literal["customer", "operation", "summary", "branding", "staff"]
    data: Any


class ChangeList(BaseModel):
    items: list[ChangeItem]
    cursor: str


class CursorExpired(Exception):
    def __init__(self, pruned_through: int) -> None:
        super().__init__(pruned_through)
        self.pruned_through = pruned_through


def expired(pruned_through: int) -> ApiError:
    return ApiError(
        410,
        "cursor_expired",
        "The changes after this cursor are no longer kept. Load the whole list again.",
        {"oldest_cursor": str(pruned_through)},
    )


def _parse_cursor(value: str, field: str) -> int:
    text = value.strip()
    if not text.isdigit() or len(text) > 19:
        raise field_errors({field: "is not a cursor this server gave out"})
    return int(text)


def _start(db: Database, cursor: int | None, field: str) -> int:
    """The cursor to follow from: checked against the log (410, 422), or its head if None."""
    with db.session() as s:
        upto = changes.head(s)
        if cursor is None:
            return upto
        if cursor > upto:
            raise field_errors({field: "is not a cursor this server gave out"})
        through = changes.pruned_through(s)
    if cursor < through:
        raise expired(through)
    return cursor


def read_after(db: Database, partner_id: str, after: int, limit: int) -> tuple[list[Rendered], int]:
    """The partner's events after `after` (at most `limit`) and the cursor past them."""
    with db.session() as s:
        # The head before the rows: on PostgreSQL (read committed) everything up to it has
        # committed already (server/changes.py), so no row at or below it can appear later.
        upto = changes.head(s)
        rows = changes.rows_after(s, after, upto=upto, partner_id=partner_id, limit=limit)
        through = changes.pruned_through(s)
        if after < through:
            raise CursorExpired(through)
        events = render(s, rows)
    return events, (rows[-1].seq if len(rows) == limit else max(upto, after))


class _Follower:
    """One client's place in the feed, and what it may see."""

    def __init__(self, user: Principal, cursor: int, settings: Settings) -> None:
        self.user = user
        self.cursor = cursor
        self.settings = settings
        self.sees_staff = user.role in MATRIX["staff.manage"][0]
        self.checked = time.monotonic()

    def visible(self, events: list[Rendered]) -> list[Rendered]:
        return [
            e
            for e in events
            if e.partner_id == self.user.partner_id and (e.kind != "staff" or self.sees_staff)
        ]

    def check_due(self, events: list[Rendered]) -> None:
        """A change to this very user (disabled, another role) is checked at once, whether or
        not the stream shows staff events."""
        if any(e.kind == "staff" and e.object_id == self.user.user_id for e in events):
            self.checked = 0.0

    async def still_signed_in(self, db: Database) -> bool:
        if time.monotonic() - self.checked < self.settings.changes_recheck_seconds:
            return True
        try:
            user = await anyio.to_thread.run_sync(principal_for, db, self.user.token_hash)
        except ApiError:
            return False
        self.checked = time.monotonic()
        self.sees_staff = user.role in MATRIX["staff.manage"][0]
        return not user.mfa_setup_required


async def _next(hub: ChangeHub, db: Database, me: _Follower) -> list[Rendered] | None:
    """The next events for `me` (perhaps none, when only others' arrived), or None after
    waiting a keep-alive interval in vain."""
    partner_id = me.user.partner_id
    if not hub.covers(partner_id, me.cursor):
        events, me.cursor = await anyio.to_thread.run_sync(
            read_after, db, partner_id, me.cursor, CATCH_UP
        )
        return events
    if hub.head > me.cursor:
        events = hub.after(me.cursor)
        me.cursor = hub.head
        return events
    return [] if await hub.wait(me.settings.changes_keepalive_seconds) else None


async def _stream(hub: ChangeHub, db: Database, me: _Follower) -> AsyncIterator[bytes]:
    hub.subscribe(me.user.partner_id)
    try:
        while not hub.ending and await me.still_signed_in(db):
            try:
                events = await _next(hub, db, me)
            except CursorExpired:
                return  # past the window: the client's reconnection is told 410
            if events is None:
                yield KEEP_ALIVE
                continue
            me.check_due(events)
            mine = me.visible(events)
            if mine:
                yield b"".join(e.frame for e in mine)
    finally:
        hub.unsubscribe(me.user.partner_id)


async def _collect(hub: ChangeHub, db: Database, me: _Follower, wait: float) -> dict[str, Any]:
    """The `wait` form: what there is now, or the first events within `wait` seconds."""
    partner_id = me.user.partner_id
    deadline = time.monotonic() + wait
    hub.subscribe(partner_id)
    try:
        while True:
            events, cursor = await anyio.to_thread.run_sync(
                read_after, db, partner_id, me.cursor, MOST_ITEMS
            )
            mine = me.visible(events)
            left = deadline - time.monotonic()
            if mine or left <= 0:
                break
            me.cursor = cursor
            await hub.wait(left)
    except CursorExpired as exc:
        raise expired(exc.pruned_through) from None
    finally:
        hub.unsubscribe(partner_id)
    items = [{"id": str(e.seq), "event": e.kind, "data": orjson.Fragment(e.data)} for e in mine]
    return {"items": items, "cursor": str(cursor)}


@router.get(
    "/changes",
    response_class=StreamingResponse,
    responses={
        200: {
            "model": ChangeList,
            "description": "Server-Sent Events (id: cursor, event: kind, data: the record); "
            "with `wait`, one JSON answer",
            "content": {EVENT_STREAM: {"schema": {"type": "string"}}},
        },
        **errors(401, 403, 410, 422),
    },
)
async def follow_changes(
    request: Request,
    user: Reader,
    db: DB,
    settings: AppSettings,
    since: Annotated[str | None, Query(max_length=40)] = None,
    wait: Annotated[float | None, Query(ge=0, le=60)] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=40)] = None,
) -> Response:
    # A reconnecting EventSource sends its original URL (and so the old `since`) with the id of
    # the last event it received: that one wins.
    field, given = ("Last-Event-ID", last_event_id) if last_event_id else ("since", since)
    cursor = _parse_cursor(given, field) if given else None
    start = await anyio.to_thread.run_sync(_start, db, cursor, field)
    hub: ChangeHub = request.app.state.changes
    await hub.ready()
    me = _Follower(user, start, settings)
    if wait is not None:
        body = await _collect(hub, db, me, wait)
        return Response(orjson.dumps(body), media_type="application/json")
    return ClosingStreamingResponse(
        _stream(hub, db, me), media_type=EVENT_STREAM, headers=_STREAM_HEADERS
    )
