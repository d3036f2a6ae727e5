"""Confirm a suspension (Suspend Account) or a re-enable (Re-enable Account), or send nothing.

It names the customer, asks why (suspend only: the API records no reason for a re-enable) and
lists what stays billable while suspended, loaded in the background. Cancel, Esc and the close
button all leave the server untouched.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop.operations.schedule import plan_words
from desktop.ui.customer.billable_services import BillableServices
from desktop.ui.widgets.clock import local_time
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import muted, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.reason_picker import suspension_reasons
from desktop.ui.widgets.schedule_choice import ScheduleChoice

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, OperationKind
    from desktop.tasks import TaskRunner


class SuspendConfirmDialog(ConfirmDialog):
    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer: Customer,
        suspend: bool,
        parent: QWidget | None = None,
        *,
        zone: str | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self._suspend = suspend
        self._name = customer.name
        layout = self._build_header(customer)
        layout.addSpacing(6)
        if suspend:
            self.add_reason(layout, suspension_reasons("suspendReason"), self.tr("&Reason"))
        else:
            self._build_suspension_info(layout, customer)
        self.add_problem(layout, "reasonProblem")
        # When: now, or on a date (and for a suspension, when to re-enable by itself).
        self.schedule = ScheduleChoice(suspend, self, zone=zone, now=now)
        layout.addWidget(self.schedule)
        self.plan = named(wrapped(""), "schedulePlan", self.tr("What will happen"))
        layout.addWidget(self.plan)
        self.schedule.changed.connect(self._update)
        self._build_services(layout, api, runner, customer)
        layout.addSpacing(10)
        self.cancel = named(
            QPushButton(self.tr("Cancel")), "cancelSuspendButton", self.tr("Cancel: send nothing")
        )
        self.finish(layout, self._confirm_button(), self.cancel)

    def _build_header(self, customer: Customer) -> QVBoxLayout:
        if self._suspend:
            layout = self.start(
                "suspendConfirmDialog", self.tr("Suspend customer"), self.tr("Suspend Customer")
            )
            self.add_customer(layout, self.tr("Suspend {name}?"), customer)
            explain = self.tr(
                "Suspending stops the customer's services and blocks their control panel"
                " until you re-enable the account."
            )
        else:
            layout = self.start(
                "reenableConfirmDialog",
                self.tr("Re-enable customer"),
                self.tr("Re-enable Customer"),
            )
            self.add_customer(layout, self.tr("Re-enable {name}?"), customer)
            explain = self.tr(
                "Re-enabling starts the customer's services again and opens their control panel."
            )
        layout.addWidget(wrapped(explain))
        return layout

    def _build_suspension_info(self, layout: QVBoxLayout, customer: Customer) -> None:
        """Since when and why the customer is suspended: what a re-enable ends."""
        lines = []
        if customer.suspended_at is not None:
            when = html.escape(local_time(customer.suspended_at))
            lines.append(self.tr("Suspended since {when}.").format(when=when))
        if customer.suspension_reason:
            reason = html.escape(customer.suspension_reason)
            lines.append(self.tr("Reason: {reason}").format(reason=reason))
        if lines:
            layout.addWidget(named(muted("<br>".join(lines)), "suspensionInfo", self.tr("Now")))
            layout.addSpacing(8)

    def _build_services(
        self, layout: QVBoxLayout, api: PartnerApi, runner: TaskRunner, customer: Customer
    ) -> None:
        suspend = self._suspend
        self.services = BillableServices(
            api,
            runner,
            customer.id,
            self.tr("Billed per month:") if suspend else self.tr("Billed per month again:"),
        )
        body: list[QWidget] = [self.services]
        if suspend:
            body.append(
                wrapped(
                    self.tr(
                        "They are billed until you remove them on the Services tab: suspending"
                        " does not stop billing."
                    )
                )
            )
        self._box = self.add_callout(
            layout,
            "warning" if suspend else "neutral",
            self.tr("<b>These services stay billable while the customer is suspended</b>")
            if suspend
            else self.tr("<b>These services run again</b>"),
            *body,
            width=440,
        )
        # With no services the box would contradict itself ("these stay billable": none), so
        # one sentence that fits the case takes its place.
        self._no_services = named(
            wrapped(
                self.tr(
                    "This customer has no services, so nothing is billed while it is suspended."
                )
                if suspend
                else self.tr("This customer has no services, so nothing starts running again.")
            ),
            "noServicesNote",
            self.tr("Services"),
        )
        self._no_services.hide()
        layout.addWidget(self._no_services)
        self.services.loaded.connect(self._services_loaded)

    def _confirm_button(self) -> QPushButton:
        if self._suspend:
            return named(
                QPushButton(self.tr("Suspend Account")),
                "confirmSuspendButton",
                self.tr("Suspend account"),
            )
        return named(
            QPushButton(self.tr("Re-enable Account")),
            "confirmReenableButton",
            self.tr("Re-enable account"),
        )

    def schedule_params(self) -> dict[str, str]:
        """`at` and `resume_at` for the operation, as the wire takes them; none for now."""
        return self.schedule.params()

    @Slot()
    def _update(self) -> None:
        schedule = getattr(self, "schedule", None)
        if schedule is None:  # finish() asks before the choice exists
            super()._update()
            return
        kind: OperationKind = "suspend" if self._suspend else "unsuspend"
        at = schedule.at()
        billable = self.services.services() != []  # none: nothing is said to stay billable
        resume_at = schedule.resume_at()
        # The name cut short in the sentence (whole in the title's tooltip): one unbroken run of
        # 200 characters would make the line, and so the dialog, wider than a screen.
        name = QFontMetrics(self.plan.font()).elidedText(
            self._name, Qt.TextElideMode.ElideMiddle, 320
        )
        self.plan.setText(plan_words(kind, name, at, resume_at, schedule.zone, billable=billable))
        if self._suspend:
            label = self.tr("Schedule Suspension") if at else self.tr("Suspend Account")
        else:
            label = self.tr("Schedule Re-enable") if at else self.tr("Re-enable Account")
        self.confirm.setText(label)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the fixed size follows the longer words at once
        missing = self.reason.problem() if self.reason is not None else ""
        self.show_problem(missing or schedule.problem())

    @Slot()
    def _services_loaded(self) -> None:
        empty = self.services.services() == []
        self._box.setVisible(not empty)
        self._no_services.setVisible(empty)
        self._update()
