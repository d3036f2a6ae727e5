"""The Account dialog against the real server: two-factor set up with the keyboard alone (the code
computed from the secret the dialog shows, the QR code checked module by module), the recovery
codes shown once, copied and saved to the file the person chooses; turning it off with a code;
changing the password, its rules as typed and the server's refusals at the field, a wrong
current password keeping the session. Nothing secret is left in the settings or the log."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop import log_file
from desktop.api.client import PartnerApi
from desktop.api.records import Me
from desktop.log_file import AppLog
from desktop.tasks import TaskRunner
from desktop.ui.account.dialog import AccountDialog
from desktop.ui.account.qr import QUIET_ZONE
from desktop.ui.account.setup_dialog import MfaSetupDialog
from desktop.ui.account.turn_off import TurnOffDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.a11y_support import focused, press, tab_to
from tests.desktop.mfa_gui import ANSWER_MS, Person, new_person
from tests.desktop.operation_gui import save_grab, screenshot_path, unnamed_controls
from tests.desktop.test_accessible_names import _unnamed
from tests.support.gui import OFFLINE, AppHarness
from tests.support.server import ApiClient, ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    configured = log_file.configure(tmp_path / "logs", level=logging.DEBUG, console=False)
    yield configured
    configured.close()
    logging.getLogger().setLevel(logging.WARNING)


def open_account(qtbot: QtBot, window: MainWindow) -> AccountDialog:
    """Edit > Account…, as its menu entry does it."""
    window.findChild(QAction, "accountAction").trigger()
    dialog = window.account.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return dialog


def qr_modules(image: QImage) -> list[list[bool]]:
    """The QR code's modules as drawn, read back from the pixels: True is dark."""
    symbol = image.width()
    assert image.height() == symbol, "not square"
    count = _module_count(image)
    assert symbol % count == 0, f"{symbol} px is not a whole number of {count} modules"
    size = symbol // count
    return [
        [
            image.pixelColor(x * size + size // 2, y * size + size // 2).lightness() < 128
            for x in range(count)
        ]
        for y in range(count)
    ]


def _module_count(image: QImage) -> int:
    # The finder pattern's top row starts at the quiet zone: its run of dark pixels is 7 modules.
    y = next(y for y in range(image.height()) if _dark_run(image, y)[1] > 0)
    start, length = _dark_run(image, y)
    module = length // 7
    assert start == QUIET_ZONE * module, "the quiet zone is not four modules"
    return image.width() // module


def _dark_run(image: QImage, y: int) -> tuple[int, int]:
    xs = [x for x in range(image.width()) if image.pixelColor(x, y).lightness() < 128]
    if not xs:
        return 0, 0
    run = 1
    while xs[0] + run < image.width() and image.pixelColor(xs[0] + run, y).lightness() < 128:
        run += 1
    return xs[0], run


def test_two_factor_is_set_up_and_turned_off_with_the_keyboard_alone(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    app_log: AppLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = new_person(server, "setup")
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    account = open_account(qtbot, window)
    assert unnamed_controls(account) == [] and _unnamed(account) == []
    button = account.findChild(QPushButton, "mfaSetupButton")
    assert button.text() == "Set Up &Two-Factor…"
    tab_to(qtbot, "mfaSetupButton")
    press(qtbot, Qt.Key.Key_Space)

    setup = account.findChild(MfaSetupDialog)
    assert setup is not None
    secret_field = setup.findChild(QLineEdit, "mfaSecret")
    qtbot.waitUntil(lambda: bool(secret_field.text()), timeout=ANSWER_MS)
    assert focused().objectName() == "mfaCode"
    assert unnamed_controls(setup) == []
    shown = secret_field.text()
    assert all(len(group) == 4 for group in shown.split(" ")[:-1]), shown
    person.secret = shown.replace(" ", "")

    # The QR code is the otpauth URI of the secret shown, drawn module for module.
    qr = setup.findChild(QLabel, "mfaQr")
    drawn = qr_modules(qr.pixmap().toImage())
    uri = pyotp.TOTP(person.secret).provisioning_uri(
        name=person.username, issuer_name="Partner Desk"
    )
    expected = segno.make(uri, error="m", micro=False)
    assert drawn == [[bool(m) for m in row] for row in expected.matrix_iter(border=QUIET_ZONE)]
    save_grab(setup, screenshot_path(tmp_path, "mfa-setup.png"))

    # A wrong code is refused at the field; the right one, computed from the secret, turns it on.
    qtbot.keyClicks(focused(), person.wrong_code())
    press(qtbot, Qt.Key.Key_Return)
    error = setup.findChild(QLabel, "mfaSetupError")
    qtbot.waitUntil(lambda: error.isVisible() and setup.code.isEnabled(), timeout=ANSWER_MS)
    assert "not right" in error.text() and focused() is setup.code
    assert setup.code.selectedText() == setup.code.text()
    qtbot.keyClicks(focused(), person.code())
    press(qtbot, Qt.Key.Key_Return)
    codes = setup.findChild(QPlainTextEdit, "recoveryCodes")
    qtbot.waitUntil(lambda: bool(codes.toPlainText()), timeout=ANSWER_MS)
    person.recovery_codes = codes.toPlainText().split("\n")
    assert len(person.recovery_codes) == 10
    assert "will not be shown again" in setup.findChild(QLabel, "recoveryCodesOnce").text()
    assert setup._setup is None and secret_field.text() == ""  # the secret is gone already
    assert _unnamed(setup) == []
    save_grab(setup, screenshot_path(tmp_path, "mfa-recovery-codes.png"))

    # Save as… writes the plain text file the person chose; Copy, the clipboard.
    target = tmp_path / "my codes.txt"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    tab_to(qtbot, "saveRecoveryCodesButton")
    press(qtbot, Qt.Key.Key_Space)
    saved = target.read_text(encoding="utf-8")
    assert all(code in saved.splitlines() for code in person.recovery_codes)
    assert person.username in saved
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    tab_to(qtbot, "copyRecoveryCodesButton")
    press(qtbot, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text().split() == person.recovery_codes
    QGuiApplication.clipboard().clear()

    with qtbot.waitSignal(setup.accepted, timeout=5_000):
        press(qtbot, Qt.Key.Key_Return)  # Done is the default, wherever the focus is
    qtbot.waitUntil(lambda: "Turn" in button.text(), timeout=ANSWER_MS)
    qtbot.waitUntil(
        lambda: window.permissions.me is not None and window.permissions.me.mfa_enabled,
        timeout=ANSWER_MS,
    )
    status = account.findChild(QLabel, "mfaStatus").text()
    assert status.startswith("<b>On.</b>")
    login = ApiClient(server.url).post(
        "/auth/login", json={"username": person.username, "password": person.password}
    )
    assert login.json()["error"]["code"] == "mfa_required"

    # Turning it off asks for a code: a wrong one is refused, a recovery code does it.
    tab_to(qtbot, "mfaSetupButton")
    press(qtbot, Qt.Key.Key_Space)
    turn_off = account.findChild(TurnOffDialog)
    assert turn_off is not None and unnamed_controls(turn_off) == []
    qtbot.waitUntil(lambda: focused().objectName() == "mfaOffCode", timeout=5_000)
    qtbot.keyClicks(focused(), person.wrong_code())
    press(qtbot, Qt.Key.Key_Return)
    off_error = turn_off.findChild(QLabel, "mfaOffError")
    qtbot.waitUntil(lambda: off_error.isVisible() and turn_off.code.isEnabled(), timeout=ANSWER_MS)
    turn_off.code.selectAll()
    qtbot.keyClicks(focused(), person.recovery_codes[3])
    with qtbot.waitSignal(turn_off.accepted, timeout=ANSWER_MS):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: button.text() == "Set Up &Two-Factor…", timeout=ANSWER_MS)
    assert ApiClient(server.url).login(person.username, person.password).token

    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = app_log.path.read_text(encoding="utf-8")
    settings = Path(harness.settings.file_name).read_text(encoding="utf-8")
    assert "/me/mfa/confirm" in logged
    for secret in (person.secret, *person.recovery_codes, person.password):
        assert secret not in logged and secret not in settings, secret[:4]


def test_a_wrong_current_password_is_shown_at_the_field_and_the_session_goes_on(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    person = new_person(server, "forgetful")
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    account = open_account(qtbot, window)
    form = account.password_form
    qtbot.keyClicks(form.current, "Not-My-Password-0000")
    qtbot.keyClicks(form.new, "Brand-New-Harbour-5521")
    qtbot.keyClicks(form.repeat, "Brand-New-Harbour-5521")
    press(qtbot, Qt.Key.Key_Return)
    error = account.findChild(QLabel, "currentPasswordError")
    qtbot.waitUntil(lambda: error.isVisible() and form.current.isEnabled(), timeout=ANSWER_MS)
    assert error.text() == "That is not your current password."
    assert focused() is form.current and form.current.selectedText() == form.current.text()
    # Still signed in: the same token works, no sign-in dialog came.
    assert harness.controller.window is window and harness.controller.login is None
    assert window.session.api.me().username == person.username
    assert ApiClient(server.url).login(person.username, person.password).token


def test_password_rules_as_typed_a_common_one_refused_and_a_change_ends_other_sessions(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    person = new_person(server, "changer")
    other = ApiClient(server.url).login(person.username, person.password)
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    account = open_account(qtbot, window)
    form = account.password_form
    rules = account.findChild(QLabel, "passwordRules")
    qtbot.keyClicks(form.current, person.password)
    qtbot.keyClicks(form.new, "short")
    assert "At least 12 characters" in rules.text() and not form.button.isEnabled()
    qtbot.keyClicks(form.new, "-but-now-long")
    qtbot.keyClicks(form.repeat, "short-but-now")
    assert "do not match" in rules.text() and not form.button.isEnabled()
    qtbot.keyClicks(form.repeat, "-long")
    assert rules.text().startswith("✓") and form.button.isEnabled()

    # Long enough and matching, but common: the server's refusal at the new password.
    for edit in (form.new, form.repeat):
        edit.selectAll()
        qtbot.keyClicks(edit, "Password2024!")
    press(qtbot, Qt.Key.Key_Return)
    new_error = account.findChild(QLabel, "newPasswordError")
    qtbot.waitUntil(lambda: new_error.isVisible() and form.new.isEnabled(), timeout=ANSWER_MS)
    assert "common" in new_error.text()

    new_password = "Copper-Meadow-Violin-3390"
    for edit in (form.new, form.repeat):
        edit.selectAll()
        qtbot.keyClicks(edit, new_password)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    outcome = account.findChild(QLabel, "passwordOutcome")
    qtbot.waitUntil(outcome.isVisible, timeout=ANSWER_MS)
    assert "other sessions were signed out" in outcome.text()
    assert form.current.text() == form.new.text() == form.repeat.text() == ""
    assert other.get("/me").status_code == 401  # the other session ended
    assert window.session.api.me().username == person.username  # this one goes on
    assert ApiClient(server.url).login(person.username, new_password).token


def test_the_user_name_in_the_status_bar_opens_the_account_dialog(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root)
    label = window.findChild(QLabel, "statusUser")
    assert label.text().startswith("Signed in as") and "account" in label.toolTip().lower()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    dialog = window.account.dialog
    assert dialog is not None and dialog.isVisible()
    assert "demo" in dialog.findChild(QLabel, "accountWho").text()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)  # one dialog, brought forward
    assert window.findChildren(AccountDialog) == [dialog]
    dialog.reject()


def test_with_a_team_that_requires_two_factor_it_cannot_be_turned_off(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    me = Me.model_validate_json(
        json.dumps(
            {
                "username": "ana",
                "role": "agent",
                "display_name": "Ana Kovač",
                "permissions": ["customers.read"],
                "mfa_enabled": True,
                "partner": {"id": "p_1", "name": "Demo Partner", "require_mfa": True},
            }
        )
    )
    api = PartnerApi(OFFLINE)  # nothing is sent: the dialog shows what /me said
    try:
        dialog = AccountDialog(api, runner, me, "ana")
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "mfaSetupButton")
        assert button.text() == "Turn &Off Two-Factor…" and not button.isEnabled()
        assert "requires two-factor" in button.toolTip()
        assert dialog.findChild(QLabel, "mfaNote").text().startswith("Your partner requires")
        assert "Ana Kovač" in dialog.findChild(QLabel, "accountWho").text()
        assert _unnamed(dialog) == []
    finally:
        api.close()


def test_in_croatian_the_account_dialog_speaks_croatian(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, croatian: None
) -> None:
    person: Person = new_person(server, "hrvatica")
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    account = open_account(qtbot, window)
    assert account.windowTitle() == "Račun"
    assert (
        account.findChild(QPushButton, "mfaSetupButton").text() == "Postavi prijavu u &dva koraka…"
    )
