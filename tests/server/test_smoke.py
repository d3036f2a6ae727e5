"""The server starts, answers health, signs in, and lists customers."""

from __future__ import annotations

from tests.support.server import ApiClient


def test_health_needs_no_sign_in(anon: ApiClient) -> None:
    r = anon.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_demo_partner_sees_its_300_customers(api: ApiClient) -> None:
    r = api.get("/customers", params={"limit": 1000})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 300
    assert len(body["items"]) == 300
    assert body["next_cursor"] is None


def test_suspend_then_reenable_round_trip(api: ApiClient) -> None:
    cid = api.get("/customers", params={"status": "active", "limit": 1}).json()["items"][0]["id"]
    op = api.post(
        f"/customers/{cid}/suspend",
        json={"reason": "Non-payment"},
        headers={"Idempotency-Key": f"s-{cid}"},
    )
    assert op.status_code == 202
    assert api.wait_operation(op.json()["id"])["state"] == "succeeded"
    assert api.get(f"/customers/{cid}").json()["status"] == "suspended"
    op = api.post(f"/customers/{cid}/unsuspend", headers={"Idempotency-Key": f"u-{cid}"})
    assert op.status_code == 202
    assert api.wait_operation(op.json()["id"])["state"] == "succeeded"
    assert api.get(f"/customers/{cid}").json()["status"] == "active"
