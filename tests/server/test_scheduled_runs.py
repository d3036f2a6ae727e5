"""Scheduled operations whose run does not simply succeed, on SQLite and PostgreSQL: the re-enable
that follows a suspension is canceled when the suspension fails (the backend refuses it, or it
no longer applies); one that no longer applies at its time ends failed with its error code and
an event, never silently gone; two due at once on one customer run in order; lateness is told."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.server.helpers import customer, new_customer, run_operation
from tests.server.scheduled_support import (
    HOUR,
    TestClock,
    actions,
    clocked_server,
    operation,
    scheduled_of,
    scheduled_op,
    wait_state,
)
from tests.support.server import ApiClient, ServerProcess, seed_database

FINISHED = ("succeeded", "failed", "canceled")
# The backend refuses every operation on this account (the server's fault knob).
REFUSED_ACCOUNT = "990001"


@pytest.fixture(scope="module")
def clocked(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=10, partners=1, seed=19)
    with clocked_server(url, suspend_seconds=0.1, fault=f"fail:{REFUSED_ACCOUNT}") as proc:
        yield proc


@pytest.fixture(scope="module")
def owner(clocked: ServerProcess) -> ApiClient:
    return ApiClient(clocked.url).login("demo", "demo")


@pytest.fixture
def clock(clocked: ServerProcess) -> TestClock:
    return TestClock(clocked)


def _follower(api: ApiClient, customer_id: str, leader_id: str) -> dict[str, Any]:
    found = [o for o in scheduled_of(api, customer_id) if o["follows"] == leader_id]
    assert len(found) == 1, found
    return found[0]


def _canceled_follower(api: ApiClient, follower_id: str) -> None:
    ended = wait_state(api, follower_id, *FINISHED)
    assert ended["state"] == "canceled", ended
    assert ended["error"]["code"] == "follows_failed"
    assert ended["started_at"] is None


def _events_named(api: ApiClient, customer_id: str, action: str) -> list[dict[str, Any]]:
    return [e for e in actions(api, customer_id) if e["action"] == action]


def test_the_follower_is_canceled_when_the_backend_refuses_the_suspension(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner, account_number=REFUSED_ACCOUNT)
    # Now, with a re-enable later.
    leader = scheduled_op(owner, c["id"], "suspend", {"resume_at": clock.after(HOUR)})
    follower = _follower(owner, c["id"], leader["id"])
    failed = wait_state(owner, leader["id"], *FINISHED)
    assert (failed["state"], failed["error"]["code"]) == ("failed", "backend_refused")
    _canceled_follower(owner, follower["id"])
    # Scheduled, with a re-enable later: the same when its time comes.
    leader = scheduled_op(
        owner, c["id"], "suspend", {"at": clock.after(HOUR), "resume_at": clock.after(2 * HOUR)}
    )
    follower = _follower(owner, c["id"], leader["id"])
    clock.advance(HOUR + 1)
    failed = wait_state(owner, leader["id"], *FINISHED)
    assert (failed["state"], failed["error"]["code"]) == ("failed", "backend_refused")
    _canceled_follower(owner, follower["id"])
    assert (customer(owner, c["id"])["status"], customer(owner, c["id"])["next_scheduled"]) == (
        "active",
        None,
    )
    causes = [
        e["details"]["cause"] for e in _events_named(owner, c["id"], "unsuspend_schedule_canceled")
    ]
    assert causes == ["suspension_failed", "suspension_failed"]
    refused = _events_named(owner, c["id"], "suspend_failed")
    assert len(refused) == 2
    assert refused[1]["details"]["operation_id"] == leader["id"]
    assert "late_seconds" in refused[1]["details"]
    # Its time passes: the canceled follower never runs.
    clock.advance(2 * HOUR)
    assert operation(owner, follower["id"])["state"] == "canceled"


def test_a_suspension_that_no_longer_applies_ends_failed_with_its_code_and_an_event(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    leader = scheduled_op(
        owner, c["id"], "suspend", {"at": clock.after(HOUR), "resume_at": clock.after(2 * HOUR)}
    )
    follower = _follower(owner, c["id"], leader["id"])
    # Meanwhile someone suspends it at once: a scheduled one does not stand in the way.
    assert run_operation(owner, c["id"], "suspend", {"reason": "Now"})["state"] == "succeeded"
    clock.advance(HOUR + 30)
    failed = wait_state(owner, leader["id"], *FINISHED)
    assert failed["state"] == "failed"
    assert failed["error"]["code"] == "already_suspended"
    assert failed["started_at"] is not None and failed["finished_at"] is not None
    (event,) = _events_named(owner, c["id"], "suspend_failed")
    assert event["details"]["code"] == "already_suspended"
    assert event["details"]["operation_id"] == leader["id"]
    assert event["details"]["scheduled_for"] == leader["scheduled_for"]
    assert 30 <= event["details"]["late_seconds"] < 120
    assert event["actor"] == "demo"
    _canceled_follower(owner, follower["id"])
    assert customer(owner, c["id"])["status"] == "suspended"
    failed_ones = owner.get("/operations", params={"state": "failed", "customer_id": c["id"]})
    assert [o["id"] for o in failed_ones.json()["items"]] == [leader["id"]]


def test_a_scheduled_suspension_of_a_customer_canceled_meanwhile_fails_customer_canceled(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    op = scheduled_op(owner, c["id"], "suspend", {"at": clock.after(HOUR)})
    body = {"reason": "Leaving", "confirm_account_number": c["account_number"]}
    assert run_operation(owner, c["id"], "cancel", body)["state"] == "succeeded"
    # Still scheduled after the cancellation: it is told at its time, not dropped silently.
    assert operation(owner, op["id"])["state"] == "scheduled"
    clock.advance(HOUR + 1)
    failed = wait_state(owner, op["id"], *FINISHED)
    assert (failed["state"], failed["error"]["code"]) == ("failed", "customer_canceled")
    assert [e["details"]["code"] for e in _events_named(owner, c["id"], "suspend_failed")] == [
        "customer_canceled"
    ]
    assert customer(owner, c["id"])["next_scheduled"] is None


def test_a_reenable_of_a_customer_reenabled_meanwhile_fails_not_suspended(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    assert run_operation(owner, c["id"], "suspend", {"reason": "x"})["state"] == "succeeded"
    op = scheduled_op(owner, c["id"], "unsuspend", {"at": clock.after(HOUR)})
    assert run_operation(owner, c["id"], "unsuspend")["state"] == "succeeded"
    clock.advance(HOUR + 1)
    failed = wait_state(owner, op["id"], *FINISHED)
    assert (failed["state"], failed["error"]["code"]) == ("failed", "not_suspended")
    (event,) = _events_named(owner, c["id"], "unsuspend_failed")
    assert event["details"]["code"] == "not_suspended"


def test_a_suspension_and_its_reenable_both_overdue_run_in_order(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    leader = scheduled_op(
        owner, c["id"], "suspend", {"at": clock.after(HOUR), "resume_at": clock.after(2 * HOUR)}
    )
    follower = _follower(owner, c["id"], leader["id"])
    # Both due at once, as after a night without a server: the re-enable waits its turn.
    clock.advance(10 * HOUR)
    assert wait_state(owner, follower["id"], *FINISHED)["state"] == "succeeded"
    assert operation(owner, leader["id"])["state"] == "succeeded"
    names = [e["action"] for e in actions(owner, c["id"])]
    assert names.index("suspended") < names.index("reenabled")
    assert customer(owner, c["id"])["status"] == "active"
    late = {e["action"]: e["details"]["late_seconds"] for e in actions(owner, c["id"])[-2:]}
    assert late["suspended"] >= 9 * HOUR - 60 and late["reenabled"] >= 8 * HOUR - 60
