"""Sign in: server, user name, password, and whether to keep the password in the keyring; then,
for an account with two-factor, a second step in the same dialog asking for the code.

The mfa_token the server hands over after the right password lives in `_challenge` only, until
the code step ends (signed in, Back, or the dialog closing); neither it nor the code is stored
or logged. A partner that requires two-factor takes a user without it to the set-up first.
"""

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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.api.errors import (
    InvalidCredentialsError,
    MfaRequiredError,
    SessionExpiredError,
    TooManyAttemptsError,
)
from desktop.credentials import CredentialStore
from desktop.session import ApiFactory, SignedIn, sign_in, sign_in_with_code
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.failure_words import error_message
from desktop.ui.signin.code_step import CodeStep
from desktop.ui.signin.setup_gate import SetupGate
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
        # The right password's stand-in while the code step is shown (see the docstring).
        self._challenge: MfaRequiredError | None = None
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

        password_step = QWidget()
        password_step.setObjectName("passwordStep")
        password_layout = QVBoxLayout(password_step)
        password_layout.setContentsMargins(0, 0, 0, 0)
        password_layout.addLayout(form)
        password_layout.addWidget(self.keyring_note)
        password_layout.addWidget(self.error)
        password_layout.addStretch(1)
        self.code_step = CodeStep()
        self.code_step.complete.connect(self.submit)
        self.code_step.back_requested.connect(self.back_to_password)
        self.steps = QStackedWidget()
        self.steps.setObjectName("signInSteps")
        self.password_step = password_step
        self.steps.addWidget(password_step)
        self.steps.addWidget(self.code_step)
        self._gate = SetupGate(runner, self)
        self._gate.passed.connect(self._finish)
        self._gate.abandoned.connect(self._setup_abandoned)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.steps)
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

    @property
    def on_code_step(self) -> bool:
        return self.steps.currentWidget() is self.code_step

    @Slot()
    def submit(self) -> None:
        if not self.sign_in_button.isEnabled():
            return  # signing in already, or waiting out a 429 (six digits typed meanwhile)
        if self.on_code_step:
            self._submit_code()
            return
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

    def _submit_code(self) -> None:
        challenge = self._challenge
        if challenge is None:  # the token was dropped: the password step asks again
            self.back_to_password()
            return
        problem = self.code_step.problem()
        if problem:
            self.code_step.show_error(problem)
            return
        self._set_busy(True)
        self._runner.submit(
            sign_in_with_code,
            self._factory,
            self.server.text().strip(),
            self.username.text().strip(),
            challenge.mfa_token,
            self.code_step.code(),
            success=self._on_signed_in,
            failure=self._on_failed,
            owner=self,
        )

    def _show_code_step(self, challenge: MfaRequiredError) -> None:
        self._challenge = challenge
        self.steps.setCurrentWidget(self.code_step)
        self.code_step.start()
        self.sign_in_button.setText(self._button_text())

    @Slot()
    def back_to_password(self, message: str = "") -> None:
        self._forget_challenge()
        self.steps.setCurrentWidget(self.password_step)
        self.sign_in_button.setText(self._button_text())
        if message:
            self._show_error(message)
        else:
            self.error.hide()
        self.password.setFocus()
        self.password.selectAll()

    def _forget_challenge(self) -> None:
        self._challenge = None
        self.code_step.forget()

    def _button_text(self) -> str:
        return self.tr("Verify") if self.on_code_step else self.tr("Sign In")

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.code_step.set_busy(busy)
        self.remember.setEnabled(
            not busy and not self._auto and self._credentials.backend_available
        )
        if busy:
            self.sign_in_button.setText(
                self.tr("Checking the code…") if self.on_code_step else self.tr("Signing in…")
            )
            self.error.hide()
        else:
            self.sign_in_button.setText(self._button_text())

    @Slot(object)
    def _on_signed_in(self, session: SignedIn) -> None:
        self._set_busy(False)
        self._forget_challenge()
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
        session = dataclasses.replace(session, secret_kept=kept)
        if session.mfa_setup_required:
            # Every call but the set-up would be refused: the set-up comes before the window.
            self.steps.setEnabled(False)
            self.sign_in_button.setEnabled(False)
            self._gate.require(session)
            return
        self._finish(session)

    @Slot(object)
    def _finish(self, session: SignedIn) -> None:
        self.result_session = session
        self.signed_in.emit(self.result_session)
        self.accept()

    @Slot()
    def _setup_abandoned(self) -> None:
        self.steps.setEnabled(True)
        self.sign_in_button.setEnabled(True)
        self.back_to_password(
            self.tr(
                "Your partner requires two-factor sign-in: set it up to continue. "
                "You were signed out."
            )
        )

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, MfaRequiredError):
            self._show_code_step(error)
            return
        if self.on_code_step and isinstance(error, InvalidCredentialsError | SessionExpiredError):
            # The token expired or was spent (mfa_token_invalid), or the account was disabled
            # meanwhile: the password step again, saying which.
            self.back_to_password(
                self.tr("This sign-in took too long. Enter your password again.")
                if error.code == "mfa_token_invalid"
                else error_message(error)
            )
            return
        if self.on_code_step:
            self.code_step.show_error(error_message(error))
        else:
            self._show_error(error_message(error))
        if isinstance(error, TooManyAttemptsError):
            self._retry_left = max(1, error.retry_after)
            self.sign_in_button.setEnabled(False)
            self._retry_timer.start()
            self._tick_retry()
        if not self.on_code_step:
            self.password.setFocus()
            self.password.selectAll()

    def done(self, result: int) -> None:
        # Closed, quit or signed in: the token and any code typed go with the dialog.
        self._forget_challenge()
        super().done(result)

    @Slot()
    def _tick_retry(self) -> None:
        if self._retry_left <= 0:
            self._retry_timer.stop()
            self.sign_in_button.setEnabled(True)
            self.sign_in_button.setText(self._button_text())
            return
        self.sign_in_button.setText(self.tr("Try again in {n} s").format(n=self._retry_left))
        self._retry_left -= 1

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.error.setAccessibleDescription(message)
