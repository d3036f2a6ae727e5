"""Scheduled operations over HTTP on SQLite and PostgreSQL: scheduling a suspension or a
re-enable (`at`, `resume_at`), each state it goes through, the 422s and 409s of the contract,
idempotency, cancelling (DELETE), next_scheduled wherever a customer is, the summary's counts,
permissions and tenancy. Time passes through the server's test clock, not by waiting.
(Runs that end otherwise, and several processes, are test_scheduled_runs.py and
test_scheduled_cluster.py.)"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import requests

from tests.server.helpers import (
    assert_error,
    clients_like,
    customer,
    field_errors,
    fire_at_once,
    new_customer,
    run_operation,
    unique,
)
from tests.server.scheduled_support import (
    HOUR,
    TestClock,
    actions,
    clocked_server,
    operation,
    parse,
    rfc3339,
    schedule,
    scheduled_of,
    scheduled_op,
    wait_state,
)
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database

FINISHED = ("succeeded", "failed", "canceled")


@pytest.fixture(scope="module")
def clocked(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=30, partners=2, seed=18)
    with clocked_server(url, suspend_seconds=0.1) as proc:
        yield proc


@pytest.fixture(scope="module")
def _tokens(clocked: ServerProcess) -> dict[str, str]:
    return {
        user: str(ApiClient(clocked.url).login(user, user).token)
        for user in ("demo", "other", "viewer")
    }


def _as(clocked: ServerProcess, token: str) -> ApiClient:
    client = ApiClient(clocked.url)
    client.token = token
    client.http.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def owner(clocked: ServerProcess, _tokens: dict[str, str]) -> ApiClient:
    return _as(clocked, _tokens["demo"])


@pytest.fixture
def clock(clocked: ServerProcess) -> TestClock:
    return TestClock(clocked)


def _changes_since(api: ApiClient, cursor: str) -> list[dict[str, Any]]:
    r = api.get("/changes", params={"since": cursor, "wait": 0})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def _cursor(api: ApiClient) -> str:
    r = api.get("/changes", params={"wait": 0})
    assert r.status_code == 200, r.text
    return str(r.json()["cursor"])


def test_a_suspension_scheduled_for_later_runs_once_at_its_time(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    cursor = _cursor(owner)
    at = clock.now() + timedelta(hours=1)
    op = scheduled_op(owner, c["id"], "suspend", {"at": rfc3339(at)})
    assert op["state"] == "scheduled"
    assert parse(op["scheduled_for"]) == at
    assert (op["created_by"], op["started_at"], op["finished_at"], op["follows"]) == (
        "demo",
        None,
        None,
        None,
    )
    expected_next = {"operation_id": op["id"], "kind": "suspend", "at": op["scheduled_for"]}
    assert customer(owner, c["id"])["next_scheduled"] == expected_next
    assert [o["id"] for o in scheduled_of(owner, c["id"])] == [op["id"]]
    # Not unfinished: a client picking up after a crash has nothing to watch yet.
    unfinished = owner.get("/operations", params={"unfinished": "true"}).json()["items"]
    assert op["id"] not in {o["id"] for o in unfinished}

    clock.advance(HOUR - 60)  # a minute early: nothing yet
    assert operation(owner, op["id"])["state"] == "scheduled"
    assert customer(owner, c["id"])["status"] == "active"
    clock.advance(61)
    done = wait_state(owner, op["id"], *FINISHED)
    assert done["state"] == "succeeded", done
    assert parse(done["started_at"]) >= at
    after = customer(owner, c["id"])
    assert (after["status"], after["next_scheduled"]) == ("suspended", None)
    assert scheduled_of(owner, c["id"]) == []
    names = [e["action"] for e in actions(owner, c["id"])]
    assert names == ["created", "suspend_scheduled", "suspended"]
    suspended = actions(owner, c["id"])[-1]["details"]
    assert suspended["operation_id"] == op["id"]
    assert parse(suspended["scheduled_for"]) == at
    assert 0 <= suspended["late_seconds"] < 30

    # The feed carried each step: the operation in each state, next_scheduled set and gone.
    feed = _changes_since(owner, cursor)
    ops = [e["data"] for e in feed if e["event"] == "operation" and e["data"]["id"] == op["id"]]
    assert ops and ops[-1]["state"] == "succeeded"
    nexts = [
        e["data"]["next_scheduled"]
        for e in feed
        if e["event"] == "customer" and e["data"]["id"] == c["id"]
    ]
    assert nexts and nexts[-1] is None
    assert any(e["event"] == "summary" for e in feed)


def test_the_timer_wakes_for_a_suspension_due_in_two_seconds(
    owner: ApiClient, clock: TestClock
) -> None:
    # No clock move and no request after scheduling: only the server's own timer runs it, and
    # well before the scheduler's longest sleep (a minute) would.
    c = new_customer(owner)
    at = clock.now() + timedelta(seconds=2)
    op = scheduled_op(owner, c["id"], "suspend", {"at": rfc3339(at)})
    done = wait_state(owner, op["id"], *FINISHED, timeout=20)
    assert done["state"] == "succeeded", done
    assert parse(done["started_at"]) >= at


def test_resume_at_alone_suspends_now_and_reenables_at_its_time(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    resume = clock.now() + timedelta(hours=5)
    leader = scheduled_op(owner, c["id"], "suspend", {"resume_at": rfc3339(resume)})
    assert leader["state"] in ("pending", "running", "succeeded")
    assert leader["scheduled_for"] is None
    (follower,) = scheduled_of(owner, c["id"])
    assert (follower["kind"], follower["follows"]) == ("unsuspend", leader["id"])
    assert parse(follower["scheduled_for"]) == resume
    assert wait_state(owner, leader["id"], *FINISHED)["state"] == "succeeded"
    now = customer(owner, c["id"])
    assert now["status"] == "suspended"
    assert now["next_scheduled"] == {
        "operation_id": follower["id"],
        "kind": "unsuspend",
        "at": follower["scheduled_for"],
    }
    clock.advance(5 * HOUR + 1)
    assert wait_state(owner, follower["id"], *FINISHED)["state"] == "succeeded"
    assert customer(owner, c["id"])["status"] == "active"
    reenabled = actions(owner, c["id"])[-1]
    assert reenabled["action"] == "reenabled"
    assert reenabled["details"]["operation_id"] == follower["id"]


def test_at_and_resume_at_schedule_both_listed_soonest_first(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    at = clock.now() + timedelta(days=3)
    resume = at + timedelta(days=4)
    # Written with another offset than UTC: stored and answered in UTC.
    leader = scheduled_op(
        owner, c["id"], "suspend", {"at": at.astimezone().isoformat(), "resume_at": rfc3339(resume)}
    )
    listed = scheduled_of(owner, c["id"])
    assert [o["id"] for o in listed] == [leader["id"], listed[1]["id"]]
    assert [o["kind"] for o in listed] == ["suspend", "unsuspend"]
    assert listed[1]["follows"] == leader["id"]
    assert parse(listed[0]["scheduled_for"]) == at and listed[0]["scheduled_for"].endswith("Z")
    assert customer(owner, c["id"])["next_scheduled"]["operation_id"] == leader["id"]
    clock.advance(3 * 86400 + 1)
    assert wait_state(owner, leader["id"], *FINISHED)["state"] == "succeeded"
    assert operation(owner, listed[1]["id"])["state"] == "scheduled"
    assert customer(owner, c["id"])["next_scheduled"]["operation_id"] == listed[1]["id"]
    clock.advance(4 * 86400)
    assert wait_state(owner, listed[1]["id"], *FINISHED)["state"] == "succeeded"
    assert customer(owner, c["id"])["status"] == "active"


def test_a_reenable_of_a_suspended_customer_scheduled_with_at(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    assert run_operation(owner, c["id"], "suspend", {"reason": "Now"})["state"] == "succeeded"
    op = scheduled_op(owner, c["id"], "unsuspend", {"at": clock.after(2 * HOUR)})
    assert (op["kind"], op["state"]) == ("unsuspend", "scheduled")
    clock.advance(2 * HOUR + 1)
    assert wait_state(owner, op["id"], *FINISHED)["state"] == "succeeded"
    assert customer(owner, c["id"])["status"] == "active"


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("suspend", {"at": "past"}, "at"),
        ("suspend", {"at": "367 days"}, "at"),
        ("suspend", {"at": "2030-01-01T09:00:00"}, "at"),  # no offset
        ("suspend", {"at": "2030-01-01"}, "at"),
        ("suspend", {"at": 1893488400}, "at"),
        ("suspend", {"at": "next tuesday"}, "at"),
        ("suspend", {"at": "2030-02-30T09:00:00Z"}, "at"),
        ("suspend", {"at": "+1 hour", "resume_at": "+1 hour"}, "resume_at"),
        ("suspend", {"at": "+2 hours", "resume_at": "+1 hour"}, "resume_at"),
        ("suspend", {"resume_at": "past"}, "resume_at"),
        ("suspend", {"resume_at": "367 days"}, "resume_at"),
        ("unsuspend", {"at": "past"}, "at"),
        ("unsuspend", {"at": "+1 hour", "resume_at": "+2 hours"}, "resume_at"),
    ],
)
def test_a_time_that_is_not_allowed_is_422_naming_the_field(
    owner: ApiClient, clock: TestClock, kind: str, body: dict[str, Any], field: str
) -> None:
    c = new_customer(owner)
    if kind == "unsuspend":
        assert run_operation(owner, c["id"], "suspend", {"reason": "x"})["state"] == "succeeded"
    words = {
        "past": -60.0,
        "367 days": 367 * 86400.0,
        "+1 hour": HOUR,
        "+2 hours": 2 * HOUR,
    }
    base = clock.now()  # one now for both times: "+1 hour" twice is the same time
    sent = {
        k: rfc3339(base + timedelta(seconds=words[v])) if v in words else v for k, v in body.items()
    }
    r = schedule(owner, c["id"], kind, sent)
    assert field in field_errors(r)
    assert scheduled_of(owner, c["id"]) == []
    assert customer(owner, c["id"])["next_scheduled"] is None


def test_the_409s_of_scheduling(owner: ApiClient, clock: TestClock) -> None:
    c = new_customer(owner)
    first = scheduled_op(owner, c["id"], "suspend", {"at": clock.after(HOUR)})
    # A second suspension, whenever: already scheduled.
    for when in (HOUR / 2, 3 * HOUR):
        r = schedule(owner, c["id"], "suspend", {"at": clock.after(when)})
        assert_error(r, 409, "already_scheduled")
    # A re-enable after the scheduled suspension is fine; a second one is not.
    later = scheduled_op(owner, c["id"], "unsuspend", {"at": clock.after(2 * HOUR)})
    assert_error(
        schedule(owner, c["id"], "unsuspend", {"at": clock.after(5 * HOUR)}),
        409,
        "already_scheduled",
    )
    assert [o["id"] for o in scheduled_of(owner, c["id"])] == [first["id"], later["id"]]

    # A re-enable before the scheduled suspension would find the customer active.
    other = new_customer(owner)
    scheduled_op(owner, other["id"], "suspend", {"at": clock.after(2 * HOUR)})
    r = schedule(owner, other["id"], "unsuspend", {"at": clock.after(HOUR)})
    assert_error(r, 409, "not_suspended")
    # An active customer with nothing scheduled cannot be re-enabled later either.
    assert_error(
        schedule(owner, new_customer(owner)["id"], "unsuspend", {"at": clock.after(HOUR)}),
        409,
        "not_suspended",
    )
    # A suspended one cannot be suspended later, unless re-enabled before.
    suspended = new_customer(owner)
    assert run_operation(owner, suspended["id"], "suspend", {"reason": "x"})["state"] == (
        "succeeded"
    )
    r = schedule(owner, suspended["id"], "suspend", {"at": clock.after(HOUR)})
    assert_error(r, 409, "already_suspended")
    r = schedule(owner, suspended["id"], "suspend", {"resume_at": clock.after(HOUR)})
    assert_error(r, 409, "already_suspended")
    scheduled_op(owner, suspended["id"], "unsuspend", {"at": clock.after(HOUR)})
    # A resume_at would make a second scheduled re-enable.
    resumed = {"at": clock.after(2 * HOUR), "resume_at": clock.after(3 * HOUR)}
    assert_error(schedule(owner, suspended["id"], "suspend", resumed), 409, "already_scheduled")
    scheduled_op(owner, suspended["id"], "suspend", {"at": clock.after(2 * HOUR)})
    # A canceled customer is not suspended later.
    gone = new_customer(owner)
    body = {"reason": "x", "confirm_account_number": gone["account_number"]}
    assert run_operation(owner, gone["id"], "cancel", body)["state"] == "succeeded"
    r = schedule(owner, gone["id"], "suspend", {"at": clock.after(HOUR)})
    assert_error(r, 409, "customer_canceled")


def test_one_key_makes_one_scheduled_operation_however_often_and_however_raced(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    at = clock.now() + timedelta(hours=1)
    body = {"reason": "Raced", "at": rfc3339(at), "resume_at": rfc3339(at + timedelta(hours=1))}
    key = unique("race-")

    def send(client: ApiClient, sent: dict[str, Any]) -> Callable[[], requests.Response]:
        return lambda: schedule(client, c["id"], "suspend", sent, key=key)

    answers = fire_at_once([send(client, body) for client in clients_like(owner, 6)])
    assert {r.status_code for r in answers} == {202}, [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1
    op_id = answers[0].json()["id"]
    assert len(scheduled_of(owner, c["id"])) == 2  # one suspension and its one follower
    # The same time written with another offset is the same request.
    same = {**body, "at": at.astimezone().isoformat()}
    assert schedule(owner, c["id"], "suspend", same, key=key).json()["id"] == op_id
    # Another time, or none, under this key: a reused key.
    moved = {**body, "at": rfc3339(at + timedelta(minutes=1))}
    assert_error(schedule(owner, c["id"], "suspend", moved, key=key), 422, "idempotency_key_reused")
    r = schedule(owner, c["id"], "suspend", {"reason": "Raced"}, key=key)
    assert_error(r, 422, "idempotency_key_reused")
    # Retried after its time, when `at` is past: still the same operation, not a 422.
    clock.advance(HOUR + 1)
    assert wait_state(owner, op_id, *FINISHED)["state"] == "succeeded"
    again = schedule(owner, c["id"], "suspend", body, key=key)
    assert (again.status_code, again.json()["id"]) == (202, op_id)
    assert [e["action"] for e in actions(owner, c["id"])].count("suspended") == 1


def test_delete_cancels_a_scheduled_operation_and_its_follower(
    owner: ApiClient, clock: TestClock
) -> None:
    c = new_customer(owner)
    leader = scheduled_op(
        owner, c["id"], "suspend", {"at": clock.after(HOUR), "resume_at": clock.after(2 * HOUR)}
    )
    follower = scheduled_of(owner, c["id"])[1]
    r = owner.delete(f"/operations/{leader['id']}")
    assert r.status_code == 204, r.text
    assert r.content == b""
    for op_id in (leader["id"], follower["id"]):
        ended = operation(owner, op_id)
        assert ended["state"] == "canceled"
        assert ended["finished_at"] is not None and ended["started_at"] is None
    assert operation(owner, follower["id"])["error"]["code"] == "follows_canceled"
    assert customer(owner, c["id"])["next_scheduled"] is None
    canceled = [e for e in actions(owner, c["id"]) if e["action"].endswith("_schedule_canceled")]
    assert [(e["action"], e["details"]["cause"]) for e in canceled] == [
        ("suspend_schedule_canceled", "canceled"),
        ("unsuspend_schedule_canceled", "suspension_canceled"),
    ]
    assert canceled[0]["actor"] == "demo"
    # Again: done already, nothing more written.
    assert owner.delete(f"/operations/{leader['id']}").status_code == 204
    assert len(actions(owner, c["id"])) == len(canceled) + 3
    # Its time passes: nothing runs. A new one of the same kind may be scheduled.
    clock.advance(2 * HOUR + 1)
    assert customer(owner, c["id"])["status"] == "active"
    assert operation(owner, leader["id"])["state"] == "canceled"
    scheduled_op(owner, c["id"], "suspend", {"at": clock.after(HOUR)})


def test_delete_of_an_operation_that_started_is_409_not_scheduled(owner: ApiClient) -> None:
    c = new_customer(owner)
    done = run_operation(owner, c["id"], "suspend", {"reason": "Now"})
    error = assert_error(owner.delete(f"/operations/{done['id']}"), 409, "not_scheduled")
    assert error["details"] == {"state": "succeeded"}
    assert operation(owner, done["id"])["state"] == "succeeded"
    assert_error(owner.delete("/operations/op_01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404, "not_found")


def test_next_scheduled_is_on_the_customer_everywhere(owner: ApiClient, clock: TestClock) -> None:
    c = new_customer(owner)
    op = scheduled_op(owner, c["id"], "suspend", {"at": clock.after(4 * HOUR)})
    expected = {"operation_id": op["id"], "kind": "suspend", "at": op["scheduled_for"]}
    assert customer(owner, c["id"])["next_scheduled"] == expected
    listed = owner.get("/customers", params={"q": c["account_number"], "field": "account_number"})
    assert [item["next_scheduled"] for item in listed.json()["items"]] == [expected]
    snapshot = owner.get("/customers/snapshot")
    lines = [line for line in snapshot.text.splitlines()[1:] if c["id"] in line]
    assert [json.loads(line)["next_scheduled"] for line in lines] == [expected]
    # The version stays: an edit begun before the scheduling is not refused for it.
    r = owner.patch(
        f"/customers/{c['id']}",
        json={"contact_name": "Iva Kovač"},
        headers={"If-Match": f'"{c["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["next_scheduled"] == expected


def test_summary_counts_canceled_and_scheduled_customers(
    clocked: ServerProcess, clock: TestClock
) -> None:
    username = unique("sum")
    result = run_cli(
        "add-user",
        "--database",
        clocked.database_url,
        "--partner",
        f"Partner {username}",
        "--username",
        username,
        stdin=f"pw-{username}\n",
    )
    assert result.returncode == 0, result.stderr
    api = ApiClient(clocked.url).login(username, f"pw-{username}")
    a, b, gone = new_customer(api), new_customer(api), new_customer(api)
    body = {"reason": "x", "confirm_account_number": gone["account_number"]}
    assert run_operation(api, gone["id"], "cancel", body)["state"] == "succeeded"
    zero = {"active": 2, "suspended": 0, "canceled": 1, "scheduled": 0}
    assert api.get("/summary").json()["customers"] == zero
    first = scheduled_op(
        api, a["id"], "suspend", {"at": clock.after(HOUR), "resume_at": clock.after(2 * HOUR)}
    )
    # Two scheduled operations, one customer.
    assert api.get("/summary").json()["customers"] == {**zero, "scheduled": 1}
    scheduled_op(api, b["id"], "suspend", {"at": clock.after(3 * HOUR)})
    assert api.get("/summary").json()["customers"] == {**zero, "scheduled": 2}
    assert api.delete(f"/operations/{first['id']}").status_code == 204
    assert api.get("/summary").json()["customers"] == {**zero, "scheduled": 1}


def test_a_viewer_may_look_but_not_schedule_or_cancel(
    clocked: ServerProcess, _tokens: dict[str, str], owner: ApiClient, clock: TestClock
) -> None:
    viewer = _as(clocked, _tokens["viewer"])
    c = new_customer(owner)
    op = scheduled_op(owner, c["id"], "suspend", {"at": clock.after(HOUR)})
    for kind in ("suspend", "unsuspend"):
        r = schedule(viewer, c["id"], kind, {"at": clock.after(2 * HOUR)})
        assert assert_error(r, 403, "forbidden")["details"] == {"required": "customers.suspend"}
    error = assert_error(viewer.delete(f"/operations/{op['id']}"), 403, "forbidden")
    assert error["details"] == {"required": "customers.suspend"}
    assert [o["id"] for o in scheduled_of(viewer, c["id"])] == [op["id"]]
    assert operation(owner, op["id"])["state"] == "scheduled"


def test_another_partners_scheduled_operation_is_404_and_stays(
    clocked: ServerProcess, _tokens: dict[str, str], owner: ApiClient, clock: TestClock
) -> None:
    other = _as(clocked, _tokens["other"])
    c = new_customer(owner)
    op = scheduled_op(owner, c["id"], "suspend", {"at": clock.after(HOUR)})
    assert_error(other.delete(f"/operations/{op['id']}"), 404, "not_found")
    assert_error(other.get(f"/operations/{op['id']}"), 404, "not_found")
    assert scheduled_of(other, c["id"]) == []
    r = schedule(other, c["id"], "suspend", {"at": clock.after(2 * HOUR)})
    assert_error(r, 404, "not_found")
    assert operation(owner, op["id"])["state"] == "scheduled"
    assert [o["id"] for o in scheduled_of(owner, c["id"])] == [op["id"]]


def test_the_test_clock_is_absent_unless_both_keys_are_given(
    new_database_url: Callable[[], str],
) -> None:
    url = new_database_url()
    refused = run_cli("serve", "--port", "0", "--database", url, "--test-clock", timeout=60)
    assert refused.returncode == 2
    assert "PARTNER_API_TEST_CLOCK" in refused.stderr
    # The variable without the flag, as without either: no such route.
    with ServerProcess(url, env={"PARTNER_API_TEST_CLOCK": "1"}) as variable_only:
        for method in ("GET", "POST"):
            r = requests.request(
                method, f"{variable_only.root}/test/clock", json={"offset_seconds": 9}, timeout=30
            )
            assert r.status_code == 404
        paths = requests.get(f"{variable_only.url}/openapi.json", timeout=30).json()["paths"]
        assert not [path for path in paths if "clock" in path]
