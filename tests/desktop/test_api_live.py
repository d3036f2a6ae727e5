"""PartnerApi's live calls against the real server (issue 17): the snapshot is the paged list,
gzipped, in batches with its cursor; a server without it falls back to pages; the change feed
as a stream (Last-Event-ID honoured) and as one answer (wait=0); 410 as CursorExpiredError;
and the follower stopping at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.api.client import PartnerApi
from desktop.api.errors import CursorExpiredError, NotFoundError
from desktop.api.live_follow import ChangeBatch, FeedNews, FeedPosition, follow_changes
from desktop.api.records import Customer
from desktop.api.streaming import open_stream
from desktop.ui.customers.calls import load_customers
from tests.desktop.live_support import edit
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.server import ApiClient, ServerProcess, seed_database


def _paged(api: PartnerApi) -> list[Customer]:
    return [c for page in api.iter_customer_pages(page_size=100) for c in page.items]


def test_the_snapshot_is_the_paged_list_in_batches_with_its_cursor(
    api: PartnerApi, client: ApiClient
) -> None:
    batches = list(api.snapshot(first_batch=50, batch=100))
    assert [len(b.customers) for b in batches] == [50, 100, 100, 50]
    assert {(b.cursor, b.total) for b in batches} == {(batches[0].cursor, 300)}
    snapshot = [c for b in batches for c in b.customers]
    by_id = {c.id: c for c in _paged(api)}
    assert len(snapshot) == len(by_id) == 300
    assert {c.id: c for c in snapshot} == by_id  # every field of every customer
    # The cursor is the change log's head: nothing is waiting after it.
    assert api.changes_since(batches[0].cursor).items == ()
    assert client.get("/customers/snapshot").status_code == 200


def test_the_snapshot_comes_gzipped(api: PartnerApi) -> None:
    headers = {"Authorization": f"Bearer {api.token}", "Accept-Encoding": "gzip"}
    with open_stream(api._transport, "/customers/snapshot", headers=headers) as stream:
        assert stream.headers["Content-Encoding"] == "gzip"
        body = b"".join(stream.chunks())  # decompressed as it is read
    assert body.count(b"\n") == 301


def test_a_server_without_the_snapshot_is_read_page_by_page(server: ServerProcess) -> None:
    proxy = FaultProxy(server.root).start()
    try:
        proxy.arm(Fault("status", "GET", r"/customers/snapshot$", status=404, count=2))
        api = PartnerApi(f"{proxy.root}/api/v1")
        api.login("demo", "demo")
        reported: list[int] = []
        loaded = load_customers(api, lambda page: reported.append(len(page.rows)))
        assert loaded == (300, None)  # no cursor: no feed to follow from it
        assert sum(reported) == 300
        with pytest.raises(NotFoundError):
            list(api.snapshot())
    finally:
        proxy.stop()


def test_changes_arrive_as_a_stream_and_last_event_id_is_honoured(
    api: PartnerApi, client: ApiClient
) -> None:
    cursor = next(api.snapshot()).cursor
    ids = [c.id for c in _paged(api)[:3]]
    for n, customer_id in enumerate(ids):
        edit(client, customer_id, contact_name=f"Streamed {n}")
    got: list[tuple[str, str, object]] = []
    for change in api.changes(cursor):
        got.append((change.id, change.event, change.record))
        customers = [r for _, _, r in got if isinstance(r, Customer)]
        if len(customers) == 3:
            break
    assert [c.contact_name for c in customers] == [f"Streamed {n}" for n in range(3)]
    # A reconnect names the last id received: the stream goes on after it, not after `since`.
    second = next(i for i, (_, _, r) in enumerate(got) if r is customers[1])
    after = got[second][0]
    with api.open_changes(cursor, last_event_id=after) as stream:
        for batch in stream.batches():
            rest = [c.record for c in batch if isinstance(c.record, Customer)]
            if rest:
                break
    assert [c.contact_name for c in rest] == ["Streamed 2"]


def test_the_wait_0_form_answers_at_once(api: PartnerApi, client: ApiClient) -> None:
    cursor = next(api.snapshot()).cursor
    started = time.monotonic()
    assert api.changes_since(cursor).items == ()
    customer_id = _paged(api)[5].id
    edit(client, customer_id, contact_name="Caught Up")
    found = api.changes_since(cursor)
    assert time.monotonic() - started < 10
    records = [c.record for c in found.items if isinstance(c.record, Customer)]
    assert [c.contact_name for c in records] == ["Caught Up"]
    assert found.cursor == found.items[-1].id
    assert api.changes_since(found.cursor).items == ()


@pytest.fixture
def short_memory(tmp_path: Path) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path / 'short.sqlite3'}"
    seed_database(url, customers=20)
    args = ("--changes-retention-seconds", "1", "--changes-prune-seconds", "0.3")
    with ServerProcess(url, extra_args=args) as running:
        yield running


def test_a_cursor_past_the_retained_window_is_cursor_expired(short_memory: ServerProcess) -> None:
    api = PartnerApi(short_memory.url)
    api.login("demo", "demo")
    cursor = next(api.snapshot()).cursor
    customer_id = _paged(api)[0].id
    edit(ApiClient(short_memory.url).login(), customer_id, contact_name="Soon Forgotten")
    deadline = time.monotonic() + 20
    while True:
        try:
            api.changes_since(cursor)
        except CursorExpiredError as expired:
            assert expired.status == 410 and expired.code == "cursor_expired"
            break
        assert time.monotonic() < deadline, "the change was never pruned"
        time.sleep(0.2)
    with pytest.raises(CursorExpiredError), api.open_changes(cursor):
        pass
    news: list[object] = []
    with pytest.raises(CursorExpiredError):
        follow_changes(api, FeedPosition(cursor), news.append)
    api.close()


def test_the_follower_reports_batches_and_stops_at_once_while_idle(
    api: PartnerApi, client: ApiClient
) -> None:
    cursor = next(api.snapshot()).cursor
    position = FeedPosition(cursor)
    news: list[object] = []
    worker = threading.Thread(target=follow_changes, args=(api, position, news.append))
    worker.start()
    deadline = time.monotonic() + 15
    while not any(isinstance(n, FeedNews) and n.state == "live" for n in news):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    edit(client, _paged(api)[9].id, contact_name="Followed")
    while not any(isinstance(n, ChangeBatch) for n in news):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    batch = next(n for n in news if isinstance(n, ChangeBatch))
    assert position.cursor == batch.cursor == batch.changes[-1].id
    stopped = time.monotonic()
    position.stop()  # idle: the next keep-alive is seconds away, the stream is closed now
    worker.join(5)
    assert not worker.is_alive()
    assert time.monotonic() - stopped < 2
