"""Sign in, sign out, who am I; 401 on every protected route; token expiry; login throttling."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import requests

from tests.server.helpers import PUBLIC, assert_error, field_errors, openapi_operations, wait_for
from tests.support.server import ApiClient, ServerProcess, seed_database


def test_login_answers_a_bearer_token_for_the_partner(anon: ApiClient) -> None:
    r = anon.post("/auth/login", json={"username": "demo", "password": "demo"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {
        "access_token",
        "token_type",
        "expires_in",
        "partner",
        "mfa_setup_required",
    }
    assert body["token_type"] == "bearer"
    # The demo partner does not require two-factor sign-in (test_mfa.py has one that does).
    assert body["mfa_setup_required"] is False
    assert isinstance(body["access_token"], str) and len(body["access_token"]) >= 20
    assert isinstance(body["expires_in"], int) and body["expires_in"] > 0
    assert set(body["partner"]) == {"id", "name"}
    assert body["partner"]["name"] == "Demo Partner"
    me = anon.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    # /me's partner also carries require_mfa (the staff additions of API.md); the rest is the same.
    assert me.json()["partner"] == {**body["partner"], "require_mfa": False}


def test_me_names_the_user_and_partner(api: ApiClient, other_api: ApiClient) -> None:
    me = api.get("/me")
    assert me.status_code == 200, me.text
    body = me.json()
    assert set(body) == {
        "id",
        "username",
        "display_name",
        "role",
        "permissions",
        "mfa_enabled",
        "partner",
    }
    assert body["username"] == "demo"
    assert isinstance(body["role"], str) and body["role"]
    assert body["partner"]["name"] == "Demo Partner"
    other = other_api.get("/me").json()
    assert other["username"] == "other"
    assert other["partner"]["name"] == "Other Partner"
    assert other["partner"]["id"] != body["partner"]["id"]


def test_wrong_password_and_unknown_user_answer_alike(
    scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    username, _password = new_user()
    client = ApiClient(scratch.url)
    wrong = assert_error(
        client.post("/auth/login", json={"username": username, "password": "nope"}),
        401,
        "invalid_credentials",
    )
    unknown = assert_error(
        client.post("/auth/login", json={"username": username + "x", "password": "nope"}),
        401,
        "invalid_credentials",
    )
    assert wrong == unknown


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "demo"}, "password"),
        ({"password": "demo"}, "username"),
        ({"username": "", "password": "demo"}, "username"),
        ({"username": "demo", "password": ""}, "password"),
        ({"username": "demo", "password": 5}, "password"),
    ],
)
def test_login_with_a_bad_body_is_422_naming_the_field(
    anon: ApiClient, body: dict[str, object], field: str
) -> None:
    assert field in field_errors(anon.post("/auth/login", json=body))


def test_login_with_a_body_that_is_not_json(anon: ApiClient) -> None:
    headers = {"Content-Type": "application/json"}
    assert_error(
        anon.post("/auth/login", data=b"{not json", headers=headers), 422, "validation_failed"
    )
    # Not even UTF-8: the body cannot be read at all.
    assert_error(anon.post("/auth/login", data=b"\xff\xfe{", headers=headers), 400, "bad_request")


def test_logout_revokes_that_token_only(server: ServerProcess) -> None:
    first = ApiClient(server.url).login()
    second = ApiClient(server.url).login()
    r = first.post("/auth/logout")
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert_error(first.get("/me"), 401, "unauthenticated")
    assert_error(first.get("/customers"), 401, "unauthenticated")
    assert_error(first.post("/auth/logout"), 401, "unauthenticated")
    assert second.get("/me").status_code == 200


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x_does_not_matter", path)


def test_every_protected_route_answers_401_without_a_valid_token(anon: ApiClient) -> None:
    protected = [op for op in openapi_operations(anon) if op not in PUBLIC]
    assert len(protected) >= 19, protected
    tokens: list[dict[str, str]] = [
        {},
        {"Authorization": "Bearer not-a-token-this-server-gave-out"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic ZGVtbzpkZW1v"},
        {"Authorization": "demo"},
    ]
    for method, path in protected:
        for headers in tokens:
            r = anon.request(
                method,
                _concrete(path),
                headers={**headers, "Idempotency-Key": "k", "If-Match": '"1"'},
                json={} if method in ("POST", "PUT", "PATCH") else None,
            )
            assert_error(r, 401, "unauthenticated")
            assert r.headers.get("WWW-Authenticate") == "Bearer", (method, path)


def test_an_expired_token_is_refused(new_database_url: Callable[[], str]) -> None:
    url = new_database_url()
    seed_database(url, customers=3)
    with ServerProcess(url, extra_args=("--token-ttl-seconds", "1")) as srv:
        client = ApiClient(srv.url)
        r = client.post("/auth/login", json={"username": "demo", "password": "demo"})
        assert r.status_code == 200, r.text
        assert r.json()["expires_in"] == 1
        client.login()

        def expired() -> requests.Response | None:
            r = client.get("/me")
            return r if r.status_code != 200 else None

        assert_error(wait_for("the token to expire", expired), 401, "unauthenticated")
        assert_error(client.get("/customers"), 401, "unauthenticated")
        # Signing in again gives a new token that works.
        assert ApiClient(srv.url).login().get("/me").status_code == 200


def test_five_failed_sign_ins_in_a_minute_lock_the_user(
    scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    username, password = new_user()
    client = ApiClient(scratch.url)
    for _ in range(5):
        assert_error(
            client.post("/auth/login", json={"username": username, "password": "wrong"}),
            401,
            "invalid_credentials",
        )
    # Now even the right password is refused until the minute has passed.
    for attempt in (password, "wrong"):
        r = client.post("/auth/login", json={"username": username, "password": attempt})
        error = assert_error(r, 429, "too_many_attempts")
        retry_after = int(r.headers["Retry-After"])
        assert 1 <= retry_after <= 60
        assert error["details"]["retry_after"] == retry_after
    # Other users are not affected.
    someone, their_password = new_user()
    assert ApiClient(scratch.url).login(someone, their_password).get("/me").status_code == 200
