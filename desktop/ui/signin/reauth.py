"""The small dialog that asks for the password again when the session has expired, and for the
two-factor code after it when the account has one (the token between the two steps lives only
in this dialog, and goes with it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import (
    InvalidCredentialsError,
    MfaRequiredError,
    SessionExpiredError,
    TooManyAttemptsError,
)
from desktop.tasks import TaskRunner
from desktop.ui.failure_words import error_message
from desktop.ui.signin.code_step import CodeStep
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi


class ReauthDialog(QDialog):
    """Signs the same user in again; what the person was doing stays as it was."""

    def __init__(
        self, api: PartnerApi, runner: TaskRunner, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._username = username
        self._challenge: MfaRequiredError | None = None
        named(self, "reauthDialog", self.tr("Session expired"))
        self.setWindowTitle(self.tr("Session expired"))
        intro = QLabel(
            self.tr(
                "Your session has expired. Enter the password for <b>{user}</b> to continue; "
                "nothing you were doing is lost."
            ).format(user=username)
        )
        intro.setWordWrap(True)
        self.password = named(QLineEdit(), "reauthPassword", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = named(QLabel(), "reauthError", self.tr("Sign-in problem"))
        self.error.setStyleSheet(tone_style("error"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.code_step = CodeStep()
        self.code_step.complete.connect(self._submit)
        self.code_step.back_requested.connect(self._back_to_password)
        self.code_step.hide()
        buttons = QDialogButtonBox()
        self.ok = named(QPushButton(self.tr("Sign In")), "reauthSignInButton", self.tr("Sign in"))
        self.ok.setDefault(True)
        cancel = named(QPushButton(self.tr("Cancel")), "reauthCancelButton", self.tr("Cancel"))
        # Enter is Sign In's alone, wherever the focus is (see LoginDialog): never Cancel's.
        cancel.setAutoDefault(False)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._submit)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.code_step)
        layout.addWidget(buttons)

    @Slot()
    def _submit(self) -> None:
        if not self.ok.isEnabled():
            return  # an answer is awaited (six digits typed while it is)
        if self._challenge is not None:
            self._submit_code(self._challenge)
            return
        if not self.password.text():
            self.error.setText(self.tr("Enter your password."))
            self.error.show()
            return
        self.ok.setEnabled(False)
        self._runner.submit(
            self._api.login,
            self._username,
            self.password.text(),
            success=lambda _answer: self.accept(),
            failure=self._failed,
            owner=self,
        )

    def _submit_code(self, challenge: MfaRequiredError) -> None:
        problem = self.code_step.problem()
        if problem:
            self.code_step.show_error(problem)
            return
        self.ok.setEnabled(False)
        self.code_step.set_busy(True)
        self._runner.submit(
            self._api.login_mfa,
            challenge.mfa_token,
            self.code_step.code(),
            success=lambda _answer: self.accept(),
            failure=self._failed,
            owner=self,
        )

    @Slot(object)
    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.code_step.set_busy(False)
        if isinstance(error, MfaRequiredError):
            self._show_code_step(error)
            return
        if self._challenge is not None and not isinstance(
            error, InvalidCredentialsError | SessionExpiredError
        ):
            self.code_step.show_error(error_message(error))
            if isinstance(error, TooManyAttemptsError):
                self.ok.setEnabled(False)  # as the server asks; Cancel still leaves
                QTimer.singleShot(max(1, error.retry_after) * 1000, self, self._waited)
            return
        message = error_message(error)
        if self._challenge is not None:  # the token expired or was spent: the password again
            self._back_to_password()
            if getattr(error, "code", "") == "mfa_token_invalid":
                message = self.tr("This sign-in took too long. Enter your password again.")
        self.error.setText(message)
        self.error.show()
        self.password.setFocus()
        self.password.selectAll()

    @Slot()
    def _waited(self) -> None:
        self.ok.setEnabled(True)

    def _show_code_step(self, challenge: MfaRequiredError) -> None:
        self._challenge = challenge
        self.password.hide()
        self.error.hide()
        self.code_step.show()
        self.code_step.start()
        self.ok.setText(self.tr("Verify"))

    @Slot()
    def _back_to_password(self) -> None:
        self._challenge = None
        self.code_step.forget()
        self.code_step.hide()
        self.password.show()
        self.ok.setText(self.tr("Sign In"))
        self.password.setFocus()
        self.password.selectAll()

    def done(self, result: int) -> None:
        # Signed in again or given up: the token and the code go with the dialog.
        self._challenge = None
        self.code_step.forget()
        self.password.setText("")
        super().done(result)
