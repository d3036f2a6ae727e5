"""Confirm a bulk suspension or re-enable, or send nothing: one decision for a whole selection.

It says how many customers, names each of them, names those skipped and why, asks one reason
for all (suspend only: the API records no reason for a re-enable) and, for a suspension, adds up
what stays billable. Now, or On a date and time (and, for a suspension, a re-enable by itself
later): the single confirmation's ScheduleChoice, one time for all of them. Cancel, Esc and
the close button all leave the server untouched.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop.operations.schedule import when_text
from desktop.ui.bulk.billable import BulkBillable
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import bold_label, heading, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.reason_picker import suspension_reasons
from desktop.ui.widgets.schedule_choice import ScheduleChoice

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner
    from desktop.ui.bulk.plan import BulkPlan

_VISIBLE_NAMES = 6  # more than this scroll


def name_list(lines: list[str], object_name: str, accessible_name: str) -> QListWidget:
    names = named(QListWidget(), object_name, accessible_name)
    names.addItems(lines)
    names.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    names.setUniformItemSizes(True)
    names.setAlternatingRowColors(True)
    names.setStyleSheet("QListWidget::item { padding: 2px 4px; }")
    shown = max(1, min(len(lines), _VISIBLE_NAMES))
    names.setFixedHeight(names.sizeHintForRow(0) * shown + 2 * names.frameWidth() + 4)
    return names


class BulkConfirmDialog(ConfirmDialog):
    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        plan: BulkPlan,
        parent: QWidget | None = None,
        *,
        zone: str | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self._suspend = suspend = plan.kind == "suspend"
        self._n = len(plan.customers)
        layout = self._build_header(suspend, len(plan.customers))
        layout.addSpacing(6)
        self._build_lists(layout, plan)
        layout.addSpacing(6)
        if suspend:
            reason = suspension_reasons("bulkSuspendReason")
            self.add_reason(layout, reason, self.tr("&Reason, recorded for each of them"))
        self.add_problem(layout, "bulkReasonProblem")
        # When: one time for every customer of the selection, as the single confirmation asks.
        self.schedule = ScheduleChoice(suspend, self, zone=zone, now=now)
        layout.addWidget(self.schedule)
        self.schedule_plan = named(wrapped(""), "bulkSchedulePlan", self.tr("What will happen"))
        layout.addWidget(self.schedule_plan)
        self.schedule.changed.connect(self._update)
        self.billable: BulkBillable | None = None
        if suspend and plan.customers:
            self._build_billable(layout, api, runner, plan)
        layout.addSpacing(10)
        # A comfortable line length; the fixed-size layout would otherwise shrink to the words.
        self.names.setMinimumWidth(460)
        self.cancel = named(
            QPushButton(self.tr("Cancel")), "cancelBulkButton", self.tr("Cancel: send nothing")
        )
        # The reason is the one thing to decide; the lists are a Shift+Tab away.
        self.finish(layout, self._confirm_button(suspend, len(plan.customers)), self.cancel)

    def _build_header(self, suspend: bool, n: int) -> QVBoxLayout:
        if suspend:
            layout = self.start(
                "bulkSuspendConfirmDialog",
                self.tr("Suspend customers"),
                self.tr("Suspend Customers"),
            )
            title = (
                self.tr("Suspend 1 customer?")
                if n == 1
                else self.tr("Suspend %n customers?", "", n)
            )
            explain = self.tr(
                "Suspending stops each customer's services and blocks their control panel"
                " until you re-enable the account."
            )
        else:
            layout = self.start(
                "bulkReenableConfirmDialog",
                self.tr("Re-enable customers"),
                self.tr("Re-enable Customers"),
            )
            title = (
                self.tr("Re-enable 1 customer?")
                if n == 1
                else self.tr("Re-enable %n customers?", "", n)
            )
            explain = self.tr(
                "Re-enabling starts each customer's services again and opens their control panel."
            )
        layout.addWidget(named(heading(title, self), "bulkConfirmTitle", self.tr("What to do")))
        layout.addWidget(wrapped(explain))
        return layout

    def _build_lists(self, layout: QVBoxLayout, plan: BulkPlan) -> None:
        """Who it is sent for and, when some are left out, who and why."""
        customers = plan.customers
        self.names = name_list(
            [self._line(c.name, c.account_number) for c in customers],
            "bulkCustomerList",
            self.tr("Customers it is sent for"),
        )
        names_label = bold_label(self.tr("C&ustomers ({n})").format(n=len(customers)))
        names_label.setBuddy(self.names)
        layout.addWidget(names_label)
        layout.addWidget(self.names)

        self.skipped: QListWidget | None = None
        if not plan.skipped:
            return
        self.skipped = name_list(
            [
                self.tr("{name}: {why}").format(name=e.customer.name, why=e.skipped)
                for e in plan.skipped
            ],
            "bulkSkippedList",
            self.tr("Skipped customers and why"),
        )
        skipped_label = bold_label(
            self.tr("S&kipped ({n}): nothing is sent for these").format(n=len(plan.skipped))
        )
        skipped_label.setBuddy(self.skipped)
        layout.addSpacing(4)
        layout.addWidget(skipped_label)
        layout.addWidget(self.skipped)

    def _build_billable(
        self, layout: QVBoxLayout, api: PartnerApi, runner: TaskRunner, plan: BulkPlan
    ) -> None:
        self.billable = BulkBillable(api, runner, [c.id for c in plan.customers])
        note = wrapped(
            self.tr(
                "They are billed until you remove them on each customer's Services tab:"
                " suspending does not stop billing."
            )
        )
        layout.addSpacing(4)
        self.add_callout(
            layout,
            "warning",
            self.tr("<b>Their services stay billable while they are suspended</b>"),
            self.billable,
            note,
        )

    def _confirm_button(self, suspend: bool, n: int) -> QPushButton:
        # Its words follow the choice of time (_update): Suspend 3 Accounts, Schedule 3 ...
        if suspend:
            self._now_name = self.tr("Suspend %n accounts", "", n)
            name = "confirmBulkSuspendButton"
        else:
            self._now_name = self.tr("Re-enable %n accounts", "", n)
            name = "confirmBulkReenableButton"
        return named(QPushButton(self._confirm_text(None)), name, self._now_name)

    def schedule_params(self) -> dict[str, str]:
        """`at` and `resume_at` for each customer's operation; none for now."""
        return self.schedule.params()

    def _schedule_words(self, at: datetime | None, resume_at: datetime | None) -> str:
        """When it happens, for a scheduled choice ("" for now: the title says it)."""
        if at is None:
            return ""
        zone = self.schedule.zone
        if not self._suspend:
            return self.tr("They will be re-enabled on {when}.").format(when=when_text(at, zone))
        text = self.tr("They will be suspended on {when}.").format(when=when_text(at, zone))
        if resume_at is not None:
            then = self.tr("They will be re-enabled automatically on {when}.")
            text += " " + then.format(when=when_text(resume_at, zone))
        return text

    def _confirm_text(self, at: datetime | None) -> str:
        n = self._n
        if at is None and self._suspend:
            return self.tr("Suspend 1 Account") if n == 1 else self.tr("Suspend %n Accounts", "", n)
        if at is None:
            return (
                self.tr("Re-enable 1 Account")
                if n == 1
                else self.tr("Re-enable %n Accounts", "", n)
            )
        if self._suspend:
            return (
                self.tr("Schedule 1 Suspension")
                if n == 1
                else self.tr("Schedule %n Suspensions", "", n)
            )
        return (
            self.tr("Schedule 1 Re-enable") if n == 1 else self.tr("Schedule %n Re-enables", "", n)
        )

    def done(self, result: int) -> None:
        if self.billable is not None:
            self.billable.stop()  # answered: the sum is no longer worth the server's time
        super().done(result)

    def _line(self, name: str, account_number: str) -> str:
        return self.tr("{name}  ·  Account {number}").format(name=name, number=account_number)

    @Slot()
    def _update(self) -> None:
        schedule: ScheduleChoice | None = getattr(self, "schedule", None)
        problem = ""
        if not self.plan.customers:
            problem = self.tr("None of the selected customers can be changed this way.")
        elif self.reason is not None:
            problem = self.reason.problem()
        if schedule is not None and hasattr(self, "confirm"):
            at = schedule.at()
            words = self._schedule_words(at, schedule.resume_at())
            self.schedule_plan.setText(words)
            self.schedule_plan.setVisible(bool(words))
            text = self._confirm_text(at)
            self.confirm.setText(text)
            self.confirm.setAccessibleName(text if at else self._now_name)
            layout = self.layout()
            if layout is not None:
                layout.activate()  # the fixed size follows the longer words at once
            problem = problem or schedule.problem()
        self.show_problem(problem)
