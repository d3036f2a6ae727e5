"""A stopped server hands its operations over at once; one that fails in every server ends."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from tests.server.helpers import customer, new_customer, start, wait_for
from tests.support.server import ApiClient, ServerProcess, seed_database

# Far longer than the test waits: only an explicit hand-over lets the next server finish.
LONG_LEASE = 600.0


def _running_operation(url: str, lease: float) -> tuple[str, str, str]:
    """(customer id, operation id, token) of a suspension left running by a stopped server."""
    server = ServerProcess(url, suspend_seconds=3600, lease_seconds=lease).start()
    try:
        api = ApiClient(server.url).login()
        c = new_customer(api)
        r = start(api, c["id"], "suspend", {"reason": "Non-payment"})
        assert r.status_code == 202, r.text
        op_id = r.json()["id"]
        wait_for(
            "the operation to run",
            lambda: api.get(f"/operations/{op_id}").json()["state"] == "running" or None,
        )
    finally:
        server.stop()
    assert api.token is not None
    return c["id"], op_id, api.token


def _signed_in(server: ServerProcess, token: str) -> ApiClient:
    api = ApiClient(server.url)
    api.token = token
    api.http.headers["Authorization"] = f"Bearer {token}"
    return api


def test_a_cleanly_stopped_server_hands_its_operation_over_at_once(
    new_database_url: Callable[[], str],
) -> None:
    url = new_database_url()
    seed_database(url, customers=5)
    customer_id, op_id, token = _running_operation(url, LONG_LEASE)
    with ServerProcess(url, suspend_seconds=0.1, lease_seconds=LONG_LEASE) as second:
        api = _signed_in(second, token)
        op = api.wait_operation(op_id, timeout=60)
        assert op["state"] == "succeeded", op
        assert customer(api, customer_id)["status"] == "suspended"


def test_an_operation_that_fails_in_every_server_ends_failed(
    new_database_url: Callable[[], str],
) -> None:
    url = new_database_url()
    seed_database(url, customers=5)
    customer_id, op_id, token = _running_operation(url, LONG_LEASE)
    # As if five servers had claimed it and each failed inside.
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE operations SET attempts = 5 WHERE id = :id"), {"id": op_id})
    engine.dispose()
    with ServerProcess(url, suspend_seconds=0.1, lease_seconds=LONG_LEASE) as second:
        api = _signed_in(second, token)
        op = api.wait_operation(op_id, timeout=60)
        assert op["state"] == "failed"
        assert op["error"]["code"] == "internal_error"
        assert "nothing was changed" in op["error"]["message"]
        assert customer(api, customer_id)["status"] == "active"
