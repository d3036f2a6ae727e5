"""What the two-factor tests share: a staff user of their own, enrolment, codes computed here.

Codes come from pyotp with the secret the server handed out, as an authenticator app would make
them. A code is good once, for a step after the last one used: a test that signs in right after
its enrolment (which used the current step's code) takes the next step's (`next_code`), which
the window of one step accepts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pyotp
import requests

from tests.server.helpers import unique
from tests.server.staff_support import strong_password
from tests.support.server import ApiClient

STEP = 30


@dataclass
class Person:
    """A staff user signed in with their password; secret and codes once enrolled."""

    base: str
    username: str
    password: str
    client: ApiClient
    secret: str = ""
    recovery_codes: list[str] = field(default_factory=list)
    # The code the confirmation took: used, so never good again.
    confirmed_with: str = ""

    @property
    def totp(self) -> pyotp.TOTP:
        assert self.secret, "not enrolled"
        return pyotp.TOTP(self.secret)

    def code(self, steps_from_now: int = 0) -> str:
        return self.totp.at(time.time() + steps_from_now * STEP)

    def next_code(self) -> str:
        return self.code(1)

    def wrong_code(self) -> str:
        """Six digits that are no step's code near now."""
        near = {self.code(n) for n in range(-3, 4)}
        return next(c for c in (f"{n:06d}" for n in range(1000, 10**6, 7919)) if c not in near)

    def login(self) -> requests.Response:
        return ApiClient(self.base).post(
            "/auth/login", json={"username": self.username, "password": self.password}
        )

    def mfa_token(self) -> str:
        """The password step: 401 mfa_required and its token."""
        r = self.login()
        assert r.status_code == 401, r.text
        error = r.json()["error"]
        assert error["code"] == "mfa_required", error
        assert "access_token" not in r.text
        token = error["details"]["mfa_token"]
        assert isinstance(token, str) and len(token) >= 32
        return str(token)


def second_step(base: str, mfa_token: str, code: str) -> requests.Response:
    return ApiClient(base).post("/auth/mfa", json={"mfa_token": mfa_token, "code": code})


def new_person(owner: ApiClient, role: str = "agent") -> Person:
    """A new colleague in the owner's partner, signed in (no two-factor yet)."""
    username, password = unique("mf"), strong_password()
    body = {"username": username, "display_name": f"Two-factor {username}", "email": ""}
    r = owner.post("/staff", json={**body, "role": role, "password": password})
    assert r.status_code == 201, r.text
    return Person(owner.base, username, password, ApiClient(owner.base).login(username, password))


def set_up(person: Person) -> dict[str, Any]:
    r = person.client.post("/me/mfa/setup")
    assert r.status_code == 200, r.text
    assert r.headers.get("Cache-Control") == "no-store"
    person.secret = r.json()["secret"]
    return dict(r.json())


def enrol(person: Person) -> Person:
    """Set-up and confirmation with the current step's code; the recovery codes kept."""
    set_up(person)
    person.confirmed_with = person.code()
    r = person.client.post("/me/mfa/confirm", json={"code": person.confirmed_with})
    assert r.status_code == 200, r.text
    assert r.headers.get("Cache-Control") == "no-store"
    person.recovery_codes = list(r.json()["recovery_codes"])
    return person


def early_in_a_step(margin: float = 6.0) -> None:
    """Waits (at most `margin` seconds) until a step has more than `margin` seconds left, so
    that a test's codes a step or two from now stay so until the server checks them."""
    left = STEP - time.time() % STEP
    if left < margin:
        time.sleep(left + 0.05)
