"""PartnerApi against the real reference server on loopback: every call, and every error mapped."""

from __future__ import annotations

import logging
import socket
import struct
import time
import uuid
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.api import (
    ApiError,
    ConflictError,
    Customer,
    InsecureUrlError,
    InvalidCredentialsError,
    InvalidUrlError,
    NetworkError,
    NotFoundError,
    Operation,
    PartnerApi,
    SessionExpiredError,
    TooManyAttemptsError,
    ValidationError,
    new_idempotency_key,
)
from tests.support.scripted_http import LossyProxy
from tests.support.server import ServerProcess, seed_database


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    path: Path = tmp_path_factory.mktemp("api-client") / "partner.sqlite3"
    url = f"sqlite:///{path}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.1) as server:
        yield server


@pytest.fixture
def api(live_server: ServerProcess) -> Iterator[PartnerApi]:
    client = PartnerApi(live_server.root)
    client.login("demo", "demo")
    yield client
    client.close()


def _new_customer(api: PartnerApi, **fields: Any) -> Customer:
    unique = uuid.uuid4().hex[:8]
    body = {"name": f"Test {unique} d.o.o.", "email": f"info@t{unique}.hr", **fields}
    return api.create_customer(body)


def _wait_finished(api: PartnerApi, op: Operation, timeout_s: float = 20) -> Operation:
    # Polling over HTTP from the test thread: no Qt event loop is involved here.
    deadline = time.monotonic() + timeout_s
    while not op.finished:
        assert time.monotonic() < deadline, f"operation {op.id} did not finish"
        time.sleep(0.05)
        op = api.get_operation(op.id)
    return op


def _png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# -- addresses and transport security ------------------------------------------------------------


def test_root_and_api_base_are_the_same_server(live_server: ServerProcess) -> None:
    from_root = PartnerApi(live_server.root + "/")
    from_base = PartnerApi(live_server.url)
    assert from_root.base_url == from_base.base_url == live_server.url
    assert from_root.health().status == "ok"
    assert from_base.health().version
    port = live_server.root.rsplit(":", 1)[1]
    assert from_root.server_label == f"127.0.0.1:{port}"


@pytest.mark.parametrize(
    "url",
    ["http://partner.example.com", "http://10.0.0.5:8000/api/v1", "http://[2001:db8::1]:8000"],
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(InsecureUrlError, match="https"):
        PartnerApi(url)


def test_plain_http_is_allowed_when_asked_for() -> None:
    api = PartnerApi("http://partner.example.com", allow_insecure_http=True)
    assert api.base_url == "http://partner.example.com/api/v1"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("http://localhost:8000", "localhost:8000"),
        ("http://127.1.2.3:9", "127.1.2.3:9"),
        ("http://[::1]:8000/api/v1/", "[::1]:8000"),
        ("https://partner.example.com", "partner.example.com:443"),
        ("partner.example.com/prefix", "partner.example.com:443"),
    ],
)
def test_loopback_http_and_https_are_accepted(url: str, label: str) -> None:
    api = PartnerApi(url)
    assert api.server_label == label
    assert api.base_url.endswith("/api/v1")


def test_https_without_scheme_keeps_its_path_prefix() -> None:
    assert PartnerApi("partner.example.com/prefix").base_url == (
        "https://partner.example.com/prefix/api/v1"
    )


@pytest.mark.parametrize(
    "url", ["", "ftp://partner.example.com", "https://user:pw@example.com", "https://x.com/?a=1"]
)
def test_unusable_addresses_say_why(url: str) -> None:
    with pytest.raises(InvalidUrlError) as caught:
        PartnerApi(url)
    assert caught.value.message


def test_a_closed_port_is_a_network_error_naming_the_server() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = PartnerApi(f"http://127.0.0.1:{port}", timeout=(1.0, 2.0))
    with pytest.raises(NetworkError) as caught:
        api.health()
    assert f"127.0.0.1:{port}" in caught.value.message
    assert caught.value.transient


# -- auth ----------------------------------------------------------------------------------------


def test_login_keeps_the_token_and_me_answers(live_server: ServerProcess) -> None:
    api = PartnerApi(live_server.root)
    signed_in = api.login("demo", "demo")
    assert api.token == signed_in.access_token
    assert signed_in.partner.name
    me = api.me()
    assert me.username == "demo"
    assert me.partner == signed_in.partner


def test_wrong_password_carries_the_servers_message(live_server: ServerProcess) -> None:
    api = PartnerApi(live_server.root)
    with pytest.raises(InvalidCredentialsError) as caught:
        api.login("demo", "not the password")
    assert caught.value.message == "Wrong user name or password."
    assert caught.value.status == 401
    assert api.token is None


def test_repeated_failures_are_too_many_attempts_with_retry_after(
    live_server: ServerProcess,
) -> None:
    api = PartnerApi(live_server.root)
    username = f"nobody-{uuid.uuid4().hex[:8]}"
    for _ in range(5):
        with pytest.raises(InvalidCredentialsError):
            api.login(username, "guess")
    with pytest.raises(TooManyAttemptsError) as caught:
        api.login(username, "guess")
    assert 0 < caught.value.retry_after <= 60
    assert "Too many" in caught.value.message


def test_calls_after_logout_are_session_expired(api: PartnerApi) -> None:
    api.logout()
    assert api.token is None
    with pytest.raises(SessionExpiredError):
        api.me()


def test_a_revoked_token_is_session_expired(live_server: ServerProcess, api: PartnerApi) -> None:
    same_session = PartnerApi(live_server.root, token=api.token)
    api.logout()
    with pytest.raises(SessionExpiredError) as caught:
        same_session.list_customers(limit=1)
    assert caught.value.message == "Your session has expired. Sign in again."


def test_nothing_secret_is_logged(
    live_server: ServerProcess, caplog: pytest.LogCaptureFixture
) -> None:
    password = f"secret-{uuid.uuid4().hex}"
    api = PartnerApi(live_server.root)
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(InvalidCredentialsError):
            api.login("demo", password)
        token = api.login("demo", "demo").access_token
        api.me()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /auth/login" in text
    assert password not in text
    assert token not in text
    assert "Bearer" not in text


# -- customers -----------------------------------------------------------------------------------


def test_iter_customer_pages_visits_every_customer_once(api: PartnerApi) -> None:
    pages = list(api.iter_customer_pages(page_size=64))
    ids = [c.id for page in pages for c in page.items]
    assert len(pages) >= 5
    assert len(ids) == len(set(ids)) >= 300
    assert pages[-1].next_cursor is None
    assert all(page.total == len(ids) for page in pages)


def test_search_filters_by_field_and_status(api: PartnerApi) -> None:
    first = api.list_customers(limit=1).items[0]
    by_account = api.list_customers(q=first.account_number, field="account_number")
    assert first.id in [c.id for c in by_account.items]
    suspended = api.list_customers(status="suspended", limit=1000)
    assert suspended.total > 0
    assert {c.status for c in suspended.items} == {"suspended"}


def test_get_customer_matches_the_list(api: PartnerApi) -> None:
    listed = api.list_customers(limit=1).items[0]
    assert api.get_customer(listed.id) == listed


def test_unknown_and_other_partners_customers_are_not_found(
    live_server: ServerProcess, api: PartnerApi
) -> None:
    with pytest.raises(NotFoundError) as caught:
        api.get_customer("c_doesnotexist")
    assert caught.value.message == "No such customer."
    other = PartnerApi(live_server.root)
    other.login("other", "other")
    theirs = other.list_customers(limit=1).items[0]
    with pytest.raises(NotFoundError):
        api.get_customer(theirs.id)


def test_an_id_cannot_escape_its_path_segment(api: PartnerApi) -> None:
    with pytest.raises(NotFoundError):
        api.get_customer("../me")


def test_create_then_update_with_the_version_read(api: PartnerApi) -> None:
    created = _new_customer(api, alias_domains=["a.example", "b.example"])
    assert created.version == 1
    assert created.alias_domains == ("a.example", "b.example")
    updated = api.update_customer(created.id, {"contact_name": "Ana Horvat"}, created.version)
    assert updated.contact_name == "Ana Horvat"
    assert updated.version == created.version + 1


def test_a_stale_version_is_a_conflict_carrying_the_servers_customer(api: PartnerApi) -> None:
    created = _new_customer(api)
    theirs = api.update_customer(created.id, {"phone": "+385 1 111 2222"}, created.version)
    with pytest.raises(ConflictError) as caught:
        api.update_customer(created.id, {"phone": "+385 1 333 4444"}, created.version)
    assert caught.value.status == 412
    assert caught.value.code == "version_conflict"
    assert caught.value.current == theirs


def test_invalid_fields_come_back_by_name(api: PartnerApi) -> None:
    with pytest.raises(ValidationError) as caught:
        api.create_customer({"name": "Broken", "email": "not an email", "website": "nope"})
    assert caught.value.status == 422
    assert {"email", "website"} <= caught.value.fields.keys()
    assert caught.value.message == "Some fields are not valid."


def test_a_used_account_number_is_a_duplicate_conflict(api: PartnerApi) -> None:
    existing = api.list_customers(limit=1).items[0]
    with pytest.raises(ConflictError) as caught:
        api.create_customer({"name": "Copy", "account_number": existing.account_number})
    assert caught.value.code == "duplicate"
    assert existing.account_number in caught.value.message
    assert caught.value.current is None


def test_services_events_and_removal(api: PartnerApi) -> None:
    customer = next(
        c for c in api.list_customers(status="active", limit=50).items if api.list_services(c.id)
    )
    services = api.list_services(customer.id)
    assert all(isinstance(s.monthly_price, Decimal) for s in services)
    api.remove_service(customer.id, services[0].id)
    assert services[0].id not in [s.id for s in api.list_services(customer.id)]
    events = api.list_events(customer.id)
    assert events[0].action == "service_removed"
    assert events[0].details["service_id"] == services[0].id
    with pytest.raises(NotFoundError):
        api.remove_service(customer.id, services[0].id)


def test_login_link_and_summary(api: PartnerApi) -> None:
    customer = api.list_customers(limit=1).items[0]
    link = api.login_link(customer.id)
    assert "/control-panel/login?token=" in link.url
    assert link.expires_at.tzinfo is not None
    summary = api.summary()
    assert summary.customers.active > 0
    assert summary.monthly_billable.active > Decimal(0)
    assert summary.currency == "EUR"


# -- operations ----------------------------------------------------------------------------------


def test_suspend_and_unsuspend_run_as_operations(api: PartnerApi) -> None:
    customer = _new_customer(api)
    key = new_idempotency_key()
    started = api.suspend(customer.id, "Unpaid invoices", key)
    assert started.kind == "suspend"
    assert api.suspend(customer.id, "Unpaid invoices", key).id == started.id
    done = _wait_finished(api, started)
    assert done.state == "succeeded"
    assert done.finished and done.error is None
    assert api.get_customer(customer.id).status == "suspended"
    assert started.id not in [op.id for op in api.unfinished_operations()]
    with pytest.raises(ConflictError) as caught:
        api.suspend(customer.id, "again", new_idempotency_key())
    assert caught.value.code == "already_suspended"
    back = _wait_finished(api, api.unsuspend(customer.id, new_idempotency_key()))
    assert back.state == "succeeded"
    assert api.get_customer(customer.id).status == "active"


def test_an_unfinished_operation_is_listed_and_blocks_another(api: PartnerApi) -> None:
    customer = _new_customer(api)
    started = api.suspend(customer.id, "Checking", new_idempotency_key())
    unfinished = api.unfinished_operations()
    if started.id in [op.id for op in unfinished]:  # it may already be done on a fast machine
        with pytest.raises(ConflictError) as caught:
            api.suspend(customer.id, "Checking", new_idempotency_key())
        assert caught.value.code in ("operation_in_progress", "already_suspended")
    _wait_finished(api, started)


def test_cancel_needs_the_account_number_and_can_be_restored(api: PartnerApi) -> None:
    customer = _new_customer(api)
    with pytest.raises(ValidationError) as caught:
        api.cancel(customer.id, "Closing", "000000", new_idempotency_key())
    assert caught.value.code == "confirmation_mismatch"
    assert "confirm_account_number" in caught.value.fields
    canceled = _wait_finished(
        api, api.cancel(customer.id, "Closing", customer.account_number, new_idempotency_key())
    )
    assert canceled.kind == "cancel" and canceled.state == "succeeded"
    assert api.get_customer(customer.id).status == "canceled"
    restored = _wait_finished(api, api.restore(customer.id, new_idempotency_key()))
    assert restored.state == "succeeded"
    assert api.get_customer(customer.id).status == "active"


def test_reusing_a_key_for_another_request_is_refused(api: PartnerApi) -> None:
    customer = _new_customer(api)
    key = new_idempotency_key()
    op = api.suspend(customer.id, "first reason", key)
    with pytest.raises(ValidationError) as caught:
        api.suspend(customer.id, "another reason", key)
    assert caught.value.code == "idempotency_key_reused"
    _wait_finished(api, op)


def test_unknown_operation_is_not_found(api: PartnerApi) -> None:
    with pytest.raises(NotFoundError):
        api.get_operation("op_doesnotexist")


# -- retries -------------------------------------------------------------------------------------


@pytest.fixture
def lossy(live_server: ServerProcess) -> Iterator[LossyProxy]:
    proxy = LossyProxy(live_server.root).start()
    yield proxy
    proxy.stop()


def test_a_lost_suspend_answer_is_retried_with_the_same_key(
    live_server: ServerProcess, lossy: LossyProxy
) -> None:
    direct = PartnerApi(live_server.root)
    direct.login("demo", "demo")
    customer = _new_customer(direct)
    through_proxy = PartnerApi(lossy.root, token=direct.token)
    lossy.drop["POST"] = 1
    op = through_proxy.suspend(customer.id, "Lost answer", new_idempotency_key())
    suspend_path = f"/api/v1/customers/{customer.id}/suspend"
    assert lossy.count("POST", suspend_path) == 2
    first_status, first_body = next((s, b) for m, p, s, b in lossy.forwarded if p == suspend_path)
    assert first_status == 202
    # The first request started the operation; the retry got that very one back.
    assert Operation.model_validate_json(first_body).id == op.id
    _wait_finished(direct, op)
    suspensions = [e for e in direct.list_events(customer.id) if e.action == "suspended"]
    assert len(suspensions) == 1


def test_a_lost_patch_answer_is_not_retried(live_server: ServerProcess, lossy: LossyProxy) -> None:
    direct = PartnerApi(live_server.root)
    direct.login("demo", "demo")
    customer = _new_customer(direct)
    through_proxy = PartnerApi(lossy.root, token=direct.token)
    lossy.drop["PATCH"] = 1
    with pytest.raises(NetworkError):
        through_proxy.update_customer(customer.id, {"contact_name": "Once"}, customer.version)
    assert lossy.count("PATCH") == 1
    assert direct.get_customer(customer.id).version == customer.version + 1


def test_a_lost_get_answer_is_retried(live_server: ServerProcess, lossy: LossyProxy) -> None:
    through_proxy = PartnerApi(lossy.root)
    through_proxy.login("demo", "demo")
    lossy.drop["GET"] = 1
    assert through_proxy.me().username == "demo"
    assert lossy.count("GET", "/api/v1/me") == 2


def test_a_service_removal_whose_answer_was_lost_still_succeeds(
    live_server: ServerProcess, lossy: LossyProxy
) -> None:
    through_proxy = PartnerApi(lossy.root)
    through_proxy.login("demo", "demo")
    customer = next(
        c
        for c in through_proxy.list_customers(status="active", limit=100).items[20:]
        if through_proxy.list_services(c.id)
    )
    service = through_proxy.list_services(customer.id)[0]
    lossy.drop["DELETE"] = 1
    through_proxy.remove_service(customer.id, service.id)
    assert lossy.count("DELETE") == 2
    assert service.id not in [s.id for s in through_proxy.list_services(customer.id)]


# -- branding ------------------------------------------------------------------------------------


def test_logo_upload_download_and_delete(live_server: ServerProcess) -> None:
    api = PartnerApi(live_server.root)
    api.login("other", "other")  # the other partner: no test of the demo partner uses logos
    api.delete_logo()
    assert api.get_logo() is None
    info = api.put_logo(_png(3, 2), "image/png")
    assert (info.width, info.height) == (3, 2)
    logo = api.get_logo()
    assert logo is not None
    assert logo.content_type == "image/png"
    assert logo.data.startswith(b"\x89PNG")
    assert len(logo.data) == info.size
    assert logo.etag == f'"{info.sha256}"'
    api.delete_logo()
    assert api.get_logo() is None


def test_a_logo_that_is_not_an_image_is_refused_with_the_servers_message(
    live_server: ServerProcess,
) -> None:
    api = PartnerApi(live_server.root)
    api.login("other", "other")
    with pytest.raises(ApiError) as caught:
        api.put_logo(b"GIF89a not really", "image/gif")
    assert caught.value.status == 415
    assert caught.value.message == "The logo must be a PNG or JPEG image."


# -- threads -------------------------------------------------------------------------------------


def test_one_client_serves_many_threads_at_once(api: PartnerApi) -> None:
    ids = [c.id for c in api.list_customers(limit=40).items]
    with ThreadPoolExecutor(max_workers=8) as pool:
        fetched = list(pool.map(api.get_customer, ids))
    assert [c.id for c in fetched] == ids
