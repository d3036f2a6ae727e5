"""The whole list at once and the change feed (docs/api.md, "Live changes"): typed, no Qt.

    for batch in api.snapshot():          # NDJSON: {"cursor", "total"}, then a customer a line
        ...batch.customers...
    with api.open_changes(batch.cursor) as feed:   # Server-Sent Events after that cursor
        for changes in feed.batches(): ...

Rows are validated as they arrive, a line at a time, by pydantic's own JSON reader (it parses
and checks in one pass, faster than decoding with orjson first and validating the dicts after);
orjson reads the rest: the snapshot's first line, the `wait=0` answer, any other event's data.
Following the feed through reconnects is desktop/api/live_follow.py's.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import pydantic

from desktop.api import answers
from desktop.api.errors import BadResponseError, NetworkError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import Customer, Operation, Record, Summary
from desktop.api.sse import SseParser
from desktop.api.streaming import StreamAnswer, open_stream
from desktop.api.transport import Timeout, Transport

log = logging.getLogger("partner_desk.api")

# The feed sends a comment at least every 15 s: three missed, and the connection is dead.
STREAM_TIMEOUT: Timeout = (3.05, 45.0)
# One line of the snapshot or one event may not grow past this (a hostile or broken server).
MAX_LINE_BYTES = 4 * 1024 * 1024
# The first rows come in a small batch, so they are on screen at once; the rest in big ones.
FIRST_BATCH = 200
BATCH = 2000
# wait=0 answers are read until one brings nothing new, at most this many.
MOST_CATCH_UP_ROUNDS = 50

_RECORDS: dict[str, type[Record]] = {
    "customer": Customer,
    "operation": Operation,
    "summary": Summary,
}


@dataclass(frozen=True)
class Change:
    """One event of the feed: `id` is the cursor after it, `event` its kind (customer,
    operation, summary, branding, staff), `record` the parsed record for the first three
    (None for the others, or when the object is gone or could not be read)."""

    id: str
    event: str
    text: str = field(repr=False)  # the data as sent (JSON)
    record: Customer | Operation | Summary | None = None

    @property
    def data(self) -> Any:
        """The data, decoded."""
        return orjson.loads(self.text)


@dataclass(frozen=True)
class ChangeList:
    """What the `wait=0` form answered: the changes, and the cursor after them."""

    items: tuple[Change, ...]
    cursor: str


@dataclass(frozen=True)
class SnapshotBatch:
    """Customers of the snapshot, in the order sent, with what its first line said."""

    cursor: str
    total: int
    customers: tuple[Customer, ...]


def _unreadable(what: str, problem: str) -> BadResponseError:
    return BadResponseError(
        Message(
            QT_TRANSLATE_NOOP(
                "ApiMessages", "The server's answer to {request} could not be read ({problem})."
            ),
            request=what,
            problem=problem,
        )
    )


def parse_change(cursor: str, event: str, text: str) -> Change:
    """A change with its record; data that does not read as its record is logged and left
    unparsed (the cursor moves past it, so it is never asked for again and again)."""
    kind = _RECORDS.get(event)
    record: Any = None
    if kind is not None and text.strip() != "null":
        try:
            record = kind.model_validate_json(text)
        except pydantic.ValidationError as exc:
            # An operation in a state this client does not know (scheduled...) lands here too.
            log.info("change %s: %s data not read (%d problems)", cursor, event, exc.error_count())
    return Change(cursor, event, text, record)


class ChangeStream:
    """One open GET /changes: its events in batches, as the socket delivers them."""

    def __init__(self, answer: StreamAnswer) -> None:
        self._answer = answer
        self._parser = SseParser()

    @property
    def retry_ms(self) -> int | None:
        """How long the server asked a client to wait before reconnecting, if it said."""
        return self._parser.retry_ms

    @property
    def last_event_id(self) -> str:
        return self._parser.last_event_id

    def batches(self) -> Iterator[list[Change]]:
        """The changes each read completes (none for a keep-alive); ends with the stream."""
        parser = self._parser
        for chunk in self._answer.chunks():
            events = parser.feed(chunk)
            if parser.pending_bytes > MAX_LINE_BYTES:
                raise _unreadable(self._answer.what, "an event too long")
            yield [parse_change(e.id, e.event, e.data) for e in events]

    def abort(self) -> None:
        """From any thread: the stream ends at once (its reader gets a NetworkError)."""
        self._answer.abort()

    @property
    def aborted(self) -> bool:
        return self._answer.aborted


class LiveCalls:
    """PartnerApi's calls of the live feed (a mixin: its transport and token are PartnerApi's)."""

    _transport: Transport
    _token: str | None

    def _auth(self, headers: dict[str, str]) -> dict[str, str]:
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def _checked(self, stream: StreamAnswer, media: str) -> None:
        signed_in = self._token is not None
        if not 200 <= stream.status < 300:
            answers.check(stream.whole(), signed_in=signed_in)
        kind = stream.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if kind != media:
            raise _unreadable(stream.what, f"{kind or 'no content type'}, not {media}")

    # -- the whole list ------------------------------------------------------------------------

    def snapshot(
        self, first_batch: int = FIRST_BATCH, batch: int = BATCH
    ) -> Iterator[SnapshotBatch]:
        """Every customer of the partner, as of one cursor, in batches as they arrive.

        A server without the call answers 404: a NotFoundError before any batch (the caller
        then reads the list page by page). A stream that ends before `total` customers is a
        NetworkError: nothing partial passes for the whole list.
        """
        headers = self._auth({"Accept": "application/x-ndjson", "Accept-Encoding": "gzip"})
        with open_stream(self._transport, "/customers/snapshot", headers=headers) as stream:
            self._checked(stream, "application/x-ndjson")
            yield from _snapshot_batches(stream, first_batch, batch)

    # -- the change feed -----------------------------------------------------------------------

    @contextlib.contextmanager
    def open_changes(
        self, since: str, *, last_event_id: str | None = None
    ) -> Iterator[ChangeStream]:
        """GET /changes after `since`, open; `last_event_id` (a reconnect) is sent as the
        Last-Event-ID header. 410 raises CursorExpiredError; sent once (live_follow retries)."""
        headers = self._auth({"Accept": "text/event-stream", "Cache-Control": "no-cache"})
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        with open_stream(
            self._transport,
            "/changes",
            params={"since": since},
            headers=headers,
            timeout=STREAM_TIMEOUT,
            once=True,
        ) as stream:
            self._checked(stream, "text/event-stream")
            yield ChangeStream(stream)

    def changes(self, since: str, *, last_event_id: str | None = None) -> Iterator[Change]:
        """Each change after `since` as it arrives, until the stream ends (one connection)."""
        with self.open_changes(since, last_event_id=last_event_id) as stream:
            for batch in stream.batches():
                yield from batch

    def changes_since(self, cursor: str) -> ChangeList:
        """Everything after `cursor` now (the `wait=0` form), in as many answers as it takes."""
        items: list[Change] = []
        for _ in range(MOST_CATCH_UP_ROUNDS):
            answer = self._transport.send(
                "GET",
                "/changes",
                params={"since": cursor, "wait": 0},
                headers=self._auth({}),
            )
            answers.check(answer, signed_in=self._token is not None)
            answers.require_json(answer)
            found, after = _change_list(answer.body, answer.what)
            items.extend(found)
            if not found or after == cursor:
                return ChangeList(tuple(items), after)
            cursor = after
        return ChangeList(tuple(items), cursor)


def _change_list(body: bytes, what: str) -> tuple[list[Change], str]:
    try:
        value = orjson.loads(body)
        cursor = value["cursor"]
        raw = value["items"]
        if not isinstance(cursor, str) or not isinstance(raw, list):
            raise TypeError
        found = [
            parse_change(str(item["id"]), str(item["event"]), orjson.dumps(item["data"]).decode())
            for item in raw
        ]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise _unreadable(what, "not a list of changes") from None
    return found, cursor


def _snapshot_batches(
    stream: StreamAnswer, first_batch: int, batch: int
) -> Iterator[SnapshotBatch]:
    head: tuple[str, int] | None = None
    rows: list[Customer] = []
    count = 0
    size = first_batch
    pending = b""
    validate = Customer.model_validate_json
    for chunk in stream.chunks():
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        if len(pending) > MAX_LINE_BYTES:
            raise _unreadable(stream.what, "a line too long")
        for line in lines:
            if not line.strip():
                continue
            if head is None:
                head = _head(line, stream.what)
                continue
            try:
                rows.append(validate(line))
            except pydantic.ValidationError as exc:
                raise _unreadable(
                    stream.what, f"customer {count + len(rows) + 1}: {exc.error_count()} problems"
                ) from None
            if len(rows) == size:
                count += size
                yield SnapshotBatch(head[0], head[1], tuple(rows))
                rows, size = [], batch
    if pending.strip():
        raise _lost(stream)  # the last line has no end: the connection was cut
    if head is None:
        raise _unreadable(stream.what, "no first line")
    count += len(rows)
    if count != head[1]:
        raise _lost(stream)
    if rows or count == 0:
        yield SnapshotBatch(head[0], head[1], tuple(rows))


def _head(line: bytes, what: str) -> tuple[str, int]:
    try:
        value = orjson.loads(line)
        cursor, total = value["cursor"], value["total"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise _unreadable(what, "its first line") from None
    if not isinstance(cursor, str) or type(total) is not int or not 0 <= total < 2**31:
        raise _unreadable(what, "its first line")
    return cursor, total


def _lost(stream: StreamAnswer) -> NetworkError:
    return NetworkError(
        Message(
            QT_TRANSLATE_NOOP(
                "ApiMessages", "The connection to {server} was lost while reading its answer."
            ),
            server=stream.server_label,
        )
    )
