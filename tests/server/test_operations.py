"""Suspend, re-enable, cancel, restore: their answers, idempotency, and watching operations."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from server.db import Database
from server.models import Customer
from server.serialize import now
from tests.server.helpers import (
    assert_error,
    cents,
    clients_like,
    customer,
    events,
    field_errors,
    fire_at_once,
    new_customer,
    run_operation,
    services,
    start,
    take_customer,
    unique,
)
from tests.support.server import ApiClient, ServerProcess

OPERATION_KEYS = {
    "id",
    "kind",
    "customer_id",
    "state",
    "scheduled_for",
    "created_by",
    "created_at",
    "started_at",
    "finished_at",
    "error",
    "follows",
}


def _operations_of(api: ApiClient, customer_id: str) -> list[dict[str, Any]]:
    r = api.get("/operations")
    assert r.status_code == 200, r.text
    return [op for op in r.json()["items"] if op["customer_id"] == customer_id]


def _cancel_body(c: dict[str, Any], reason: str = "Moving to another provider") -> dict[str, str]:
    return {"reason": reason, "confirm_account_number": c["account_number"]}


# --- suspend and re-enable -------------------------------------------------------------------


def test_suspend_then_reenable(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    r = start(scratch_api, c["id"], "suspend", {"reason": "Non-payment"})
    assert r.status_code == 202, r.text
    op = r.json()
    assert set(op) == OPERATION_KEYS
    assert op["id"].startswith("op_")
    assert op["kind"] == "suspend"
    assert op["customer_id"] == c["id"]
    assert op["state"] in ("pending", "running", "succeeded")
    assert op["error"] is None
    done = scratch_api.wait_operation(op["id"])
    assert done["state"] == "succeeded", done
    assert done["finished_at"] is not None and done["finished_at"] >= done["created_at"]
    assert done["error"] is None
    suspended = customer(scratch_api, c["id"])
    assert suspended["status"] == "suspended"
    assert suspended["suspension_reason"] == "Non-payment"
    assert suspended["suspended_at"] is not None
    assert suspended["version"] == c["version"] + 1
    history = events(scratch_api, c["id"])
    assert history[0]["action"] == "suspended"
    assert history[0]["details"]["reason"] == "Non-payment"
    assert history[0]["actor"] == "demo"
    assert [e["action"] for e in history].count("suspended") == 1

    assert_error(
        start(scratch_api, c["id"], "suspend", {"reason": "Again"}), 409, "already_suspended"
    )

    done = run_operation(scratch_api, c["id"], "unsuspend")
    assert done["kind"] == "unsuspend" and done["state"] == "succeeded", done
    active = customer(scratch_api, c["id"])
    assert active["status"] == "active"
    assert active["suspended_at"] is None and active["suspension_reason"] is None
    assert active["version"] == c["version"] + 2
    assert events(scratch_api, c["id"])[0]["action"] == "reenabled"
    assert_error(start(scratch_api, c["id"], "unsuspend"), 409, "not_suspended")


@pytest.mark.parametrize("kind", ["suspend", "unsuspend", "cancel", "restore"])
@pytest.mark.parametrize("key", [None, "", "k" * 201])
def test_every_operation_needs_an_idempotency_key(
    scratch_api: ApiClient, kind: str, key: str | None
) -> None:
    c = new_customer(scratch_api)
    headers = {} if key is None else {"Idempotency-Key": key}
    body = {"suspend": {"reason": "x"}, "cancel": _cancel_body(c)}.get(kind)
    r = scratch_api.post(f"/customers/{c['id']}/{kind}", json=body, headers=headers)
    assert_error(r, 400, "idempotency_key_required")
    assert _operations_of(scratch_api, c["id"]) == []
    assert customer(scratch_api, c["id"]) == c


@pytest.mark.parametrize(
    "body", [None, {}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 501}, {"why": "x"}]
)
def test_suspend_needs_a_reason(scratch_api: ApiClient, body: dict[str, Any] | None) -> None:
    c = new_customer(scratch_api)
    fields = field_errors(start(scratch_api, c["id"], "suspend", body))
    assert "reason" in fields or "why" in fields or "body" in fields
    assert _operations_of(scratch_api, c["id"]) == []


def test_operations_on_a_missing_customer_are_404(scratch_api: ApiClient) -> None:
    missing = "c_01ARZ3NDEKTSV4RRFFQ69G5FAV"
    for kind, body in (
        ("suspend", {"reason": "x"}),
        ("unsuspend", None),
        ("cancel", {"reason": "x", "confirm_account_number": "1"}),
        ("restore", None),
    ):
        assert_error(start(scratch_api, missing, kind, body), 404, "not_found")


# --- idempotency -----------------------------------------------------------------------------


def test_the_same_key_returns_the_same_operation(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    key = unique("same-")
    first = start(scratch_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    again = start(scratch_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    scratch_api.wait_operation(first.json()["id"])
    # Still the same operation once it finished: a retry never acts twice, nor fails as a repeat.
    late = start(scratch_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    assert late.status_code == 202, late.text
    assert late.json()["id"] == first.json()["id"]
    assert late.json()["state"] == "succeeded"
    assert len(_operations_of(scratch_api, c["id"])) == 1
    assert [e["action"] for e in events(scratch_api, c["id"])].count("suspended") == 1


def test_a_key_reused_for_a_different_request_is_422(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    d = new_customer(scratch_api)
    key = unique("reuse-")
    r = start(scratch_api, c["id"], "suspend", {"reason": "Non-payment"}, key)
    assert r.status_code == 202
    for cid, kind, body in (
        (c["id"], "suspend", {"reason": "Another reason"}),
        (d["id"], "suspend", {"reason": "Non-payment"}),
        (c["id"], "unsuspend", None),
        (c["id"], "cancel", _cancel_body(c)),
    ):
        assert_error(start(scratch_api, cid, kind, body, key), 422, "idempotency_key_reused")
    scratch_api.wait_operation(r.json()["id"])
    assert customer(scratch_api, d["id"])["status"] == "active"
    assert _operations_of(scratch_api, d["id"]) == []


def test_keys_are_per_partner(scratch_api: ApiClient, scratch_other_api: ApiClient) -> None:
    mine = new_customer(scratch_api)
    theirs = new_customer(scratch_other_api)
    key = unique("shared-")
    a = start(scratch_api, mine["id"], "suspend", {"reason": "x"}, key)
    b = start(scratch_other_api, theirs["id"], "suspend", {"reason": "x"}, key)
    assert a.status_code == b.status_code == 202
    assert a.json()["id"] != b.json()["id"]
    for api, op in ((scratch_api, a.json()), (scratch_other_api, b.json())):
        assert api.wait_operation(op["id"])["state"] == "succeeded"


def test_racing_requests_with_one_key_make_one_operation(scratch_api: ApiClient) -> None:
    clients = clients_like(scratch_api, 8)
    for _round in range(5):
        c = new_customer(scratch_api)
        key = unique("race-")
        answers = fire_at_once(
            [
                functools.partial(start, client, c["id"], "suspend", {"reason": "Race"}, key)
                for client in clients
            ]
        )
        assert [r.status_code for r in answers] == [202] * len(clients), [r.text for r in answers]
        ids = {r.json()["id"] for r in answers}
        assert len(ids) == 1, ids
        assert len(_operations_of(scratch_api, c["id"])) == 1
        assert scratch_api.wait_operation(ids.pop())["state"] == "succeeded"
        assert [e["action"] for e in events(scratch_api, c["id"])].count("suspended") == 1


# --- cancel and restore ----------------------------------------------------------------------


def test_cancel_needs_the_account_number_typed(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    body = {"reason": "Bye", "confirm_account_number": c["account_number"] + "0"}
    error = assert_error(start(scratch_api, c["id"], "cancel", body), 422, "confirmation_mismatch")
    assert "confirm_account_number" in error["details"]["fields"]
    assert "confirm_account_number" in field_errors(
        start(scratch_api, c["id"], "cancel", {"reason": "Bye"})
    )
    assert "reason" in field_errors(
        start(scratch_api, c["id"], "cancel", {"confirm_account_number": c["account_number"]})
    )
    assert customer(scratch_api, c["id"])["status"] == "active"
    assert _operations_of(scratch_api, c["id"]) == []


def test_cancel_removes_every_service_and_restore_brings_them_back(
    scratch_api: ApiClient,
) -> None:
    c = take_customer(scratch_api)
    items = services(scratch_api, c["id"])
    if len(items) > 1:
        # Removed before the cancellation: a restore must not bring this one back.
        r = scratch_api.delete(f"/customers/{c['id']}/services/{items[-1]['id']}")
        assert r.status_code == 204
        items = items[:-1]
    total = sum(cents(sv["monthly_price"]) for sv in items)
    before = scratch_api.get("/summary").json()

    op = run_operation(scratch_api, c["id"], "cancel", _cancel_body(c))
    assert op["kind"] == "cancel" and op["state"] == "succeeded", op
    canceled = customer(scratch_api, c["id"])
    assert canceled["status"] == "canceled"
    assert canceled["canceled_at"] is not None
    assert services(scratch_api, c["id"]) == []
    after = scratch_api.get("/summary").json()
    assert after["customers"]["active"] == before["customers"]["active"] - 1
    assert cents(after["monthly_billable"]["active"]) == (
        cents(before["monthly_billable"]["active"]) - total
    )
    latest = events(scratch_api, c["id"])[0]
    assert latest["action"] == "canceled"
    assert latest["details"]["reason"] == "Moving to another provider"
    assert sorted(latest["details"]["services_removed"]) == sorted(sv["name"] for sv in items)

    assert_error(start(scratch_api, c["id"], "cancel", _cancel_body(c)), 409, "already_canceled")
    assert_error(start(scratch_api, c["id"], "suspend", {"reason": "x"}), 409, "customer_canceled")
    assert_error(start(scratch_api, c["id"], "unsuspend"), 409, "not_suspended")

    op = run_operation(scratch_api, c["id"], "restore")
    assert op["kind"] == "restore" and op["state"] == "succeeded", op
    restored = customer(scratch_api, c["id"])
    assert restored["status"] == "active"
    assert restored["canceled_at"] is None
    assert restored["version"] == canceled["version"] + 1
    assert services(scratch_api, c["id"]) == items
    assert scratch_api.get("/summary").json() == before
    latest = events(scratch_api, c["id"])[0]
    assert latest["action"] == "restored"
    assert_error(start(scratch_api, c["id"], "restore"), 409, "not_canceled")


def test_restore_brings_back_a_suspension(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    items = services(scratch_api, c["id"])
    assert run_operation(scratch_api, c["id"], "suspend", {"reason": "Unpaid"})["state"] == (
        "succeeded"
    )
    suspended = customer(scratch_api, c["id"])
    assert run_operation(scratch_api, c["id"], "cancel", _cancel_body(c))["state"] == "succeeded"
    assert customer(scratch_api, c["id"])["status"] == "canceled"
    assert run_operation(scratch_api, c["id"], "restore")["state"] == "succeeded"
    restored = customer(scratch_api, c["id"])
    assert restored["status"] == "suspended"
    assert restored["suspension_reason"] == "Unpaid"
    assert restored["suspended_at"] == suspended["suspended_at"]
    assert services(scratch_api, c["id"]) == items


def test_a_seeded_canceled_customer_can_be_restored(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api, status="canceled", with_services=False)
    assert services(scratch_api, c["id"]) == []
    assert run_operation(scratch_api, c["id"], "restore")["state"] == "succeeded"
    assert customer(scratch_api, c["id"])["status"] == "active"
    assert services(scratch_api, c["id"])


def test_restore_after_14_days_is_409(scratch: ServerProcess, scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    assert run_operation(scratch_api, c["id"], "cancel", _cancel_body(c))["state"] == "succeeded"
    db = Database(scratch.database_url)
    try:
        with db.session(write=True) as s:
            s.execute(
                update(Customer)
                .where(Customer.id == c["id"])
                .values(canceled_at=now() - timedelta(days=15))
            )
    finally:
        db.dispose()
    assert_error(start(scratch_api, c["id"], "restore"), 409, "restore_window_passed")
    assert customer(scratch_api, c["id"])["status"] == "canceled"


def test_restore_of_a_customer_never_canceled_is_409(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    assert_error(start(scratch_api, c["id"], "restore"), 409, "not_canceled")


# --- watching operations ---------------------------------------------------------------------


def test_get_operation_and_the_unfinished_list(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    op = run_operation(scratch_api, c["id"], "suspend", {"reason": "x"})
    got = scratch_api.get(f"/operations/{op['id']}")
    assert got.status_code == 200
    assert got.json() == op
    listed = scratch_api.get("/operations")
    assert listed.status_code == 200
    assert op in listed.json()["items"]
    unfinished = scratch_api.get("/operations", params={"unfinished": "true"})
    assert unfinished.status_code == 200
    for item in unfinished.json()["items"]:
        assert set(item) == OPERATION_KEYS
        assert item["state"] in ("pending", "running")
    assert op["id"] not in {item["id"] for item in unfinished.json()["items"]}
    field_errors(scratch_api.get("/operations", params={"unfinished": "maybe"}))


def test_a_missing_operation_is_404(scratch_api: ApiClient) -> None:
    for op_id in ("op_01ARZ3NDEKTSV4RRFFQ69G5FAV", "nothing"):
        assert_error(scratch_api.get(f"/operations/{op_id}"), 404, "not_found")
