"""Now, or On a date and time; for a suspension also Re-enable automatically on a date and time.

Each time is a calendar and a clock in the person's time zone, with the zone and its UTC offset
beside it (the offset of that date: winter and summer differ). A time a daylight-saving change
skips or repeats is said under its field (desktop/operations/schedule.py decides what it
becomes); one in the past, too far ahead, or a re-enable not after the suspension is said there
too, and `problem()` keeps the confirmation off.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from desktop.api.records import wire_time
from desktop.operations.schedule import (
    LocalChoice,
    in_zone,
    offset_text,
    person_zone,
    resolve,
    time_problems,
    zone_name,
)
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

_DEFAULT_HOUR = 9


def _edit(object_name: str, accessible: str, start: datetime) -> QDateTimeEdit:
    edit = named(QDateTimeEdit(), object_name, accessible)
    edit.setCalendarPopup(True)
    edit.lineEdit().setAccessibleName(accessible)  # its text field, what a screen reader reads
    # The edit holds the wall time as typed: in UTC, which has no gaps, so a time a DST change
    # skips can be typed and then said; the person's zone is applied by resolve().
    edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    _set_wall(edit, start)
    return edit


def _set_wall(edit: QDateTimeEdit, wall: datetime) -> None:
    day, clock = QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute)
    edit.setDateTime(QDateTime(day, clock, QTimeZone(QTimeZone.Initialization.UTC)))


def _wall(edit: QDateTimeEdit) -> tuple[date, time]:
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return date(d.year(), d.month(), d.day()), time(t.hour(), t.minute())


class ScheduleChoice(QWidget):
    changed = Signal()

    def __init__(
        self,
        with_resume: bool,
        parent: QWidget | None = None,
        *,
        zone: str | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "scheduleChoice", self.tr("When"))
        self.zone = zone or person_zone()
        self._fixed_now = now
        local_now = in_zone(self.now(), self.zone)
        tomorrow = datetime.combine(local_now.date() + timedelta(days=1), time(_DEFAULT_HOUR))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.now_button = named(QRadioButton(self.tr("&Now")), "scheduleNow", self.tr("Now"))
        self.at_button = named(QRadioButton(self.tr("&On")), "scheduleAt", self.tr("On a date"))
        group = QButtonGroup(self)
        group.addButton(self.now_button)
        group.addButton(self.at_button)
        self.now_button.setChecked(True)
        self.at_edit = _edit("scheduleDateTime", self.tr("Date and time"), tomorrow)
        self.at_zone = named(muted(""), "scheduleZone", self.tr("Time zone"))
        self.at_note = named(muted(""), "scheduleNote", self.tr("About this time"))
        grid.addWidget(self.now_button, 0, 0, 1, 3)
        grid.addWidget(self.at_button, 1, 0)
        grid.addWidget(self.at_edit, 1, 1)
        grid.addWidget(self.at_zone, 1, 2)
        grid.addWidget(self.at_note, 2, 1, 1, 2)
        self.resume_box: QCheckBox | None = None
        self.resume_edit: QDateTimeEdit | None = None
        if with_resume:
            self.resume_box = named(
                QCheckBox(self.tr("Re-enable &automatically on")),
                "resumeAt",
                self.tr("Re-enable automatically"),
            )
            self.resume_edit = _edit(
                "resumeDateTime", self.tr("Re-enable date and time"), tomorrow + timedelta(days=7)
            )
            self.resume_zone = named(muted(""), "resumeZone", self.tr("Time zone"))
            self.resume_note = named(muted(""), "resumeNote", self.tr("About this time"))
            grid.addWidget(self.resume_box, 3, 0)
            grid.addWidget(self.resume_edit, 3, 1)
            grid.addWidget(self.resume_zone, 3, 2)
            grid.addWidget(self.resume_note, 4, 1, 1, 2)
            self.resume_box.toggled.connect(self._update)
            self.resume_edit.dateTimeChanged.connect(self._update)
        self.at_button.toggled.connect(self._update)
        self.at_edit.dateTimeChanged.connect(self._update)
        self._problem = ""
        self._update()

    def now(self) -> datetime:
        return self._fixed_now or datetime.now().astimezone()

    # --- what was chosen ----------------------------------------------------------------------

    def at_choice(self) -> LocalChoice | None:
        """The time to run at; None for now."""
        if not self.at_button.isChecked():
            return None
        return resolve(*_wall(self.at_edit), self.zone)

    def resume_choice(self) -> LocalChoice | None:
        if self.resume_box is None or self.resume_edit is None or not self.resume_box.isChecked():
            return None
        return resolve(*_wall(self.resume_edit), self.zone)

    def at(self) -> datetime | None:
        choice = self.at_choice()
        return choice.moment if choice else None

    def resume_at(self) -> datetime | None:
        choice = self.resume_choice()
        return choice.moment if choice else None

    def params(self) -> dict[str, str]:
        """`at` and `resume_at` as the wire takes them (OperationCenter.start); none for now."""
        at, resume_at = self.at(), self.resume_at()
        params = {"at": wire_time(at)} if at is not None else {}
        if resume_at is not None:
            params["resume_at"] = wire_time(resume_at)
        return params

    def problem(self) -> str:
        """What keeps the choice from being sent ("" for nothing)."""
        return self._problem

    # --- keeping the words true ---------------------------------------------------------------

    @Slot()
    def _update(self) -> None:
        at, resume = self.at_choice(), self.resume_choice()
        at_problem, resume_problem = time_problems(
            at.moment if at else None, resume.moment if resume else None, self.now()
        )
        self.at_edit.setEnabled(self.at_button.isChecked())
        self._show(self.at_zone, self.at_note, at, at_problem, self.at_edit)
        if self.resume_box is not None and self.resume_edit is not None:
            self.resume_edit.setEnabled(self.resume_box.isChecked())
            self._show(self.resume_zone, self.resume_note, resume, resume_problem, self.resume_edit)
        self._problem = at_problem or resume_problem
        self.changed.emit()

    def _show(
        self,
        zone_label: QLabel,
        note: QLabel,
        choice: LocalChoice | None,
        problem: str,
        edit: QDateTimeEdit,
    ) -> None:
        wall = resolve(*_wall(edit), self.zone).moment
        name, offset = zone_name(wall), offset_text(wall)
        zone_label.setText(offset if name in ("UTC", offset) else f"{name} ({offset})")
        text = problem or (choice.note if choice else "")
        note.setText(text)
        note.setStyleSheet(tone_style("error") if problem else "")
        note.setVisible(bool(text))
        edit.setAccessibleDescription(text)
