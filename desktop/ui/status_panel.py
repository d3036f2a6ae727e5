"""The right side of the General tab: the customer's status in words, and the Suspend toggle."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.toggle_switch import ToggleSwitch
from desktop.ui.widgets import named

if TYPE_CHECKING:
    from desktop.api.records import Customer

# Background and text of the status badge, per status; readable in light and dark themes.
_BADGE = {
    "active": ("#e3f4e8", "#1e6b3a"),
    "suspended": ("#fdf0d5", "#8a5300"),
    "canceled": ("#f1f1f1", "#555555"),
    "new": ("#e6eef9", "#24508f"),
}


def local_time(moment: datetime) -> str:
    """A server time (UTC) as this person reads times: their zone, their locale's format."""
    shown = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


class StatusPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Status"), parent)
        self.badge = named(QLabel(), "statusLabel", self.tr("Customer status"))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = named(QLabel(), "statusSummary", self.tr("What the status means"))
        self.summary.setWordWrap(True)

        self.toggle = named(ToggleSwitch(), "suspendToggle", self.tr("Suspend Customer"))
        toggle_label = QLabel(self.tr("Suspend Customer"))
        toggle_label.setBuddy(self.toggle)
        self.toggle_row = QWidget()
        toggle_row = QHBoxLayout(self.toggle_row)
        toggle_row.setContentsMargins(0, 0, 0, 0)
        toggle_row.addWidget(toggle_label)
        toggle_row.addStretch(1)
        toggle_row.addWidget(self.toggle)
        # Suspending is wired by the next issue; until then the switch only shows the state.
        self.toggle.setEnabled(False)
        self.toggle.setToolTip(self.tr("Suspending from Partner Desk comes in the next update."))
        self.toggle_note = named(
            QLabel(self.tr("Suspending from Partner Desk comes in the next update.")),
            "suspendToggleNote",
            self.tr("About the Suspend Customer switch"),
        )
        self.toggle_note.setWordWrap(True)
        self.toggle_note.setStyleSheet("color: palette(placeholder-text);")

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

        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.summary)
        column.addSpacing(4)
        column.addWidget(self.toggle_row)
        column.addWidget(self.toggle_note)
        column.addWidget(self.suspended_since)
        column.addWidget(self.reason)
        column.addStretch(1)
        column.addWidget(line)
        column.addWidget(self.record)

        self.show_customer(None)

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
        background, text = _BADGE[status]
        self.badge.setText(words)
        self.badge.setAccessibleDescription(words)
        self.badge.setStyleSheet(
            f"background: {background}; color: {text}; border-radius: 9px;"
            " padding: 2px 12px; font-weight: 600;"
        )
        self.summary.setText(meaning)

        self.toggle.set_checked_from_server(status == "suspended")
        self.toggle_row.setVisible(customer is not None)
        self.toggle_note.setVisible(customer is not None)

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
                    created=local_time(customer.created_at),
                    updated=local_time(customer.updated_at),
                    v=customer.version,
                )
            )
        self.record.setVisible(customer is not None)
        self.line.setVisible(customer is not None)
