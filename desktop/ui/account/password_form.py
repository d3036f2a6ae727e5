"""Change your own password: the current one, the new one twice, its rules checked as typed.

The server decides (common passwords, the user name dressed in digits) and its refusal is shown
at the field it is about. A wrong current password leaves the session as it is; a change signs
out every other session of this user, and the form says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.api.errors import InvalidCredentialsError, ValidationError
from desktop.tasks import TaskRunner
from desktop.ui.failure_words import error_message
from desktop.ui.staff.calls import field_words
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

MIN_LENGTH = 12  # the server's rule (docs/api.md, POST /staff and POST /me/password)


class ChangePasswordForm(QGroupBox):
    # The new password, for the credential store to keep in place of the old one (in memory
    # only, on its way; never logged).
    password_changed = Signal(str)

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._busy = False
        named(self, "changePasswordGroup", self.tr("Password"))
        self.setTitle(self.tr("Password"))
        self.current = self._password_field("currentPassword", self.tr("Current password"))
        self.new = self._password_field("newPassword", self.tr("New password"))
        self.repeat = self._password_field("repeatPassword", self.tr("Repeat the new password"))
        self.current_error = self._error_label("currentPasswordError")
        self.new_error = self._error_label("newPasswordError")
        self.rules = muted("")
        self.rules.setObjectName("passwordRules")
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        self.button = named(
            QPushButton(self.tr("C&hange Password")),
            "changePasswordButton",
            self.tr("Change password"),
        )
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.submit)
        self.outcome = named(QLabel(), "passwordOutcome", self.tr("Password change"))
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        for edit in (self.current, self.new, self.repeat):
            edit.textEdited.connect(self._edited)
            edit.returnPressed.connect(self.submit)

        form = QFormLayout(self)
        form.addRow(self.tr("C&urrent password:"), self.current)
        form.addRow("", self.current_error)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat new password:"), self.repeat)
        form.addRow("", self.rules)
        form.addRow("", self.new_error)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow("", self.outcome)
        self._show_rules()

    def _password_field(self, name: str, accessible: str) -> QLineEdit:
        edit = named(QLineEdit(), name, accessible)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _error_label(self, name: str) -> QLabel:
        label = named(QLabel(), name, self.tr("Password problem"))
        label.setWordWrap(True)
        label.setStyleSheet(tone_style("error"))
        label.hide()
        return label

    def problems(self) -> list[str]:
        """What the new password still lacks, in the order a person fixes it."""
        found = []
        if len(self.new.text()) < MIN_LENGTH:
            found.append(self.tr("At least {n} characters.").format(n=MIN_LENGTH))
        if self.new.text() != self.repeat.text():
            found.append(self.tr("The two new passwords do not match."))
        return found

    @Slot()
    def _edited(self) -> None:
        self.outcome.hide()
        for label, edit in ((self.current_error, self.current), (self.new_error, self.new)):
            label.hide()
            edit.setAccessibleDescription("")
        self._show_rules()

    def _show_rules(self) -> None:
        problems = self.problems()
        if not self.new.text() and not self.repeat.text():
            text = self.tr("At least {n} characters; not a common password.").format(n=MIN_LENGTH)
            self.rules.setStyleSheet("")
        elif problems:
            text = " ".join(problems)
            self.rules.setStyleSheet(tone_style("warning"))
        else:
            text = self.tr("✓ Long enough, and the two match.")
            self.rules.setStyleSheet(tone_style("success"))
        self.rules.setText(text)
        self.new.setAccessibleDescription(text)
        self.button.setEnabled(not self._busy and bool(self.current.text()) and not problems)

    @Slot()
    def submit(self) -> None:
        if self._busy or not self.current.text() or self.problems():
            self._show_rules()
            return
        self._set_busy(True)
        self._runner.submit(
            self._api.change_password,
            self.current.text(),
            self.new.text(),
            success=self._changed,
            failure=self._refused,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for edit in (self.current, self.new, self.repeat):
            edit.setEnabled(not busy)
        self.button.setText(self.tr("Changing…") if busy else self.tr("C&hange Password"))
        self._show_rules()

    @Slot(object)
    def _changed(self, _nothing: object) -> None:
        self._set_busy(False)
        new_password = self.new.text()
        self.forget()
        self._say(
            self.tr(
                "Your password was changed. Your other sessions were signed out; this one goes on."
            ),
            "success",
        )
        self.password_changed.emit(new_password)

    @Slot(object)
    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, InvalidCredentialsError):
            self._at(
                self.current_error, self.current, self.tr("That is not your current password.")
            )
        elif isinstance(error, ValidationError):
            said = error.fields.get("new_password")
            self._at(self.new_error, self.new, field_words(said) if said else error_message(error))
        else:
            self._say(error_message(error), "error")

    def _at(self, label: QLabel, edit: QLineEdit, message: str) -> None:
        label.setText(message)
        label.show()
        edit.setAccessibleDescription(message)
        edit.setFocus()
        edit.selectAll()

    def _say(self, text: str, kind: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(tone_style(kind))
        self.outcome.setAccessibleDescription(text)
        self.outcome.show()

    def forget(self) -> None:
        for edit in (self.current, self.new, self.repeat):
            edit.setText("")
        self._show_rules()
