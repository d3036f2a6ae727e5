"""Customers: create, read, edit with If-Match; services; login links; history; summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from tests.server.helpers import (
    assert_error,
    cents,
    customer,
    events,
    field_errors,
    new_customer,
    run_operation,
    services,
    take_customer,
    unique,
)
from tests.support.server import ApiClient, ServerProcess

CUSTOMER_KEYS = {
    "id",
    "account_number",
    "name",
    "contact_name",
    "email",
    "phone",
    "domain",
    "alias_domains",
    "website",
    "address",
    "status",
    "suspended_at",
    "suspension_reason",
    "canceled_at",
    "created_at",
    "updated_at",
    "version",
    "next_scheduled",
}


def _patch(
    api: ApiClient, cid: str, body: dict[str, Any], version: int | str | None
) -> requests.Response:
    headers = {} if version is None else {"If-Match": f'"{version}"'}
    return api.patch(f"/customers/{cid}", json=body, headers=headers)


# --- create and read -------------------------------------------------------------------------


def test_create_answers_201_with_the_customer_and_its_etag(scratch_api: ApiClient) -> None:
    tag = unique("")
    body = {
        "name": f"Acme {tag} d.o.o.",
        "contact_name": "Ana Horvat",
        "email": f"ana@{tag}.hr",
        "phone": "+385 1 234 5678",
        "domain": f"Acme-{tag}.HR",
        "alias_domains": [f"acme-{tag}.com"],
        "website": f"https://acme-{tag}.hr",
        "address": {
            "street": "Ilica 1",
            "city": "Zagreb",
            "region": "",
            "postal_code": "10000",
            "country": "HR",
        },
    }
    r = scratch_api.post("/customers", json=body)
    assert r.status_code == 201, r.text
    c = r.json()
    assert set(c) == CUSTOMER_KEYS
    assert c["id"].startswith("c_")
    assert c["account_number"]
    assert c["name"] == body["name"]
    assert c["domain"] == f"acme-{tag}.hr"
    assert c["address"] == body["address"]
    assert c["status"] == "active"
    assert c["suspended_at"] is None and c["suspension_reason"] is None
    assert c["canceled_at"] is None
    assert c["version"] == 1
    assert r.headers["ETag"] == '"1"'
    got = scratch_api.get(f"/customers/{c['id']}")
    assert got.status_code == 200
    assert got.json() == c
    assert got.headers["ETag"] == '"1"'
    # Created customers have no services yet, and their history starts with the creation.
    assert services(scratch_api, c["id"]) == []
    assert [e["action"] for e in events(scratch_api, c["id"])] == ["created"]


def test_only_the_name_is_required(scratch_api: ApiClient) -> None:
    r = scratch_api.post("/customers", json={"name": "Just A Name"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["email"] == "" and c["alias_domains"] == [] and c["address"]["country"] == ""


def test_account_numbers_are_given_out_uniquely(scratch_api: ApiClient) -> None:
    numbers = {new_customer(scratch_api)["account_number"] for _ in range(3)}
    assert len(numbers) == 3


def test_a_used_account_number_is_409_duplicate(scratch_api: ApiClient) -> None:
    account = unique("A-")[:20]
    first = new_customer(scratch_api, account_number=account)
    assert first["account_number"] == account
    r = scratch_api.post("/customers", json={"name": "Second", "account_number": account})
    error = assert_error(r, 409, "duplicate")
    assert "account_number" in error["details"]["fields"]
    # Editing another customer to that number is refused the same way.
    other = new_customer(scratch_api)
    r = _patch(scratch_api, other["id"], {"account_number": account}, other["version"])
    assert_error(r, 409, "duplicate")
    assert customer(scratch_api, other["id"])["account_number"] == other["account_number"]


def test_account_numbers_are_per_partner(
    scratch_api: ApiClient, scratch_other_api: ApiClient
) -> None:
    account = unique("P-")[:20]
    new_customer(scratch_api, account_number=account)
    assert new_customer(scratch_other_api, account_number=account)["account_number"] == account


BAD_FIELDS: list[tuple[dict[str, Any], str]] = [
    ({"email": "not-an-email"}, "email"),
    ({"email": "ana@@acme.hr"}, "email"),
    ({"email": "ana@acme"}, "email"),
    ({"phone": "call me maybe"}, "phone"),
    ({"phone": "123"}, "phone"),
    ({"domain": "nodot"}, "domain"),
    ({"domain": "-bad-.hr"}, "domain"),
    ({"domain": "acme .hr"}, "domain"),
    ({"alias_domains": ["ok.hr", "not a domain"]}, "alias_domains"),
    ({"website": "acme.hr"}, "website"),
    ({"website": "ftp://acme.hr"}, "website"),
    ({"website": "https://"}, "website"),
    ({"address": {"country": "XX"}}, "address.country"),
    ({"address": {"country": "hr"}}, "address.country"),
    ({"address": {"country": "HRV"}}, "address.country"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"account_number": "has spaces"}, "account_number"),
    ({"status": "suspended"}, "status"),
    ({"version": 9}, "version"),
    ({"nickname": "x"}, "nickname"),
]


@pytest.mark.parametrize(("fields", "name"), BAD_FIELDS)
def test_create_with_a_bad_field_is_422_naming_it(
    scratch_api: ApiClient, fields: dict[str, Any], name: str
) -> None:
    body = {"name": "Valid Name", **fields}
    assert name in field_errors(scratch_api.post("/customers", json=body))


def test_create_without_a_name_is_422(scratch_api: ApiClient) -> None:
    assert field_errors(scratch_api.post("/customers", json={"email": "a@b.hr"})) == {
        "name": "is required"
    }


def test_every_bad_field_is_named_at_once(scratch_api: ApiClient) -> None:
    r = scratch_api.post(
        "/customers",
        json={
            "name": "",
            "email": "nope",
            "phone": "abc",
            "domain": "x",
            "website": "y",
            "address": {"country": "ZZ"},
        },
    )
    fields = field_errors(r)
    assert set(fields) == {"name", "email", "phone", "domain", "website", "address.country"}


@pytest.mark.parametrize("body", [[], "text", 5, None])
def test_create_with_a_body_that_is_not_an_object(scratch_api: ApiClient, body: object) -> None:
    assert_error(scratch_api.post("/customers", json=body), 422, "validation_failed")


def test_missing_customer_is_404(scratch_api: ApiClient) -> None:
    for cid in ("c_01ARZ3NDEKTSV4RRFFQ69G5FAV", "nothing", "c_"):
        assert_error(scratch_api.get(f"/customers/{cid}"), 404, "not_found")


# --- edit ------------------------------------------------------------------------------------


def test_patch_needs_if_match(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    assert_error(_patch(scratch_api, c["id"], {"name": "X"}, None), 428, "precondition_required")
    assert_error(
        scratch_api.patch(f"/customers/{c['id']}", json={"name": "X"}, headers={"If-Match": "*"}),
        428,
        "precondition_required",
    )
    assert customer(scratch_api, c["id"]) == c


def test_patch_changes_the_fields_given_and_bumps_the_version(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    r = _patch(
        scratch_api,
        c["id"],
        {"name": "Renamed d.o.o.", "address": {"city": "Split"}, "phone": "+385 21 555 000"},
        c["version"],
    )
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["version"] == c["version"] + 1
    assert r.headers["ETag"] == f'"{edited["version"]}"'
    assert edited["name"] == "Renamed d.o.o."
    assert edited["phone"] == "+385 21 555 000"
    assert edited["address"] == {**c["address"], "city": "Split"}
    assert edited["email"] == c["email"]
    assert edited["updated_at"] >= c["updated_at"]
    assert customer(scratch_api, c["id"]) == edited
    # A weak ETag is taken as well.
    r = scratch_api.patch(
        f"/customers/{c['id']}",
        json={"contact_name": "Ivo Ivić"},
        headers={"If-Match": f'W/"{edited["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == c["version"] + 2


def test_patch_with_a_stale_version_is_412_with_the_current_customer(
    scratch_api: ApiClient,
) -> None:
    c = new_customer(scratch_api)
    first = _patch(scratch_api, c["id"], {"name": "First Edit"}, c["version"])
    assert first.status_code == 200
    r = _patch(scratch_api, c["id"], {"name": "Second Edit"}, c["version"])
    error = assert_error(r, 412, "version_conflict")
    assert error["details"]["current"] == first.json()
    assert customer(scratch_api, c["id"])["name"] == "First Edit"


def test_status_and_version_are_not_writable(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    for body in ({"status": "suspended"}, {"status": "canceled"}, {"version": 99}, {"id": "c_x"}):
        fields = field_errors(_patch(scratch_api, c["id"], body, c["version"]))
        assert set(fields) == set(body)
    assert customer(scratch_api, c["id"]) == c


@pytest.mark.parametrize(("fields", "name"), BAD_FIELDS)
def test_patch_with_a_bad_field_is_422_and_changes_nothing(
    scratch_api: ApiClient, fields: dict[str, Any], name: str
) -> None:
    c = new_customer(scratch_api)
    assert name in field_errors(_patch(scratch_api, c["id"], fields, c["version"]))
    assert customer(scratch_api, c["id"]) == c


def test_patch_cannot_null_a_field(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    fields = field_errors(_patch(scratch_api, c["id"], {"email": None}, c["version"]))
    assert "email" in fields
    assert customer(scratch_api, c["id"]) == c


def test_patch_without_changes_keeps_the_version(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    r = _patch(scratch_api, c["id"], {"name": c["name"]}, c["version"])
    assert r.status_code == 200
    assert r.json()["version"] == c["version"]
    assert [e["action"] for e in events(scratch_api, c["id"])] == ["created"]


def test_patch_of_a_missing_customer_is_404(scratch_api: ApiClient) -> None:
    r = _patch(scratch_api, "c_01ARZ3NDEKTSV4RRFFQ69G5FAV", {"name": "X"}, 1)
    assert_error(r, 404, "not_found")


def test_every_edit_writes_one_event_with_old_and_new_values(scratch_api: ApiClient) -> None:
    c = new_customer(scratch_api)
    r = _patch(
        scratch_api,
        c["id"],
        {"email": "new@acme.hr", "address": {"country": "SI"}, "alias_domains": []},
        c["version"],
    )
    assert r.status_code == 200, r.text
    history = events(scratch_api, c["id"])
    assert [e["action"] for e in history] == ["updated", "created"]
    updated = history[0]
    assert updated["actor"] == "demo"
    assert updated["details"]["changes"] == {
        "email": {"old": c["email"], "new": "new@acme.hr"},
        "address.country": {"old": "HR", "new": "SI"},
        "alias_domains": {"old": c["alias_domains"], "new": []},
    }
    assert set(updated) == {"at", "actor", "action", "details"}


# --- services, summary -----------------------------------------------------------------------


def test_services_list_and_remove(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    items = services(scratch_api, c["id"])
    assert items
    for sv in items:
        assert set(sv) == {"id", "name", "monthly_price", "currency", "enabled_at"}
        assert sv["currency"] == "EUR"
        assert cents(sv["monthly_price"]) > 0
    gone = items[0]
    before = scratch_api.get("/summary").json()
    r = scratch_api.delete(f"/customers/{c['id']}/services/{gone['id']}")
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert [sv["id"] for sv in services(scratch_api, c["id"])] == [sv["id"] for sv in items[1:]]
    # Billing for it stops.
    after = scratch_api.get("/summary").json()
    assert cents(after["monthly_billable"]["active"]) == cents(
        before["monthly_billable"]["active"]
    ) - cents(gone["monthly_price"])
    assert after["monthly_billable"]["suspended"] == before["monthly_billable"]["suspended"]
    assert after["customers"] == before["customers"]
    # One event, naming the service.
    latest = events(scratch_api, c["id"])[0]
    assert latest["action"] == "service_removed"
    assert latest["details"]["service_id"] == gone["id"]
    assert latest["details"]["name"] == gone["name"]
    assert latest["details"]["monthly_price"] == gone["monthly_price"]
    # Removing it again, or a service that never was, is 404; nothing else changes.
    assert_error(
        scratch_api.delete(f"/customers/{c['id']}/services/{gone['id']}"), 404, "not_found"
    )
    assert_error(scratch_api.delete(f"/customers/{c['id']}/services/s_nope"), 404, "not_found")
    assert scratch_api.get("/summary").json() == after


def test_a_service_of_another_customer_is_404(scratch_api: ApiClient) -> None:
    a = take_customer(scratch_api)
    b = take_customer(scratch_api)
    theirs = services(scratch_api, b["id"])[0]
    assert_error(
        scratch_api.delete(f"/customers/{a['id']}/services/{theirs['id']}"), 404, "not_found"
    )
    assert services(scratch_api, b["id"])[0] == theirs


def test_suspended_customers_stay_billable_in_the_summary(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    total = sum(cents(sv["monthly_price"]) for sv in services(scratch_api, c["id"]))
    before = scratch_api.get("/summary").json()
    op = run_operation(scratch_api, c["id"], "suspend", {"reason": "Non-payment"})
    assert op["state"] == "succeeded", op
    after = scratch_api.get("/summary").json()
    assert after["customers"]["active"] == before["customers"]["active"] - 1
    assert after["customers"]["suspended"] == before["customers"]["suspended"] + 1
    moved = {
        k: cents(after["monthly_billable"][k]) - cents(before["monthly_billable"][k])
        for k in ("active", "suspended")
    }
    assert moved == {"active": -total, "suspended": total}
    assert after["currency"] == "EUR"


def test_summary_counts_match_the_customer_list(
    scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    username, password = new_user()
    api = ApiClient(scratch.url).login(username, password)
    empty = api.get("/summary")
    assert empty.status_code == 200
    assert empty.json() == {
        "customers": {"active": 0, "suspended": 0, "canceled": 0, "scheduled": 0},
        "monthly_billable": {"active": "0.00", "suspended": "0.00"},
        "currency": "EUR",
    }
    new_customer(api)
    new_customer(api)
    body = api.get("/summary").json()
    assert body["customers"] == {"active": 2, "suspended": 0, "canceled": 0, "scheduled": 0}
    # Created customers have no services: nothing is billed yet.
    assert body["monthly_billable"] == {"active": "0.00", "suspended": "0.00"}


# --- login links -----------------------------------------------------------------------------


def test_a_login_link_works_once(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api, with_services=False)
    r = scratch_api.post(f"/customers/{c['id']}/login-link")
    assert r.status_code == 200, r.text
    link = r.json()
    assert set(link) == {"url", "expires_at"}
    assert link["url"].startswith("http://127.0.0.1:")
    assert link["expires_at"] > c["created_at"]
    opened = requests.get(link["url"], timeout=30)
    assert opened.status_code == 200
    assert c["name"].split()[0] in opened.text
    again = requests.get(link["url"], timeout=30)
    assert again.status_code >= 400
    assert "Traceback" not in again.text
    latest = events(scratch_api, c["id"])[0]
    assert latest["action"] == "login_link_issued"
    assert latest["actor"] == "demo"
    # Each call makes a new link.
    second = scratch_api.post(f"/customers/{c['id']}/login-link").json()
    assert second["url"] != link["url"]
    assert requests.get(second["url"], timeout=30).status_code == 200


def test_a_made_up_login_link_does_not_work(scratch: ServerProcess) -> None:
    r = requests.get(f"{scratch.root}/control-panel/login?token=made-up", timeout=30)
    assert r.status_code >= 400


def test_a_canceled_customers_control_panel_is_blocked(scratch_api: ApiClient) -> None:
    c = take_customer(scratch_api)
    link = scratch_api.post(f"/customers/{c['id']}/login-link").json()
    op = run_operation(
        scratch_api,
        c["id"],
        "cancel",
        {"reason": "Moving away", "confirm_account_number": c["account_number"]},
    )
    assert op["state"] == "succeeded", op
    assert requests.get(link["url"], timeout=30).status_code == 403


def test_history_of_a_missing_customer_is_404(scratch_api: ApiClient) -> None:
    missing = "c_01ARZ3NDEKTSV4RRFFQ69G5FAV"
    assert_error(scratch_api.get(f"/customers/{missing}/events"), 404, "not_found")
    assert_error(scratch_api.get(f"/customers/{missing}/services"), 404, "not_found")
    assert_error(scratch_api.post(f"/customers/{missing}/login-link"), 404, "not_found")
