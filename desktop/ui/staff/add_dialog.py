"""Add Staff: a colleague's user name, name, e-mail, role and first password.

Each field is checked as it is typed (rules.py); Add Staff stays disabled until every one
passes, and its tooltip says what is still missing. What only the server can judge (a common
password, a user name already taken) comes back beside its field. The password is sent once
and kept nowhere: the fields are emptied when the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import ConflictError, ValidationError
from desktop.api.team_records import Role, StaffUser
from desktop.ui.failure_words import failure_reason
from desktop.ui.staff.calls import StaffDraft, add_staff, field_words
from desktop.ui.staff.reach import role_title
from desktop.ui.staff.rules import (
    MAX_LENGTH,
    display_name_problem,
    password_problem,
    repeat_problem,
    staff_email_problem,
    username_problem,
)
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner


@dataclass
class _Field:
    editor: QLineEdit
    problem_label: QLabel
    rule: Callable[[], str | None]
    caption: str
    touched: bool = False
    server_error: str = ""

    def problem(self) -> str | None:
        return self.server_error or self.rule()


class AddStaffDialog(QDialog):
    staff_added = Signal(object)  # the StaffUser the server made

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        roles: Sequence[Role],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._busy = False
        named(self, "addStaffDialog", self.tr("Add staff"))
        self.setWindowTitle(self.tr("Add Staff"))
        self.setModal(True)
        self._fields: dict[str, _Field] = {}
        form = QFormLayout()
        self._add_field(form, "username", self.tr("&User name:"), "staffUsername", username_problem)
        self._add_field(
            form, "display_name", self.tr("&Name:"), "staffDisplayName", display_name_problem
        )
        self._add_field(form, "email", self.tr("&E-mail:"), "staffEmail", staff_email_problem)
        self.role = named(QComboBox(), "staffNewRole", self.tr("Role"))
        for role in roles:
            self.role.addItem(role_title(role), role)
        # The least a colleague needs to work, never an owner by a slip of the hand.
        self.role.setCurrentIndex(max(self.role.findData("agent"), 0))
        role_label = QLabel(self.tr("&Role:"))
        role_label.setBuddy(self.role)
        form.addRow(role_label, self.role)
        self._add_field(form, "password", self.tr("&Password:"), "staffPassword", self._password)
        self._add_field(
            form, "repeat", self.tr("Repea&t password:"), "staffPasswordRepeat", self._repeat
        )
        for key in ("password", "repeat"):
            self._fields[key].editor.setEchoMode(QLineEdit.EchoMode.Password)
        self._build_layout(form)
        self._update()

    def _add_field(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        object_name: str,
        rule: Callable[[str], str | None],
    ) -> None:
        caption = label.replace("&", "").rstrip(":")
        editor = named(QLineEdit(), object_name, caption)
        editor.setMaxLength(MAX_LENGTH.get(key, MAX_LENGTH["password"]))
        problem = named(
            muted(""), f"{object_name}Problem", self.tr("Problem: {field}").format(field=caption)
        )
        problem.setStyleSheet(tone_style("error"))
        problem.hide()
        title = QLabel(label)
        title.setBuddy(editor)
        form.addRow(title, editor)
        form.addRow("", problem)
        self._fields[key] = _Field(editor, problem, lambda: rule(editor.text()), caption)
        editor.textEdited.connect(lambda _text, k=key: self._edited(k))

    def _password(self, value: str) -> str | None:
        return password_problem(value)

    def _repeat(self, value: str) -> str | None:
        return repeat_problem(self._fields["password"].editor.text(), value)

    def _build_layout(self, form: QFormLayout) -> None:
        self.note = named(muted(""), "addStaffError", self.tr("Why nothing was added"))
        self.note.setStyleSheet(tone_style("error"))
        self.note.hide()
        self.confirm = named(
            QPushButton(self.tr("Add Staff")), "addStaffConfirmButton", self.tr("Add staff")
        )
        self.cancel = named(
            QPushButton(self.tr("Cancel")), "addStaffCancelButton", self.tr("Cancel: add no one")
        )
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(heading(self.tr("Add a colleague"), self))
        layout.addWidget(
            muted(
                self.tr(
                    "They sign in with this user name and password; tell them the password "
                    "yourself. It needs at least 12 characters and may not be a common one."
                )
            )
        )
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.confirm.setDefault(True)  # Enter adds, but only once everything passes
        self._fields["username"].editor.setFocus()
        self.setMinimumWidth(460)

    # -- checking ------------------------------------------------------------------------------

    def editor(self, key: str) -> QLineEdit:
        return self._fields[key].editor

    def problems(self) -> dict[str, str]:
        found = {key: field.problem() for key, field in self._fields.items()}
        return {key: text for key, text in found.items() if text}

    def _edited(self, key: str) -> None:
        field = self._fields[key]
        field.touched = True
        field.server_error = ""  # what the server said was about the old text
        if key == "username":
            self.note.hide()
        self._update()

    @Slot()
    def _update(self) -> None:
        problems = self.problems()
        for key, field in self._fields.items():
            text = problems.get(key, "") if field.touched or field.server_error else ""
            field.problem_label.setText(text)
            field.problem_label.setVisible(bool(text))
            field.editor.setAccessibleDescription(text)
        first = next(iter(problems.items()), None)
        missing = (
            self.tr("{field}: {problem}").format(
                field=self._fields[first[0]].caption, problem=first[1]
            )
            if first is not None
            else ""
        )
        self.confirm.setEnabled(not problems and not self._busy)
        self.confirm.setToolTip(missing)

    # -- sending -------------------------------------------------------------------------------

    def draft(self) -> StaffDraft:
        text = {key: field.editor.text() for key, field in self._fields.items()}
        return StaffDraft(
            username=text["username"],
            display_name=text["display_name"].strip(),
            email=text["email"].strip(),
            role=self.role.currentData(),
            password=text["password"],
        )

    @Slot()
    def send(self) -> None:
        if self._busy or self.problems():
            return
        self._set_busy(True)
        self._runner.submit(
            add_staff,
            self._api,
            self.draft(),
            success=self._added,
            failure=self._failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for field in self._fields.values():
            field.editor.setReadOnly(busy)
        self.role.setEnabled(not busy)
        self.cancel.setEnabled(not busy)
        self._update()

    @Slot(object)
    def _added(self, person: StaffUser) -> None:
        self._set_busy(False)
        self.staff_added.emit(person)
        self.accept()

    @Slot(object)
    def _failed(self, error: Any) -> None:
        self._set_busy(False)
        placed = False
        if isinstance(error, ConflictError) and error.code == "duplicate":
            placed = self._at_field("username", "is taken")
        elif isinstance(error, ValidationError):
            unplaced = {k: v for k, v in error.fields.items() if not self._at_field(k, v)}
            placed = not unplaced
            if unplaced:
                self._say(
                    self.tr("The server did not accept it: {fields}").format(
                        fields="; ".join(f"{k}: {v}" for k, v in unplaced.items())
                    )
                )
        else:  # a 403 re-reads /me by itself (Permissions follows the runner's refusals)
            self._say(self.tr("{reason} No one was added.").format(reason=failure_reason(error)))
        self._update()
        if placed:
            first = next(iter(self.problems()), "")
            if first:
                self._fields[first].editor.setFocus()

    def _at_field(self, key: str, problem: str) -> bool:
        field = self._fields.get(key)
        if field is None:
            return False
        field.server_error = field_words(problem)
        return True

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setAccessibleDescription(text)

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self._busy:  # the answer is on its way: it says whether they were added
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        for key in ("password", "repeat"):
            self._fields[key].editor.clear()  # nothing of a password outlives the dialog
        super().done(result)
