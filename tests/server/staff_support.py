"""What the staff and permission tests share: the seeded team, new staff users, strong passwords.

The permission matrix here is written from API.md, not imported from the server: the tests hold
the server to the contract, so a change to server/permissions.py that departs from it fails.
"""

from __future__ import annotations

import uuid
from typing import Any

from tests.server.helpers import unique
from tests.support.server import ApiClient

ROLES = ("owner", "admin", "agent", "viewer")
# The demo seed's Demo Partner: one user per role (API.md, "Staff, roles and permissions").
SEEDED = {"owner": "demo", "admin": "admin", "agent": "agent", "viewer": "viewer"}
SEEDED_PASSWORDS = {"demo": "demo", "admin": "admin", "agent": "agent", "viewer": "viewer"}

MATRIX: dict[str, tuple[str, ...]] = {
    "customers.read": ("owner", "admin", "agent", "viewer"),
    "customers.edit": ("owner", "admin", "agent"),
    "customers.suspend": ("owner", "admin", "agent"),
    "customers.login_link": ("owner", "admin", "agent"),
    "services.remove": ("owner", "admin"),
    "customers.cancel": ("owner", "admin"),
    "branding.edit": ("owner", "admin"),
    "activity.read": ("owner", "admin"),
    "staff.manage": ("owner", "admin"),
}
STAFF_KEYS = {
    "id",
    "username",
    "display_name",
    "email",
    "role",
    "mfa_enabled",
    "disabled_at",
    "last_login_at",
    "created_at",
}


def strong_password() -> str:
    """Long, not common, and unlike anything else in a log or a database."""
    return f"Staff-{uuid.uuid4().hex}-pw"


def sign_in(base: str, username: str, password: str) -> ApiClient:
    return ApiClient(base).login(username, password)


def seeded(base: str, role: str) -> ApiClient:
    username = SEEDED[role]
    return sign_in(base, username, SEEDED_PASSWORDS[username])


def add_staff(
    manager: ApiClient, role: str, password: str | None = None, **fields: Any
) -> tuple[dict[str, Any], str]:
    """POST /staff as `manager`: the new staff user and its password."""
    password = password or strong_password()
    name = unique("st")
    body = {
        "username": name,
        "display_name": f"Staff {name}",
        "email": f"{name}@example.hr",
        "role": role,
        "password": password,
        **fields,
    }
    r = manager.post("/staff", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json()), password


def staff_member(manager: ApiClient, staff_id: str) -> dict[str, Any]:
    r = manager.get("/staff")
    assert r.status_code == 200, r.text
    found = [u for u in r.json()["items"] if u["id"] == staff_id]
    assert len(found) == 1, r.json()
    return dict(found[0])
