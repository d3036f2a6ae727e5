"""Enter signs in, also after a wrong password: Quit (or Cancel) never becomes the default.

Every QPushButton in a QDialog is "auto default": whichever has the focus becomes the default
button, which Enter presses. While a sign-in runs its fields are disabled and the focus falls
to the next button, Quit; a person who then types the right password and presses Enter quit
the app. Driven against the real server.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.app import api_factory
from desktop.credentials import CredentialStore
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.signin.dialog import LoginDialog
from desktop.ui.signin.reauth import ReauthDialog
from tests.desktop.customer_dialog_support import OFFSCREEN_NOISE
from tests.support.gui import MemoryKeyring
from tests.support.server import ServerProcess

pytestmark = OFFSCREEN_NOISE
ANSWER_MS = 15_000


@pytest.fixture
def dialog(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, runner: TaskRunner
) -> Iterator[LoginDialog]:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    login = LoginDialog(
        api_factory(argparse.Namespace(), settings),
        runner,
        CredentialStore(MemoryKeyring()),
        settings,
    )
    qtbot.addWidget(login)
    login.server.setText(server.root)
    login.username.setText("demo")
    login.show()
    qtbot.waitExposed(login)
    login.activateWindow()
    yield login
    if login.result_session is not None:
        login.result_session.api.close()


def default_buttons(dialog: QDialog) -> list[str]:
    return [b.objectName() for b in dialog.findChildren(QPushButton) if b.isDefault()]


def type_password(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def sign_in_wrongly(qtbot: QtBot, dialog: LoginDialog) -> None:
    type_password(qtbot, dialog.password, "not the password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "signInError")
    qtbot.waitUntil(lambda: error.isVisible() and dialog.password.isEnabled(), timeout=ANSWER_MS)
    assert error.text() == "Wrong user name or password."


def test_enter_after_a_wrong_password_signs_in_and_does_not_quit(
    qtbot: QtBot, dialog: LoginDialog
) -> None:
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    sign_in_wrongly(qtbot, dialog)
    type_password(qtbot, dialog.password, "demo")
    with qtbot.waitSignal(dialog.signed_in, timeout=ANSWER_MS):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert rejected == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_session is not None and dialog.result_session.username == "demo"


def test_after_the_error_only_sign_in_is_the_default_wherever_the_focus_goes(
    qtbot: QtBot, dialog: LoginDialog
) -> None:
    sign_in_wrongly(qtbot, dialog)
    assert default_buttons(dialog) == ["signInButton"]
    quit_button = dialog.findChild(QPushButton, "quitButton")
    assert not quit_button.autoDefault()
    # Even with the focus on Quit, Enter is not Quit's (Space still is, as for any button).
    quit_button.setFocus()
    assert default_buttons(dialog) == ["signInButton"]
    for button in dialog.findChildren(QPushButton):
        if button is not dialog.sign_in_button:
            assert not button.autoDefault(), button.objectName()


def test_the_session_expired_dialog_keeps_sign_in_the_default(
    qtbot: QtBot, server: ServerProcess, runner: TaskRunner
) -> None:
    api = PartnerApi(server.url)
    try:
        reauth = ReauthDialog(api, runner, "demo")
        qtbot.addWidget(reauth)
        reauth.show()
        qtbot.waitExposed(reauth)
        password = reauth.findChild(QLineEdit, "reauthPassword")
        type_password(qtbot, password, "wrong")
        qtbot.keyClick(password, Qt.Key.Key_Return)
        error = reauth.findChild(QLabel, "reauthError")
        qtbot.waitUntil(lambda: error.isVisible() and reauth.ok.isEnabled(), timeout=ANSWER_MS)
        reauth.findChild(QPushButton, "reauthCancelButton").setFocus()
        assert default_buttons(reauth) == ["reauthSignInButton"]
        type_password(qtbot, password, "demo")
        with qtbot.waitSignal(reauth.accepted, timeout=ANSWER_MS):
            qtbot.keyClick(password, Qt.Key.Key_Return)
    finally:
        api.close()


def test_in_croatian_enter_after_a_wrong_password_signs_in(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, runner: TaskRunner, croatian: None
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    login = LoginDialog(
        api_factory(argparse.Namespace(), settings),
        runner,
        CredentialStore(MemoryKeyring()),
        settings,
    )
    qtbot.addWidget(login)
    login.server.setText(server.root)
    login.username.setText("demo")
    login.show()
    qtbot.waitExposed(login)
    assert login.findChild(QPushButton, "quitButton").text() != "Quit"  # Croatian is loaded
    type_password(qtbot, login.password, "krivo")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    error = login.findChild(QLabel, "signInError")
    qtbot.waitUntil(lambda: error.isVisible() and login.password.isEnabled(), timeout=ANSWER_MS)
    assert default_buttons(login) == ["signInButton"]
    type_password(qtbot, login.password, "demo")
    with qtbot.waitSignal(login.signed_in, timeout=ANSWER_MS):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.result_session is not None
    login.result_session.api.close()
