"""PartnerApi's team calls against the real server: /me's permissions, staff, one's own password,
and the errors they map to (403 as ForbiddenError naming the permission; a wrong current
password is not an expired session)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from desktop.api import (
    ForbiddenError,
    InvalidCredentialsError,
    PartnerApi,
    SessionExpiredError,
    ValidationError,
)
from tests.support.server import ServerProcess


def _signed_in(server: ServerProcess, username: str, password: str | None = None) -> PartnerApi:
    api = PartnerApi(server.root)
    api.login(username, password or username)
    return api


@pytest.fixture
def viewer(server: ServerProcess) -> Iterator[PartnerApi]:
    api = _signed_in(server, "viewer")
    yield api
    api.close()


def _password() -> str:
    return f"Team-{uuid.uuid4().hex}"


def test_me_says_what_each_seeded_role_may_do(server: ServerProcess) -> None:
    for username, role, may_cancel in (
        ("demo", "owner", True),
        ("admin", "admin", True),
        ("agent", "agent", False),
        ("viewer", "viewer", False),
    ):
        api = _signed_in(server, username)
        try:
            me = api.me()
        finally:
            api.close()
        assert me.role == role
        assert me.may("customers.read")
        assert me.may("customers.cancel") is may_cancel
        assert me.may("staff.manage") is (role in {"owner", "admin"})
        assert me.partner.name == "Demo Partner"


def test_a_viewer_is_refused_with_the_permission_named(viewer: PartnerApi, api: PartnerApi) -> None:
    customer = api.list_customers(limit=1).items[0]
    with pytest.raises(ForbiddenError) as refused:
        viewer.update_customer(customer.id, {"city": "Split"}, customer.version)
    assert refused.value.required == "customers.edit"
    assert refused.value.status == 403
    assert "owner" in refused.value.message.lower()
    with pytest.raises(ForbiddenError):
        viewer.list_staff()


def test_an_owner_adds_changes_and_disables_a_colleague(
    server: ServerProcess, api: PartnerApi
) -> None:
    name = f"u{uuid.uuid4().hex[:10]}"
    password = _password()
    added = api.create_staff(
        username=name,
        display_name="Ana Kovač",
        email=f"{name}@example.hr",
        role="agent",
        password=password,
    )
    assert added.role == "agent" and not added.disabled and added.shown_name == "Ana Kovač"
    assert any(user.id == added.id for user in api.list_staff())

    colleague = _signed_in(server, name, password)
    try:
        assert colleague.me().role == "agent"
        changed = api.update_staff(added.id, {"role": "viewer"})
        assert changed.role == "viewer"
        assert api.update_staff(added.id, {"disabled": True}).disabled
        with pytest.raises(SessionExpiredError):
            colleague.me()  # disabling ends their sessions at once
    finally:
        colleague.close()


def test_a_short_password_is_refused_as_a_field_error(api: PartnerApi) -> None:
    name = f"u{uuid.uuid4().hex[:10]}"
    with pytest.raises(ValidationError) as refused:
        api.create_staff(username=name, display_name="", email="", role="viewer", password="short")
    assert "password" in refused.value.fields


def test_a_wrong_current_password_keeps_the_session(server: ServerProcess, api: PartnerApi) -> None:
    name = f"u{uuid.uuid4().hex[:10]}"
    password = _password()
    api.create_staff(
        username=name, display_name="Iva Horvat", email="", role="viewer", password=password
    )
    own = _signed_in(server, name, password)
    try:
        with pytest.raises(InvalidCredentialsError):
            own.change_password("not the password at all", _password())
        assert own.me().username == name  # still signed in
        new_password = _password()
        own.change_password(password, new_password)
        assert own.me().username == name  # this session goes on
    finally:
        own.close()
    again = _signed_in(server, name, new_password)
    again.close()
