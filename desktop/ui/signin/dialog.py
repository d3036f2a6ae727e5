"""Sign in: server, user name, password, and whether to keep the password in the keyring."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.api.errors import TooManyAttemptsError
from desktop.credentials import CredentialStore
from desktop.session import ApiFactory, SignedIn, sign_in
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.failure_words import error_message
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style


class LoginDialog(QDialog):
    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        factory: ApiFactory,
        runner: TaskRunner,
        credentials: CredentialStore,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self._runner = runner
        self._credentials = credentials
        self._settings = settings
        self._auto = False
        self._retry_timer = QTimer(self, interval=1000)
        self._retry_timer.timeout.connect(self._tick_retry)
        self._retry_left = 0
        self.result_session: SignedIn | None = None
        named(self, "loginDialog", self.tr("Sign in to Partner Desk"))
        self.setWindowTitle(self.tr("Sign in — {app}").format(app=APP_NAME))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("<h2>Sign in</h2>Use your Partner Control Panel account."))
        form = self._build_fields(settings, credentials)
        self.keyring_note = named(
            muted(credentials.where), "keyringNote", self.tr("Password storage")
        )
        self.error = named(QLabel(), "signInError", self.tr("Sign-in problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(tone_style("error"))
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self._build_buttons())
        for edit in (self.server, self.username):
            edit.editingFinished.connect(self._fill_saved_password)
        self._fill_saved_password()
        (self.password if self.username.text() else self.username).setFocus()

    def _build_fields(self, settings: AppSettings, credentials: CredentialStore) -> QFormLayout:
        self.server = named(QLineEdit(settings.last_server), "serverUrl", self.tr("Server address"))
        self.server.setPlaceholderText("https://partner.example.com")
        self.username = named(QLineEdit(settings.last_username), "username", self.tr("User name"))
        self.password = named(QLineEdit(), "password", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = named(
            QCheckBox(self.tr("Remember me on this computer")), "rememberMe", self.tr("Remember me")
        )
        self.remember.setChecked(settings.remember_me and credentials.backend_available)
        self.remember.setEnabled(credentials.backend_available)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        return form

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.sign_in_button = named(
            QPushButton(self.tr("Sign In")), "signInButton", self.tr("Sign in")
        )
        self.sign_in_button.setDefault(True)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = named(QPushButton(self.tr("Quit")), "quitButton", self.tr("Quit"))
        # Every button of a dialog is "auto default": the one with the focus takes Enter. While
        # a sign-in runs the fields are disabled and the focus falls to Quit, so Enter after a
        # wrong password quit the app. Enter is Sign In's alone.
        quit_button.setAutoDefault(False)
        buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.submit)
        quit_button.clicked.connect(self.reject)
        return buttons

    def start_automatic(self, server: str, username: str, password: str) -> None:
        """Demo mode: sign in at once, and leave the keyring alone."""
        self._auto = True
        self.server.setText(server)
        self.username.setText(username)
        self.password.setText(password)
        self.remember.setChecked(False)
        self.remember.setEnabled(False)
        self.keyring_note.setText(self.tr("Demo mode: nothing is saved."))
        QTimer.singleShot(0, self.submit)

    @Slot()
    def _fill_saved_password(self) -> None:
        if self.password.text() or not self.server.text() or not self.username.text():
            return
        saved = self._credentials.load(self.server.text().strip(), self.username.text().strip())
        if saved:
            self.password.setText(saved)
            self.remember.setChecked(True)

    def _problem(self) -> str | None:
        if not self.server.text().strip():
            return self.tr("Enter the server address.")
        if not self.username.text().strip():
            return self.tr("Enter your user name.")
        if not self.password.text():
            return self.tr("Enter your password.")
        return None

    @Slot()
    def submit(self) -> None:
        problem = self._problem()
        if problem:
            self._show_error(problem)
            return
        self._set_busy(True)
        self._runner.submit(
            sign_in,
            self._factory,
            self.server.text().strip(),
            self.username.text().strip(),
            self.password.text(),
            success=self._on_signed_in,
            failure=self._on_failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.remember.setEnabled(
            not busy and not self._auto and self._credentials.backend_available
        )
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign In"))
        if busy:
            self.error.hide()

    @Slot(object)
    def _on_signed_in(self, session: SignedIn) -> None:
        self._set_busy(False)
        kept = self.tr("Demo session")
        if not self._auto:
            remember = self.remember.isChecked()
            self._credentials.save(
                session.server_url, session.username, self.password.text(), remember
            )
            kept = self._credentials.where if remember else self.tr("Password kept in memory only")
            self._settings.last_server = session.server_url
            self._settings.last_username = session.username
            self._settings.remember_me = remember
        self.password.clear()
        self.result_session = dataclasses.replace(session, secret_kept=kept)
        self.signed_in.emit(self.result_session)
        self.accept()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self._show_error(error_message(error))
        if isinstance(error, TooManyAttemptsError):
            self._retry_left = max(1, error.retry_after)
            self.sign_in_button.setEnabled(False)
            self._retry_timer.start()
            self._tick_retry()
        self.password.setFocus()
        self.password.selectAll()

    @Slot()
    def _tick_retry(self) -> None:
        if self._retry_left <= 0:
            self._retry_timer.stop()
            self.sign_in_button.setEnabled(True)
            self.sign_in_button.setText(self.tr("Sign In"))
            return
        self.sign_in_button.setText(self.tr("Try again in {n} s").format(n=self._retry_left))
        self._retry_left -= 1

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.error.setAccessibleDescription(message)
