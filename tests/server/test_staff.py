"""Staff over HTTP: the seeded team, adding staff, the password rules, what an admin may not do,
never a partner without an enabled owner, disabling (every session ends at once, also while the
person is working), changing one's own password, the partner's settings, re-hashing at sign-in."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from server.db import Database
from server.models import User
from tests.server.helpers import assert_error, field_errors, unique
from tests.server.mfa_support import Person, enrol
from tests.server.staff_support import (
    SEEDED,
    SEEDED_PASSWORDS,
    STAFF_KEYS,
    add_staff,
    seeded,
    sign_in,
    staff_member,
    strong_password,
)
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database


@pytest.fixture(scope="module")
def staffed(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """Its own server: these tests add, change and disable staff and change passwords."""
    url = new_database_url()
    seed_database(url, customers=20, seed=3)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        yield proc


@pytest.fixture
def owner(staffed: ServerProcess) -> ApiClient:
    return seeded(staffed.url, "owner")


@pytest.fixture
def admin(staffed: ServerProcess) -> ApiClient:
    return seeded(staffed.url, "admin")


def new_team(server: ServerProcess) -> ApiClient:
    """A partner of its own (`partner-api add-user`), signed in as its first user: its owner."""
    username = unique("own")
    password = strong_password()
    result = run_cli(
        "add-user",
        "--database",
        server.database_url,
        "--partner",
        f"Team {username}",
        "--username",
        username,
        stdin=f"{password}\n",
    )
    assert result.returncode == 0, result.stderr
    client = sign_in(server.url, username, password)
    assert client.get("/me").json()["role"] == "owner"
    return client


def _patch(client: ApiClient, staff_id: str, **body: Any) -> Any:
    return client.patch(f"/staff/{staff_id}", json=body)


def _me_id(client: ApiClient) -> str:
    return str(client.get("/me").json()["id"])


# --- the seeded team and adding staff --------------------------------------------------------


def test_the_seed_gives_demo_partner_one_user_per_role(staffed: ServerProcess) -> None:
    listed = seeded(staffed.url, "owner").get("/staff")
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert all(set(u) == STAFF_KEYS for u in items), items
    by_name = {u["username"]: u for u in items}
    for role, username in SEEDED.items():
        assert by_name[username]["role"] == role
        assert by_name[username]["disabled_at"] is None
        assert by_name[username]["created_at"] is not None
        client = sign_in(staffed.url, username, SEEDED_PASSWORDS[username])
        assert client.get("/me").json()["role"] == role
    assert "other" not in by_name  # Other Partner's owner is not Demo Partner's staff


def test_an_owner_adds_staff_of_every_role_who_can_sign_in(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    for role in ("owner", "admin", "agent", "viewer"):
        added, password = add_staff(owner, role, email="new.colleague@example.hr")
        assert set(added) == STAFF_KEYS
        assert added["id"].startswith("u_")
        assert (added["role"], added["email"]) == (role, "new.colleague@example.hr")
        assert added["mfa_enabled"] is False
        assert added["disabled_at"] is None and added["last_login_at"] is None
        assert added["created_at"] is not None
        me = sign_in(staffed.url, added["username"], password).get("/me").json()
        assert (me["id"], me["role"], me["display_name"]) == (
            added["id"],
            role,
            added["display_name"],
        )
        assert staff_member(owner, added["id"])["last_login_at"] is not None


@pytest.mark.parametrize(
    "password",
    ["short-pw", "eleven char", "Password2024!", "123456789012", "qwertyuiop123", "abcabcabcabc"],
)
def test_a_short_or_common_password_is_refused(owner: ApiClient, password: str) -> None:
    username = unique("weak")
    body = {"username": username, "display_name": "Weak", "email": "", "role": "agent"}
    fields = field_errors(owner.post("/staff", json={**body, "password": password}))
    assert set(fields) == {"password"}, fields
    assert "12 characters" in fields["password"] or "common" in fields["password"]
    assert username not in {u["username"] for u in owner.get("/staff").json()["items"]}


def test_a_password_that_is_the_user_name_is_refused(owner: ApiClient) -> None:
    username = unique("name")
    body = {"username": username, "display_name": "N", "email": "", "role": "agent"}
    fields = field_errors(owner.post("/staff", json={**body, "password": f"{username}2024!"}))
    assert "user name" in fields["password"]


def test_a_taken_user_name_is_409_even_another_partners(owner: ApiClient) -> None:
    for taken in ("agent", "other"):
        body = {"username": taken, "display_name": "Again", "email": "", "role": "viewer"}
        error = assert_error(
            owner.post("/staff", json={**body, "password": strong_password()}), 409, "duplicate"
        )
        assert error["details"] == {"fields": {"username": "is taken"}}


def test_bad_staff_fields_are_422(owner: ApiClient) -> None:
    good = {"username": unique("f"), "display_name": "F", "email": "", "role": "agent"}
    good["password"] = strong_password()
    assert "role" in field_errors(owner.post("/staff", json={**good, "role": "boss"}))
    assert "email" in field_errors(owner.post("/staff", json={**good, "email": "not-an-email"}))
    assert "username" in field_errors(owner.post("/staff", json={**good, "username": "a b"}))
    assert "display_name" in field_errors(owner.post("/staff", json={**good, "display_name": ""}))
    target, _ = add_staff(owner, "viewer")
    assert "disabled" in field_errors(_patch(owner, target["id"], disabled="yes"))
    assert "role" in field_errors(_patch(owner, target["id"], role=None))
    assert "password" in field_errors(_patch(owner, target["id"], password="x" * 20))


# --- what an admin may not do ----------------------------------------------------------------


def _refused_to_admin(r: Any) -> None:
    error = assert_error(r, 403, "forbidden")
    assert error["details"] == {"required": "staff.manage", "required_role": "owner"}
    assert error["message"].startswith("Only an owner can "), error


def test_an_admin_manages_agents_and_viewers_only(owner: ApiClient, admin: ApiClient) -> None:
    agent, _ = add_staff(admin, "agent")
    viewer, _ = add_staff(admin, "viewer")
    other_admin, _ = add_staff(owner, "admin")
    for role in ("admin", "owner"):
        body = {"username": unique("hi"), "display_name": "Hi", "email": "", "role": role}
        _refused_to_admin(admin.post("/staff", json={**body, "password": strong_password()}))
    _refused_to_admin(_patch(admin, _me_id(owner), display_name="Not Yours"))
    _refused_to_admin(_patch(admin, other_admin["id"], disabled=True))
    _refused_to_admin(_patch(admin, _me_id(admin), display_name="Myself"))
    _refused_to_admin(_patch(admin, agent["id"], role="admin"))
    assert staff_member(owner, agent["id"])["role"] == "agent"
    assert staff_member(owner, other_admin["id"])["disabled_at"] is None
    r = _patch(admin, agent["id"], role="viewer", display_name="Ana Agent", email="ana@example.hr")
    assert r.status_code == 200, r.text
    assert (r.json()["role"], r.json()["display_name"], r.json()["email"]) == (
        "viewer",
        "Ana Agent",
        "ana@example.hr",
    )
    assert _patch(admin, viewer["id"], disabled=True).json()["disabled_at"] is not None
    # The owner reaches everyone.
    assert _patch(owner, other_admin["id"], role="agent").status_code == 200


def test_only_an_owner_changes_the_partners_settings(
    staffed: ServerProcess, admin: ApiClient
) -> None:
    _refused_to_admin(admin.patch("/partner", json={"require_mfa": True}))
    # A team of its own: once two-factor is required, its owner too is held to the set-up
    # (API.md), which must not spill into the seeded team the other tests sign in to.
    owner = new_team(staffed)
    manager, manager_password = add_staff(owner, "admin")
    colleague = sign_in(staffed.url, manager["username"], manager_password)
    assert "require_mfa" in field_errors(owner.patch("/partner", json={"require_mfa": "yes"}))
    assert "require_mfa" in field_errors(owner.patch("/partner", json={}))
    r = owner.patch("/partner", json={"require_mfa": True})
    assert r.status_code == 200, r.text
    me = owner.get("/me").json()
    assert r.json() == {
        "id": me["partner"]["id"],
        "name": me["partner"]["name"],
        "require_mfa": True,
    }
    assert colleague.get("/me").json()["partner"]["require_mfa"] is True
    # Not even the owner turns it off again without a second factor of their own...
    assert_error(owner.patch("/partner", json={"require_mfa": False}), 403, "mfa_setup_required")
    # ...and with one, they can.
    enrol(Person(staffed.url, me["username"], "", owner))
    assert owner.patch("/partner", json={"require_mfa": False}).json()["require_mfa"] is False


# --- never without an enabled owner ----------------------------------------------------------


def test_the_last_enabled_owner_can_be_neither_demoted_nor_disabled(
    staffed: ServerProcess,
) -> None:
    first = new_team(staffed)
    me = _me_id(first)
    for change in ({"role": "admin"}, {"disabled": True}, {"role": "viewer", "disabled": True}):
        error = assert_error(_patch(first, me, **change), 409, "last_owner")
        assert "owner" in error["message"]
    assert staff_member(first, me)["role"] == "owner"
    assert first.get("/me").status_code == 200  # nothing of the refused change was kept
    second, second_password = add_staff(first, "owner")
    # A disabled owner is no owner: with the second one disabled, the first is the last again.
    assert _patch(first, second["id"], disabled=True).status_code == 200
    assert_error(_patch(first, me, role="agent"), 409, "last_owner")
    assert _patch(first, second["id"], disabled=False).json()["disabled_at"] is None
    assert _patch(first, me, role="admin").json()["role"] == "admin"
    successor = sign_in(staffed.url, second["username"], second_password)
    assert_error(_patch(successor, second["id"], role="admin"), 409, "last_owner")
    # An admin's changes to agents never touch the owners, and are not refused for them.
    agent, _ = add_staff(successor, "agent")
    assert _patch(first, agent["id"], disabled=True).status_code == 200


# --- disabling -------------------------------------------------------------------------------


def test_disabling_ends_every_session_of_the_user_at_once(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    agent, password = add_staff(owner, "agent")
    sessions = [sign_in(staffed.url, agent["username"], password) for _ in range(2)]
    assert all(s.get("/me").status_code == 200 for s in sessions)
    r = _patch(owner, agent["id"], disabled=True)
    assert r.status_code == 200, r.text
    assert r.json()["disabled_at"] is not None
    for session in sessions:
        assert_error(session.get("/customers"), 401, "unauthenticated")
    login = {"username": agent["username"], "password": password}
    error = assert_error(
        ApiClient(staffed.url).post("/auth/login", json=login), 401, "account_disabled"
    )
    assert "disabled" in error["message"]
    # A wrong password says nothing of the account.
    wrong = {**login, "password": strong_password()}
    assert_error(ApiClient(staffed.url).post("/auth/login", json=wrong), 401, "invalid_credentials")
    assert _patch(owner, agent["id"], disabled=False).json()["disabled_at"] is None
    assert sign_in(staffed.url, agent["username"], password).get("/me").status_code == 200
    for session in sessions:  # enabling again brings back no old session
        assert_error(session.get("/me"), 401, "unauthenticated")


def test_an_agent_disabled_while_working_is_refused_from_the_next_call(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    """Two people at once: the agent keeps calling while the owner disables them."""
    agent, password = add_staff(owner, "agent")
    working = sign_in(staffed.url, agent["username"], password)
    disabled = threading.Event()
    stop = threading.Event()
    seen: list[tuple[bool, int]] = []

    def work() -> None:
        while not stop.is_set():
            after = disabled.is_set()
            seen.append((after, working.get("/customers", params={"limit": 5}).status_code))

    thread = threading.Thread(target=work)
    thread.start()
    try:
        while len(seen) < 5:
            threading.Event().wait(0.01)
        assert _patch(owner, agent["id"], disabled=True).status_code == 200
        disabled.set()
        count = len(seen)
        while len(seen) < count + 5:
            threading.Event().wait(0.01)
    finally:
        stop.set()
        thread.join(timeout=60)
    before = [status for after, status in seen if not after]
    after = [status for after_, status in seen if after_]
    assert before[:5] == [200] * 5, seen
    assert after and set(after) == {401}, seen


def test_a_role_change_counts_from_the_next_call(staffed: ServerProcess, owner: ApiClient) -> None:
    agent, password = add_staff(owner, "agent")
    session = sign_in(staffed.url, agent["username"], password)
    body = {"name": f"Role Change {unique('')}"}
    assert session.post("/customers", json=body).status_code == 201
    assert _patch(owner, agent["id"], role="viewer").status_code == 200
    error = assert_error(session.post("/customers", json=body), 403, "forbidden")
    assert error["details"] == {"required": "customers.edit"}
    assert session.get("/me").json()["permissions"] == ["customers.read"]


# --- one's own password ----------------------------------------------------------------------


def test_changing_ones_password_ends_the_other_sessions(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    viewer, old = add_staff(owner, "viewer")
    asking, other = (sign_in(staffed.url, viewer["username"], old) for _ in range(2))
    new = strong_password()
    wrong = {"current_password": strong_password(), "new_password": new}
    assert_error(asking.post("/me/password", json=wrong), 401, "invalid_credentials")
    weak = {"current_password": old, "new_password": "Password2024!"}
    assert set(field_errors(asking.post("/me/password", json=weak))) == {"new_password"}
    same = {"current_password": old, "new_password": old}
    assert set(field_errors(asking.post("/me/password", json=same))) == {"new_password"}
    assert other.get("/me").status_code == 200  # no refused change ended anything
    r = asking.post("/me/password", json={"current_password": old, "new_password": new})
    assert r.status_code == 204, r.text
    assert asking.get("/me").status_code == 200
    assert_error(other.get("/me"), 401, "unauthenticated")
    login = {"username": viewer["username"], "password": old}
    assert_error(ApiClient(staffed.url).post("/auth/login", json=login), 401, "invalid_credentials")
    assert sign_in(staffed.url, viewer["username"], new).get("/me").status_code == 200


def test_wrong_current_passwords_are_throttled_like_sign_ins(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    agent, password = add_staff(owner, "agent")
    session = sign_in(staffed.url, agent["username"], password)
    body = {"current_password": "not it at all", "new_password": strong_password()}
    codes = [session.post("/me/password", json=body).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429], codes
    login = {"username": agent["username"], "password": password}
    assert_error(ApiClient(staffed.url).post("/auth/login", json=login), 429, "too_many_attempts")


# --- hashes ----------------------------------------------------------------------------------


def test_a_hash_with_old_parameters_is_made_again_at_sign_in(
    staffed: ServerProcess, owner: ApiClient
) -> None:
    agent, password = add_staff(owner, "agent")
    weak_hash = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(password)
    db = Database(staffed.database_url)
    try:
        with db.session(write=True) as s:
            s.execute(update(User).where(User.id == agent["id"]).values(password_hash=weak_hash))
        sign_in(staffed.url, agent["username"], password)
        with db.session() as s:
            stored = s.execute(
                select(User.password_hash).where(User.id == agent["id"])
            ).scalar_one()
    finally:
        db.dispose()
    assert stored != weak_hash
    assert not PasswordHasher().check_needs_rehash(stored)
    assert PasswordHasher().verify(stored, password)
    assert sign_in(staffed.url, agent["username"], password).get("/me").status_code == 200
