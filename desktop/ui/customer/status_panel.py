"""The right side of the General tab: the customer's status in words, the Suspend and Cancel
toggles, what an operation on the customer is doing, and Restore for a canceled customer."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.schedule import (
    badge_words,
    cancel_words,
    person_zone,
    scheduled_words,
    when_text,
    when_words,
)
from desktop.ui.customer.progress import OperationProgress
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.clock import local_date, local_time, unbroken
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.switch import ToggleSwitch

if TYPE_CHECKING:
    from desktop.api.records import Customer

# Background and text of the status badge, per status, on a light window and on a dark one.
_BADGE = {
    "active": ("#e3f4e8", "#1e6b3a"),
    "suspended": ("#fdf0d5", "#8a5300"),
    "canceled": ("#f1f1f1", "#555555"),
    "new": ("#e6eef9", "#24508f"),
}
_BADGE_DARK = {
    "active": ("#1d3b27", "#8fdca8"),
    "suspended": ("#45330f", "#f5c56a"),
    "canceled": ("#3a3c40", "#d0d2d6"),
    "new": ("#1e3150", "#9cc2f5"),
}
RESTORE_WINDOW = timedelta(days=14)  # docs/api.md: a cancellation can be undone for 14 days


def restore_deadline(customer: Customer) -> datetime | None:
    """Until when a canceled customer can be restored; None when it is not canceled."""
    if customer.status != "canceled" or customer.canceled_at is None:
        return None
    return customer.canceled_at + RESTORE_WINDOW


class StatusPanel(QGroupBox):
    def __init__(
        self, parent: QWidget | None = None, *, permissions: Permissions | None = None
    ) -> None:
        super().__init__(self.tr("Status"), parent)
        # Suspend and re-enable are customers.suspend; cancel and restore customers.cancel.
        self._permissions = permissions or Permissions(None, parent=self)
        named(self, "statusPanel", self.tr("Status"))
        self._customer: Customer | None = None
        self._actions_allowed = True
        self._build_badge()
        self._build_toggles()
        self._build_restore()
        self._build_details()
        self._build_layout()
        self.show_customer(None)
        self._permissions.changed.connect(self._update_actions)

    def _build_badge(self) -> None:
        """The status in a word, coloured, and what it means in a sentence."""
        self.badge = named(QLabel(), "statusLabel", self.tr("Customer status"))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._badge_status = ""
        self.summary = named(QLabel(), "statusSummary", self.tr("What the status means"))
        self.summary.setWordWrap(True)

    def _build_toggles(self) -> None:
        """Suspend Customer and Cancel Customer, and what an operation on the customer does."""
        self.toggle = named(ToggleSwitch(), "suspendToggle", self.tr("Suspend Customer"))
        self.toggle_row = self._toggle_row(self.tr("Suspend Custo&mer"), self.toggle)
        self.cancel_toggle = named(ToggleSwitch(), "cancelToggle", self.tr("Cancel Customer"))
        self.cancel_row = self._toggle_row(self.tr("Cance&l Customer"), self.cancel_toggle)
        self.operation = OperationProgress()
        # A suspension or re-enable scheduled for later: when, and a way to call it off.
        self.scheduled_line = named(QLabel(), "scheduledLine", self.tr("Scheduled"))
        self.scheduled_line.setWordWrap(True)
        # The list row's badge ("Suspends 15 Dec"), the same words here beside the sentence.
        self.scheduled_badge = named(QLabel(), "scheduledBadge", self.tr("Scheduled operation"))
        self.scheduled_badge.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; }"
        )
        self.cancel_scheduled = named(
            QPushButton(self.tr("Cancel scheduled suspension")),
            "cancelScheduledButton",
            self.tr("Cancel scheduled suspension"),
        )
        self.cancel_scheduled.setAutoDefault(False)

    def _build_restore(self) -> None:
        """Until when a cancellation can be undone, and Restore Customer."""
        self.restore_note = named(
            QLabel(), "restoreDeadline", self.tr("Until when it can be undone")
        )
        self.restore_note.setWordWrap(True)
        self.restore_button = named(
            QPushButton(self.tr("Restore Customer")),
            "restoreCustomerButton",
            self.tr("Restore customer"),
            self.tr("Brings the customer and its services back as they were."),
        )
        self.restore_button.setAutoDefault(False)

    def _build_details(self) -> None:
        """Since when and why it is suspended; under a line, the record's dates and version."""
        self.suspended_since = named(QLabel(), "suspendedSinceLabel", self.tr("Suspended since"))
        self.reason = named(QLabel(), "suspensionReasonLabel", self.tr("Reason for suspension"))
        for label in (self.suspended_since, self.reason):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.record = named(QLabel(), "recordLabel", self.tr("Record details"))
        self.record.setWordWrap(True)
        self.record.setStyleSheet("color: palette(placeholder-text);")

        self.line = line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

    def _build_layout(self) -> None:
        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.summary)
        column.addSpacing(4)
        column.addWidget(self.toggle_row)
        column.addWidget(self.cancel_row)
        scheduled = QHBoxLayout()
        scheduled.setSpacing(8)
        scheduled.addWidget(self.scheduled_badge, 0, Qt.AlignmentFlag.AlignTop)
        scheduled.addWidget(self.scheduled_line, 1)
        column.addLayout(scheduled)
        column.addWidget(self.cancel_scheduled, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.operation)
        column.addWidget(self.restore_note)
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.suspended_since)
        column.addWidget(self.reason)
        column.addStretch(1)
        column.addWidget(self.line)
        column.addWidget(self.record)

    def _toggle_row(self, text: str, toggle: ToggleSwitch) -> QWidget:
        label = QLabel(text)
        label.setBuddy(toggle)  # Alt+M / Alt+L reach the switch from the keyboard
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(toggle)
        return row

    @property
    def customer(self) -> Customer | None:
        return self._customer

    def set_actions_allowed(self, allowed: bool) -> None:
        """False while an operation on this customer runs: no second one may be asked for."""
        self._actions_allowed = allowed
        self._update_actions()

    def show_customer(self, customer: Customer | None) -> None:
        status = customer.status if customer else "new"
        words = {
            "active": self.tr("Active"),
            "suspended": self.tr("Suspended"),
            "canceled": self.tr("Canceled"),
            "new": self.tr("New"),
        }[status]
        meaning = {
            "active": self.tr("Services are running and billed."),
            "suspended": self.tr(
                "The customer's services are stopped, but stay billable until removed."
            ),
            "canceled": self.tr("Every service was removed; billing has stopped."),
            "new": self.tr("Not created yet: fill in the details and save."),
        }[status]
        self.badge.setText(words)
        self.badge.setAccessibleDescription(words)
        self._badge_status = status
        self._colour_badge()
        self.summary.setText(meaning)

        self._customer = customer
        self.toggle.set_checked_from_server(status == "suspended")
        self.cancel_toggle.set_checked_from_server(status == "canceled")
        self.toggle_row.setVisible(customer is not None)
        self.cancel_row.setVisible(customer is not None)
        self._show_scheduled(customer)
        self._update_actions()

        since = customer.suspended_at if customer else None
        self.suspended_since.setText(
            self.tr("<b>Suspended since</b><br>{when}").format(when=local_time(since))
            if since
            else ""
        )
        self.suspended_since.setVisible(since is not None)
        reason = customer.suspension_reason if customer else None
        self.reason.setText(
            self.tr("<b>Reason</b><br>{reason}").format(reason=html.escape(reason))
            if reason
            else ""
        )
        self.reason.setVisible(bool(reason))

        if customer is None:
            self.record.setText("")
        else:
            self.record.setText(
                self.tr("Customer since {created}<br>Last changed {updated}<br>Version {v}").format(
                    created=unbroken(local_time(customer.created_at)),
                    updated=unbroken(local_time(customer.updated_at)),
                    v=customer.version,
                )
            )
        self.record.setVisible(customer is not None)
        self.line.setVisible(customer is not None)

    def _show_scheduled(self, customer: Customer | None) -> None:
        scheduled = customer.next_scheduled if customer else None
        self.scheduled_line.setVisible(scheduled is not None)
        self.scheduled_badge.setVisible(scheduled is not None)
        self.cancel_scheduled.setVisible(scheduled is not None)
        if scheduled is None:
            return
        zone = person_zone()
        self.scheduled_line.setText(scheduled_words(scheduled.kind, scheduled.at, zone))
        self.scheduled_badge.setText(badge_words(scheduled.kind, scheduled.at, zone))
        aloud = when_words(scheduled.kind, when_text(scheduled.at, zone))
        self.scheduled_badge.setAccessibleDescription(aloud)
        self.scheduled_badge.setToolTip(aloud)
        words = cancel_words(scheduled.kind)
        self.cancel_scheduled.setText(words)
        self.cancel_scheduled.setAccessibleName(words)

    def _colour_badge(self) -> None:
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background, text = (_BADGE_DARK if dark else _BADGE)[self._badge_status]
        sheet = (
            f"background: {background}; color: {text}; border-radius: 9px;"
            " padding: 2px 12px; font-weight: 600;"
        )
        if sheet != self.badge.styleSheet():
            self.badge.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A switch between light and dark; hidden widgets only hear of the application's.
        changes = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changes and self._badge_status:
            self._colour_badge()

    def _update_actions(self) -> None:
        customer = self._customer
        status = customer.status if customer else "new"
        free = customer is not None and self._actions_allowed
        changeable = status in ("active", "suspended")
        may_suspend = self._permissions.may("customers.suspend")
        may_cancel = self._permissions.may("customers.cancel")
        self.toggle.setEnabled(free and changeable and may_suspend)
        self.cancel_toggle.setEnabled(free and changeable and may_cancel)
        if status == "canceled":
            tip = self.tr("A canceled customer cannot be changed; restore it first.")
        elif not self._actions_allowed:
            tip = self.tr("Wait until the operation on this customer ends.")
        else:
            tip = ""
        # What the role does not allow is said first: no wait or restore would change it.
        self.toggle.setToolTip(self._permissions.reason("customers.suspend") or tip)
        self.cancel_toggle.setToolTip(self._permissions.reason("customers.cancel") or tip)
        self.restore_button.setToolTip(self._permissions.reason("customers.cancel"))
        # Cancelling what is scheduled is part of suspending (customers.suspend, API.md).
        self.cancel_scheduled.setEnabled(customer is not None and may_suspend)
        self.cancel_scheduled.setToolTip(self._permissions.reason("customers.suspend"))

        deadline = restore_deadline(customer) if customer else None
        self.restore_note.setVisible(deadline is not None)
        self.restore_button.setVisible(deadline is not None)
        if deadline is None:
            return
        open_still = datetime.now(UTC) < deadline
        if open_still:
            text = self.tr("You can undo this until {date} with Restore Customer.")
        else:
            text = self.tr("The {days} days to undo this ended on {date}.")
        self.restore_note.setText(text.format(date=local_date(deadline), days=RESTORE_WINDOW.days))
        self.restore_note.setToolTip(local_time(deadline))
        self.restore_button.setEnabled(free and open_still and may_cancel)
