"""Scheduled operations and server processes: one scheduled before a kill -9 runs at the next
start, saying how late (SQLite and PostgreSQL); on one PostgreSQL database, 200 due at the same
second through three processes run each exactly once, and one scheduled through a process that
then dies is run on time by another, whose timer heard of it through the change feed."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.server.helpers import new_customer
from tests.server.scheduled_support import (
    TestClock,
    actions,
    clocked_server,
    operation,
    parse,
    rfc3339,
    schedule,
    scheduled_op,
    wait_state,
)
from tests.support.postgres import PostgresCluster
from tests.support.server import ApiClient, ServerProcess, seed_database

FINISHED = ("succeeded", "failed", "canceled")
DUE_COUNT = 200
STARTED = re.compile(r"scheduled operation (op_\w+) is due: started")


def _until(moment: datetime) -> None:
    left = (moment - datetime.now(UTC)).total_seconds()
    if left > 0:
        time.sleep(left)


def test_a_server_killed_before_the_time_runs_it_at_its_next_start_saying_how_late(
    new_database_url: Callable[[], str],
) -> None:
    url = new_database_url()
    seed_database(url, customers=5, partners=1)
    first = ServerProcess(url, suspend_seconds=0.1).start()
    try:
        api = ApiClient(first.url).login()
        c = new_customer(api)
        at = datetime.now(UTC) + timedelta(seconds=4)
        op = scheduled_op(api, c["id"], "suspend", {"at": rfc3339(at)})
        assert operation(api, op["id"])["state"] == "scheduled"
        assert datetime.now(UTC) < at - timedelta(seconds=0.5), "too slow to kill it in time"
    finally:
        first.kill()  # kill -9: no shutdown, nothing handed over
    _until(at + timedelta(seconds=3))  # its time passes while no server runs
    with ServerProcess(url, suspend_seconds=0.1) as second:
        api = ApiClient(second.url).login()
        done = wait_state(api, op["id"], *FINISHED)
        assert done["state"] == "succeeded", done
        assert parse(done["started_at"]) >= at + timedelta(seconds=3)
        suspended = [e for e in actions(api, c["id"]) if e["action"] == "suspended"]
        assert len(suspended) == 1
        assert suspended[0]["details"]["late_seconds"] >= 3
        assert api.get(f"/customers/{c['id']}").json()["status"] == "suspended"


@pytest.fixture
def shared_url(postgres: PostgresCluster) -> str:
    return postgres.new_database(f"sched_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def three_servers(shared_url: str, tmp_path: Path) -> Iterator[list[ServerProcess]]:
    # Enough active customers for every operation its own.
    seed_database(shared_url, customers=DUE_COUNT + 40, partners=1)
    servers = [
        clocked_server(shared_url, suspend_seconds=0.05, log_path=str(tmp_path / f"s{n}.log"))
        for n in range(3)
    ]
    try:
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda server: server.start(), servers))
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.mark.postgres
def test_200_due_at_the_same_second_on_three_servers_run_each_exactly_once(
    three_servers: list[ServerProcess],
) -> None:
    apis = [ApiClient(server.url).login() for server in three_servers]
    clocks = [TestClock(server) for server in three_servers]
    active: list[dict[str, Any]] = (
        apis[0].get("/customers", params={"status": "active", "limit": 1000}).json()["items"]
    )
    customers = active[:DUE_COUNT]
    assert len(customers) == DUE_COUNT
    # One second for all, a day ahead: the clocks move there together.
    due = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)

    def make(job: tuple[int, dict[str, Any]]) -> str:
        n, c = job
        r = schedule(apis[n % 3], c["id"], "suspend", {"at": rfc3339(due)})
        assert r.status_code == 202, r.text
        return str(r.json()["id"])

    with ThreadPoolExecutor(8) as pool:
        op_ids = list(pool.map(make, enumerate(customers)))
    assert len(set(op_ids)) == DUE_COUNT
    scheduled = apis[1].get("/operations", params={"state": "scheduled"}).json()["items"]
    assert len(scheduled) == DUE_COUNT

    barrier = threading.Barrier(3)

    def move(clock: TestClock) -> None:
        barrier.wait(timeout=30)
        clock.set(86400 + 2)  # past the second for every server at once

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(move, clocks))

    deadline = time.monotonic() + 40
    while True:
        left = [
            o
            for state in ("scheduled", "pending", "running")
            for o in apis[0].get("/operations", params={"state": state}).json()["items"]
        ]
        if not left:
            break
        assert time.monotonic() < deadline, f"{len(left)} still unfinished"
        time.sleep(0.2)

    ops = apis[2].get("/operations", params={"state": "succeeded"}).json()["items"]
    assert {o["id"] for o in ops} >= set(op_ids)
    assert apis[0].get("/operations", params={"state": "failed"}).json()["items"] == []
    # Exactly one suspension per customer in the whole log: none ran twice, none was lost.
    events = apis[0].get("/activity", params={"action": "suspended", "limit": 500}).json()
    per_customer = Counter(e["customer_id"] for e in events["items"])
    assert per_customer == Counter({c["id"]: 1 for c in customers})
    assert all(e["details"]["late_seconds"] >= 1 for e in events["items"])
    # Each started by exactly one of the three processes.
    started: Counter[str] = Counter()
    for server in three_servers:
        assert server.log_path is not None
        started.update(STARTED.findall(Path(server.log_path).read_text()))
    assert started == Counter(dict.fromkeys(op_ids, 1))


@pytest.mark.postgres
def test_one_scheduled_through_a_process_that_died_is_run_on_time_by_another(
    shared_url: str,
) -> None:
    seed_database(shared_url, customers=5, partners=1)
    with ServerProcess(shared_url, suspend_seconds=0.1) as survivor:
        victim = ServerProcess(shared_url, suspend_seconds=0.1).start()
        try:
            api = ApiClient(victim.url).login()
            c = new_customer(api)
            # The survivor was idle, sleeping its longest (a minute): only the change feed's
            # wake-up can set its timer to this one.
            at = datetime.now(UTC) + timedelta(seconds=3)
            op = scheduled_op(api, c["id"], "suspend", {"at": rfc3339(at)})
        finally:
            victim.kill()
        other = ApiClient(survivor.url).login()
        done = wait_state(other, op["id"], *FINISHED, timeout=30)
        assert done["state"] == "succeeded", done
        started = parse(done["started_at"])
        assert at <= started < at + timedelta(seconds=15)
