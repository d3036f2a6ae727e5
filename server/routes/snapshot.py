"""GET /customers/snapshot: the partner's whole list at once, as NDJSON, consistent as of a cursor.

One read transaction from the first line to the last (REPEATABLE READ on PostgreSQL, SQLite's
read snapshot), so the list is exactly the book at the change log's head, the cursor on the
first line: a client follows GET /changes from there and misses nothing. The rows are streamed
as they are read, in batches (a server-side cursor on PostgreSQL), gzip-compressed as they go
when the client asks for it: memory stays the same for ten customers or a million.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import AsyncGenerator
from typing import Annotated, Any

import anyio
import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Connection, func, select

from server import changes, snapshot_rows
from server.db import Database
from server.deps import DB, Principal
from server.models import Customer
from server.permissions import need
from server.routes import errors
from server.streaming import ClosingStreamingResponse

router = APIRouter(tags=["customers"])

Reader = Annotated[Principal, Depends(need("customers.read"))]

NDJSON = "application/x-ndjson"
BATCH = 1000
# Fast over slow-but-small: level 1 is several times faster than the default 6 and still
# shrinks the JSON about five times; a snapshot is read once, not stored.
GZIP_LEVEL = 1


def accepts_gzip(header: str) -> bool:
    """Accept-Encoding names gzip (or *) with a q above 0 (RFC 9110)."""
    weights: dict[str, float] = {}
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name:
            weights[name.strip().lower()] = q
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


class SnapshotReader:
    """The snapshot's transaction and its rows, a batch at a time (blocking: run in threads)."""

    def __init__(self, db: Database, partner_id: str) -> None:
        self.db = db
        self.partner_id = partner_id
        self._conn: Connection | None = None
        self._cursor: Any = None
        self._when = snapshot_rows.sqlite_time if db.is_sqlite else snapshot_rows.same_time

    def open(self) -> bytes:
        """Begin the transaction; the first line, {"cursor", "total"}."""
        conn = self.db.engine.connect()
        self._conn = conn
        if not self.db.is_sqlite:
            conn.execution_options(isolation_level="REPEATABLE READ")
        conn.begin()
        if not self.db.is_sqlite:
            # Times in UTC, as the API writes them (snapshot_rows.py); no snapshot taken yet.
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
        # The cursor first: on PostgreSQL the snapshot is taken by the first query, and
        # everything read after it is as of that same moment (SQLite: the first read too).
        cursor = changes.head(conn)
        of_partner = Customer.partner_id == self.partner_id
        total = conn.execute(select(func.count()).select_from(Customer).where(of_partner))
        first = {"cursor": str(cursor), "total": int(total.scalar_one())}
        # The driver's own cursor, in the same transaction: plain tuples, no per-value work.
        driver = conn.connection.driver_connection
        assert driver is not None
        if self.db.is_sqlite:
            self._cursor = driver.execute(snapshot_rows.select_sql("?"), (self.partner_id,))
        else:
            # A server-side cursor: the rows come BATCH at a time, never all at once.
            self._cursor = driver.cursor(name="customer_snapshot")
            self._cursor.execute(snapshot_rows.select_sql("%s"), (self.partner_id,))
        return orjson.dumps(first) + b"\n"

    def next_lines(self) -> bytes | None:
        """The next batch of customers, a JSON line each; None at the end."""
        rows = self._cursor.fetchmany(BATCH)
        if not rows:
            return None
        return snapshot_rows.lines(rows, self._when)

    def close(self) -> None:
        cursor, self._cursor = self._cursor, None
        conn, self._conn = self._conn, None
        if cursor is not None:
            with contextlib.suppress(Exception):  # a broken connection is closed below anyway
                cursor.close()
        if conn is not None:
            conn.close()  # rolls the read transaction back and returns the connection


async def _lines(db: Database, partner_id: str) -> AsyncGenerator[bytes, None]:
    reader = SnapshotReader(db, partner_id)
    try:
        # Opened here, not in the route: a client gone before the body starts leaves nothing open.
        yield await anyio.to_thread.run_sync(reader.open)
        while (lines := await anyio.to_thread.run_sync(reader.next_lines)) is not None:
            yield lines
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(reader.close)


async def _gzipped(lines: AsyncGenerator[bytes, None]) -> AsyncGenerator[bytes, None]:
    gzip = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: the gzip container
    try:
        async for chunk in lines:
            # Flushed batch by batch, so the first rows reach the client at once.
            yield gzip.compress(chunk) + gzip.flush(zlib.Z_SYNC_FLUSH)
        yield gzip.flush()
    finally:
        await lines.aclose()


@router.get(
    "/customers/snapshot",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": 'NDJSON: {"cursor", "total"}, then one customer per line',
            "content": {NDJSON: {"schema": {"type": "string"}}},
        },
        **errors(401, 403),
    },
)
async def snapshot(request: Request, user: Reader, db: DB) -> StreamingResponse:
    headers = {"Cache-Control": "no-store", "Vary": "Accept-Encoding"}
    body = _lines(db, user.partner_id)
    if accepts_gzip(request.headers.get("accept-encoding", "")):
        headers["Content-Encoding"] = "gzip"
        body = _gzipped(body)
    return ClosingStreamingResponse(body, media_type=NDJSON, headers=headers)
