"""What every confirmation dialog does alike: the same margins and a size that fits its content,
the customer it is about, one reason to pick, one confirm button (the default for Enter, enabled
only when nothing is missing) and one button that sends nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.labels import bold_label, muted, muted_line, name_heading
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.records import Customer
    from desktop.ui.widgets.reason_picker import ReasonPicker


class ConfirmDialog(QDialog):
    """Subclasses start(), add their content (add_customer, add_reason, add_problem...), then
    finish() with their two buttons; _update says what is missing after every change."""

    confirm: QPushButton
    problem: QLabel
    buttons: QDialogButtonBox
    reason: ReasonPicker | None = None
    # Why confirming no longer makes sense (the customer changed on the server meanwhile).
    meanwhile = ""

    def start(self, object_name: str, accessible_name: str, title: str) -> QVBoxLayout:
        named(self, object_name, accessible_name)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(6)
        # Exactly as big as the content, also once loaded figures arrive; a box or a list sets
        # a comfortable line length for the wrapped text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        return layout

    def add_customer(self, layout: QVBoxLayout, template: str, customer: Customer) -> None:
        """The title naming the customer ("Suspend {name}?") and the account it is about."""
        title = name_heading(template, customer.name, self)
        layout.addWidget(named(title, "confirmTitle", self.tr("Customer")))
        parts = [self.tr("Account {number}").format(number=customer.account_number)]
        if customer.domain:
            parts.append(customer.domain)
        account = muted_line("  ·  ".join(parts))
        layout.addWidget(named(account, "confirmAccount", self.tr("Account")))
        layout.addSpacing(8)

    def add_reason(self, layout: QVBoxLayout, reason: ReasonPicker, label: str) -> None:
        """The reason to record, under its label (whose letter reaches the list)."""
        self.reason = reason
        title = bold_label(label)
        title.setBuddy(reason.combo)
        layout.addWidget(title)
        layout.addWidget(reason)
        reason.changed.connect(self._update)

    def add_problem(self, layout: QVBoxLayout, object_name: str) -> None:
        """Where show_problem says what is still missing."""
        self.problem = named(muted(""), object_name, self.tr("What is missing"))
        layout.addWidget(self.problem)

    def add_callout(
        self, layout: QVBoxLayout, kind: str, title: str, *body: QWidget, width: int = 0
    ) -> Callout:
        """A box of what the decision costs (services, money); `width` sets its line length."""
        box = Callout(kind, title)
        for widget in body:
            box.body.addWidget(widget)
        box.setMinimumWidth(width)
        layout.addWidget(box)
        return box

    def finish(self, layout: QVBoxLayout, confirm: QPushButton, cancel: QPushButton) -> None:
        """Confirm accepts (only while enabled); cancel, like Esc and the close button, rejects.
        The reason is the one thing to decide, so it has the focus; with none, confirm has."""
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
        if self.reason is not None:
            self.reason.combo.setFocus()
        else:
            confirm.setFocus()
        self._update()

    def reason_text(self) -> str:
        return self.reason.reason() if self.reason is not None else ""

    def changed_meanwhile(self, text: str) -> None:
        """The customer changed on the server while this asks: say so; confirm stays off."""
        self.meanwhile = text
        self.problem.setStyleSheet(tone_style("warning"))
        self.show_problem(text)

    def show_problem(self, problem: str) -> None:
        """Say what is still missing (in self.problem and the button's tooltip), or enable."""
        problem = self.meanwhile or problem
        self.confirm.setEnabled(not problem)
        self.confirm.setToolTip(problem)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    @Slot()
    def _update(self) -> None:
        # What the reason lacks; a subclass adds what else it asks for.
        self.show_problem(self.reason.problem() if self.reason is not None else "")

    @Slot()
    def _confirm(self) -> None:
        if self.confirm.isEnabled():
            self.accept()
