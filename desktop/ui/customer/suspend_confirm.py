"""Confirm a suspension (Suspend Account) or a re-enable (Re-enable Account), or send nothing.

It names the customer, asks why (suspend only: the API records no reason for a re-enable) and
lists what stays billable while suspended, loaded in the background. Cancel, Esc and the close
button all leave the server untouched.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.customer.billable_services import BillableServices
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.clock import local_time
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import muted, muted_line, name_heading
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.reason_picker import ReasonPicker, bold_label, suspension_reasons

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner


def account_line(customer: Customer) -> str:
    # One context for both confirmations (parent.tr would be looked up under the parent's class).
    words = QCoreApplication.translate("SuspendConfirmDialog", "Account {number}")
    parts = [words.format(number=customer.account_number)]
    if customer.domain:
        parts.append(customer.domain)
    return "  ·  ".join(parts)


class SuspendConfirmDialog(ConfirmDialog):
    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer: Customer,
        suspend: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._suspend = suspend
        if suspend:
            named(self, "suspendConfirmDialog", self.tr("Suspend customer"))
            self.setWindowTitle(self.tr("Suspend Customer"))
            title = self.tr("Suspend {name}?")
            explain = self.tr(
                "Suspending stops the customer's services and blocks their control panel"
                " until you re-enable the account."
            )
        else:
            named(self, "reenableConfirmDialog", self.tr("Re-enable customer"))
            self.setWindowTitle(self.tr("Re-enable Customer"))
            title = self.tr("Re-enable {name}?")
            explain = self.tr(
                "Re-enabling starts the customer's services again and opens their control panel."
            )
        self.setModal(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(6)
        # Exactly as big as the content, also once the services arrive; the box below sets a
        # comfortable line length for the wrapped text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(
            named(name_heading(title, customer.name, self), "confirmTitle", self.tr("Customer"))
        )
        layout.addWidget(
            named(muted_line(account_line(customer)), "confirmAccount", self.tr("Account"))
        )
        layout.addSpacing(8)
        explanation = QLabel(explain)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addSpacing(6)

        self.reason: ReasonPicker | None = None
        self.problem = named(muted(""), "reasonProblem", self.tr("What is missing"))
        if suspend:
            self.reason = suspension_reasons("suspendReason")
            reason_label = bold_label(self.tr("&Reason"))
            reason_label.setBuddy(self.reason.combo)
            layout.addWidget(reason_label)
            layout.addWidget(self.reason)
            self.reason.changed.connect(self._update)
        else:
            since = customer.suspended_at
            lines = []
            if since is not None:
                lines.append(
                    self.tr("Suspended since {when}.").format(when=html.escape(local_time(since)))
                )
            if customer.suspension_reason:
                lines.append(
                    self.tr("Reason: {reason}").format(
                        reason=html.escape(customer.suspension_reason)
                    )
                )
            if lines:
                layout.addWidget(named(muted("<br>".join(lines)), "suspensionInfo", self.tr("Now")))
                layout.addSpacing(8)

        layout.addWidget(self.problem)
        self.services = BillableServices(
            api,
            runner,
            customer.id,
            self.tr("Billed per month:") if suspend else self.tr("Billed per month again:"),
        )
        box = Callout(
            "warning" if suspend else "neutral",
            self.tr("<b>These services stay billable while the customer is suspended</b>")
            if suspend
            else self.tr("<b>These services run again</b>"),
        )
        box.body.addWidget(self.services)
        if suspend:
            note = QLabel(
                self.tr(
                    "They are billed until you remove them on the Services tab: suspending"
                    " does not stop billing."
                )
            )
            note.setWordWrap(True)
            box.body.addWidget(note)
        box.setMinimumWidth(440)
        layout.addWidget(box)
        # With no services the box would contradict itself ("these stay billable": none), so
        # one sentence that fits the case takes its place.
        self._box = box
        self._no_services = named(
            QLabel(
                self.tr(
                    "This customer has no services, so nothing is billed while it is suspended."
                )
                if suspend
                else self.tr("This customer has no services, so nothing starts running again.")
            ),
            "noServicesNote",
            self.tr("Services"),
        )
        self._no_services.setWordWrap(True)
        self._no_services.hide()
        layout.addWidget(self._no_services)
        self.services.loaded.connect(self._services_loaded)
        layout.addSpacing(10)

        if suspend:
            confirm = named(
                QPushButton(self.tr("Suspend Account")),
                "confirmSuspendButton",
                self.tr("Suspend account"),
            )
        else:
            confirm = named(
                QPushButton(self.tr("Re-enable Account")),
                "confirmReenableButton",
                self.tr("Re-enable account"),
            )
        self.cancel = named(
            QPushButton(self.tr("Cancel")), "cancelSuspendButton", self.tr("Cancel: send nothing")
        )
        self.add_buttons(layout, confirm, self.cancel)

        self.focus_first(self.reason)
        self._update()

    def reason_text(self) -> str:
        return self.reason.reason() if self.reason is not None else ""

    @Slot()
    def _services_loaded(self) -> None:
        empty = self.services.services() == []
        self._box.setVisible(not empty)
        self._no_services.setVisible(empty)

    @Slot()
    def _update(self) -> None:
        problem = self.reason.problem() if self.reason is not None else ""
        self.show_problem(problem)
