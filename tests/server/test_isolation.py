"""Tenant isolation on every route, found in the server's own OpenAPI document: another
partner's real ids answer exactly as ids that do not exist (404), and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.server.helpers import (
    assert_error,
    openapi_operations,
    run_operation,
    services,
    start,
    take_customer,
    unique,
)
from tests.support.server import ApiClient

MISSING_CUSTOMER = "c_01ARZ3NDEKTSV4RRFFQ69G5FAV"
MISSING_SERVICE = "s_01ARZ3NDEKTSV4RRFFQ69G5FAV"
MISSING_OPERATION = "op_01ARZ3NDEKTSV4RRFFQ69G5FAV"
MISSING_STAFF = "u_01ARZ3NDEKTSV4RRFFQ69G5FAV"


@dataclass(frozen=True)
class Ids:
    """The ids one call is made with, and what a customer's account number and version are."""

    customer: str
    service: str
    operation: str
    account_number: str
    version: int
    staff: str = MISSING_STAFF


# (method, url, requests keyword arguments)
Call = tuple[str, str, dict[str, Any]]


def _key() -> dict[str, str]:
    return {"Idempotency-Key": unique("iso-")}


# How to call each route that takes an id. A route the server gains must be added here, or
# test_every_route_with_an_id_is_known fails.
EXERCISERS: dict[tuple[str, str], Callable[[Ids], Call]] = {
    ("GET", "/customers/{id}"): lambda i: ("GET", f"/customers/{i.customer}", {}),
    ("PATCH", "/customers/{id}"): lambda i: (
        "PATCH",
        f"/customers/{i.customer}",
        {"json": {"name": "Taken Over"}, "headers": {"If-Match": f'"{i.version}"'}},
    ),
    ("GET", "/customers/{id}/services"): lambda i: ("GET", f"/customers/{i.customer}/services", {}),
    ("DELETE", "/customers/{id}/services/{service_id}"): lambda i: (
        "DELETE",
        f"/customers/{i.customer}/services/{i.service}",
        {},
    ),
    ("GET", "/customers/{id}/events"): lambda i: ("GET", f"/customers/{i.customer}/events", {}),
    ("POST", "/customers/{id}/login-link"): lambda i: (
        "POST",
        f"/customers/{i.customer}/login-link",
        {},
    ),
    ("POST", "/customers/{id}/suspend"): lambda i: (
        "POST",
        f"/customers/{i.customer}/suspend",
        {"json": {"reason": "Taken over"}, "headers": _key()},
    ),
    ("POST", "/customers/{id}/unsuspend"): lambda i: (
        "POST",
        f"/customers/{i.customer}/unsuspend",
        {"headers": _key()},
    ),
    ("POST", "/customers/{id}/cancel"): lambda i: (
        "POST",
        f"/customers/{i.customer}/cancel",
        {
            "json": {"reason": "Taken over", "confirm_account_number": i.account_number},
            "headers": _key(),
        },
    ),
    ("POST", "/customers/{id}/restore"): lambda i: (
        "POST",
        f"/customers/{i.customer}/restore",
        {"headers": _key()},
    ),
    ("GET", "/operations/{op_id}"): lambda i: ("GET", f"/operations/{i.operation}", {}),
    ("DELETE", "/operations/{op_id}"): lambda i: ("DELETE", f"/operations/{i.operation}", {}),
    ("PATCH", "/staff/{id}"): lambda i: (
        "PATCH",
        f"/staff/{i.staff}",
        {"json": {"display_name": "Taken Over", "disabled": True}},
    ),
}


def _with_ids(api: ApiClient) -> list[tuple[str, str]]:
    return [(m, p) for m, p in openapi_operations(api) if "{" in p]


def test_every_route_with_an_id_is_known(scratch_api: ApiClient) -> None:
    unknown = [op for op in _with_ids(scratch_api) if op not in EXERCISERS]
    assert not unknown, f"add these routes to EXERCISERS so their isolation is tested: {unknown}"
    assert len(_with_ids(scratch_api)) == len(EXERCISERS)


def _snapshot(api: ApiClient, customer_ids: list[str]) -> dict[str, Any]:
    """Everything the other partner can see of its customers, operations and totals."""
    seen: dict[str, Any] = {
        "operations": api.get("/operations").json(),
        "summary": api.get("/summary").json(),
        "customers": api.get("/customers", params={"limit": 1000}).json(),
        "staff": api.get("/staff").json(),
    }
    for cid in customer_ids:
        seen[cid] = {
            "customer": api.get(f"/customers/{cid}").json(),
            "services": api.get(f"/customers/{cid}/services").json(),
            "events": api.get(f"/customers/{cid}/events").json(),
        }
    return seen


@pytest.fixture
def theirs(scratch_other_api: ApiClient) -> list[Ids]:
    """Three customers of the other partner, one in each status, with real service and
    operation ids."""
    active = take_customer(scratch_other_api)
    suspended = take_customer(scratch_other_api)
    canceled = take_customer(scratch_other_api)
    op = run_operation(scratch_other_api, suspended["id"], "suspend", {"reason": "Theirs"})
    assert op["state"] == "succeeded"
    canceled_services = services(scratch_other_api, canceled["id"])
    done = run_operation(
        scratch_other_api,
        canceled["id"],
        "cancel",
        {"reason": "Theirs", "confirm_account_number": canceled["account_number"]},
    )
    assert done["state"] == "succeeded"
    staff = scratch_other_api.get("/staff").json()["items"][0]["id"]
    found = []
    for c, service in (
        (active, services(scratch_other_api, active["id"])[0]),
        (suspended, services(scratch_other_api, suspended["id"])[0]),
        (canceled, canceled_services[0]),
    ):
        current = scratch_other_api.get(f"/customers/{c['id']}").json()
        found.append(
            Ids(c["id"], service["id"], op["id"], c["account_number"], current["version"], staff)
        )
    return found


def test_another_partners_ids_are_404_like_missing_ones_on_every_route(
    scratch_api: ApiClient, scratch_other_api: ApiClient, theirs: list[Ids]
) -> None:
    mine = take_customer(scratch_api)
    my_before = _snapshot(scratch_api, [mine["id"]])
    their_before = _snapshot(scratch_other_api, [t.customer for t in theirs])
    missing = Ids(MISSING_CUSTOMER, MISSING_SERVICE, MISSING_OPERATION, "100001", 1)
    checked = 0
    for route in _with_ids(scratch_api):
        exercise = EXERCISERS[route]
        for target in theirs:
            variants = [(target, missing)]
            if "{service_id}" in route[1]:
                # My own customer, with their service.
                own = Ids(mine["id"], target.service, "", mine["account_number"], 1)
                own_missing = Ids(mine["id"], MISSING_SERVICE, "", mine["account_number"], 1)
                variants.append((own, own_missing))
            for real, made_up in variants:
                method, url, kwargs = exercise(real)
                got = scratch_api.request(method, url, **kwargs)
                error = assert_error(got, 404, "not_found")
                method, url, kwargs = exercise(made_up)
                expected = assert_error(
                    scratch_api.request(method, url, **kwargs), 404, "not_found"
                )
                assert error == expected, (route, error, expected)
                checked += 1
    assert checked >= len(EXERCISERS) * len(theirs)
    assert _snapshot(scratch_other_api, [t.customer for t in theirs]) == their_before
    assert _snapshot(scratch_api, [mine["id"]]) == my_before


def test_lists_and_search_show_only_the_partners_own(
    scratch_api: ApiClient, scratch_other_api: ApiClient, theirs: list[Ids]
) -> None:
    their_ids = {t.customer for t in theirs}
    listed = scratch_api.get("/customers", params={"limit": 1000}).json()
    assert not their_ids & {c["id"] for c in listed["items"]}
    for t in theirs:
        c = scratch_other_api.get(f"/customers/{t.customer}").json()
        for q in (c["name"], c["account_number"], c["email"], c["domain"]):
            found = scratch_api.get("/customers", params={"q": q, "limit": 1000}).json()
            assert not their_ids & {item["id"] for item in found["items"]}, q
    ops = scratch_api.get("/operations").json()["items"]
    assert theirs[0].operation not in {op["id"] for op in ops}
    unfinished = scratch_api.get("/operations", params={"unfinished": "true"}).json()["items"]
    assert not their_ids & {op["customer_id"] for op in unfinished}


def test_one_idempotency_key_used_by_two_partners_makes_two_operations(
    scratch_api: ApiClient, scratch_other_api: ApiClient
) -> None:
    """Keys are the partner's own: another partner's key neither replays its operation (which
    would show another partner's customer id) nor counts as a reused key."""
    key = unique("shared-")
    mine = take_customer(scratch_api)
    theirs = take_customer(scratch_other_api)
    body = {"reason": "Same key"}
    their_op = start(scratch_other_api, theirs["id"], "suspend", body, key=key)
    assert their_op.status_code == 202, their_op.text
    my_op = start(scratch_api, mine["id"], "suspend", body, key=key)
    assert my_op.status_code == 202, my_op.text
    assert my_op.json()["id"] != their_op.json()["id"]
    assert my_op.json()["customer_id"] == mine["id"]
    # Their request replayed by me, under a key of mine that is new, is about a customer I
    # cannot see. (Under the key I have used, it is a reused key, as for any other customer.)
    assert_error(start(scratch_api, theirs["id"], "suspend", body), 404, "not_found")
    for api, op in ((scratch_api, my_op), (scratch_other_api, their_op)):
        assert api.wait_operation(op.json()["id"], timeout=60)["state"] == "succeeded"
    assert_error(scratch_api.get(f"/operations/{their_op.json()['id']}"), 404, "not_found")
