"""Failures keep the one error shape: no stack trace ever reaches a response, a 500 carries a
request id that is in the server's log, and 404/405 for unknown paths and methods are shaped too."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import text

from server.db import Database
from tests.server.helpers import assert_error
from tests.support.server import ApiClient, ServerProcess, seed_database

LEAKS = ("Traceback", 'File "', "sqlalchemy", "psycopg", "sqlite3", "OperationalError", "logos")


def test_a_500_carries_a_request_id_that_is_logged(
    new_database_url: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database_url()
    seed_database(url, customers=3)
    log = tmp_path / "server.log"
    with ServerProcess(url, log_path=str(log)) as srv:
        api = ApiClient(srv.url).login()
        # A database that breaks under the server: the logo table is gone.
        db = Database(url)
        try:
            with db.session(write=True) as s:
                s.execute(text("DROP TABLE logos"))
        finally:
            db.dispose()
        r = api.get("/branding/logo")
        error = assert_error(r, 500, "internal_error")
        rid = r.headers["X-Request-ID"]
        assert rid and error["details"] == {"request_id": rid}
        assert rid in error["message"]
        for leak in LEAKS:
            assert leak not in r.text, leak
        # The rest of the server keeps working, even on the connection the 500 was sent on.
        parts = urlsplit(srv.root)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            auth = {"Authorization": f"Bearer {api.token}"}
            conn.request("GET", "/api/v1/branding/logo", headers=auth)
            failed = conn.getresponse()
            failed.read()
            assert failed.status == 500
            conn.request("GET", "/api/v1/me", headers=auth)
            after = conn.getresponse()
            after.read()
            assert after.status == 200
        finally:
            conn.close()
    logged = log.read_text()
    assert rid in logged
    assert "Traceback" in logged


def test_every_answer_carries_a_request_id(api: ApiClient, anon: ApiClient) -> None:
    for r in (api.get("/me"), anon.get("/me"), api.get("/customers/nope"), anon.get("/health")):
        assert len(r.headers.get("X-Request-ID", "")) >= 8, r.headers
    assert api.get("/me").headers["X-Request-ID"] != api.get("/me").headers["X-Request-ID"]


def test_an_unknown_path_is_404_in_the_error_shape(api: ApiClient, server: ServerProcess) -> None:
    assert_error(api.get("/no/such/thing"), 404, "not_found")
    assert_error(requests.get(f"{server.root}/nothing-here", timeout=30), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/customers", "GET, POST"),
        ("DELETE", "/customers/c_x", "GET, PATCH"),
        ("OPTIONS", "/customers/c_x", "GET, PATCH"),
        ("POST", "/summary", "GET"),
        ("POST", "/branding/logo", "DELETE, GET, PUT"),
        ("GET", "/auth/login", "POST"),
        ("PATCH", "/operations/op_x", "DELETE, GET"),
        ("POST", "/customers/snapshot", "GET"),
    ],
)
def test_a_wrong_method_is_405_listing_every_allowed_one(
    api: ApiClient, method: str, path: str, allowed: str
) -> None:
    r = api.request(method, path)
    assert_error(r, 405, "method_not_allowed")
    assert r.headers["Allow"] == allowed


BAD_REQUESTS: list[tuple[str, str, dict[str, object]]] = [
    ("POST", "/customers", {"data": b"{", "headers": {"Content-Type": "application/json"}}),
    (
        "POST",
        "/customers",
        {"data": b"\xff\xfe\x00", "headers": {"Content-Type": "application/json"}},
    ),
    ("POST", "/customers", {"data": b"name=x", "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/customers", {"json": {"name": {"deep": [1, 2, {"x": None}]}}}),
    ("POST", "/customers", {"json": {"name": "x", "alias_domains": "not-a-list"}}),
    ("POST", "/customers", {"json": {"name": "x", "address": []}}),
    ("POST", "/customers", {"json": {"name": "x" * 100_000}}),
    ("POST", "/customers", {"json": {"name": "a\u0000b"}}),
    ("POST", "/customers", {"json": {"name": "\ud800"}}),
    ("GET", "/customers", {"params": {"limit": "lots"}}),
    ("GET", "/customers", {"params": {"limit": "0"}}),
    ("GET", "/customers", {"params": {"limit": "1001"}}),
    ("GET", "/customers", {"params": {"status": "gone"}}),
    ("GET", "/customers", {"params": {"field": "password"}}),
    ("GET", "/customers", {"params": {"cursor": "!!!"}}),
    ("GET", "/customers", {"params": {"q": "x" * 5000}}),
    ("GET", "/customers", {"params": {"q": "a\u0000"}}),
    ("GET", "/customers/%00", {}),
    ("GET", "/customers/%F0%9F%92%A9", {}),
    ("GET", "/customers/" + "c" * 5000, {}),
    ("PATCH", "/customers/c_x", {"json": {"name": "x"}, "headers": {"If-Match": "x" * 500}}),
    ("GET", "/operations", {"params": {"unfinished": "sometimes"}}),
    (
        "POST",
        "/customers/c_x/suspend",
        {"json": {"reason": 5}, "headers": {"Idempotency-Key": "k"}},
    ),
    ("POST", "/auth/login", {"json": ["demo", "demo"]}),
    ("PUT", "/branding/logo", {"data": b"\x89PNG\r\n\x1a\n" + b"\xff" * 1000}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), BAD_REQUESTS)
def test_bad_requests_answer_4xx_in_the_error_shape_without_internals(
    api: ApiClient, method: str, path: str, kwargs: dict[str, object]
) -> None:
    r = api.request(method, path, **kwargs)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:500])
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    for leak in LEAKS:
        assert leak not in r.text, leak


def test_malformed_json_names_the_body_not_a_character_offset(api: ApiClient) -> None:
    r = api.post("/customers", data=b'{"name":', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    fields = r.json()["error"]["details"]["fields"]
    assert list(fields) == ["body"]
    assert fields["body"].startswith("is not valid JSON")
