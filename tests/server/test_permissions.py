"""The permission matrix over HTTP: every call of the server's OpenAPI document, made by each of
the four seeded staff users (owner, admin, agent, viewer), answers as one table says: done, or
403 forbidden naming the permission. A call the table does not know fails the test, so a new
route cannot go without a permission. Tenancy comes first: another partner's objects are 404 for
every role, never 403."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from PIL import Image

from tests.server.helpers import (
    PUBLIC,
    assert_error,
    events,
    openapi_operations,
    run_operation,
    services,
    take_customer,
    unique,
)
from tests.server.staff_support import (
    MATRIX,
    ROLES,
    SEEDED,
    SEEDED_PASSWORDS,
    add_staff,
    sign_in,
    strong_password,
)
from tests.server.test_isolation import EXERCISERS, MISSING_CUSTOMER, Ids
from tests.support.server import ApiClient, ServerProcess, seed_database

OWNER_ONLY = "owner only"


@dataclass
class Member:
    """A seeded staff user, signed in once for the module; `password` follows a change."""

    role: str
    username: str
    password: str
    client: ApiClient
    # The TOTP secret while the matrix has two-factor on for the member (confirm to DELETE).
    mfa_secret: str | None = None


@dataclass
class Team:
    server: ServerProcess
    members: dict[str, Member]
    other: ApiClient  # the owner of Other Partner

    @property
    def owner(self) -> ApiClient:
        return self.members["owner"].client


@pytest.fixture(scope="module")
def team(new_database_url: Callable[[], str]) -> Iterator[Team]:
    """Its own server: the matrix suspends, cancels, removes services and changes passwords."""
    url = new_database_url()
    seed_database(url, customers=150, seed=16)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        members = {
            role: Member(
                role,
                SEEDED[role],
                SEEDED_PASSWORDS[SEEDED[role]],
                sign_in(proc.url, SEEDED[role], SEEDED_PASSWORDS[SEEDED[role]]),
            )
            for role in ROLES
        }
        yield Team(proc, members, sign_in(proc.url, "other", "other"))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


@dataclass
class Call:
    """One concrete call for a route: where, with what, and its answer when permitted."""

    url: str
    kwargs: dict[str, Any]
    done: int
    # What the call would change, read by the owner before and after a refusal.
    probe: Callable[[], Any] | None = None


def _key() -> dict[str, str]:
    return {"Idempotency-Key": unique("perm-")}


def _on_customer(t: Team, status: str = "active") -> tuple[dict[str, Any], Callable[[], Any]]:
    c = take_customer(t.owner)
    if status == "suspended":
        assert run_operation(t.owner, c["id"], "suspend", {"reason": "Set up"})["state"] == (
            "succeeded"
        )
    elif status == "canceled":
        body = {"reason": "Set up", "confirm_account_number": c["account_number"]}
        assert run_operation(t.owner, c["id"], "cancel", body)["state"] == "succeeded"
    current = t.owner.get(f"/customers/{c['id']}").json()

    def probe() -> Any:
        cid = c["id"]
        return (
            t.owner.get(f"/customers/{cid}").json(),
            services(t.owner, cid),
            events(t.owner, cid),
        )

    return current, probe


def _customer_call(suffix: str, done: int, **kwargs: Any) -> Callable[[Team, Member], Call]:
    def make(t: Team, _m: Member) -> Call:
        c, probe = _on_customer(t)
        return Call(f"/customers/{c['id']}{suffix}", kwargs, done, probe)

    return make


def _patch_customer(t: Team, _m: Member) -> Call:
    c, probe = _on_customer(t)
    headers = {"If-Match": f'"{c["version"]}"'}
    return Call(
        f"/customers/{c['id']}", {"json": {"contact_name": "Iva"}, "headers": headers}, 200, probe
    )


def _remove_service(t: Team, _m: Member) -> Call:
    c, probe = _on_customer(t)
    service = services(t.owner, c["id"])[0]["id"]
    return Call(f"/customers/{c['id']}/services/{service}", {}, 204, probe)


def _operation(kind: str, status: str, with_body: bool) -> Callable[[Team, Member], Call]:
    def make(t: Team, _m: Member) -> Call:
        c, probe = _on_customer(t, status)
        kwargs: dict[str, Any] = {"headers": _key()}
        if with_body:
            kwargs["json"] = {"reason": "Matrix", "confirm_account_number": c["account_number"]}
            if kind == "suspend":
                kwargs["json"] = {"reason": "Matrix"}
        return Call(f"/customers/{c['id']}/{kind}", kwargs, 202, probe)

    return make


def _get_operation(t: Team, _m: Member) -> Call:
    c = take_customer(t.owner)
    op = run_operation(t.owner, c["id"], "suspend", {"reason": "Matrix"})
    return Call(f"/operations/{op['id']}", {}, 200)


def _cancel_scheduled(t: Team, _m: Member) -> Call:
    c = take_customer(t.owner)
    # Far enough ahead that it is still scheduled when the member's DELETE comes.
    soon = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    r = t.owner.post(
        f"/customers/{c['id']}/suspend",
        json={"reason": "Matrix", "at": soon},
        headers=_key(),
    )
    assert r.status_code == 202, r.text
    op_id = r.json()["id"]

    def probe() -> Any:
        return t.owner.get(f"/operations/{op_id}").json(), events(t.owner, c["id"])

    return Call(f"/operations/{op_id}", {}, 204, probe)


def _logout(t: Team, m: Member) -> Call:
    # Its own session: the member's module-long one goes on.
    token = sign_in(t.server.url, m.username, m.password).token
    return Call("/auth/logout", {"headers": {"Authorization": f"Bearer {token}"}}, 204)


def _change_password(_t: Team, m: Member) -> Call:
    new = strong_password()
    body = {"current_password": m.password, "new_password": new}
    m.password = new  # the member's later sign-ins (logout's) use it
    return Call("/me/password", {"json": body}, 204)


def _read_logo(t: Team, _m: Member) -> Call:
    assert t.owner.put("/branding/logo", data=_png()).status_code == 200
    return Call("/branding/logo", {}, 200)


def _staff_list(t: Team, _m: Member) -> Call:
    return Call("/staff", {}, 200, lambda: t.owner.get("/staff").json())


def _add_staff(t: Team, _m: Member) -> Call:
    name = unique("mx")
    body = {"username": name, "display_name": name, "email": "", "role": "viewer"}
    body["password"] = strong_password()
    return Call("/staff", {"json": body}, 201, lambda: t.owner.get("/staff").json())


def _patch_staff(t: Team, _m: Member) -> Call:
    target, _ = add_staff(t.owner, "viewer")
    body = {"display_name": "Renamed", "role": "agent"}
    return Call(f"/staff/{target['id']}", {"json": body}, 200, lambda: t.owner.get("/staff").json())


def _confirm_mfa(_t: Team, m: Member) -> Call:
    r = m.client.post("/me/mfa/setup")
    assert r.status_code == 200, r.text
    m.mfa_secret = r.json()["secret"]
    return Call("/me/mfa/confirm", {"json": {"code": pyotp.TOTP(m.mfa_secret).now()}}, 200)


def _turn_off_mfa(t: Team, m: Member) -> Call:
    if m.mfa_secret is None:  # made on its own: two-factor on first
        on = _confirm_mfa(t, m)
        assert m.client.post(on.url, **on.kwargs).status_code == 200
    assert m.mfa_secret is not None
    # The next step's code: later than the confirmation's, and within the window.
    code = pyotp.TOTP(m.mfa_secret).at(time.time() + 30)
    m.mfa_secret = None  # off after this call: the member signs in with the password alone
    return Call("/me/mfa", {"json": {"code": code}}, 204)


def _fixed(url: str, done: int, **kwargs: Any) -> Callable[[Team, Member], Call]:
    return lambda _t, _m: Call(url, kwargs, done)


def _new_customer_body() -> dict[str, Any]:
    return {"json": {"name": f"Matrix {unique('')}", "email": "matrix@example.hr"}}


# The one table: every call of the document, what it needs (a permission, None for any signed-in
# user, OWNER_ONLY for the partner's settings) and how to make it.
ROUTES: dict[tuple[str, str], tuple[str | None, Callable[[Team, Member], Call]]] = {
    ("POST", "/auth/logout"): (None, _logout),
    ("GET", "/me"): (None, _fixed("/me", 200)),
    ("POST", "/me/mfa/setup"): (None, _fixed("/me/mfa/setup", 200)),
    # Two-factor on (confirm), then off again (DELETE), so the member's later sign-ins need
    # only the password; in this order.
    ("POST", "/me/mfa/confirm"): (None, _confirm_mfa),
    ("DELETE", "/me/mfa"): (None, _turn_off_mfa),
    ("POST", "/me/password"): (None, _change_password),
    ("GET", "/branding/logo"): (None, _read_logo),
    ("PUT", "/branding/logo"): ("branding.edit", _fixed("/branding/logo", 200, data=_png())),
    ("DELETE", "/branding/logo"): ("branding.edit", _fixed("/branding/logo", 204)),
    ("GET", "/customers"): ("customers.read", _fixed("/customers", 200)),
    ("POST", "/customers"): (
        "customers.edit",
        lambda _t, _m: Call("/customers", _new_customer_body(), 201),
    ),
    ("GET", "/customers/{id}"): ("customers.read", _customer_call("", 200)),
    ("PATCH", "/customers/{id}"): ("customers.edit", _patch_customer),
    ("GET", "/customers/{id}/services"): ("customers.read", _customer_call("/services", 200)),
    ("DELETE", "/customers/{id}/services/{service_id}"): ("services.remove", _remove_service),
    ("GET", "/customers/{id}/events"): ("customers.read", _customer_call("/events", 200)),
    ("POST", "/customers/{id}/login-link"): (
        "customers.login_link",
        _customer_call("/login-link", 200),
    ),
    ("POST", "/customers/{id}/suspend"): (
        "customers.suspend",
        _operation("suspend", "active", True),
    ),
    ("POST", "/customers/{id}/unsuspend"): (
        "customers.suspend",
        _operation("unsuspend", "suspended", False),
    ),
    ("POST", "/customers/{id}/cancel"): ("customers.cancel", _operation("cancel", "active", True)),
    ("POST", "/customers/{id}/restore"): (
        "customers.cancel",
        _operation("restore", "canceled", False),
    ),
    ("GET", "/operations/{op_id}"): ("customers.read", _get_operation),
    ("GET", "/operations"): ("customers.read", _fixed("/operations", 200)),
    ("DELETE", "/operations/{op_id}"): ("customers.suspend", _cancel_scheduled),
    ("GET", "/summary"): ("customers.read", _fixed("/summary", 200)),
    ("GET", "/customers/snapshot"): ("customers.read", _fixed("/customers/snapshot", 200)),
    # The one-answer form: the stream itself would never end.
    ("GET", "/changes"): ("customers.read", _fixed("/changes", 200, params={"wait": 0})),
    ("GET", "/staff"): ("staff.manage", _staff_list),
    ("POST", "/staff"): ("staff.manage", _add_staff),
    ("PATCH", "/staff/{id}"): ("staff.manage", _patch_staff),
    ("PATCH", "/partner"): (OWNER_ONLY, _fixed("/partner", 200, json={"require_mfa": False})),
    ("GET", "/activity"): ("activity.read", _fixed("/activity", 200)),
}


def permitted(role: str, need: str | None) -> bool:
    if need is None:
        return True
    if need == OWNER_ONLY:
        return role == "owner"
    return role in MATRIX[need]


def _who(roles: tuple[str, ...]) -> str:
    first = f"an {roles[0]}"
    return first if len(roles) == 1 else ", ".join([first, *roles[1:-1]]) + f" or {roles[-1]}"


def test_every_call_of_the_document_is_in_the_table(team: Team) -> None:
    served = {op for op in openapi_operations(team.owner) if op not in PUBLIC}
    assert served - set(ROUTES) == set(), "add these calls to ROUTES with their permission"
    assert set(ROUTES) - served == set(), "in ROUTES but not served"
    doc = team.owner.get("/openapi.json").json()
    for (method, path), (need, _) in ROUTES.items():
        operation = doc["paths"][f"/api/v1{path}"][method.lower()]
        declared = "staff.manage" if need == OWNER_ONLY else need
        assert operation["x-permission"] == declared, (method, path)
        assert operation.get("x-owner-only", False) == (need == OWNER_ONLY), (method, path)
        if need is not None and not all(permitted(role, need) for role in ROLES):
            assert "403" in operation["responses"], (method, path)


def test_each_seeded_user_is_told_their_role_and_permissions(team: Team) -> None:
    ids = set()
    for role, member in team.members.items():
        r = member.client.get("/me")
        assert r.status_code == 200, r.text
        me = r.json()
        assert me["username"] == member.username
        assert me["role"] == role
        assert sorted(me["permissions"]) == sorted(p for p, rs in MATRIX.items() if role in rs)
        assert me["mfa_enabled"] is False
        assert me["partner"]["name"] == "Demo Partner"
        assert me["partner"]["require_mfa"] is False
        assert isinstance(me["display_name"], str) and me["display_name"]
        ids.add(me["id"])
    assert len(ids) == 4
    listed = team.owner.get("/staff").json()["items"]
    seeded = {u["username"]: u["role"] for u in listed if u["username"] in SEEDED.values()}
    assert seeded == {username: role for role, username in SEEDED.items()}


def _check_refused(r: Any, need: str, role: str) -> None:
    error = assert_error(r, 403, "forbidden")
    if need == OWNER_ONLY:
        assert error["details"] == {"required": "staff.manage", "required_role": "owner"}
        assert error["message"].startswith("Only an owner can "), error
        return
    assert error["details"] == {"required": need}, error
    assert error["message"].startswith(f"Only {_who(MATRIX[need])} can "), (role, error)
    assert error["message"].endswith("."), error


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_matrix_allows(team: Team, role: str) -> None:
    member = team.members[role]
    allowed = refused = 0
    for (method, path), (need, make) in ROUTES.items():
        call = make(team, member)
        before = call.probe() if call.probe else None
        r = member.client.request(method, call.url, **call.kwargs)
        if permitted(role, need):
            assert r.status_code == call.done, (role, method, path, r.text)
            allowed += 1
        else:
            assert need is not None
            _check_refused(r, need, role)
            if call.probe:
                assert call.probe() == before, ("a refused call changed something", method, path)
            refused += 1
    expected_refused = sum(not permitted(role, need) for need, _ in ROUTES.values())
    assert (allowed, refused) == (len(ROUTES) - expected_refused, expected_refused)
    # The member's session survived the whole run, its own password change included.
    assert member.client.get("/me").status_code == 200


@pytest.fixture(scope="module")
def theirs(team: Team) -> Ids:
    """Real ids of Other Partner: a customer, its service, an operation and a staff user."""
    c = take_customer(team.other)
    op = run_operation(team.other, c["id"], "suspend", {"reason": "Theirs"})
    assert op["state"] == "succeeded"
    staff = team.other.get("/staff").json()["items"][0]["id"]
    service = services(team.other, c["id"])[0]["id"]
    current = team.other.get(f"/customers/{c['id']}").json()
    return Ids(c["id"], service, op["id"], c["account_number"], current["version"], staff)


@pytest.mark.parametrize("role", ROLES)
def test_another_partners_objects_are_404_for_every_role(
    team: Team, theirs: Ids, role: str
) -> None:
    member = team.members[role]
    before = (
        team.other.get(f"/customers/{theirs.customer}").json(),
        services(team.other, theirs.customer),
    )
    with_ids = [op for op in openapi_operations(team.owner) if "{" in op[1]]
    assert with_ids and all(op in EXERCISERS for op in with_ids)
    for route in with_ids:
        method, url, kwargs = EXERCISERS[route](theirs)
        got = assert_error(member.client.request(method, url, **kwargs), 404, "not_found")
        missing = Ids(MISSING_CUSTOMER, "s_x", "op_x", "100001", 1)
        method, url, kwargs = EXERCISERS[route](missing)
        expected = assert_error(member.client.request(method, url, **kwargs), 404, "not_found")
        assert got == expected, (role, route)
    after = (
        team.other.get(f"/customers/{theirs.customer}").json(),
        services(team.other, theirs.customer),
    )
    assert after == before
