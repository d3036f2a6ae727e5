"""The whole app, signed in against a real server, for GUI tests; or its main window alone.

`AppHarness` is the app as a person starts it (tests/desktop/conftest.py hands one to a test
as `harness`, and `window` signed in on the module's server); `offline_window` is the main
window built for a session that never sends a thing, for tests of its looks and words.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.app import AppController, api_factory
from desktop.credentials import CredentialStore
from desktop.demo import DemoServer
from desktop.session import ApiFactory, SignedIn
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.signin.dialog import LoginDialog


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process: a stand-in for the system's password manager."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class AppHarness:
    def __init__(
        self,
        tmp_path: Path,
        keyring: KeyringBackend | None = None,
        factory: ApiFactory | None = None,
        *,
        demo: DemoServer | None = None,
    ) -> None:
        self.qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.settings = AppSettings(self.qsettings)
        self.runner = TaskRunner()
        self.credentials = CredentialStore(keyring)
        self.controller = AppController(
            # A test's own factory sets what the app's cannot: short timeouts and retries.
            factory or api_factory(argparse.Namespace(), self.settings),
            self.runner,
            self.credentials,
            self.settings,
            # As `partner-desk --demo` runs: signed in by itself on the demo server.
            demo.url if demo is not None else None,
            demo=demo,
        )

    @property
    def login(self) -> LoginDialog:
        assert self.controller.login is not None
        return self.controller.login

    @property
    def window(self) -> MainWindow:
        assert self.controller.window is not None
        return self.controller.window

    def start(self) -> LoginDialog:
        self.controller.start()
        return self.login

    def fill_login(self, server: str, username: str, password: str, remember: bool = False) -> None:
        dialog = self.login
        dialog.findChild(QLineEdit, "serverUrl").setText(server)
        dialog.findChild(QLineEdit, "username").setText(username)
        dialog.findChild(QLineEdit, "password").setText(password)
        dialog.remember.setChecked(remember)

    def sign_in(
        self,
        qtbot: QtBot,
        server: str,
        username: str = "demo",
        password: str = "demo",
        remember: bool = False,
        *,
        on_customers: bool = True,
    ) -> MainWindow:
        """Signed in, the list loaded; on My Customers unless on_customers=False.

        The app opens on Overview; most tests work in the customer list, whose table must be
        visible for its keys and scrolling to work as a person's would.
        """
        self.start()
        self.fill_login(server, username, password, remember)
        qtbot.mouseClick(self.login.findChild(QPushButton, "signInButton"), _left())
        qtbot.waitUntil(lambda: self.controller.window is not None, timeout=15_000)
        window = self.window
        qtbot.waitUntil(lambda: not window.customers._loading, timeout=30_000)
        if on_customers:
            window.show_page(window.customers)
        return window

    def close(self) -> None:
        if self.controller.window is not None:
            # Stop following operations first: the window then closes without asking, and no
            # watch is left polling a server the test is about to stop.
            self.controller.window.operations.shutdown()
            self.controller.window.close()
            self.controller.window.deleteLater()
        if self.controller.login is not None:
            self.controller.login.close()
            self.controller.login.deleteLater()
        self.runner.drain(10_000)
        QApplication.processEvents()
        # deleteLater's events wait for an event loop that a test may never run again: the
        # windows would stay alive to the end of the run.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


OFFLINE = "http://127.0.0.1:9"  # the discard port: nothing listens, and nothing is sent


def offline_window(
    qtbot: QtBot, settings: AppSettings, runner: TaskRunner | None = None
) -> MainWindow:
    """The main window of a signed-in session, built but never started: it sends nothing."""
    api = PartnerApi(OFFLINE)
    session = SignedIn(api, OFFLINE, "demo", "Demo Partner", "")
    window = MainWindow(session, runner or TaskRunner(), settings)
    qtbot.addWidget(window)
    return window


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
