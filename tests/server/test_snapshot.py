"""GET /customers/snapshot over HTTP on SQLite and PostgreSQL: the whole list as NDJSON, equal to
the paged list field by field, streamed as it is read (gzip too, flushed as it goes), consistent
as of the cursor on its first line, and only the partner's own."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
import requests

from tests.server.helpers import assert_error, new_customer
from tests.server.sse_support import changes_now
from tests.support.server import ApiClient, ServerProcess, seed_database

BOOK = 2500  # more than two of the server's batches of 1,000


@pytest.fixture(scope="module")
def book(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=BOOK, partners=2, seed=17)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        yield proc


@pytest.fixture
def owner(book: ServerProcess) -> ApiClient:
    return ApiClient(book.url).login()


def _paged(api: ApiClient) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = api.get("/customers", params=params).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items, int(page["total"])


def _snapshot(api: ApiClient, **headers: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    r = api.get("/customers/snapshot", headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/x-ndjson"), r.headers
    lines = r.content.split(b"\n")
    assert lines[-1] == b"", "every line ends with a newline"
    first, *rows = (orjson.loads(line) for line in lines[:-1])
    return first, rows


def test_the_snapshot_equals_the_paged_list_field_by_field(owner: ApiClient) -> None:
    first, rows = _snapshot(owner, **{"Accept-Encoding": "identity"})
    assert set(first) == {"cursor", "total"}
    assert isinstance(first["cursor"], str) and first["cursor"].isdigit()
    paged, total = _paged(owner)
    assert first["total"] == total == len(rows) == BOOK
    # The same records, the same fields and values, in the same (id) order.
    assert rows == paged


def test_a_scheduled_operation_is_in_the_snapshot_as_in_the_list(owner: ApiClient) -> None:
    c = owner.get("/customers", params={"status": "active", "limit": 1}).json()["items"][0]
    at = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=123456)
    r = owner.post(
        f"/customers/{c['id']}/suspend",
        json={"reason": "Later", "at": at.isoformat()},
        headers={"Idempotency-Key": f"snapshot-{c['id']}"},
    )
    assert r.status_code == 202, r.text
    _, rows = _snapshot(owner)
    by_id = {row["id"]: row for row in rows}
    assert by_id[c["id"]]["next_scheduled"] == {
        "operation_id": r.json()["id"],
        "kind": "suspend",
        "at": at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }
    assert rows == _paged(owner)[0]


def test_the_snapshot_is_gzipped_when_asked_and_flushed_as_it_goes(owner: ApiClient) -> None:
    plain = owner.get("/customers/snapshot", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    r = owner.get("/customers/snapshot", headers={"Accept-Encoding": "gzip"}, stream=True)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r.headers["Vary"]
    # Streamed, not built first: chunked, and the first chunk alone decompresses to the first
    # line (the server flushes the compressor after each batch).
    assert r.headers.get("Transfer-Encoding") == "chunked" and "Content-Length" not in r.headers
    chunks = list(r.raw.stream(None, decode_content=False))
    r.close()
    assert len(chunks) >= 3, len(chunks)
    opened = zlib.decompressobj(31).decompress(chunks[0])
    assert orjson.loads(opened.split(b"\n")[0])["total"] == BOOK
    body = gzip.decompress(b"".join(chunks))
    # The same rows as the plain answer (the cursor may differ, if anything changed meanwhile).
    assert body.split(b"\n")[1:] == plain.content.split(b"\n")[1:]
    assert len(body) > 4 * len(b"".join(chunks)), "compressed"


def test_gzip_refused_with_q_0_is_not_sent(owner: ApiClient) -> None:
    r = owner.get("/customers/snapshot", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert r.status_code == 200
    assert "Content-Encoding" not in r.headers
    assert orjson.loads(r.content.split(b"\n")[0])["total"] >= BOOK


def test_the_snapshot_rows_arrive_before_the_last_is_read(owner: ApiClient) -> None:
    r = owner.get("/customers/snapshot", headers={"Accept-Encoding": "identity"}, stream=True)
    lines = r.iter_lines()
    first = orjson.loads(next(lines))
    one = orjson.loads(next(lines))
    r.close()  # the client goes away mid-list; the server ends its transaction
    assert first["total"] >= BOOK and one["id"].startswith("c_")
    # The server is none the worse for it.
    assert owner.get("/customers", params={"limit": 1}).status_code == 200


def test_the_snapshot_is_consistent_as_of_its_cursor(owner: ApiClient, book: ServerProcess) -> None:
    last = _paged(owner)[0][-1]  # the last row of the list, read long after the first line
    other = ApiClient(book.url).login()
    r = owner.get("/customers/snapshot", headers={"Accept-Encoding": "identity"}, stream=True)
    lines = r.iter_lines()
    first = orjson.loads(next(lines))
    # Changed and added after the snapshot began: neither is in it.
    changed = other.patch(
        f"/customers/{last['id']}",
        json={"contact_name": "After the snapshot"},
        headers={"If-Match": f'"{last["version"]}"'},
    )
    assert changed.status_code == 200, changed.text
    added = new_customer(other)
    rows = [orjson.loads(line) for line in lines if line]
    r.close()
    assert len(rows) == first["total"]
    by_id = {row["id"]: row for row in rows}
    assert by_id[last["id"]] == last
    assert added["id"] not in by_id
    # ...and both are in the feed from the snapshot's cursor, so a client following it misses
    # nothing.
    feed = changes_now(owner, first["cursor"])["items"]
    customers = {i["data"]["id"]: i["data"] for i in feed if i["event"] == "customer"}
    assert customers[last["id"]]["contact_name"] == "After the snapshot"
    assert customers[added["id"]] == owner.get(f"/customers/{added['id']}").json()


def test_a_partner_snapshot_holds_only_its_own_customers(book: ServerProcess) -> None:
    demo = ApiClient(book.url).login()
    other = ApiClient(book.url).login("other", "other")
    _, ours = _snapshot(demo)
    first, theirs = _snapshot(other)
    assert first["total"] == len(theirs) == _paged(other)[1] > 0
    assert {c["id"] for c in ours}.isdisjoint(c["id"] for c in theirs)
    assert theirs == _paged(other)[0]


def test_the_snapshot_needs_a_sign_in(book: ServerProcess) -> None:
    r = requests.get(f"{book.url}/customers/snapshot", timeout=30)
    assert_error(r, 401, "unauthenticated")
