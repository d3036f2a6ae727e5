"""Confirm a cancellation: every service removed, billing stopped, undoable for 14 days.

Stronger than the suspend confirmation: it lists what will be removed and the monthly amount
that stops being billed, asks why, and enables Cancel Account only once the account number is
typed exactly. Keep Customer, Esc and the close button send nothing.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.customer.billable_services import BillableServices
from desktop.ui.customer.suspend_confirm import account_line
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import muted, muted_line, name_heading
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.reason_picker import ReasonPicker, bold_label

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner

RESTORE_DAYS = 14  # docs/api.md: a cancellation can be undone for 14 days


class CancelConfirmDialog(ConfirmDialog):
    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer: Customer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._account_number = customer.account_number
        named(self, "cancelConfirmDialog", self.tr("Cancel customer"))
        self.setWindowTitle(self.tr("Cancel Customer"))
        self.setModal(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(6)
        # Exactly as big as the content, also once the services arrive; the box below sets a
        # comfortable line length for the wrapped text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(
            named(
                name_heading(self.tr("Cancel {name}?"), customer.name, self),
                "confirmTitle",
                self.tr("Customer"),
            )
        )
        layout.addWidget(
            named(muted_line(account_line(customer)), "confirmAccount", self.tr("Account"))
        )
        layout.addSpacing(8)

        box = Callout(
            "danger",
            self.tr(
                "<b>Every service below is removed and stops being billed at once.</b>"
                " The customer's control panel is blocked. You can undo this for"
                " {days} days with Restore Customer."
            ).format(days=RESTORE_DAYS),
        )
        self.services = BillableServices(
            api, runner, customer.id, self.tr("Billing that stops per month:")
        )
        box.body.addWidget(self.services)
        box.setMinimumWidth(460)
        layout.addWidget(box)
        layout.addSpacing(10)

        self.reason = ReasonPicker(
            [
                self.tr("Customer request"),
                self.tr("Non-payment"),
                self.tr("Moved to another provider"),
                self.tr("Fraud"),
            ],
            self.tr("Other"),
            "cancelReason",
        )
        reason_label = bold_label(self.tr("&Reason"))
        reason_label.setBuddy(self.reason.combo)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addSpacing(8)

        type_label = QLabel(
            self.tr("To confirm, type the account number <b>{number}</b>:").format(
                number=html.escape(customer.account_number)  # the server's text, in markup
            )
        )
        type_label.setWordWrap(True)
        self.account_number = named(
            QLineEdit(),
            "cancelConfirmAccountNumber",
            self.tr("Account number, to confirm"),
            self.tr("Type {number} to enable Cancel Account").format(
                number=customer.account_number
            ),
        )
        # No placeholder: the number shown greyed in the box would look already typed.
        type_label.setBuddy(self.account_number)
        layout.addWidget(type_label)
        layout.addWidget(self.account_number)
        self.problem = named(muted(""), "cancelProblem", self.tr("What is missing"))
        layout.addWidget(self.problem)
        layout.addSpacing(10)

        confirm = named(
            QPushButton(self.tr("Cancel Account")), "confirmCancelButton", self.tr("Cancel account")
        )
        # Red like the box above: this is the one that removes things.
        confirm.setStyleSheet(
            "QPushButton { color: white; background: #c62828; border: 1px solid #a11d1d;"
            " border-radius: 4px; padding: 5px 14px; }"
            "QPushButton:hover { background: #b71c1c; }"
            "QPushButton:focus { border: 2px solid #5c0d0d; padding: 4px 13px; }"
            "QPushButton:disabled { background: #eab9b9; border-color: #e3a5a5; }"
        )
        self.keep = named(
            QPushButton(self.tr("Keep Customer")),
            "keepCustomerButton",
            self.tr("Keep the customer: send nothing"),
        )
        self.add_buttons(layout, confirm, self.keep)

        self.reason.changed.connect(self._update)
        self.account_number.textChanged.connect(self._update)
        self.focus_first(self.reason)
        self._update()

    def reason_text(self) -> str:
        return self.reason.reason()

    def typed_account_number(self) -> str:
        # Spaces around it come from copying it out of a mail or a table: never a different number.
        return self.account_number.text().strip()

    @Slot()
    def _update(self) -> None:
        problem = self.reason.problem()
        if not problem and self.typed_account_number() != self._account_number.strip():
            problem = self.tr("Type the account number exactly to enable Cancel Account.")
        self.show_problem(problem)
