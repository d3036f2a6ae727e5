"""Turn two-factor sign-in off: it asks for a code first (the app's, or a recovery code), so a
session left open on someone's desk cannot take the second factor away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Slot
from PySide6.QtGui import QRegularExpressionValidator
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
from desktop.ui.account.setup_dialog import is_wrong_code
from desktop.ui.failure_words import error_message, server_words
from desktop.ui.widgets.labels import heading, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

# Six digits, or a recovery code ("abcde-fghjk") as the person may type it.
_ANY_CODE = QRegularExpression(r"^[A-Za-z0-9 \-]{0,24}$")


class TurnOffDialog(QDialog):
    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._busy = False
        named(self, "mfaTurnOffDialog", self.tr("Turn off two-factor sign-in"))
        self.setWindowTitle(self.tr("Turn Off Two-Factor Sign-In"))
        intro = wrapped(
            self.tr(
                "Without two-factor, your password alone signs you in. To turn it off, enter "
                "the code your authenticator app shows, or one of your recovery codes. Your "
                "recovery codes stop working."
            )
        )
        self.code = named(QLineEdit(), "mfaOffCode", self.tr("Code or recovery code"))
        self.code.setValidator(QRegularExpressionValidator(_ANY_CODE, self.code))
        self.code.setPlaceholderText(self.tr("123456 or abcde-fghjk"))
        self.error = named(QLabel(), "mfaOffError", self.tr("Code problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(tone_style("error"))
        self.error.hide()
        self.code.textEdited.connect(self.error.hide)
        buttons = QDialogButtonBox()
        self.turn_off = named(
            QPushButton(self.tr("Turn Off")), "mfaTurnOffButton", self.tr("Turn off two-factor")
        )
        self.turn_off.setDefault(True)
        self.turn_off.clicked.connect(self._submit)
        self.cancel = named(
            QPushButton(self.tr("Cancel")), "mfaTurnOffCancelButton", self.tr("Cancel")
        )
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        buttons.addButton(self.turn_off, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Turn off two-factor sign-in?"), self))
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.code.setFocus()

    @Slot()
    def _submit(self) -> None:
        if self._busy:
            return
        if not self.code.text().strip():
            self._show_error(self.tr("Enter a code from the app or a recovery code."))
            return
        self._set_busy(True)
        self._runner.submit(
            self._api.disable_mfa,
            self.code.text(),
            success=lambda _nothing: self.accept(),
            failure=self._failed,
            owner=self,
        )

    @Slot(object)
    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if is_wrong_code(error):
            fallback = self.tr(
                "That code is not right, or was used already. Try the code shown now."
            )
            self._show_error(server_words(getattr(error, "message", ""), fallback))
        else:
            self._show_error(error_message(error))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.code.setEnabled(not busy)
        self.turn_off.setEnabled(not busy)
        self.cancel.setEnabled(not busy)
        self.turn_off.setText(self.tr("Turning off…") if busy else self.tr("Turn Off"))
        if not busy:
            # Disabled, it stopped being the default (the focus left the disabled field for it).
            self.turn_off.setDefault(True)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleDescription(message)
        self.code.setAccessibleDescription(message)
        self.error.show()
        self.code.setFocus()
        self.code.selectAll()

    def reject(self) -> None:
        if not self._busy:  # the answer decides whether it is off
            super().reject()

    def done(self, result: int) -> None:
        self.code.setText("")
        super().done(result)
