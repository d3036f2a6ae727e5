"""Bad, broken and hostile answers become the right ApiError, never another exception.

A scripted HTTP server on 127.0.0.1 plays the misbehaving Partner API.
"""

from __future__ import annotations

import copy
import gzip
import json
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from desktop.api import (
    ApiError,
    BadResponseError,
    ConflictError,
    InvalidCredentialsError,
    NetworkError,
    NotFoundError,
    PartnerApi,
    ServerError,
    SessionExpiredError,
    TooManyAttemptsError,
    ValidationError,
    new_idempotency_key,
)
from tests.support.scripted_http import ScriptedServer, send

CUSTOMER: dict[str, Any] = {
    "id": "c_1",
    "account_number": "100234",
    "name": "Acme d.o.o.",
    "contact_name": "Ana Horvat",
    "email": "ana@acme.hr",
    "phone": "+385 1 234 5678",
    "domain": "acme.hr",
    "alias_domains": ["acme.com"],
    "website": "https://acme.hr",
    "address": {
        "street": "Ilica 1",
        "city": "Zagreb",
        "region": "",
        "postal_code": "10000",
        "country": "HR",
    },
    "status": "active",
    "suspended_at": None,
    "suspension_reason": None,
    "canceled_at": None,
    "created_at": "2026-01-05T10:00:00Z",
    "updated_at": "2026-03-01T09:12:44Z",
    "version": 7,
}

OPERATION: dict[str, Any] = {
    "id": "op_1",
    "kind": "suspend",
    "customer_id": "c_1",
    "state": "running",
    "created_at": "2026-01-05T10:00:00Z",
    "finished_at": None,
    "error": None,
}


def _json(
    status: int, document: object, **headers: str
) -> Callable[[BaseHTTPRequestHandler], None]:
    body = json.dumps(document).encode()
    return lambda h: send(h, status, body, headers=headers)


def _raw(
    status: int, body: bytes, content_type: str | None = "application/json", **headers: str
) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda h: send(h, status, body, content_type, headers)


def _error(status: int, code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _changed(path: str, value: Any) -> dict[str, Any]:
    """The sample customer with one (dotted) field set to `value`, or removed for ...."""
    document = copy.deepcopy(CUSTOMER)
    *parents, last = path.split(".")
    target = document
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


@pytest.fixture
def fake() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def api(fake: ScriptedServer) -> PartnerApi:
    return PartnerApi(fake.root, token="t0k3n", timeout=(2.0, 5.0))


def _caught(call: Callable[[], object]) -> ApiError:
    """The ApiError a call raises; any other exception fails the test by propagating."""
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value


# -- malformed successful answers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        (b'{"id": "c_1", "name": ', "could not be read"),
        (b"", "could not be read"),
        (b"[]", "object"),
        (b"null", "object"),
        (json.dumps(_changed("version", "7")).encode(), "version"),
        (json.dumps(_changed("version", 7.5)).encode(), "version"),
        (json.dumps(_changed("name", None)).encode(), "name"),
        (json.dumps(_changed("status", "frozen")).encode(), "status"),
        (json.dumps(_changed("alias_domains", "acme.com")).encode(), "alias_domains"),
        (json.dumps(_changed("address.country", 385)).encode(), "address.country"),
        (json.dumps(_changed("created_at", "yesterday")).encode(), "created_at"),
        (json.dumps(_changed("updated_at", "2026-03-01T09:12:44")).encode(), "timezone"),
        (json.dumps(_changed("email", ...)).encode(), "email"),
        (json.dumps(_changed("address", ...)).encode(), "address"),
    ],
)
def test_a_malformed_customer_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi, body: bytes, mentions: str
) -> None:
    fake.route("GET", "/customers/c_1", _raw(200, body))
    error = _caught(lambda: api.get_customer("c_1"))
    assert isinstance(error, BadResponseError)
    assert "GET /customers/c_1" in error.message
    assert mentions in error.message


def test_unknown_extra_fields_are_ignored(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/customers/c_1", _json(200, {**CUSTOMER, "loyalty_tier": "gold"}))
    assert api.get_customer("c_1").version == 7


def test_a_long_list_of_problems_is_summed_up(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/customers?limit=200", _json(200, {"items": [{}] * 50, "total": "x"}))
    error = _caught(api.list_customers)
    assert isinstance(error, BadResponseError)
    assert "more" in error.message
    assert len(error.message) < 600


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-8", b"<!doctype html><title>Captive portal</title>"),
        ("text/plain", b'{"status": "ok", "version": "1"}'),
        (None, b'{"status": "ok", "version": "1"}'),
    ],
)
def test_an_answer_that_is_not_json_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi, content_type: str | None, body: bytes
) -> None:
    fake.route("GET", "/health", _raw(200, body, content_type))
    error = _caught(api.health)
    assert isinstance(error, BadResponseError)
    assert "not JSON" in error.message


def test_json_with_a_charset_is_fine(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route(
        "GET",
        "/health",
        _raw(200, b'{"status": "ok", "version": "9"}', "application/json; charset=utf-8"),
    )
    assert api.health().version == "9"


def test_an_operation_in_an_unknown_state_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    fake.route("GET", "/operations/op_1", _json(200, {**OPERATION, "state": "paused"}))
    assert isinstance(_caught(lambda: api.get_operation("op_1")), BadResponseError)


def test_a_price_that_is_not_a_number_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    service = {
        "id": "s_1",
        "name": "Hosting",
        "monthly_price": "lots",
        "currency": "EUR",
        "enabled_at": "2026-01-05T10:00:00Z",
    }
    fake.route("GET", "/customers/c_1/services", _json(200, {"items": [service]}))
    error = _caught(lambda: api.list_services("c_1"))
    assert isinstance(error, BadResponseError)
    assert "monthly_price" in error.message


def test_a_logo_of_the_wrong_type_is_a_bad_response(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/branding/logo", _raw(200, b"<html></html>", "text/html"))
    error = _caught(api.get_logo)
    assert isinstance(error, BadResponseError)
    assert "PNG or JPEG" in error.message


def test_a_cursor_that_never_ends_is_a_bad_response(fake: ScriptedServer, api: PartnerApi) -> None:
    looping = {"items": [CUSTOMER], "next_cursor": "again", "total": 1}
    fake.route("GET", "/customers?limit=10", _json(200, looping))
    fake.route("GET", "/customers?limit=10&cursor=again", _json(200, looping))
    with pytest.raises(BadResponseError, match="does not end"):
        list(api.iter_customer_pages(page_size=10))


def test_a_redirect_is_not_followed(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/me", _raw(302, b"", None, Location="http://evil.example/steal"))
    error = _caught(api.me)
    assert isinstance(error, BadResponseError)
    assert "redirected" in error.message
    assert [s.path for s in fake.seen] == ["/api/v1/me"]


@pytest.mark.parametrize("location", ["\u00ff", "http://evil.example/\u00e9"], ids=["ff", "e9"])
def test_a_redirect_to_an_address_that_is_not_utf_8_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi, location: str
) -> None:
    # The header goes out as Latin-1 bytes: \xff, \xe9 alone are no UTF-8.
    fake.route("GET", "/me", _raw(302, b"", None, Location=location))
    error = _caught(api.me)
    assert isinstance(error, BadResponseError)
    assert "redirected" in error.message


def test_a_redirects_body_is_capped_like_any_other(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t", max_answer_bytes=1024)

    def chunked(h: BaseHTTPRequestHandler) -> None:  # no length to refuse it by beforehand
        h.send_response(302)
        h.send_header("Location", "http://evil.example/")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"400\r\n" + b" " * 1024 + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")

    fake.route("GET", "/me", chunked)
    error = _caught(api.me)
    assert isinstance(error, BadResponseError)
    assert "larger than" in error.message


# -- size limits ---------------------------------------------------------------------------------


def test_a_declared_huge_answer_is_not_read(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t", max_answer_bytes=1024)

    def huge(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(10**12))
        h.end_headers()
        h.wfile.write(b"[" * 2048)
        h.close_connection = True

    fake.route("GET", "/summary", huge)
    error = _caught(api.summary)
    assert isinstance(error, BadResponseError)
    assert "larger than" in error.message


def test_an_endless_answer_is_cut_off_at_32_mib(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t")

    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b" " * (1024 * 1024)
        try:
            for _ in range(40):
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client hung up, as it should
        h.close_connection = True

    fake.route("GET", "/summary", endless)
    error = _caught(api.summary)
    assert isinstance(error, BadResponseError)
    assert "32 MiB" in error.message


def test_a_compressed_bomb_is_cut_off_after_decompression(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t", max_answer_bytes=64 * 1024)
    bomb = gzip.compress(b" " * (4 * 1024 * 1024))
    fake.route(
        "GET", "/summary", _raw(200, bomb, "application/json", **{"Content-Encoding": "gzip"})
    )
    assert len(bomb) < 64 * 1024
    error = _caught(api.summary)
    assert isinstance(error, BadResponseError)
    assert "larger than" in error.message


def test_a_damaged_compressed_answer_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    fake.route(
        "GET",
        "/summary",
        _raw(200, b"not gzip at all", "application/json", **{"Content-Encoding": "gzip"}),
    )
    error = _caught(api.summary)
    assert isinstance(error, BadResponseError)
    assert "damaged" in error.message


# -- slow and broken connections -----------------------------------------------------------------


def test_an_answer_slower_than_the_read_timeout_is_a_network_error(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 0.3))
    release = time.monotonic() + 3

    def slow(h: BaseHTTPRequestHandler) -> None:
        while time.monotonic() < release:  # the scripted server's thread, not Qt's
            time.sleep(0.02)
        send(h, 200, b'{"status": "ok", "version": "1"}')

    fake.route("GET", "/health", slow)
    started = time.monotonic()
    error = _caught(api.health)
    assert isinstance(error, NetworkError)
    assert "did not answer in time" in error.message
    assert time.monotonic() - started < 2.0, "a timed-out read must not be retried"
    assert len(fake.seen) == 1


def test_an_answer_that_stalls_mid_body_is_a_network_error(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 0.3))
    release = time.monotonic() + 3

    def stall(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "100")
        h.end_headers()
        h.wfile.write(b'{"status": ')
        h.wfile.flush()
        while time.monotonic() < release:
            time.sleep(0.02)
        h.close_connection = True

    fake.route("GET", "/health", stall)
    error = _caught(api.health)
    assert isinstance(error, NetworkError)
    assert "did not answer in time" in error.message


def test_a_connection_dropped_mid_body_is_a_network_error(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t")

    def truncated(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b'{"customers": ')
        h.close_connection = True

    fake.route("GET", "/summary", truncated)
    error = _caught(api.summary)
    assert isinstance(error, NetworkError)
    assert "lost" in error.message or "closed" in error.message


# -- error statuses ------------------------------------------------------------------------------


def test_a_500_carries_the_request_id(fake: ScriptedServer, api: PartnerApi) -> None:
    body = _error(
        500,
        "internal_error",
        "The server failed to handle the request (request id abc123).",
        request_id="abc123",
    )
    fake.route("GET", "/summary", _json(500, body, **{"X-Request-ID": "abc123"}))
    error = _caught(api.summary)
    assert isinstance(error, ServerError)
    assert error.request_id == "abc123"
    assert error.status == 500
    assert error.message == "The server failed to handle the request (request id abc123)."
    assert len(fake.seen) == 1, "a 500 is not retried"


def test_a_proxy_error_page_is_a_server_error_after_retries(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    fake.route("GET", "/summary", _raw(502, b"<html>Bad Gateway</html>", "text/html"))
    error = _caught(api.summary)
    assert isinstance(error, ServerError)
    assert error.status == 502
    assert "HTTP 502" in error.message
    assert len(fake.seen) == 4, "three retries of an idempotent GET"


def test_a_503_with_retry_after_is_waited_out_then_retried(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root, token="t")
    answers = iter(
        [
            _raw(503, b"busy", "text/plain", **{"Retry-After": "1"}),
            _json(200, {"status": "ok", "version": "2"}),
        ]
    )
    fake.route("GET", "/health", lambda h: next(answers)(h))
    started = time.monotonic()
    assert api.health().version == "2"
    assert time.monotonic() - started >= 0.9
    assert len(fake.seen) == 2


def test_a_long_retry_after_is_not_waited_out(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/summary", _raw(503, b"", "text/plain", **{"Retry-After": "3600"}))
    started = time.monotonic()
    error = _caught(api.summary)
    assert isinstance(error, ServerError)
    assert time.monotonic() - started < 2
    assert len(fake.seen) == 1


def test_an_error_page_in_html_keeps_its_status(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/customers/c_1", _raw(404, b"<h1>Not Found</h1>", "text/html"))
    error = _caught(lambda: api.get_customer("c_1"))
    assert isinstance(error, NotFoundError)
    assert error.message


@pytest.mark.parametrize(
    "error_body",
    [
        {"error": "boom"},
        {"error": {"code": 7, "message": ["x"], "details": "no"}},
        {"message": "wrong shape"},
        ["not", "an", "object"],
    ],
)
def test_an_error_body_of_the_wrong_shape_still_maps_by_status(
    fake: ScriptedServer, api: PartnerApi, error_body: object
) -> None:
    fake.route("PATCH", "/customers/c_1", _json(422, error_body))
    error = _caught(lambda: api.update_customer("c_1", {"name": "x"}, 1))
    assert isinstance(error, ValidationError)
    assert error.fields == {}
    assert error.message == "Some fields are not valid."


def test_a_version_conflict_with_a_broken_current_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    body = _error(412, "version_conflict", "Changed.", current={"id": "c_1"})
    fake.route("PATCH", "/customers/c_1", _json(412, body))
    assert isinstance(_caught(lambda: api.update_customer("c_1", {}, 1)), BadResponseError)


def test_a_version_conflict_carries_the_current_customer(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    body = _error(412, "version_conflict", "Someone else changed it.", current=CUSTOMER)
    fake.route("PATCH", "/customers/c_1", _json(412, body))
    error = _caught(lambda: api.update_customer("c_1", {}, 1))
    assert isinstance(error, ConflictError)
    assert error.current is not None and error.current.version == 7
    assert error.message == "Someone else changed it."
    assert fake.seen[0].headers["If-Match"] == '"1"'


def test_too_many_attempts_reads_retry_after_from_details(fake: ScriptedServer) -> None:
    api = PartnerApi(fake.root)
    fake.route(
        "POST", "/auth/login", _json(429, _error(429, "too_many_attempts", "Wait.", retry_after=42))
    )
    error = _caught(lambda: api.login("a", "b"))
    assert isinstance(error, TooManyAttemptsError)
    assert error.retry_after == 42
    assert len(fake.seen) == 1, "a POST is never retried by the transport"


def test_login_401_is_invalid_credentials_and_other_401s_are_expiry(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    fake.route("POST", "/auth/login", _json(401, _error(401, "invalid_credentials", "Nope.")))
    fake.route("GET", "/me", _json(401, _error(401, "unauthenticated", "Token revoked.")))
    login_error = _caught(lambda: api.login("a", "b"))
    assert isinstance(login_error, InvalidCredentialsError)
    assert login_error.message == "Nope."
    expired = _caught(api.me)
    assert isinstance(expired, SessionExpiredError)
    assert expired.message == "Your session has expired. Sign in again."


def test_requests_carry_the_token_and_a_user_agent(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route(
        "GET",
        "/me",
        _json(200, {"username": "u", "role": "admin", "partner": {"id": "p", "name": "P"}}),
    )
    api.me()
    headers = fake.seen[0].headers
    assert headers["Authorization"] == "Bearer t0k3n"
    assert headers["User-Agent"].startswith("PartnerDesk/")


def test_operation_start_is_retried_on_503_with_the_same_key(
    fake: ScriptedServer, api: PartnerApi
) -> None:
    api.operation_retry_delays = (0.01, 0.01, 0.01)
    answers = iter(
        [_raw(503, b"", "text/plain"), _raw(502, b"", "text/plain"), _json(202, OPERATION)]
    )
    fake.route("POST", "/customers/c_1/suspend", lambda h: next(answers)(h))
    key = new_idempotency_key()
    assert api.suspend("c_1", "why", key).id == "op_1"
    assert [s.headers["Idempotency-Key"] for s in fake.seen] == [key, key, key]


def test_operation_start_gives_up_after_a_few_tries(fake: ScriptedServer, api: PartnerApi) -> None:
    api.operation_retry_delays = (0.01, 0.01)
    fake.route("POST", "/customers/c_1/unsuspend", _raw(503, b"", "text/plain"))
    error = _caught(lambda: api.unsuspend("c_1", new_idempotency_key()))
    assert isinstance(error, ServerError)
    assert len(fake.seen) == 3


def test_operation_start_is_not_retried_on_a_refusal(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route(
        "POST", "/customers/c_1/suspend", _json(409, _error(409, "already_suspended", "Already."))
    )
    error = _caught(lambda: api.suspend("c_1", "why", new_idempotency_key()))
    assert isinstance(error, ConflictError)
    assert error.code == "already_suspended"
    assert len(fake.seen) == 1


def test_an_unexpected_status_is_still_an_api_error(fake: ScriptedServer, api: PartnerApi) -> None:
    fake.route("GET", "/summary", _json(418, _error(418, "teapot", "I am a teapot.")))
    error = _caught(api.summary)
    assert type(error) is ApiError
    assert (error.status, error.code, error.message) == (418, "teapot", "I am a teapot.")


# -- found by tests/reliability/test_hostile_api.py ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (200, {"Content-Length": "²"}, b'{"status": "ok", "version": "1"}'),
        (503, {"Retry-After": "²"}, b""),
        (429, {"Retry-After": "9" * 40}, b""),
        (500, {}, b"[" * 100_000 + b"]" * 100_000),
    ],
    ids=["unicode-digit-length", "unicode-digit-retry-after", "endless-retry-after", "deep-json"],
)
def test_odd_headers_and_deep_error_bodies_are_api_errors(
    fake: ScriptedServer, api: PartnerApi, status: int, headers: dict[str, str], body: bytes
) -> None:
    def reply(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        for name, value in headers.items():
            h.send_header(name, value)
        if "Content-Length" not in headers:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        h.close_connection = True

    fake.route("POST", "/auth/login", reply)
    error = _caught(lambda: api.login("a", "b"))
    if isinstance(error, TooManyAttemptsError):
        assert error.retry_after <= 3600, "a hostile wait must not lock sign-in for good"


@pytest.mark.parametrize("token", ["токен", "a\r\nX-Evil: 1", ""])
def test_a_token_that_cannot_go_into_a_header_is_a_bad_response(
    fake: ScriptedServer, token: str
) -> None:
    answer = {"access_token": token, "expires_in": 60, "partner": {"id": "p", "name": "P"}}
    fake.route("POST", "/auth/login", _json(200, answer))
    assert isinstance(_caught(lambda: PartnerApi(fake.root).login("a", "b")), BadResponseError)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("canceled_at", "9999-12-31T23:59:59Z"),  # + 14 days to restore overflows a datetime
        ("created_at", "0001-01-01T00:00:00+23:59"),
        ("version", 2**63),
        ("version", -1),
    ],
)
def test_values_a_window_cannot_show_are_bad_responses(
    fake: ScriptedServer, api: PartnerApi, path: str, value: object
) -> None:
    fake.route("GET", "/customers/c_1", _json(200, _changed(path, value)))
    assert isinstance(_caught(lambda: api.get_customer("c_1")), BadResponseError)


@pytest.mark.parametrize("amount", ["1e30", "-1e999999", "1000000000000"])
def test_an_amount_too_large_to_show_in_cents_is_a_bad_response(
    fake: ScriptedServer, api: PartnerApi, amount: str
) -> None:
    summary = {
        "customers": {"active": 1, "suspended": 2**40},
        "monthly_billable": {"active": amount, "suspended": "1.00"},
        "currency": "EUR",
    }
    fake.route("GET", "/summary", _json(200, summary))
    assert isinstance(_caught(api.summary), BadResponseError)
