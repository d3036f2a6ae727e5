"""Several servers sharing one PostgreSQL database: each operation runs exactly once.

DESIGN.md's deployment: server processes share a database and claim pending operations with row
locks and leases, so one that dies mid-operation has its work finished by another.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.support.postgres import PostgresCluster
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = pytest.mark.postgres

# Short, so a dead server's operation is taken over within the test's patience.
LEASE_SECONDS = 2.0


def _database(cluster: PostgresCluster, seeded: bool = True) -> str:
    url = cluster.new_database(f"share_{uuid.uuid4().hex[:12]}")
    if seeded:
        seed_database(url, customers=60, partners=1)
    return url


@pytest.fixture
def shared_url(postgres: PostgresCluster) -> str:
    return _database(postgres)


@pytest.fixture
def two_servers(shared_url: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    with (
        ServerProcess(shared_url, suspend_seconds=0.3, lease_seconds=LEASE_SECONDS) as a,
        ServerProcess(shared_url, suspend_seconds=0.3, lease_seconds=LEASE_SECONDS) as b,
    ):
        yield a, b


def _active_customers(api: ApiClient, count: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = api.get(
        "/customers", params={"status": "active", "limit": count}
    ).json()["items"]
    assert len(items) == count
    return items


def _actions(api: ApiClient, customer_id: str, action: str) -> list[dict[str, Any]]:
    events = api.get(f"/customers/{customer_id}/events").json()["items"]
    return [e for e in events if e["action"] == action]


def _wait_state(api: ApiClient, op_id: str, state: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        op: dict[str, Any] = api.get(f"/operations/{op_id}").json()
        if op["state"] == state:
            return op
        time.sleep(0.05)
    raise AssertionError(f"operation {op_id} never became {state}")


def test_suspensions_through_two_servers_each_run_exactly_once(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = two_servers
    apis = [ApiClient(a.url).login(), ApiClient(b.url).login()]
    customers = _active_customers(apis[0], 16)

    def suspend(job: tuple[int, dict[str, Any]]) -> tuple[str, int, str]:
        n, customer = job
        # Every request goes to both servers at once with one key: a client retrying on the
        # other server must get the same operation, never a second one.
        api = apis[n % 2]
        r = api.post(
            f"/customers/{customer['id']}/suspend",
            json={"reason": "Shared database test"},
            headers={"Idempotency-Key": f"share-{customer['id']}"},
        )
        return customer["id"], r.status_code, r.json().get("id", r.text)

    jobs = [(n, c) for n, c in enumerate(customers)] + [(n + 1, c) for n, c in enumerate(customers)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        answers = list(pool.map(suspend, jobs))

    assert {status for _, status, _ in answers} == {202}, answers
    ops: dict[str, set[str]] = {}
    for customer_id, _, op_id in answers:
        ops.setdefault(customer_id, set()).add(op_id)
    assert all(len(ids) == 1 for ids in ops.values()), ops

    for n, (_customer_id, ids) in enumerate(sorted(ops.items())):
        (op_id,) = ids
        op = apis[n % 2].wait_operation(op_id, timeout=60)
        assert op["state"] == "succeeded", op
        assert op["error"] is None

    for n, customer in enumerate(customers):
        api = apis[n % 2]
        assert api.get(f"/customers/{customer['id']}").json()["status"] == "suspended"
        # Exactly one suspension in the history: no operation ran twice.
        assert len(_actions(api, customer["id"], "suspended")) == 1
        assert _actions(api, customer["id"], "suspend_failed") == []
    for api in apis:
        assert api.get("/operations", params={"unfinished": "true"}).json()["items"] == []


def test_a_killed_servers_operation_is_finished_by_the_other(shared_url: str) -> None:
    # The victim takes a minute per operation, so it is surely mid-operation when it dies.
    victim = ServerProcess(shared_url, suspend_seconds=60, lease_seconds=LEASE_SECONDS).start()
    try:
        api = ApiClient(victim.url).login()
        customer = _active_customers(api, 1)[0]
        r = api.post(
            f"/customers/{customer['id']}/suspend",
            json={"reason": "Server dies mid-operation"},
            headers={"Idempotency-Key": f"kill-{customer['id']}"},
        )
        assert r.status_code == 202, r.text
        op_id = r.json()["id"]
        # The survivor starts only once the victim holds the operation, so it is the victim's.
        _wait_state(api, op_id, "running", timeout=10)
    except BaseException:
        victim.stop()
        raise

    with ServerProcess(shared_url, suspend_seconds=0.2, lease_seconds=LEASE_SECONDS) as survivor:
        other = ApiClient(survivor.url).login()
        # While the victim lives it renews its lease: the survivor must not take the operation.
        time.sleep(LEASE_SECONDS * 2)
        assert other.get(f"/operations/{op_id}").json()["state"] == "running"

        victim.kill()
        killed_at = time.monotonic()
        op = other.wait_operation(op_id, timeout=LEASE_SECONDS + 20)
        took = time.monotonic() - killed_at

        assert op["state"] == "succeeded", op
        # Not before the dead server's lease (renewed every third of it) ran out.
        assert took >= LEASE_SECONDS / 3, took
        assert other.get(f"/customers/{customer['id']}").json()["status"] == "suspended"
        assert len(_actions(other, customer["id"], "suspended")) == 1
        assert other.get("/operations", params={"unfinished": "true"}).json()["items"] == []


def test_servers_starting_together_on_an_empty_database_migrate_it_once(
    postgres: PostgresCluster,
) -> None:
    url = _database(postgres, seeded=False)
    servers = [ServerProcess(url) for _ in range(3)]
    try:
        # Each server migrates at start; the migration lock makes the others wait their turn.
        with ThreadPoolExecutor(len(servers)) as pool:
            list(pool.map(lambda server: server.start(), servers))
        seed_database(url, customers=5, partners=1)
        for server in servers:
            api = ApiClient(server.url).login()
            assert api.get("/customers").json()["total"] == 5
    finally:
        for server in servers:
            server.stop()
