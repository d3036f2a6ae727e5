"""The small dialog that asks for the password again when the session has expired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import TaskRunner
from desktop.ui.failure_words import error_message
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
        layout.addWidget(buttons)

    @Slot()
    def _submit(self) -> None:
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

    @Slot(object)
    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(error_message(error))
        self.error.show()
        self.password.selectAll()
