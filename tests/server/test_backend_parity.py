"""SQLite and PostgreSQL answer alike: time zones, text PostgreSQL cannot store, racing writes.

SQLite runs one write transaction at a time and stores whatever text it is given; PostgreSQL
runs them side by side (read committed) and refuses NUL characters and over-long VARCHARs. Each
test here failed on PostgreSQL before the server was fixed; on SQLite they guard the contract.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from PIL import Image

from tests.support.server import ApiClient, ServerProcess, seed_database

UTC_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
PARALLEL = 12


@pytest.fixture(scope="module")
def own_server(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """A server of this module's own: these tests add customers and lock out a user."""
    url = new_database_url()
    seed_database(url, customers=40, partners=3)
    with ServerProcess(url, suspend_seconds=0.1) as proc:
        yield proc


@pytest.fixture
def client(own_server: ServerProcess) -> ApiClient:
    return ApiClient(own_server.url).login("demo", "demo")


def _parallel(call: Callable[[int], Any], times: int = PARALLEL) -> list[Any]:
    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(call, range(times)))


def _clone(api: ApiClient) -> ApiClient:
    """Same sign-in, own connection: a requests Session is not for several threads."""
    copy = ApiClient(api.base)
    copy.http.headers["Authorization"] = str(api.http.headers["Authorization"])
    return copy


def _customer(api: ApiClient, status: str = "active", index: int = 0) -> dict[str, Any]:
    items: list[dict[str, Any]] = api.get(
        "/customers", params={"status": status, "limit": index + 1}
    ).json()["items"]
    return items[index]


def test_every_time_is_answered_in_utc(client: ApiClient) -> None:
    # The test cluster's time zone is Europe/Zagreb: a time read back unconverted shows +01:00.
    c = _customer(client)
    op = client.post(
        f"/customers/{c['id']}/suspend",
        json={"reason": "UTC check"},
        headers={"Idempotency-Key": f"utc-{c['id']}"},
    ).json()
    done = client.wait_operation(op["id"])
    customer = client.get(f"/customers/{c['id']}").json()
    stamps = [
        customer["created_at"],
        customer["updated_at"],
        customer["suspended_at"],
        done["created_at"],
        done["finished_at"],
        client.get(f"/customers/{c['id']}/events").json()["items"][0]["at"],
        *(s["enabled_at"] for s in client.get(f"/customers/{c['id']}/services").json()["items"]),
    ]
    assert all(UTC_STAMP.match(stamp) for stamp in stamps), stamps


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/customers", {"name": "Acme\u0000 d.o.o."}),
        ("/customers", {"name": "Acme", "address": {"city": "Za\u0000greb"}}),
    ],
)
def test_nul_in_a_body_is_a_field_error(client: ApiClient, path: str, body: dict[str, Any]) -> None:
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_failed"


def test_nul_in_a_suspension_reason_is_refused_before_an_operation_starts(
    client: ApiClient,
) -> None:
    c = _customer(client, index=1)
    r = client.post(
        f"/customers/{c['id']}/suspend",
        json={"reason": "bad\u0000reason"},
        headers={"Idempotency-Key": f"nul-{c['id']}"},
    )
    assert r.status_code == 422, r.text
    assert "reason" in r.json()["error"]["details"]["fields"]


def test_nul_in_sign_in_is_a_field_error(own_server: ServerProcess) -> None:
    r = requests.post(
        f"{own_server.url}/auth/login", json={"username": "de\u0000mo", "password": "x"}, timeout=30
    )
    assert r.status_code == 422, r.text


def test_nul_in_a_query_parameter_is_a_field_error(client: ApiClient) -> None:
    r = client.get("/customers", params={"q": "ac\x00me"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"]["fields"] == {"q": "must not contain NUL characters"}


@pytest.mark.parametrize("path", ["/customers/c_\x00", "/operations/op_\x00"])
def test_nul_in_a_path_names_nothing(client: ApiClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"]["code"] == "not_found"


def test_a_name_whose_casefold_is_longer_is_stored_and_found(client: ApiClient) -> None:
    # "ß".casefold() == "ss": the search key of a 200-character name is 400 characters.
    name = "Straße" + "ß" * 194
    r = client.post("/customers", json={"name": name})
    assert r.status_code == 201, r.text
    found = client.get("/customers", params={"q": "STRASSE", "field": "name"}).json()
    assert r.json()["id"] in [c["id"] for c in found["items"]]


def test_parallel_creates_each_get_their_own_account_number(client: ApiClient) -> None:
    def create(n: int) -> requests.Response:
        return _clone(client).post("/customers", json={"name": f"Parallel {n}"})

    answers = _parallel(create)
    assert [r.status_code for r in answers] == [201] * PARALLEL, [r.text for r in answers]
    numbers = {r.json()["account_number"] for r in answers}
    assert len(numbers) == PARALLEL


def test_one_key_sent_in_parallel_makes_one_operation(client: ApiClient) -> None:
    c = _customer(client, index=2)

    def suspend(_n: int) -> requests.Response:
        return _clone(client).post(
            f"/customers/{c['id']}/suspend",
            json={"reason": "Parallel retries"},
            headers={"Idempotency-Key": f"same-{c['id']}"},
        )

    answers = _parallel(suspend)
    assert {r.status_code for r in answers} == {202}, [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1
    client.wait_operation(answers[0].json()["id"])


def test_different_keys_in_parallel_start_one_operation(client: ApiClient) -> None:
    c = _customer(client, index=3)

    def suspend(n: int) -> requests.Response:
        return _clone(client).post(
            f"/customers/{c['id']}/suspend",
            json={"reason": "Two people at once"},
            headers={"Idempotency-Key": f"race-{n}-{c['id']}"},
        )

    answers = _parallel(suspend)
    started = [r for r in answers if r.status_code == 202]
    assert len(started) == 1, [r.text for r in answers]
    codes = {r.json()["error"]["code"] for r in answers if r.status_code != 202}
    assert codes <= {"operation_in_progress", "already_suspended"}, codes
    client.wait_operation(started[0].json()["id"])


def test_a_login_link_works_once_even_when_raced(client: ApiClient) -> None:
    c = _customer(client, index=4)
    url = client.post(f"/customers/{c['id']}/login-link").json()["url"]
    answers = _parallel(lambda _n: requests.get(url, timeout=30).status_code)
    assert sorted(answers) == [200] + [410] * (PARALLEL - 1)


def test_a_service_removed_twice_at_once_is_removed_once(client: ApiClient) -> None:
    c = _customer(client, index=5)
    service = client.get(f"/customers/{c['id']}/services").json()["items"][0]
    path = f"/customers/{c['id']}/services/{service['id']}"
    answers = _parallel(lambda _n: _clone(client).delete(path).status_code)
    assert sorted(answers) == [204] + [404] * (PARALLEL - 1)
    removals = [
        e
        for e in client.get(f"/customers/{c['id']}/events").json()["items"]
        if e["action"] == "service_removed" and e["details"]["service_id"] == service["id"]
    ]
    assert len(removals) == 1


def test_parallel_first_logo_uploads_all_succeed(client: ApiClient) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    png = buffer.getvalue()
    client.delete("/branding/logo")

    def upload(_n: int) -> int:
        r = _clone(client).put("/branding/logo", data=png, headers={"Content-Type": "image/png"})
        return r.status_code

    assert _parallel(upload) == [200] * PARALLEL


def test_a_burst_of_wrong_passwords_is_refused_after_the_allowed_few(
    own_server: ServerProcess,
) -> None:
    # partner3 is this module's own user: locking it out disturbs no other test.
    def attempt(_n: int) -> int:
        r = requests.post(
            f"{own_server.url}/auth/login",
            json={"username": "partner3", "password": "wrong"},
            timeout=30,
        )
        return r.status_code

    answers = _parallel(attempt, times=15)
    # Settings.login_failures_allowed: five wrong passwords, then 429 however fast they come.
    assert sorted(answers) == [401] * 5 + [429] * 10
