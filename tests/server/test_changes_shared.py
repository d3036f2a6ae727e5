"""The change feed with several server processes on one database (SQLite and PostgreSQL): a change
made through one process reaches the streams of another, and writers racing through both never
make a reader skip a change, because the log's numbers are taken in commit order
(server/changes.py); the lock that ensures it, held from a writer's insert to its commit."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event, select

from server.changes import changed, head
from server.db import Database
from server.models import Change, Partner
from tests.server.sse_support import EventStream
from tests.server.sse_support import head as feed_head
from tests.support.figures import report
from tests.support.server import ApiClient, ServerProcess, seed_database

WRITERS = 6
EDITS = 15


@pytest.fixture(scope="module")
def shared_url(new_database_url: Callable[[], str]) -> str:
    url = new_database_url()
    seed_database(url, customers=120, partners=2, seed=11)
    return url


@pytest.fixture(scope="module")
def two_servers(shared_url: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    with (
        ServerProcess(shared_url, suspend_seconds=0.05) as a,
        ServerProcess(shared_url, suspend_seconds=0.05) as b,
    ):
        yield a, b


def _customers(api: ApiClient, count: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = api.get(
        "/customers", params={"status": "active", "limit": count}
    ).json()["items"]
    assert len(items) == count
    return items


def _edit(api: ApiClient, customer_id: str, contact: str) -> None:
    # The version is read again on a 412: a writer on the other server may have gone first.
    for _ in range(20):
        version = api.get(f"/customers/{customer_id}").json()["version"]
        r = api.patch(
            f"/customers/{customer_id}",
            json={"contact_name": contact},
            headers={"If-Match": f'"{version}"'},
        )
        if r.status_code == 200:
            return
        assert r.status_code == 412, r.text
    raise AssertionError("never got the edit in")


def test_a_change_through_one_server_reaches_a_stream_on_the_other(
    two_servers: tuple[ServerProcess, ServerProcess], backend: str
) -> None:
    a, b = two_servers
    through_a = ApiClient(a.url).login()
    on_b = ApiClient(b.url).login()
    customers = _customers(through_a, 20)[10:20]
    waits = []
    with EventStream(on_b, since=feed_head(on_b)) as stream:
        for n, c in enumerate(customers):
            started = time.monotonic()
            _edit(through_a, c["id"], f"Through A {n}")
            events = stream.wait_for(
                f"edit {n}",
                lambda evs, c=c, n=n: any(
                    e.event == "customer"
                    and e.data["id"] == c["id"]
                    and e.data["contact_name"] == f"Through A {n}"
                    for e in evs
                ),
                timeout=10,
            )
            waits.append(events[-1].at - started)
    report(
        f"change feed across processes {backend}",
        edits=len(waits),
        median_ms=round(statistics.median(waits) * 1000),
        worst_ms=round(max(waits) * 1000),
    )


def test_racing_writers_on_both_servers_never_make_a_reader_skip_a_change(
    two_servers: tuple[ServerProcess, ServerProcess], shared_url: str
) -> None:
    servers = list(two_servers)
    writers = [ApiClient(servers[n % 2].url).login() for n in range(WRITERS)]
    readers = [ApiClient(server.url).login() for server in servers]
    since = feed_head(readers[0])
    customers = _customers(writers[0], WRITERS * 2)
    streams = [EventStream(reader, since=since) for reader in readers]
    try:

        def write(n: int) -> None:
            api = writers[n]
            for k in range(EDITS):
                # Two customers per writer, and every customer shared with another writer on
                # the other server: some edits collide and are retried.
                target = customers[(n + k) % len(customers)]
                _edit(api, target["id"], f"Race {n}.{k}")

        with ThreadPoolExecutor(WRITERS) as pool:
            list(pool.map(write, range(WRITERS)))
        logged = _logged_after(shared_url, int(since))
        assert len(logged) >= WRITERS * EDITS
        for stream in streams:
            stream.wait_for_seq(logged[-1], timeout=30)
            time.sleep(0.3)  # nothing more may follow
            # Every change of the log, once each, in order: none skipped, none repeated.
            assert [e.seq for e in stream.events] == logged
    finally:
        for stream in streams:
            stream.close()


def _logged_after(url: str, since: int) -> list[int]:
    """The Demo Partner's seqs in the change log after `since`, read from the table itself."""
    db = Database(url)
    try:
        with db.session() as s:
            partner = s.execute(select(Partner.id).where(Partner.name == "Demo Partner")).scalar()
            return list(
                s.execute(
                    select(Change.seq)
                    .where(Change.partner_id == partner, Change.seq > since)
                    .order_by(Change.seq)
                ).scalars()
            )
    finally:
        db.dispose()


def test_a_writer_between_its_insert_and_its_commit_holds_back_the_next_one(
    new_database_url: Callable[[], str],
) -> None:
    """The race a plain sequence loses: A takes its number and is slow to commit; B, later,
    must neither take a number nor commit before A does, so that no reader ever sees B's
    number while A's can still appear."""
    url = new_database_url()
    seed_database(url, customers=5, partners=1, seed=2)
    db_a, db_b = Database(url), Database(url)
    slow = threading.local()
    a_inserted = threading.Event()

    @event.listens_for(db_a.engine, "after_cursor_execute")
    def _slow_commit(*args: Any) -> None:
        if getattr(slow, "on", False) and "INSERT INTO changes" in str(args[2]):
            a_inserted.set()
            time.sleep(1.0)  # between the insert and the commit

    with db_a.session() as s:
        partner = str(s.execute(select(Partner.id)).scalar())
        start = head(s)
    order: list[str] = []

    def write(db: Database, name: str, is_slow: bool) -> None:
        slow.on = is_slow
        with db.session(write=True) as s:
            changed(s, partner, "branding", partner)
        order.append(name)

    try:
        a = threading.Thread(target=write, args=(db_a, "A", True))
        a.start()
        assert a_inserted.wait(10)
        b = threading.Thread(target=write, args=(db_b, "B", False))
        b.start()
        time.sleep(0.3)
        with db_b.session() as s:
            # Mid-race: neither is visible, and B has not committed ahead of A.
            assert head(s) == start
        assert order == []
        a.join(10)
        b.join(10)
        assert order == ["A", "B"]
        with db_b.session() as s:
            seqs = list(s.execute(select(Change.seq).where(Change.seq > start)).scalars())
        assert len(seqs) == 2 and seqs == sorted(seqs)
    finally:
        db_a.dispose()
        db_b.dispose()
