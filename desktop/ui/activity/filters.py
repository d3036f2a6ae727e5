"""The Activity page's filters: who, what, which customer, from and to (each optional).

`changed` fires once per change a person makes; `chosen()` is the filter as the server takes it.
Dates are whole days where the person is: From is that day's first moment, To includes the
whole day (the server's `until` is the next day's first moment, exclusive).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from desktop.api.team_records import ActivityFilter, StaffUser
from desktop.ui.activity.customer_picker import CustomerPicker
from desktop.ui.activity.words import CUSTOMER_ACTIONS, TEAM_ACTIONS, ActivityWords
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner

DEFAULT_DAYS = 7  # what a date filter starts at when ticked: the last week


def day_start(day: QDate) -> datetime:
    """The first moment of `day` in the person's time zone, as an aware UTC datetime."""
    seconds = QDateTime(day, QTime(0, 0)).toSecsSinceEpoch()
    return datetime.fromtimestamp(seconds, UTC)


class ActivityFilters(QWidget):
    changed = Signal()

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "activityFilters", self.tr("Activity filters"))
        self._quiet = False  # set while several controls change as one
        self.actor = named(QComboBox(), "activityFilterActor", self.tr("Who"))
        self.actor.setToolTip(self.tr("Only what this staff member did"))
        self.set_staff(())
        self.action = named(QComboBox(), "activityFilterAction", self.tr("What"))
        self.action.setToolTip(self.tr("Only this kind of event"))
        self._fill_actions()
        self.customer = CustomerPicker(api, runner)
        self.since_on = named(QCheckBox(self.tr("From")), "activityFilterFromOn", self.tr("From"))
        self.since = named(QDateEdit(), "activityFilterFrom", self.tr("From date"))
        self.until_on = named(QCheckBox(self.tr("To")), "activityFilterToOn", self.tr("To"))
        self.until = named(QDateEdit(), "activityFilterTo", self.tr("To date"))
        today = QDate.currentDate()
        for box, edit, day in (
            (self.since_on, self.since, today.addDays(-DEFAULT_DAYS)),
            (self.until_on, self.until, today),
        ):
            edit.setCalendarPopup(True)
            edit.setDate(day)
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._emit)
            # A day changed under an unticked box filters nothing: nothing to reload.
            edit.dateChanged.connect(lambda _day, on=box: self._emit() if on.isChecked() else None)
        self.since_on.setToolTip(self.tr("Only events on or after this day"))
        self.until_on.setToolTip(self.tr("Only events on or before this day"))
        self.actor.currentIndexChanged.connect(self._emit)
        self.action.currentIndexChanged.connect(self._emit)
        self.customer.changed.connect(self._emit)
        self._lay_out()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for column, (text, control) in enumerate(
            (
                (self.tr("&Who:"), self.actor),
                (self.tr("Wh&at:"), self.action),
                (self.tr("&Customer:"), self.customer),
            )
        ):
            label = QLabel(text)
            label.setBuddy(control)
            grid.addWidget(label, 0, 2 * column)
            grid.addWidget(control, 0, 2 * column + 1)
            grid.setColumnStretch(2 * column + 1, 2 if control is self.customer else 1)
        # The days on a row of their own: on one row with the rest, the Croatian words made
        # the page (and so the window) wider than a 1024-pixel screen.
        days = QHBoxLayout()
        for control in (self.since_on, self.since, self.until_on, self.until):
            days.addWidget(control)
        days.addStretch(1)
        grid.addLayout(days, 1, 0, 1, 6)

    def _fill_actions(self) -> None:
        words = ActivityWords(self)
        self.action.addItem(self.tr("Anything"), "")
        for actions in (CUSTOMER_ACTIONS, TEAM_ACTIONS):
            self.action.insertSeparator(self.action.count())
            for action in actions:
                self.action.addItem(words.action(action), action)

    # --- public --------------------------------------------------------------------------------

    def chosen(self) -> ActivityFilter:
        return ActivityFilter(
            actor=self.actor.currentData() or "",
            action=self.action.currentData() or "",
            customer_id=self.customer.picked_id(),
            since=day_start(self.since.date()) if self.since_on.isChecked() else None,
            until=day_start(self.until.date().addDays(1)) if self.until_on.isChecked() else None,
        )

    def set_staff(self, staff: Sequence[StaffUser]) -> None:
        """The people "Who" offers; the one chosen stays chosen if still there."""
        current = self.actor.currentData() or ""
        self._quiet = True
        try:
            self.actor.clear()
            self.actor.addItem(self.tr("Anyone"), "")
            for person in sorted(staff, key=lambda p: p.shown_name.casefold()):
                shown = person.shown_name
                label = shown if shown == person.username else f"{shown} ({person.username})"
                self.actor.addItem(label, person.username)
            found = self.actor.findData(current)
            if current and found < 0:  # someone only the log still knows: kept as chosen
                self.actor.addItem(current, current)
                found = self.actor.count() - 1
            self.actor.setCurrentIndex(max(found, 0))
        finally:
            self._quiet = False

    def choose_action(self, action: str) -> None:
        self.action.setCurrentIndex(max(self.action.findData(action), 0))

    def choose_customer(self, customer_id: str, name: str) -> None:
        self.customer.pick(customer_id, name)

    def clear(self) -> None:
        """Every filter off, then one `changed`."""
        self._quiet = True
        try:
            self.actor.setCurrentIndex(0)
            self.action.setCurrentIndex(0)
            self.customer.drop()
            self.since_on.setChecked(False)
            self.until_on.setChecked(False)
        finally:
            self._quiet = False
        self.changed.emit()

    # --- changes -------------------------------------------------------------------------------

    @Slot()
    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()
