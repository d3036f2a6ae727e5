"""The fault knob (`--fault fail:ACCOUNT`, `stall:ACCOUNT`), and what an unfinished operation
blocks: another operation on its customer, even from requests racing with different keys."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.server.helpers import (
    assert_error,
    clients_like,
    customer,
    events,
    fire_at_once,
    new_customer,
    start,
    unique,
    wait_for,
)
from tests.support.server import ApiClient, ServerProcess, seed_database

FAIL = "FAIL-1"
# A stalled operation holds one of the server's 8 operation slots for good: a few only.
STALLS = ["STALL-1", "STALL-2", "STALL-3", "STALL-4", "STALL-5"]


@pytest.fixture(scope="module")
def faulty(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=5)
    faults = ",".join([f"fail:{FAIL}", *(f"stall:{a}" for a in STALLS)])
    with ServerProcess(url, suspend_seconds=0.1, fault=faults) as proc:
        yield proc


@pytest.fixture(scope="module")
def faulty_api(faulty: ServerProcess) -> ApiClient:
    return ApiClient(faulty.url).login()


def _running(api: ApiClient, op_id: str) -> dict[str, Any] | None:
    op = api.get(f"/operations/{op_id}").json()
    return dict(op) if op["state"] == "running" else None


def test_a_failing_backend_fails_the_operation_and_changes_nothing(faulty_api: ApiClient) -> None:
    c = new_customer(faulty_api, account_number=FAIL)
    for attempt in range(2):
        r = start(faulty_api, c["id"], "suspend", {"reason": "Non-payment"})
        assert r.status_code == 202, r.text
        op = faulty_api.wait_operation(r.json()["id"])
        assert op["state"] == "failed", op
        assert op["finished_at"] is not None
        assert set(op["error"]) == {"code", "message"}
        assert op["error"]["code"] and op["error"]["message"]
        after = customer(faulty_api, c["id"])
        assert after["status"] == "active"
        assert after["suspended_at"] is None and after["suspension_reason"] is None
        assert after["version"] == c["version"]
        actions = [e["action"] for e in events(faulty_api, c["id"])]
        assert "suspended" not in actions
        assert actions.count("suspend_failed") == attempt + 1
    # Nothing is left unfinished: the failure freed the customer for the next try.
    unfinished = faulty_api.get("/operations", params={"unfinished": "true"}).json()["items"]
    assert c["id"] not in {op["customer_id"] for op in unfinished}


def test_other_customers_are_not_affected_by_an_account_fault(faulty_api: ApiClient) -> None:
    c = new_customer(faulty_api)
    r = start(faulty_api, c["id"], "suspend", {"reason": "x"})
    assert faulty_api.wait_operation(r.json()["id"])["state"] == "succeeded"
    assert customer(faulty_api, c["id"])["status"] == "suspended"


def test_a_stalled_operation_keeps_running_and_blocks_others(faulty_api: ApiClient) -> None:
    c = new_customer(faulty_api, account_number=STALLS[0])
    key = unique("stall-")
    r = start(faulty_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    assert r.status_code == 202, r.text
    op = wait_for("the operation to run", lambda: _running(faulty_api, r.json()["id"]))
    assert op["finished_at"] is None and op["error"] is None
    # The status changes only when the operation succeeds.
    assert customer(faulty_api, c["id"])["status"] == "active"
    unfinished = faulty_api.get("/operations", params={"unfinished": "true"})
    assert unfinished.status_code == 200
    assert op in unfinished.json()["items"]
    # Another operation on this customer must wait; the same key still answers the same one.
    assert_error(
        start(faulty_api, c["id"], "suspend", {"reason": "Other"}), 409, "operation_in_progress"
    )
    body = {"reason": "Bye", "confirm_account_number": c["account_number"]}
    assert_error(start(faulty_api, c["id"], "cancel", body), 409, "operation_in_progress")
    same = start(faulty_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    assert same.status_code == 202
    assert same.json()["id"] == op["id"]
    # Still running a while later.
    assert _running(faulty_api, op["id"]) is not None


def test_racing_requests_with_different_keys_start_one_operation(
    faulty_api: ApiClient,
) -> None:
    n = 6
    clients = clients_like(faulty_api, n)
    for account in STALLS[1:4]:
        c = new_customer(faulty_api, account_number=account)
        responses = fire_at_once(
            [
                functools.partial(start, client, c["id"], "suspend", {"reason": f"r{i}"})
                for i, client in enumerate(clients)
            ]
        )
        codes = sorted(r.status_code for r in responses)
        assert codes == [202] + [409] * (n - 1), [r.text for r in responses]
        for r in responses:
            if r.status_code == 409:
                assert_error(r, 409, "operation_in_progress")
        ops = [
            op
            for op in faulty_api.get("/operations").json()["items"]
            if op["customer_id"] == c["id"]
        ]
        assert len(ops) == 1, ops
