"""What every confirmation dialog does alike: one confirm button, the default for Enter and
enabled only when nothing is missing, and one button that sends nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QPushButton

if TYPE_CHECKING:
    from desktop.ui.widgets.reason_picker import ReasonPicker


class ConfirmDialog(QDialog):
    """Subclasses build their content, then call add_buttons and, on every change, show_problem."""

    confirm: QPushButton
    problem: QLabel
    buttons: QDialogButtonBox

    def add_buttons(self, layout: QLayout, confirm: QPushButton, cancel: QPushButton) -> None:
        """Confirm accepts (only while enabled); cancel, like Esc and the close button, rejects."""
        self.confirm = confirm
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Only once the buttons are inside the dialog does it keep this as its default, so
        # Enter still confirms after the focus visited (and left) another button.
        confirm.setDefault(True)

    def focus_first(self, reason: ReasonPicker | None) -> None:
        """The reason is the one thing to decide; with none to ask, the confirm button."""
        if reason is not None:
            reason.combo.setFocus()
        else:
            self.confirm.setFocus()

    def show_problem(self, problem: str) -> None:
        """Say what is still missing (in self.problem and the button's tooltip), or enable."""
        self.confirm.setEnabled(not problem)
        self.confirm.setToolTip(problem)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    @Slot()
    def _confirm(self) -> None:
        if self.confirm.isEnabled():
            self.accept()
