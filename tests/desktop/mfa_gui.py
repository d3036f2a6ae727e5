"""What the two-factor GUI tests share: staff users of their own on the module's real server,
two-factor turned on over HTTP, codes computed here with pyotp from the secret (as a phone's
authenticator app would), and signing in through the real sign-in dialog up to its code step.

A code is good once, for a time step after the last one used, and a step either side of now is
accepted: a test that signs in right after its enrolment (which spent now's step) types the next
step's code (`code(1)`), so no test waits for the clock.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

import pyotp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess

STEP = 30
ANSWER_MS = 15_000
_serial = itertools.count(1)


@dataclass
class Person:
    username: str
    password: str
    secret: str = ""
    recovery_codes: list[str] = field(default_factory=list)

    def code(self, steps_from_now: int = 0) -> str:
        assert self.secret, "two-factor is not on"
        return pyotp.TOTP(self.secret).at(time.time() + steps_from_now * STEP)

    def wrong_code(self) -> str:
        """Six digits that are no code of a step near now."""
        near = {self.code(n) for n in range(-3, 4)}
        return next(c for c in (f"{n:06d}" for n in range(1000, 10**6, 7919)) if c not in near)


def new_person(server: ServerProcess, stem: str, role: str = "agent") -> Person:
    """A staff user of Demo Partner made by its owner, with a password no list holds."""
    username = f"{stem}{next(_serial)}"
    password = f"Quartz-{username}-Lantern-4471"
    owner = ApiClient(server.url).login()
    made = owner.post(
        "/staff",
        json={
            "username": username,
            "display_name": f"Test {username}",
            "email": f"{username}@example.com",
            "role": role,
            "password": password,
        },
    )
    assert made.status_code == 201, made.text
    return Person(username, password)


def enable_mfa(server: ServerProcess, person: Person) -> Person:
    """Two-factor on over HTTP, as the set-up dialog would (it spends now's step)."""
    client = ApiClient(server.url).login(person.username, person.password)
    setup = client.post("/me/mfa/setup")
    assert setup.status_code == 200, setup.text
    person.secret = setup.json()["secret"]
    confirmed = client.post("/me/mfa/confirm", json={"code": person.code()})
    assert confirmed.status_code == 200, confirmed.text
    person.recovery_codes = confirmed.json()["recovery_codes"]
    client.post("/auth/logout")
    return person


class PartnerOwner:
    """An owner with two-factor of their own, signed in once: with `require_mfa` on, an owner
    without it could not turn it off again (every call but the set-up is refused)."""

    def __init__(self, server: ServerProcess) -> None:
        person = enable_mfa(server, new_person(server, "boss", role="owner"))
        first = ApiClient(server.url).post(
            "/auth/login", json={"username": person.username, "password": person.password}
        )
        assert first.status_code == 401, first.text
        token = first.json()["error"]["details"]["mfa_token"]
        self.client = ApiClient(server.url)
        answer = self.client.post("/auth/mfa", json={"mfa_token": token, "code": person.code(1)})
        assert answer.status_code == 200, answer.text
        self.client.http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def require_mfa(self, required: bool) -> None:
        answer = self.client.patch("/partner", json={"require_mfa": required})
        assert answer.status_code == 200, answer.text


def sign_in_to_code_step(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, person: Person, remember: bool = False
) -> None:
    """The password typed and sent: the dialog shows its second step, the code field focused.

    The app's first sign-in dialog, or the one a sign-out left open."""
    if harness.controller.login is None:
        harness.start()
    harness.fill_login(server.root, person.username, person.password, remember)
    login = harness.login
    qtbot.mouseClick(login.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: login.on_code_step and login.sign_in_button.isEnabled(), timeout=ANSWER_MS
    )


def code_field(harness: AppHarness) -> QLineEdit:
    field_ = harness.login.findChild(QLineEdit, "mfaCodeField")
    assert field_ is not None
    return field_


def code_error(harness: AppHarness) -> QLabel:
    label = harness.login.findChild(QLabel, "mfaCodeError")
    assert label is not None
    return label


def type_code(qtbot: QtBot, harness: AppHarness, code: str, *, enter: bool = False) -> None:
    """Typed into the focused code field as a person would; six digits send themselves."""
    field_ = code_field(harness)
    field_.setFocus()
    field_.selectAll()
    qtbot.keyClick(field_, Qt.Key.Key_Delete)
    qtbot.keyClicks(field_, code)
    if enter:
        qtbot.keyClick(field_, Qt.Key.Key_Return)


def wait_refused(qtbot: QtBot, harness: AppHarness) -> str:
    """The code step's message once the server said no, the field enabled again."""
    error = code_error(harness)
    qtbot.waitUntil(
        lambda: error.isVisible() and code_field(harness).isEnabled(), timeout=ANSWER_MS
    )
    return error.text()


def wait_signed_in(qtbot: QtBot, harness: AppHarness) -> None:
    qtbot.waitUntil(lambda: harness.controller.window is not None, timeout=ANSWER_MS)
    window = harness.window
    qtbot.waitUntil(lambda: not window.customers._loading, timeout=30_000)
