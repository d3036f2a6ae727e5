"""Operations survive the server: one running when the server died (kill -9) or stopped is
finished by the next server on the same database, exactly once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.server.helpers import customer, events, new_customer, start, wait_for
from tests.support.server import ApiClient, ServerProcess, seed_database

# Short, so a PostgreSQL server (which cannot know the old one is dead) takes over soon.
LEASE = 2.0


@pytest.mark.parametrize("how", ["kill -9", "stop"])
def test_an_operation_finishes_after_the_server_restarts(
    new_database_url: Callable[[], str], how: str
) -> None:
    url = new_database_url()
    seed_database(url, customers=5)
    first = ServerProcess(url, suspend_seconds=600, lease_seconds=LEASE).start()
    try:
        api = ApiClient(first.url).login()
        c = new_customer(api)
        r = start(api, c["id"], "suspend", {"reason": "Non-payment"})
        assert r.status_code == 202, r.text
        op_id = r.json()["id"]

        def running() -> dict[str, Any] | None:
            op = api.get(f"/operations/{op_id}").json()
            return dict(op) if op["state"] == "running" else None

        wait_for("the operation to run", running)
    finally:
        if how == "kill -9":
            first.kill()
        else:
            first.stop()

    with ServerProcess(url, suspend_seconds=0.2, lease_seconds=LEASE) as second:
        # The token was stored, not kept in memory: it still works on the new server.
        again = ApiClient(second.url)
        again.token = api.token
        again.http.headers["Authorization"] = f"Bearer {api.token}"
        op = again.wait_operation(op_id, timeout=120)
        assert op["state"] == "succeeded", op
        after = customer(again, c["id"])
        assert after["status"] == "suspended"
        assert after["suspension_reason"] == "Non-payment"
        assert after["version"] == c["version"] + 1
        actions = [e["action"] for e in events(again, c["id"])]
        assert actions.count("suspended") == 1, actions
        unfinished = again.get("/operations", params={"unfinished": "true"}).json()["items"]
        assert op_id not in {item["id"] for item in unfinished}
