"""Confirm a cancellation: every service removed, billing stopped, undoable for 14 days.

Stronger than the suspend confirmation: it lists what will be removed and the monthly amount
that stops being billed, asks why, and enables Cancel Account only once the account number is
typed exactly. Keep Customer, Esc and the close button send nothing.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui.customer.billable_services import BillableServices
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.reason_picker import ReasonPicker

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner

RESTORE_DAYS = 14  # docs/api.md: a cancellation can be undone for 14 days
# Red like the box above the buttons: this is the one that removes things.
_DANGER_BUTTON = (
    "QPushButton { color: white; background: #c62828; border: 1px solid #a11d1d;"
    " border-radius: 4px; padding: 5px 14px; }"
    "QPushButton:hover { background: #b71c1c; }"
    "QPushButton:focus { border: 2px solid #5c0d0d; padding: 4px 13px; }"
    "QPushButton:disabled { background: #eab9b9; border-color: #e3a5a5; }"
)


class CancelConfirmDialog(ConfirmDialog):
    reason: ReasonPicker

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer: Customer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._account_number = customer.account_number
        layout = self.start(
            "cancelConfirmDialog", self.tr("Cancel customer"), self.tr("Cancel Customer")
        )
        self.add_customer(layout, self.tr("Cancel {name}?"), customer)
        self.services = BillableServices(
            api, runner, customer.id, self.tr("Billing that stops per month:")
        )
        self.add_callout(
            layout,
            "danger",
            self.tr(
                "<b>Every service below is removed and stops being billed at once.</b>"
                " The customer's control panel is blocked. You can undo this for"
                " {days} days with Restore Customer."
            ).format(days=RESTORE_DAYS),
            self.services,
            width=460,
        )
        layout.addSpacing(10)
        self.add_reason(layout, self._reasons(), self.tr("&Reason"))
        layout.addSpacing(8)
        self._build_account_number(layout, customer.account_number)
        self.add_problem(layout, "cancelProblem")
        layout.addSpacing(10)
        self.keep = named(
            QPushButton(self.tr("Keep Customer")),
            "keepCustomerButton",
            self.tr("Keep the customer: send nothing"),
        )
        self.finish(layout, self._confirm_button(), self.keep)

    def _reasons(self) -> ReasonPicker:
        return ReasonPicker(
            [
                self.tr("Customer request"),
                self.tr("Non-payment"),
                self.tr("Moved to another provider"),
                self.tr("Fraud"),
            ],
            self.tr("Other"),
            "cancelReason",
        )

    def _build_account_number(self, layout: QVBoxLayout, number: str) -> None:
        """The account number to type, the last thing between the person and the removal."""
        label = wrapped(
            self.tr("To confirm, type the account number <b>{number}</b>:").format(
                number=html.escape(number)  # the server's text, in markup
            )
        )
        self.account_number = named(
            QLineEdit(),
            "cancelConfirmAccountNumber",
            self.tr("Account number, to confirm"),
            self.tr("Type {number} to enable Cancel Account").format(number=number),
        )
        # No placeholder: the number shown greyed in the box would look already typed.
        label.setBuddy(self.account_number)
        layout.addWidget(label)
        layout.addWidget(self.account_number)
        self.account_number.textChanged.connect(self._update)

    def _confirm_button(self) -> QPushButton:
        confirm = named(
            QPushButton(self.tr("Cancel Account")), "confirmCancelButton", self.tr("Cancel account")
        )
        confirm.setStyleSheet(_DANGER_BUTTON)
        return confirm

    def typed_account_number(self) -> str:
        # Spaces around it come from copying it out of a mail or a table: never a different number.
        return self.account_number.text().strip()

    @Slot()
    def _update(self) -> None:
        problem = self.reason.problem()
        if not problem and self.typed_account_number() != self._account_number.strip():
            problem = self.tr("Type the account number exactly to enable Cancel Account.")
        self.show_problem(problem)
