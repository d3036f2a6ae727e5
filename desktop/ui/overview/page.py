"""Overview: the book at a glance, from GET /summary, and above all what suspended customers cost.

Suspended customers keep their services, and those stay billable until removed; that figure is
the one a partner tends to miss, so it leads the page with a way straight to those customers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTime, Signal, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.money import money_text
from desktop.tasks import TaskRunner
from desktop.ui.customers.load_state import LoadState
from desktop.ui.failure_words import failure_reason
from desktop.ui.overview.scheduled_week import ScheduledWeek
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.chart import Bar, BarChart
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

# The status badges' hues (status_badge_delegate.py), so a status looks the same everywhere.
ACTIVE_HUE = QColor(0x2E, 0x7D, 0x32)
SUSPENDED_HUE = QColor(0xC7, 0x7C, 0x02)


def _scaled_font(widget: QWidget, factor: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class OverviewPage(QWidget):
    show_suspended = Signal()  # the person wants the customer list of suspended customers
    show_scheduled = Signal()  # ... of the customers with a scheduled suspension or re-enable

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._loading = False
        self._again = False  # a reload was asked for while one ran: its answer may be stale
        self._summary: Any = None
        self._heard_live = 0  # summaries the change feed brought: newer than a reload under way
        named(self, "overviewPage", self.tr("Overview"))

        title = QLabel(self.tr("<h2>Overview</h2>"))
        self.updated = named(QLabel(), "overviewUpdated", self.tr("When the figures were read"))
        self.updated.setStyleSheet("color: palette(placeholder-text);")
        self.refresh_button = named(
            QPushButton(self.tr("Refresh")),
            "overviewRefreshButton",
            self.tr("Refresh the overview"),
        )
        self.refresh_button.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.updated)
        head.addWidget(self.refresh_button)

        self.state = LoadState("overview")
        self.state.retry.connect(self.reload)
        self.content = self._build_content()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.state)
        self.stack.addWidget(self.content)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        self.state.show_loading(self.tr("Loading the overview…"))

    def _build_content(self) -> QWidget:
        content = QWidget()
        self._build_callout()

        figures = QGridLayout()
        figures.setHorizontalSpacing(32)
        self.active_count = self._figure(
            figures, 0, "overviewActiveCount", self.tr("Active customers")
        )
        self.suspended_count = self._figure(
            figures, 1, "overviewSuspendedCount", self.tr("Suspended customers")
        )
        # Canceled ones are restorable for 14 days: the book is all three (API.md, "Overview,
        # completed"); they bill nothing, so they are in no chart.
        self.canceled_count = self._figure(
            figures, 2, "overviewCanceledCount", self.tr("Canceled customers")
        )
        self.billable_total = self._figure(
            figures, 3, "overviewBillableTotal", self.tr("Billed each month, in all")
        )
        figures.setColumnStretch(4, 1)

        self.customers_chart = named(
            BarChart(), "overviewCustomersChart", self.tr("Chart: customers by status")
        )
        self.billable_chart = named(
            BarChart(), "overviewBillableChart", self.tr("Chart: monthly billable by status")
        )
        charts = QHBoxLayout()
        charts.setSpacing(24)
        charts.addWidget(self._chart_box(self.tr("Customers by status"), self.customers_chart))
        charts.addWidget(
            self._chart_box(self.tr("Billed each month, by status"), self.billable_chart)
        )

        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.callout)
        layout.addLayout(self._build_scheduled())
        layout.addLayout(figures)
        layout.addLayout(charts)
        layout.addStretch(1)
        return content

    def _build_callout(self) -> None:
        # The figure that matters most: big, in a tinted box, one click from those customers.
        self.callout = Callout("warning", self.tr("Still billed while suspended"))
        self.suspended_billed = named(
            QLabel(), "overviewSuspendedBilled", self.tr("Billed monthly for suspended customers")
        )
        self.suspended_billed.setFont(_scaled_font(self, 1.8))
        self.suspended_billed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suspended_note = named(
            QLabel(), "overviewSuspendedNote", self.tr("About suspended customers")
        )
        self.suspended_note.setWordWrap(True)
        self.show_suspended_button = named(
            QPushButton(self.tr("Show Suspended Customers")),
            "overviewShowSuspendedButton",
            self.tr("Show the suspended customers in the customer list"),
        )
        self.show_suspended_button.clicked.connect(self.show_suspended)
        action = QHBoxLayout()
        action.addWidget(self.suspended_note, 1)
        action.addWidget(self.show_suspended_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.callout.body.addWidget(self.suspended_billed)
        self.callout.body.addLayout(action)

    def _build_scheduled(self) -> QVBoxLayout:
        """The suspensions due this week and how many customers have a suspension or re-enable
        waiting for its time; Show Scheduled leads to them (the list's Scheduled filter)."""
        self.scheduled_week = ScheduledWeek(self._api, self._runner)
        self.scheduled_note = named(QLabel(), "overviewScheduled", self.tr("Scheduled"))
        self.show_scheduled_button = named(
            QPushButton(self.tr("Show Scheduled")),
            "overviewShowScheduledButton",
            self.tr("Show the customers with something scheduled in the customer list"),
        )
        self.show_scheduled_button.clicked.connect(self.show_scheduled)
        row = QHBoxLayout()
        row.addWidget(self.scheduled_note)
        row.addWidget(self.show_scheduled_button)
        row.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.scheduled_week)
        column.addLayout(row)
        return column

    def _figure(self, grid: QGridLayout, column: int, name: str, caption: str) -> QLabel:
        heading = QLabel(caption)
        heading.setStyleSheet("color: palette(placeholder-text);")
        value = named(QLabel(), name, caption)
        value.setFont(_scaled_font(self, 1.5))
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading.setBuddy(value)
        grid.addWidget(heading, 0, column)
        grid.addWidget(value, 1, column)
        return value

    def _chart_box(self, caption: str, chart: BarChart) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        heading = QLabel(caption)
        heading.setFont(_scaled_font(self, 1.0))
        layout = QVBoxLayout(box)
        layout.addWidget(heading)
        layout.addWidget(chart)
        return box

    # --- loading -------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._loading

    def summary(self) -> Any:
        """The last summary shown, or None."""
        return self._summary

    @Slot()
    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        self.refresh_button.setEnabled(False)
        if self._summary is None:
            self.state.show_loading(self.tr("Loading the overview…"))
            self.stack.setCurrentWidget(self.state)
        else:
            self.updated.setText(self.tr("Updating…"))  # the figures stay until the new ones
        heard = self._heard_live
        self.scheduled_week.reload()
        self._runner.submit(
            self._api.summary,
            success=lambda summary: self._loaded(summary, heard),
            failure=self._failed,
            owner=self,
        )

    @Slot(object)
    def show_summary(self, summary: Any) -> None:
        """The figures as the change feed brought them (a colleague's change): no request."""
        self._heard_live += 1
        self._summary = summary
        self._show(summary)
        self.scheduled_week.reload()  # what is scheduled may have changed with the figures

    def _loaded(self, summary: Any, heard: int) -> None:
        # The feed brought newer figures while this was read: those stay.
        if heard == self._heard_live:
            self._summary = summary
            self._show(summary)
        self._done()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        # Figures that may be out of date are not shown as if they were the server's.
        self._summary = None
        self.updated.clear()
        self.state.show_failure(
            self.tr("The overview could not be loaded"),
            self.tr("{reason}\nYour customers are unchanged.").format(reason=failure_reason(error)),
        )
        self.stack.setCurrentWidget(self.state)
        self._done()

    def _done(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if self._again:
            self.reload()

    # --- showing -------------------------------------------------------------------------

    def _show(self, summary: Any) -> None:
        locale = QLocale()
        counts, billed, currency = summary.customers, summary.monthly_billable, summary.currency
        self.updated.setText(
            self.tr("Updated at {time}").format(
                time=locale.toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
            )
        )
        if counts.active == 0 and counts.suspended == 0:
            self.state.show_message(
                self.tr("No customers yet"),
                self.tr("Add your first customer under My Customers; the overview follows."),
            )
            self.stack.setCurrentWidget(self.state)
            return
        suspended_money = money_text(billed.suspended, currency, locale)
        self._show_suspended(counts, billed, suspended_money)
        self._show_figures(counts, billed, currency, locale)
        scheduled = getattr(counts, "scheduled", 0)
        self.scheduled_note.setText(
            self.tr("%Ln customers have a suspension or re-enable scheduled.", "", scheduled)
            if scheduled
            else self.tr("Nothing is scheduled.")
        )
        self.show_scheduled_button.setEnabled(scheduled > 0)
        self._show_charts(counts, billed, currency, locale, suspended_money)
        self.stack.setCurrentWidget(self.content)

    def _show_suspended(self, counts: Any, billed: Any, suspended_money: str) -> None:
        """The callout: what suspended customers are still billed, and the way to them."""
        self.suspended_billed.setText(self.tr("{amount} a month").format(amount=suspended_money))
        if counts.suspended == 0:
            note = self.tr("No customer is suspended.")
        elif billed.suspended > 0:
            note = self.tr(
                "%Ln suspended customers keep their services, and those are billed until "
                "you remove them.",
                "",
                counts.suspended,
            )
        else:
            note = self.tr(
                "%Ln suspended customers; none of them is billed any more.", "", counts.suspended
            )
        self.suspended_note.setText(note)
        self.callout.setAccessibleDescription(
            self.tr("Suspended customers are still billed {amount} a month. {note}").format(
                amount=suspended_money, note=note
            )
        )
        self.show_suspended_button.setEnabled(counts.suspended > 0)

    def _show_figures(self, counts: Any, billed: Any, currency: str, locale: QLocale) -> None:
        self.active_count.setText(locale.toString(counts.active))
        self.suspended_count.setText(locale.toString(counts.suspended))
        total = money_text(billed.active + billed.suspended, currency, locale)
        self.billable_total.setText(total)
        self.active_count.setAccessibleDescription(
            self.tr("%Ln active customers", "", counts.active)
        )
        self.suspended_count.setAccessibleDescription(
            self.tr("%Ln suspended customers", "", counts.suspended)
        )
        canceled = getattr(counts, "canceled", 0)
        self.canceled_count.setText(locale.toString(canceled))
        self.canceled_count.setAccessibleDescription(
            self.tr("%Ln canceled customers, restorable for 14 days after canceling", "", canceled)
        )
        self.billable_total.setAccessibleDescription(
            self.tr("{amount} billed each month in all").format(amount=total)
        )

    def _show_charts(
        self, counts: Any, billed: Any, currency: str, locale: QLocale, suspended_money: str
    ) -> None:
        active_word, suspended_word = self.tr("Active"), self.tr("Suspended")
        self.customers_chart.set_bars(
            [
                Bar(active_word, counts.active, locale.toString(counts.active), ACTIVE_HUE),
                Bar(
                    suspended_word,
                    counts.suspended,
                    locale.toString(counts.suspended),
                    SUSPENDED_HUE,
                ),
            ]
        )
        self.billable_chart.set_bars(
            [
                Bar(
                    active_word,
                    float(billed.active),
                    money_text(billed.active, currency, locale),
                    ACTIVE_HUE,
                ),
                Bar(
                    suspended_word,
                    float(billed.suspended),
                    suspended_money,
                    SUSPENDED_HUE,
                    emphasis=True,
                ),
            ]
        )
