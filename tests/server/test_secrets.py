"""Secrets stay secret: passwords and tokens never reach the server's output (captured over a
whole session, a 500 included), the database holds argon2 hashes and token digests only, and a
revoked or expired token opens no route and changes nothing. After two-factor sign-in is set up
and used, neither holds a TOTP secret in clear, a recovery code or an mfa_token either, and the
server's key file is its owner's alone."""

from __future__ import annotations

import io
import json
import stat
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from PIL import Image
from sqlalchemy import MetaData, select, text, update

from server.config import SECRET_KEY_ENV, Settings
from server.db import Database
from server.models import Token, User
from server.security import token_digest
from server.serialize import now
from server.server_key import default_key_file, load_server_key
from tests.server.helpers import (
    PUBLIC,
    assert_error,
    events,
    fire_at_once,
    openapi_operations,
    run_operation,
    services,
    take_customer,
    unique,
)
from tests.server.mfa_support import enrol, new_person, second_step, set_up
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database

# OWASP's least for argon2id: 19 MiB of memory, 2 passes.
MIN_MEMORY_KIB = 19 * 1024
MIN_TIME_COST = 2


def _secret(kind: str) -> str:
    """A password nothing else in a log or a database could contain by chance."""
    return f"{kind}-{uuid.uuid4().hex}-Zq!"


def _login(client: ApiClient, username: str, password: str) -> Any:
    return client.post("/auth/login", json={"username": username, "password": password})


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _whole_activity_log(api: ApiClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 500}
    while True:
        r = api.get("/activity", params=params)
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        if r.json()["next_cursor"] is None:
            return items
        params["cursor"] = r.json()["next_cursor"]


def _team_session(base: str, owner: ApiClient) -> list[str]:
    """A colleague added with a password, a wrong password for them, their sign-in and a change
    of password: each is an event of the Activity log, and no event holds a secret they used.
    The secrets, for the scans of the log and the database too."""
    name = f"s{uuid.uuid4().hex[:10]}"
    first, second, wrong = _secret("staff-first"), _secret("staff-second"), _secret("staff-wrong")
    body = {"username": name, "display_name": "Staff", "email": "", "role": "agent"}
    assert owner.post("/staff", json={**body, "password": first}).status_code == 201
    assert_error(_login(ApiClient(base), name, wrong), 401, "invalid_credentials")
    colleague = ApiClient(base).login(name, first)
    change = {"current_password": first, "new_password": second}
    assert colleague.post("/me/password", json=change).status_code == 204
    again = ApiClient(base).login(name, second)
    used = [first, second, wrong, str(colleague.token), str(again.token), str(owner.token)]
    log = _whole_activity_log(owner)
    theirs = {
        (i["actor"], i["action"]) for i in log if name in (i["actor"], i["details"].get("username"))
    }
    assert theirs == {
        ("demo", "staff.created"),
        (name, "auth.login_failed"),
        (name, "auth.login"),
        (name, "auth.password_changed"),
    }
    written = json.dumps(log)
    for secret in used:
        assert secret not in written, "a password or token is in an event of the Activity log"
    return used


def _every_value(url: str) -> list[str]:
    """Every value of every row of every table, as text: what a stolen database would give."""
    db = Database(url)
    try:
        meta = MetaData()
        meta.reflect(db.engine)
        with db.session() as s:
            return [
                str(value)
                for table in meta.sorted_tables
                for row in s.execute(select(table))
                for value in row
            ]
    finally:
        db.dispose()


def test_no_password_or_token_reaches_the_log_or_the_database(
    new_database_url: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database_url()
    seed_database(url, customers=5)
    log = tmp_path / "server.log"
    username, password = f"u{uuid.uuid4().hex[:10]}", _secret("right")
    added = run_cli(
        "add-user", "--database", url, "--partner", "Secret Partner", "--username", username,
        stdin=password + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    secrets = [password]
    outputs = [added.stdout, added.stderr]
    # Its own server, at the most talkative log level.
    srv = ServerProcess(url, log_path=str(log), extra_args=("--log-level", "debug")).start()
    try:
        client = ApiClient(srv.url)
        # Failed sign-ins until the user is locked out, then the right password refused.
        for _ in range(5):
            wrong = _secret("wrong")
            secrets.append(wrong)
            assert_error(_login(client, username, wrong), 401, "invalid_credentials")
        assert_error(_login(client, username, password), 429, "too_many_attempts")
        assert_error(_login(client, f"x{username}", _secret("nobody")), 401, "invalid_credentials")
        secrets.append(_secret("made-up-token"))
        assert_error(
            client.get("/me", headers={"Authorization": f"Bearer {secrets[-1]}"}),
            401,
            "unauthenticated",
        )
        # A whole session of the seeded user: reads, writes, refusals, and an operation.
        api = ApiClient(srv.url).login()
        second = ApiClient(srv.url).login()
        secrets += [str(api.token), str(second.token)]
        mine = api.get("/customers").json()["items"][0]
        assert api.get(f"/customers/{mine['id']}").status_code == 200
        assert api.get("/customers", params={"q": "a"}).status_code == 200
        bad = api.post("/customers", data=b"{", headers={"Content-Type": "application/json"})
        assert bad.status_code == 422
        assert api.get("/customers/c_nope").status_code == 404
        started = api.post(
            f"/customers/{mine['id']}/suspend",
            json={"reason": "Unpaid"},
            headers={"Idempotency-Key": unique("k-")},
        )
        assert started.status_code == 202, started.text
        assert api.wait_operation(started.json()["id"])["state"] == "succeeded"
        assert api.put("/branding/logo", data=_png()).status_code == 200
        assert api.post(f"/customers/{mine['id']}/login-link").status_code == 200
        # Staff work: put first, so that the session's two tokens stay last for the digests.
        secrets[:0] = _team_session(srv.url, api)
        # A failure inside the server: its traceback is logged, with the token's request in it.
        db = Database(url)
        try:
            with db.session(write=True) as s:
                s.execute(text("DROP TABLE logos"))
        finally:
            db.dispose()
        assert_error(api.get("/branding/logo"), 500, "internal_error")
        assert api.post("/auth/logout").status_code == 204
        assert_error(api.get("/me"), 401, "unauthenticated")
        assert second.get("/me").status_code == 200
        # Everything the server has written, stdout included, once it has stopped.
        assert srv.proc is not None and srv.proc.stdout is not None
        srv.proc.terminate()
        outputs.append(srv.proc.stdout.read())
        srv.proc.wait(timeout=30)
    finally:
        srv.stop()
    outputs.append(log.read_text())
    logged_text = "\n".join(outputs)
    assert "Traceback" in logged_text, "the capture missed the server's log"
    stored = "\n".join(_every_value(url))
    assert username in stored, "the database scan missed the users table"
    for secret in secrets:
        assert secret not in logged_text, "a password or token is in the server's output"
        assert secret not in stored, "a password or token is stored as it is"
    for token in secrets[-2:]:
        assert token_digest(token) in stored
    if url.startswith("sqlite:///"):
        # The raw files too: freed pages and the write-ahead log keep what tables no longer show.
        path = Path(url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        for secret in secrets:
            assert secret.encode() not in raw


def test_password_hashes_are_argon2id_with_sound_parameters(
    scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    username, password = new_user()
    db = Database(scratch.database_url)
    try:
        with db.session() as s:
            rows = s.execute(text("SELECT username, password_hash FROM users")).all()
    finally:
        db.dispose()
    hashes = dict(rows)
    assert {"demo", "other", username} <= set(hashes)
    hasher = PasswordHasher()
    for name, stored in hashes.items():
        assert stored.startswith("$argon2id$"), name
        params = dict(p.split("=") for p in stored.split("$")[3].split(","))
        assert int(params["m"]) >= MIN_MEMORY_KIB and int(params["t"]) >= MIN_TIME_COST, name
    assert hasher.verify(hashes[username], password)
    assert hasher.verify(hashes["demo"], "demo")
    with pytest.raises(InvalidHashError):
        hasher.verify(password, password)


def test_a_burst_of_wrong_passwords_is_throttled_at_the_limit(
    scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    """Parallel guesses must not all slip past the count (PostgreSQL runs them side by side)."""
    username, password = new_user()
    clients = [ApiClient(scratch.url) for _ in range(12)]
    answers = fire_at_once(
        [lambda c=c: _login(c, username, _secret("guess")) for c in clients]  # type: ignore[misc]
    )
    codes = sorted(r.status_code for r in answers)
    assert codes.count(401) <= 5 and set(codes) <= {401, 429}, codes
    assert_error(_login(clients[0], username, password), 429, "too_many_attempts")


def _calls(ids: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """One real call per protected route, on real ids, that would act with a valid token."""
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/customers"): {"json": {"name": "Sneaked In", "email": "x@example.hr"}},
        ("PATCH", "/customers/{id}"): {
            "json": {"name": "Taken Over"},
            "headers": {"If-Match": f'"{ids["version"]}"'},
        },
        ("POST", "/customers/{id}/suspend"): {"json": {"reason": "Unpaid"}},
        ("POST", "/customers/{id}/cancel"): {
            "json": {"reason": "Unpaid", "confirm_account_number": ids["account_number"]}
        },
        ("PUT", "/branding/logo"): {"data": _png()},
    }
    calls = []
    for method, path in openapi_operations(ApiClient(ids["base"])):
        if (method, path) in PUBLIC:
            continue
        kwargs = dict(bodies.get((method, path), {}))
        kwargs["headers"] = {"Idempotency-Key": unique("k-"), **kwargs.get("headers", {})}
        concrete = (
            path.replace("{id}", ids["customer"])
            .replace("{service_id}", ids["service"])
            .replace("{op_id}", ids["operation"])
        )
        calls.append((method, concrete, kwargs))
    return calls


def _state(api: ApiClient, customer_id: str) -> dict[str, Any]:
    return {
        "customer": api.get(f"/customers/{customer_id}").json(),
        "services": services(api, customer_id),
        "events": events(api, customer_id),
        "operations": api.get("/operations").json(),
        "summary": api.get("/summary").json(),
        "total": api.get("/customers", params={"limit": 1}).json()["total"],
        "logo": api.get("/branding/logo").status_code,
    }


def test_revoked_and_expired_tokens_open_no_route_and_change_nothing(
    scratch: ServerProcess,
) -> None:
    api = ApiClient(scratch.url).login()
    customer = take_customer(api)
    # Suspended by a real operation: unsuspend, and that operation's id, are live targets too.
    operation = run_operation(api, customer["id"], "suspend", {"reason": "Unpaid"})
    assert operation["state"] == "succeeded"
    current = api.get(f"/customers/{customer['id']}").json()
    before = _state(api, customer["id"])
    revoked = ApiClient(scratch.url).login()
    expired = ApiClient(scratch.url).login()
    assert revoked.post("/auth/logout").status_code == 204
    db = Database(scratch.database_url)
    try:
        with db.session(write=True) as s:
            s.execute(
                update(Token)
                .where(Token.token_hash == token_digest(str(expired.token)))
                .values(expires_at=now() - timedelta(seconds=1))
            )
    finally:
        db.dispose()
    ids = {
        "base": scratch.url,
        "customer": customer["id"],
        "service": services(api, customer["id"])[0]["id"],
        "operation": operation["id"],
        "version": str(current["version"]),
        "account_number": customer["account_number"],
    }
    refused = 0
    for client in (revoked, expired):
        for method, path, kwargs in _calls(ids):
            r = client.request(method, path, **kwargs)
            assert_error(r, 401, "unauthenticated")
            assert r.headers.get("WWW-Authenticate") == "Bearer", (method, path)
            refused += 1
    assert refused >= 2 * 19
    assert _state(api, customer["id"]) == before


def _forms(secret: str) -> set[str]:
    """A secret as stored or logged might be: as shown, in either case, without its dash."""
    return {form for s in (secret, secret.replace("-", "")) for form in (s, s.lower(), s.upper())}


def test_no_totp_secret_recovery_code_or_mfa_token_is_stored_or_logged(
    new_database_url: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database_url()
    seed_database(url, customers=3)
    log = tmp_path / "server.log"
    # The key file, not the variable, so that the scan can find it and check its mode.
    srv = ServerProcess(
        url, log_path=str(log), extra_args=("--log-level", "debug"), env={SECRET_KEY_ENV: ""}
    ).start()
    try:
        owner = ApiClient(srv.url).login()
        person = enrol(new_person(owner))
        secrets = [person.secret, *person.recovery_codes]
        # Sign-ins: a wrong code, a code, a recovery code; one password step left unfinished.
        spent = person.mfa_token()
        assert_error(second_step(srv.url, spent, person.wrong_code()), 401, "invalid_code")
        signed_in = second_step(srv.url, spent, person.next_code())
        assert signed_in.status_code == 200, signed_in.text
        by_recovery = person.mfa_token()
        assert second_step(srv.url, by_recovery, person.recovery_codes[0]).status_code == 200
        pending = person.mfa_token()
        secrets += [spent, by_recovery, pending, signed_in.json()["access_token"]]
        # A colleague's set-up not yet confirmed: its secret is stored too, as the pending one.
        colleague = new_person(owner)
        secrets.append(set_up(colleague)["secret"])
        written = json.dumps(_whole_activity_log(owner))
        assert "mfa.enabled" in written and "auth.recovery_code_used" in written
        assert srv.proc is not None and srv.proc.stdout is not None
        srv.proc.terminate()
        outputs = [srv.proc.stdout.read()]
        srv.proc.wait(timeout=30)
    finally:
        srv.stop()
    logged = "\n".join([*outputs, log.read_text()])
    assert logged.strip(), "the capture missed the server's log"
    stored = "\n".join(_every_value(url))
    assert person.username in stored, "the database scan missed the users table"
    for secret in secrets:
        for form in _forms(secret):
            assert form not in written, "a two-factor secret, code or token is in an event"
            assert form not in logged, (
                "a two-factor secret, code or token is in the server's output"
            )
            assert form not in stored, "a two-factor secret, code or token is stored as it is"
    assert token_digest(pending) in stored, "the scan missed the mfa tokens"
    # Stored, encrypted: the key file's key opens the ciphertexts into the secrets handed out.
    key = load_server_key(Settings(database_url=url, secret_key=""))
    db = Database(url)
    try:
        with db.session() as s:
            rows = {
                u.username: u
                for u in s.execute(select(User).where(User.username.like("mf%"))).scalars()
            }
    finally:
        db.dispose()
    mine, theirs = rows[person.username], rows[colleague.username]
    assert mine.mfa_secret_encrypted and theirs.mfa_pending_secret_encrypted
    assert key.decrypt(mine.mfa_secret_encrypted, mine.id) == person.secret
    assert key.decrypt(theirs.mfa_pending_secret_encrypted, theirs.id) == colleague.secret
    key_file = default_key_file(url)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p != key_file)
        for secret in secrets:
            for form in _forms(secret):
                assert form.encode() not in raw
