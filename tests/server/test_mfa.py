"""Two-factor sign-in over HTTP, on both backends: enrolment, the sign-in's second step with codes
computed here, each code once and the window of one step, recovery codes once, the lock-out
after five wrong codes (a parallel burst too), the mfa_token once and for five minutes only,
require_mfa holding a user to the set-up, turning it off, the events, and the server key that
several servers of one database share."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pyotp
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, update

from server.config import SECRET_KEY_ENV, Settings
from server.db import Database
from server.models import MfaToken, User
from server.serialize import now, utc
from server.server_key import default_key_file, load_server_key
from tests.server.helpers import assert_error, fire_at_once
from tests.server.mfa_support import (
    Person,
    early_in_a_step,
    enrol,
    new_person,
    second_step,
    set_up,
)
from tests.server.staff_support import strong_password
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database


@pytest.fixture(scope="module")
def srv(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """Its own server: the tests add staff, turn on require_mfa and change the database."""
    url = new_database_url()
    seed_database(url, customers=10, seed=9)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        yield proc


@pytest.fixture(scope="module")
def owner(srv: ServerProcess) -> ApiClient:
    return ApiClient(srv.url).login("demo", "demo")


@pytest.fixture
def person(owner: ApiClient) -> Person:
    return new_person(owner)


def _activity(owner: ApiClient, actor: str) -> list[dict[str, Any]]:
    r = owner.get("/activity", params={"actor": actor, "limit": 500})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def _actions(owner: ApiClient, actor: str) -> list[tuple[str, dict[str, Any]]]:
    """The actor's partner-wide events, oldest first."""
    return [(e["action"], e["details"]) for e in reversed(_activity(owner, actor))]


def _in_database(srv: ServerProcess, change: Callable[[Any], None]) -> None:
    db = Database(srv.database_url)
    try:
        with db.session(write=True) as s:
            change(s)
    finally:
        db.dispose()


def _me(client: ApiClient) -> dict[str, Any]:
    r = client.get("/me")
    assert r.status_code == 200, r.text
    return dict(r.json())


def _signed_in(r: Any) -> ApiClient:
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer" and body["mfa_setup_required"] is False
    client = ApiClient(r.url.removesuffix("/auth/mfa").removesuffix("/auth/login"))
    client.token = body["access_token"]
    client.http.headers["Authorization"] = f"Bearer {client.token}"
    return client


def test_enrolment_takes_effect_only_once_confirmed(owner: ApiClient, person: Person) -> None:
    shown = set_up(person)
    assert re.fullmatch(r"[A-Z2-7]{32}", shown["secret"]), "160 bits in base32"
    uri = urlsplit(shown["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/Partner Desk:{person.username}"
    query = parse_qs(uri.query)
    assert query["secret"] == [shown["secret"]] and query["issuer"] == ["Partner Desk"]
    parsed = pyotp.parse_uri(shown["otpauth_uri"])
    assert isinstance(parsed, pyotp.TOTP)
    assert (parsed.digits, parsed.interval, parsed.digest().name) == (6, 30, "sha1")
    # Not in force yet: the password alone still signs in, and /me says it is off.
    assert person.login().status_code == 200
    assert _me(person.client)["mfa_enabled"] is False
    # A set-up started again replaces the first: the first secret's code no longer confirms.
    first = person.secret
    set_up(person)
    assert person.secret != first
    stale = pyotp.TOTP(first).now()
    r = person.client.post("/me/mfa/confirm", json={"code": stale})
    assert_error(r, 422, "invalid_code")
    r = person.client.post("/me/mfa/confirm", json={"code": person.code()})
    assert r.status_code == 200, r.text
    codes = r.json()["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c) == 11 and c[5] == "-" for c in codes), codes
    assert _me(person.client)["mfa_enabled"] is True
    listed = {u["username"]: u for u in owner.get("/staff").json()["items"]}
    assert listed[person.username]["mfa_enabled"] is True
    assert listed["demo"]["mfa_enabled"] is False
    # Nothing shows the secret again; it cannot be set up twice.
    assert_error(person.client.post("/me/mfa/setup"), 409, "mfa_already_enabled")
    confirm = {"code": person.next_code()}
    assert_error(person.client.post("/me/mfa/confirm", json=confirm), 409, "mfa_already_enabled")
    assert _actions(owner, person.username)[-2:] == [
        ("auth.mfa_failed", {"during": "set-up"}),
        ("mfa.enabled", {}),
    ]


def test_confirm_without_a_set_up_is_refused(person: Person) -> None:
    r = person.client.post("/me/mfa/confirm", json={"code": "123456"})
    assert_error(r, 409, "mfa_setup_not_started")


def test_sign_in_takes_a_code_computed_from_the_secret(owner: ApiClient, person: Person) -> None:
    enrol(person)
    token = person.mfa_token()
    r = second_step(person.base, token, person.next_code())
    client = _signed_in(r)
    assert r.json()["partner"]["name"] == "Demo Partner"
    assert _me(client)["username"] == person.username
    assert client.get("/customers", params={"limit": 1}).status_code == 200
    listed = {u["username"]: u for u in owner.get("/staff").json()["items"]}
    assert listed[person.username]["last_login_at"] is not None
    assert _actions(owner, person.username)[-1] == ("auth.login", {"second_factor": "totp"})


def test_a_code_is_accepted_once(person: Person) -> None:
    enrol(person)
    token = person.mfa_token()
    # The confirmation used this step's code: it does not sign in as well.
    r = second_step(person.base, token, person.confirmed_with)
    error = assert_error(r, 401, "invalid_code")
    assert "used" in error["message"]
    code = person.next_code()
    _signed_in(second_step(person.base, token, code))
    again = person.mfa_token()
    assert_error(second_step(person.base, again, code), 401, "invalid_code")


def test_a_code_one_step_old_is_accepted_two_steps_old_is_not(
    srv: ServerProcess, person: Person
) -> None:
    enrol(person)

    # As if the last code had been used long ago, so only the window decides.
    def forget_last_step(s: Any) -> None:
        s.execute(update(User).where(User.username == person.username).values(mfa_last_step=None))

    _in_database(srv, forget_last_step)
    early_in_a_step()
    token = person.mfa_token()
    assert_error(second_step(person.base, token, person.code(-2)), 401, "invalid_code")
    assert_error(second_step(person.base, token, person.code(2)), 401, "invalid_code")
    _signed_in(second_step(person.base, token, person.code(-1)))


def test_a_recovery_code_works_once(owner: ApiClient, person: Person) -> None:
    enrol(person)
    first, second = person.recovery_codes[:2]
    # As typed from paper: upper case, spaces instead of the dash.
    typed = first.upper().replace("-", " ")
    _signed_in(second_step(person.base, person.mfa_token(), typed))
    assert _actions(owner, person.username)[-2:] == [
        ("auth.recovery_code_used", {"remaining": 9}),
        ("auth.login", {"second_factor": "recovery_code"}),
    ]
    token = person.mfa_token()
    assert_error(second_step(person.base, token, first), 401, "invalid_code")
    _signed_in(second_step(person.base, token, second))
    # Another user's recovery code is not this user's.
    other = enrol(new_person(owner))
    token = other.mfa_token()
    assert_error(second_step(other.base, token, person.recovery_codes[2]), 401, "invalid_code")


def test_five_wrong_codes_lock_the_user_out(owner: ApiClient, person: Person) -> None:
    enrol(person)
    token = person.mfa_token()
    for _ in range(5):
        assert_error(second_step(person.base, token, person.wrong_code()), 401, "invalid_code")
    # Now even the right code, or a recovery code, is refused, and at every place a code goes.
    r = second_step(person.base, token, person.next_code())
    error = assert_error(r, 429, "too_many_attempts")
    assert 1 <= error["details"]["retry_after"] <= 300
    assert r.headers["Retry-After"] == str(error["details"]["retry_after"])
    recovery = person.recovery_codes[0]
    assert_error(second_step(person.base, token, recovery), 429, "too_many_attempts")
    r = person.client.request("DELETE", "/me/mfa", json={"code": recovery})
    assert_error(r, 429, "too_many_attempts")
    failed = [a for a in _actions(owner, person.username) if a[0] == "auth.mfa_failed"]
    assert failed == [("auth.mfa_failed", {"during": "sign-in"})] * 5
    # The lock is this user's: a colleague signs in as before.
    other = enrol(new_person(owner))
    _signed_in(second_step(other.base, other.mfa_token(), other.next_code()))


def test_a_burst_of_wrong_codes_is_throttled_at_the_limit(person: Person) -> None:
    """Parallel guesses must not all slip past the count (PostgreSQL runs them side by side)."""
    enrol(person)
    token = person.mfa_token()
    wrong = person.wrong_code()
    answers = fire_at_once(
        [lambda: second_step(person.base, token, wrong) for _ in range(12)]  # type: ignore[misc]
    )
    codes = sorted(r.status_code for r in answers)
    assert codes.count(401) == 5 and codes.count(429) == 7, codes


def test_turning_wrong_codes_at_set_up_and_turn_off_count_too(person: Person) -> None:
    set_up(person)
    for _ in range(3):
        r = person.client.post("/me/mfa/confirm", json={"code": person.wrong_code()})
        assert_error(r, 422, "invalid_code")
    assert person.client.post("/me/mfa/confirm", json={"code": person.code()}).status_code == 200
    for _ in range(2):
        r = person.client.request("DELETE", "/me/mfa", json={"code": person.wrong_code()})
        assert_error(r, 422, "invalid_code")
    token = person.mfa_token()
    assert_error(second_step(person.base, token, person.next_code()), 429, "too_many_attempts")


def test_the_mfa_token_is_good_once(person: Person) -> None:
    enrol(person)
    token = person.mfa_token()
    _signed_in(second_step(person.base, token, person.next_code()))
    r = second_step(person.base, token, person.recovery_codes[0])
    assert_error(r, 401, "mfa_token_invalid")
    assert_error(second_step(person.base, "made-up-token", person.code()), 401, "mfa_token_invalid")
    # The refused recovery code was not spent.
    _signed_in(second_step(person.base, person.mfa_token(), person.recovery_codes[0]))


def test_the_mfa_token_expires_after_five_minutes(srv: ServerProcess, person: Person) -> None:
    enrol(person)
    token = person.mfa_token()
    db = Database(srv.database_url)
    try:
        with db.session() as s:
            row = s.execute(
                select(MfaToken).join(User, User.id == MfaToken.user_id)
                .where(User.username == person.username)
            ).scalar_one()  # fmt: skip
            lasts = (utc(row.expires_at) or now()) - (utc(row.created_at) or now())
    finally:
        db.dispose()
    assert lasts == timedelta(minutes=5)

    def expire(s: Any) -> None:
        s.execute(update(MfaToken).values(expires_at=now() - timedelta(seconds=1)))

    _in_database(srv, expire)
    assert_error(second_step(person.base, token, person.next_code()), 401, "mfa_token_invalid")
    # The code was not used up by the refusal: a fresh password step takes it.
    _signed_in(second_step(person.base, person.mfa_token(), person.next_code()))


def test_turning_it_off_with_a_code_or_a_recovery_code(owner: ApiClient, person: Person) -> None:
    enrol(person)
    r = person.client.request("DELETE", "/me/mfa", json={"code": person.wrong_code()})
    assert_error(r, 422, "invalid_code")
    r = person.client.request("DELETE", "/me/mfa", json={"code": person.confirmed_with})
    assert "used" in assert_error(r, 422, "invalid_code")["message"]
    r = person.client.request("DELETE", "/me/mfa", json={"code": person.next_code()})
    assert r.status_code == 204, r.text
    assert _me(person.client)["mfa_enabled"] is False
    assert person.login().status_code == 200
    r = person.client.request("DELETE", "/me/mfa", json={"code": person.next_code()})
    assert_error(r, 409, "mfa_not_enabled")
    assert _actions(owner, person.username)[-2:] == [
        ("mfa.disabled", {"with": "totp"}),
        ("auth.login", {}),
    ]
    # On again at once, with a new secret (the old steps are forgotten), then off by a
    # recovery code; the old recovery codes died with the old secret.
    old_codes = person.recovery_codes
    enrol(person)
    r = person.client.request("DELETE", "/me/mfa", json={"code": old_codes[0]})
    assert_error(r, 422, "invalid_code")
    r = person.client.request("DELETE", "/me/mfa", json={"code": person.recovery_codes[0]})
    assert r.status_code == 204, r.text
    assert _actions(owner, person.username)[-2:] == [
        ("auth.recovery_code_used", {"remaining": 9}),
        ("mfa.disabled", {"with": "recovery_code"}),
    ]


def test_require_mfa_holds_a_user_to_the_set_up(srv: ServerProcess) -> None:
    username, password = f"req{time.time_ns()}", strong_password()
    added = run_cli(
        "add-user", "--database", srv.database_url, "--partner", f"Strict {username}",
        "--username", username, stdin=password + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    boss = Person(srv.url, username, password, ApiClient(srv.url).login(username, password))
    new = strong_password()
    r = boss.client.patch("/partner", json={"require_mfa": True})
    assert r.status_code == 200 and r.json()["require_mfa"] is True
    # The same session is held to the set-up from its next call, and so is a new one.
    r = boss.login()
    assert r.status_code == 200 and r.json()["mfa_setup_required"] is True
    fresh = ApiClient(srv.url)
    fresh.token = r.json()["access_token"]
    fresh.http.headers["Authorization"] = f"Bearer {fresh.token}"
    for client in (boss.client, fresh):
        for method, path, body in (
            ("GET", "/customers", None),
            ("GET", "/staff", None),
            ("GET", "/branding/logo", None),
            ("PATCH", "/partner", {"require_mfa": False}),
            ("POST", "/me/password", {"current_password": password, "new_password": new}),
        ):
            r = client.request(method, path, json=body)
            assert_error(r, 403, "mfa_setup_required")
        me = _me(client)
        assert me["mfa_enabled"] is False and me["partner"]["require_mfa"] is True
    assert_error(
        fresh.request("DELETE", "/me/mfa", json={"code": "123456"}), 409, "mfa_not_enabled"
    )
    assert fresh.post("/auth/logout").status_code == 204
    enrol(boss)
    assert boss.client.get("/customers").status_code == 200
    assert boss.client.get("/staff").status_code == 200
    assert boss.login().json()["error"]["code"] == "mfa_required"
    # A colleague added now is held to it too, until their own set-up.
    colleague = new_person(boss.client, "viewer")
    r = colleague.login()
    assert r.status_code == 200 and r.json()["mfa_setup_required"] is True
    assert_error(colleague.client.get("/customers"), 403, "mfa_setup_required")
    enrol(colleague)
    assert colleague.client.get("/customers").status_code == 200


def test_servers_of_one_database_share_the_key(srv: ServerProcess, owner: ApiClient) -> None:
    person = enrol(new_person(owner))
    # A second server on the same database (and the same default key file) checks the code
    # enrolled at the first.
    with ServerProcess(srv.database_url, suspend_seconds=0.05) as second:
        person.base = second.url
        _signed_in(second_step(second.url, person.mfa_token(), person.next_code()))


def test_a_key_from_the_environment_is_used_and_can_be_rotated(
    new_database_url: Callable[[], str],
) -> None:
    url = new_database_url()
    seed_database(url, customers=10, seed=9)  # as `srv`'s: a copy of its seeded file
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()

    def serve(keys: str) -> ServerProcess:
        return ServerProcess(url, env={SECRET_KEY_ENV: keys})

    with serve(old) as first:
        person = enrol(new_person(ApiClient(first.url).login()))
    if url.startswith("sqlite:///"):
        assert not default_key_file(url).exists(), "a key file beside the variable's key"
    with serve(new) as wrong:
        person.base = wrong.url
        r = second_step(wrong.url, person.mfa_token(), person.next_code())
        assert_error(r, 500, "server_key_mismatch")
    # The new key first, the old one after it: secrets of the old key still open.
    with serve(f"{new},{old}") as rotated:
        person.base = rotated.url
        _signed_in(second_step(rotated.url, person.mfa_token(), person.next_code()))


def test_servers_starting_together_make_one_key_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "secret.key"
    program = (
        "import sys, time\n"
        "from server.config import Settings\n"
        "from server.server_key import load_server_key\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "key = load_server_key(Settings(database_url='sqlite://', secret_key='',"
        " secret_key_file=sys.argv[1]))\n"
        "print(key.digests('same?')[0])\n"
    )
    start = str(time.time() + 2)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", program, str(path), start], stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(outputs)) == 1 and outputs[0], outputs
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["secret.key"], "a draft was left behind"
    # The key file's one key is the one they all use.
    settings = Settings(database_url="sqlite://", secret_key="", secret_key_file=str(path))
    assert load_server_key(settings).keys == (path.read_text().strip().encode(),)
