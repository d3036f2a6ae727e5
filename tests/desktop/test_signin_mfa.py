"""Signing in with two-factor, through the real sign-in dialog against the real server: the code
step after the password, a wrong code refused at the field, the right one signing in, a replayed
code refused, a recovery code working once, Back, the 429 countdown, signing in again after the
session expired, and a partner that requires two-factor taking a new user to the set-up first.
Afterwards neither the settings nor the log holds a code, the secret or the mfa_token."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
import requests
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop import log_file
from desktop.log_file import AppLog, redact
from desktop.ui.account.setup_dialog import MfaSetupDialog
from desktop.ui.signin.reauth import ReauthDialog
from tests.desktop.a11y_support import focused, press, tab_to
from tests.desktop.mfa_gui import (
    ANSWER_MS,
    PartnerOwner,
    Person,
    code_field,
    enable_mfa,
    new_person,
    sign_in_to_code_step,
    type_code,
    wait_refused,
    wait_signed_in,
)
from tests.desktop.operation_gui import save_grab, screenshot_path, unnamed_controls
from tests.desktop.test_accessible_names import _unnamed
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture(scope="module")
def owner(server: ServerProcess) -> PartnerOwner:
    return PartnerOwner(server)


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    configured = log_file.configure(tmp_path / "logs", level=logging.DEBUG, console=False)
    yield configured
    configured.close()
    logging.getLogger().setLevel(logging.WARNING)


def _held(secrets: list[str], *files: Path) -> list[str]:
    """ "secret in file" for each secret found in any of the files (plain or without dashes)."""
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        for secret in secrets:
            if secret and (secret in text or secret.replace("-", "") in text):
                found.append(f"{secret[:4]}… in {path.name}")
    return found


def test_the_code_step_refuses_a_wrong_or_replayed_code_and_takes_a_recovery_code_once(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, app_log: AppLog, tmp_path: Path
) -> None:
    person = enable_mfa(server, new_person(server, "codes"))
    sign_in_to_code_step(qtbot, harness, server, person, remember=True)
    login = harness.login
    assert code_field(harness).hasFocus()
    assert unnamed_controls(login) == [] and _unnamed(login) == []
    token = login._challenge.mfa_token if login._challenge else ""
    assert token
    save_grab(login, screenshot_path(tmp_path, "signin-code.png"))

    # A wrong code: refused at the field, the field selected for the next try.
    wrong = person.wrong_code()
    type_code(qtbot, harness, wrong)  # six digits send themselves
    message = wait_refused(qtbot, harness)
    assert "code" in message.lower()
    assert code_field(harness).selectedText() == wrong and code_field(harness).hasFocus()
    assert harness.controller.window is None

    # The right one (the next step's: enrolment spent now's), with Enter as well.
    right = person.code(1)
    type_code(qtbot, harness, right, enter=True)
    wait_signed_in(qtbot, harness)
    assert harness.window.session.username == person.username
    # Remember me kept the password, as always; nothing of the second factor.
    assert list(harness.credentials._backend.secrets.values()) == [person.password]  # type: ignore[union-attr]

    # The same code again: refused, it was used.
    harness.controller.sign_out()
    sign_in_to_code_step(qtbot, harness, server, person)
    type_code(qtbot, harness, right)
    assert "used" in wait_refused(qtbot, harness).lower()

    # A recovery code, by the keyboard: the link switches the field, Enter sends it.
    tab_to(qtbot, "useRecoveryCodeButton")
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is code_field(harness)
    qtbot.keyClicks(code_field(harness), person.recovery_codes[0])
    assert code_field(harness).text() == person.recovery_codes[0]  # letters and the dash taken
    press(qtbot, Qt.Key.Key_Return)
    wait_signed_in(qtbot, harness)

    # ... once.
    harness.controller.sign_out()
    sign_in_to_code_step(qtbot, harness, server, person)
    harness.login.code_step.toggle_kind()
    type_code(qtbot, harness, person.recovery_codes[0], enter=True)
    wait_refused(qtbot, harness)

    # Back: the password step again, the token dropped.
    tab_to(qtbot, "backToPasswordButton")
    press(qtbot, Qt.Key.Key_Space)
    login = harness.login
    assert not login.on_code_step and login._challenge is None
    assert focused() is login.password and code_field(harness).text() == ""

    for handler in logging.getLogger().handlers:
        handler.flush()
    secrets = [person.secret, token, wrong, right, *person.recovery_codes, person.password]
    settings_file = Path(harness.settings.file_name)
    assert settings_file.exists()
    assert _held(secrets, settings_file, app_log.path) == []
    assert "POST /api/v1/auth/mfa" in app_log.path.read_text(encoding="utf-8")


def test_too_many_wrong_codes_count_down_before_the_next_try(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    person = enable_mfa(server, new_person(server, "guesser"))
    sign_in_to_code_step(qtbot, harness, server, person)
    login = harness.login
    for _ in range(5):
        type_code(qtbot, harness, person.wrong_code())
        wait_refused(qtbot, harness)
    type_code(qtbot, harness, person.wrong_code())
    message = wait_refused(qtbot, harness)
    assert "too many" in message.lower()
    assert not login.sign_in_button.isEnabled()
    assert login.sign_in_button.text().startswith("Try again in ")
    # Six digits typed meanwhile send nothing: the button is waiting.
    type_code(qtbot, harness, person.code(1))
    assert login.on_code_step and harness.controller.window is None


def test_a_sign_in_whose_token_was_spent_goes_back_to_the_password(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    person = enable_mfa(server, new_person(server, "slow"))
    sign_in_to_code_step(qtbot, harness, server, person)
    login = harness.login
    assert login._challenge is not None
    # The token is good once: spent elsewhere (as five minutes gone would make it), it is refused.
    spent = ApiClient(server.url).post(
        "/auth/mfa", json={"mfa_token": login._challenge.mfa_token, "code": person.code(1)}
    )
    assert spent.status_code == 200, spent.text
    type_code(qtbot, harness, person.wrong_code())
    error = login.findChild(QLabel, "signInError")
    qtbot.waitUntil(lambda: error.isVisible() and login.password.isEnabled(), timeout=ANSWER_MS)
    assert error.text() == "This sign-in took too long. Enter your password again."
    assert not login.on_code_step and login._challenge is None
    assert focused() is login.password and login.password.text() == person.password
    # Enter signs in again from here: a new token, and the code step.
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.on_code_step and login._challenge is not None, timeout=ANSWER_MS)


def test_an_expired_session_asks_for_the_password_and_then_the_code(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    person = enable_mfa(server, new_person(server, "expiry"))
    sign_in_to_code_step(qtbot, harness, server, person)
    harness.login.code_step.toggle_kind()
    type_code(qtbot, harness, person.recovery_codes[0], enter=True)
    wait_signed_in(qtbot, harness)
    window = harness.window
    old_token = window.session.api.token
    revoked = requests.post(
        f"{server.url}/auth/logout", headers={"Authorization": f"Bearer {old_token}"}, timeout=10
    )
    assert revoked.status_code == 204
    steps: list[str] = []

    def answer() -> None:
        reauth = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, ReauthDialog)), None
        )
        if reauth is None or not reauth.isVisible():
            QTimer.singleShot(50, answer)
            return
        if not steps:
            steps.append("password")
            reauth.findChild(QLineEdit, "reauthPassword").setText(person.password)
            reauth.findChild(QPushButton, "reauthSignInButton").click()
            QTimer.singleShot(50, answer)
        elif reauth.code_step.isVisible() and reauth.ok.isEnabled() and len(steps) == 1:
            steps.append("code")
            assert reauth.code_step.field.hasFocus()
            reauth.code_step.field.setText(person.code(1))
            reauth.findChild(QPushButton, "reauthSignInButton").click()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    window.customers.refresh()  # the first call with the dead token asks to sign in again
    qtbot.waitUntil(lambda: steps == ["password", "code"], timeout=ANSWER_MS)
    qtbot.waitUntil(
        lambda: window.session.api.token not in (None, old_token) and not window.customers._loading,
        timeout=ANSWER_MS,
    )
    assert window.customers.model.rowCount() > 0


def _required_setup(qtbot: QtBot, harness: AppHarness, server: ServerProcess, person: Person):
    harness.start()
    harness.fill_login(server.root, person.username, person.password)
    qtbot.mouseClick(harness.login.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: harness.login.findChild(MfaSetupDialog) is not None, timeout=ANSWER_MS)
    setup = harness.login.findChild(MfaSetupDialog)
    qtbot.waitUntil(lambda: bool(setup.secret.text()), timeout=ANSWER_MS)
    return setup


def test_a_partner_that_requires_two_factor_takes_a_new_user_to_the_set_up_first(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, owner: PartnerOwner
) -> None:
    person = new_person(server, "newcomer")
    owner.require_mfa(True)
    try:
        setup = _required_setup(qtbot, harness, server, person)
        # Locked: no main window yet (its calls would be refused), and Esc does not sign out.
        assert harness.controller.window is None
        assert setup.isVisible() and setup.findChild(QPushButton, "mfaSignOutButton").isVisible()
        press(qtbot, Qt.Key.Key_Escape)
        assert setup.isVisible()
        person.secret = setup.secret.text().replace(" ", "")
        qtbot.keyClicks(focused(), person.code())
        press(qtbot, Qt.Key.Key_Return)
        codes = setup.findChild(QPlainTextEdit, "recoveryCodes")
        qtbot.waitUntil(lambda: bool(codes.toPlainText()), timeout=ANSWER_MS)
        done = setup.findChild(QPushButton, "mfaSetupDoneButton")
        assert done.text() == "Continue" and done.isDefault()
        press(qtbot, Qt.Key.Key_Return)
        wait_signed_in(qtbot, harness)
        me = harness.window.session.me
        assert me is not None and me.mfa_enabled
        assert not harness.window.session.mfa_setup_required
        # The window's calls work: two-factor is on for this session.
        assert harness.window.customers.model.rowCount() > 0
        client = ApiClient(server.url)
        answer = client.post(
            "/auth/login", json={"username": person.username, "password": person.password}
        )
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "mfa_required"
    finally:
        owner.require_mfa(False)


def test_signing_out_of_a_required_set_up_goes_back_to_the_password(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, owner: PartnerOwner
) -> None:
    person = new_person(server, "leaver")
    owner.require_mfa(True)
    try:
        setup = _required_setup(qtbot, harness, server, person)
        qtbot.mouseClick(
            setup.findChild(QPushButton, "mfaSignOutButton"), Qt.MouseButton.LeftButton
        )
        login = harness.login
        error = login.findChild(QLabel, "signInError")
        qtbot.waitUntil(lambda: error.isVisible(), timeout=ANSWER_MS)
        assert "two-factor" in error.text().lower()
        assert harness.controller.window is None and not login.on_code_step
        assert login.sign_in_button.isEnabled() and login.password.text() == ""
    finally:
        owner.require_mfa(False)


def test_two_factor_required_while_working_brings_the_set_up_to_the_person(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, owner: PartnerOwner
) -> None:
    from desktop.ui.account.setup_dialog import MfaSetupDialog

    person = new_person(server, "worker")
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    owner.require_mfa(True)
    try:
        window.customers.refresh()  # refused now: 403 mfa_setup_required
        qtbot.waitUntil(lambda: window.account.dialog is not None, timeout=ANSWER_MS)
        account = window.account.dialog
        assert account is not None
        qtbot.waitUntil(lambda: account.findChild(MfaSetupDialog) is not None, timeout=ANSWER_MS)
        setup = account.findChild(MfaSetupDialog)
        qtbot.waitUntil(lambda: bool(setup.secret.text()), timeout=ANSWER_MS)
        person.secret = setup.secret.text().replace(" ", "")
        # A second refusal while the set-up is open opens nothing more.
        window.customers.refresh()
        qtbot.wait(300)
        assert len(account.findChildren(MfaSetupDialog)) == 1
        setup.reject()
    finally:
        owner.require_mfa(False)


def test_in_croatian_the_code_step_speaks_croatian(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, croatian: None
) -> None:
    person = enable_mfa(server, new_person(server, "hrvoje"))
    sign_in_to_code_step(qtbot, harness, server, person)
    step = harness.login.code_step
    assert step.switch_kind.text() == "Upotrijebi kôd za oporavak"
    assert harness.login.sign_in_button.text() == "Potvrdi"
    type_code(qtbot, harness, person.wrong_code())
    assert wait_refused(qtbot, harness) == "Taj kôd nije točan. Pokušajte ponovno."


def test_the_log_takes_out_codes_tokens_and_the_otpauth_secret() -> None:
    secret = pyotp.random_base32(32)
    uri = pyotp.TOTP(secret).provisioning_uri(name="ana", issuer_name="Partner Desk")
    lines = [
        '{"mfa_token": "mt_ABCdef123", "code": "123456"}',
        f"set-up answered {{'secret': '{secret}', 'otpauth_uri': '{uri}'}}",
        "{'recovery_codes': ['abcde-fghjk', 'mnpqr-stuvw']}",
        'POST /me/password {"current_password": "Old-Pass-1234", "new_password": "New-9876"}',
        "code: zyxwv-utsrq",
    ]
    cleaned = "\n".join(redact(line) for line in lines)
    for secret_text in (
        "mt_ABCdef123",
        "123456",
        secret,
        "abcde-fghjk",
        "mnpqr-stuvw",
        "Old-Pass",
        "New-9876",
        "zyxwv",
    ):
        assert secret_text not in cleaned, secret_text
    assert redact("code=invalid_code") == "code=invalid_code"  # an error code stays readable
