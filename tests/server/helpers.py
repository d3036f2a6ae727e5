"""Small helpers the server tests share: the one error shape, fresh customers, polling."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import requests

from tests.support.server import ApiClient

T = TypeVar("T")

# Seeded customers already handed to a test in this run, per server: never two tests on one.
_taken: set[tuple[str, str]] = set()


def unique(prefix: str = "t") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def assert_error(r: requests.Response, status: int, code: str) -> dict[str, Any]:
    """The answer is `status` in the one error shape of API.md with this code; its `error`."""
    assert r.status_code == status, f"expected {status} {code}, got {r.status_code}: {r.text}"
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"].strip(), error
    assert isinstance(error["details"], dict), error
    assert "Traceback" not in r.text
    return dict(error)


def field_errors(r: requests.Response) -> dict[str, str]:
    """The per-field messages of a 422 validation_failed answer."""
    error = assert_error(r, 422, "validation_failed")
    fields = error["details"]["fields"]
    assert isinstance(fields, dict) and fields, error
    assert all(isinstance(m, str) and m for m in fields.values()), fields
    return dict(fields)


def new_customer(api: ApiClient, **fields: Any) -> dict[str, Any]:
    """POST /customers with valid defaults; the created customer."""
    tag = unique("")
    body: dict[str, Any] = {
        "name": f"Test Customer {tag}",
        "contact_name": "Ana Horvat",
        "email": f"ana.{tag}@example.hr",
        "phone": "+385 1 234 5678",
        "domain": f"c{tag}.example.hr",
        "alias_domains": [f"c{tag}.example.com"],
        "website": f"https://c{tag}.example.hr",
        "address": {
            "street": "Ilica 1",
            "city": "Zagreb",
            "region": "",
            "postal_code": "10000",
            "country": "HR",
        },
    }
    body.update(fields)
    r = api.post("/customers", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def take_customer(
    api: ApiClient, status: str = "active", with_services: bool = True
) -> dict[str, Any]:
    """A seeded customer of the signed-in partner that no other test of this run was given."""
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"status": status, "limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/customers", params=params).json()
        for c in page["items"]:
            key = (api.base, c["id"])
            if key in _taken:
                continue
            if with_services and not services(api, c["id"]):
                continue
            _taken.add(key)
            return dict(c)
        cursor = page["next_cursor"]
        if cursor is None:
            raise AssertionError(f"no unused {status} customer left on {api.base}")


def services(api: ApiClient, customer_id: str) -> list[dict[str, Any]]:
    r = api.get(f"/customers/{customer_id}/services")
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def events(api: ApiClient, customer_id: str) -> list[dict[str, Any]]:
    r = api.get(f"/customers/{customer_id}/events")
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def customer(api: ApiClient, customer_id: str) -> dict[str, Any]:
    r = api.get(f"/customers/{customer_id}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def start(
    api: ApiClient,
    customer_id: str,
    kind: str,
    body: dict[str, Any] | None = None,
    key: str | None = None,
) -> requests.Response:
    """POST /customers/{id}/<kind> with a fresh Idempotency-Key unless one is given."""
    return api.post(
        f"/customers/{customer_id}/{kind}",
        json=body,
        headers={"Idempotency-Key": key or unique("key-")},
    )


def run_operation(
    api: ApiClient, customer_id: str, kind: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Start an operation and wait for it; the finished operation."""
    r = start(api, customer_id, kind, body)
    assert r.status_code == 202, r.text
    return api.wait_operation(r.json()["id"], timeout=60)


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = 60) -> T:
    """Poll until `probe` returns something other than None (no timing assertions)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def cents(money: str) -> int:
    whole, _, frac = money.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(frac or 0))


API_PREFIX = "/api/v1"
PUBLIC = {("GET", "/health"), ("POST", "/auth/login"), ("POST", "/auth/mfa")}


def openapi_operations(client: ApiClient) -> list[tuple[str, str]]:
    """(METHOD, path without /api/v1) of every operation the server's OpenAPI document lists."""
    r = client.get("/openapi.json")
    assert r.status_code == 200, r.text
    found = []
    for path, item in r.json()["paths"].items():
        assert path.startswith(API_PREFIX), path
        for method in item:
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                found.append((method.upper(), path.removeprefix(API_PREFIX)))
    assert found
    return sorted(found)


def clients_like(api: ApiClient, n: int) -> list[ApiClient]:
    """n clients with their own connections and `api`'s token, for requests fired at once."""
    clients = []
    for _ in range(n):
        client = ApiClient(api.base)
        client.token = api.token
        client.http.headers["Authorization"] = f"Bearer {api.token}"
        clients.append(client)
    return clients


def fire_at_once(calls: list[Callable[[], requests.Response]]) -> list[requests.Response]:
    """Run every call on its own thread, released together by a barrier; answers in order."""
    barrier = threading.Barrier(len(calls))
    answers: list[requests.Response | BaseException | None] = [None] * len(calls)

    def fire(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[i] = calls[i]()
        except BaseException as exc:
            answers[i] = exc

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    responses = [a for a in answers if isinstance(a, requests.Response)]
    assert len(responses) == len(calls), answers
    return responses
