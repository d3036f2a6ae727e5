"""A suspension or re-enable at a time: the person's wall-clock time made a moment, checked,
and said in words.

The person picks a date and a time where they are; the wire takes UTC (desktop/api's
`wire_time`). Between the two stands the time zone, with its daylight-saving changes: a time a
spring-forward skips does not exist (02:30 on the last Sunday of March in Zagreb), one an
autumn fall-back repeats happens twice. Both are said, never silently moved.

    choice = resolve(date(2026, 3, 29), time(2, 30), "Europe/Zagreb")
    choice.moment   2026-03-29 03:30+02:00 (what the server is sent, in UTC)
    choice.note     "02:30 does not exist on 29 March; it will run at 03:30 CEST."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime, QTimeZone

from desktop.api.records import OperationKind

CONTEXT = "ScheduleWords"
# The API's bound (API.md): at most 366 days ahead.
MAX_AHEAD = timedelta(days=366)


def person_zone() -> str:
    """The IANA name of this person's time zone (the system's)."""
    return bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"


def zone_info(zone: str) -> tzinfo:
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        # A zone the tz database here lacks: the system's present offset stands in.
        local = datetime.now().astimezone().tzinfo
        return local if local is not None else UTC


@dataclass(frozen=True)
class LocalChoice:
    moment: datetime  # aware, in the person's zone
    note: str  # what a daylight-saving change does to the time asked for; "" for nothing


def resolve(day: date, clock: time, zone: str) -> LocalChoice:
    """The moment the person means by `day` at `clock` in `zone`, and what DST does to it."""
    tz = zone_info(zone)
    wall = datetime.combine(day, clock)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return LocalChoice(first, "")
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != wall:
        # Skipped: the clock jumps over it; fold 0 reads it with the offset before the jump,
        # which is the same instant as the wall time that far past the jump.
        moment = first.astimezone(UTC).astimezone(tz)
        note = QCoreApplication.translate(
            "ScheduleWords", "{time} does not exist on {date}; it will run at {runs}."
        ).format(
            time=clock_text(wall),
            date=short_day(wall),
            runs=f"{clock_text(moment)} {zone_name(moment)}",
        )
        return LocalChoice(moment, note)
    # Repeated: the first of the two (summer time, before the clock goes back).
    note = QCoreApplication.translate(
        "ScheduleWords", "{time} happens twice on {date}; it will run at the first, {runs}."
    ).format(
        time=clock_text(wall), date=short_day(wall), runs=f"{clock_text(first)} {zone_name(first)}"
    )
    return LocalChoice(first, note)


def in_zone(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(zone_info(zone))


def zone_name(moment: datetime) -> str:
    """ "CET", or the offset ("UTC+05:30") where the zone has no abbreviation."""
    name = moment.tzname() or ""
    if not name or name[0] in "+-":
        return offset_text(moment)
    return name


def offset_text(moment: datetime) -> str:
    """ "UTC+01:00" """
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _qdate(moment: datetime) -> QDate:
    return QDate(moment.year, moment.month, moment.day)


def clock_text(moment: datetime) -> str:
    """ "09:00", in the locale's short form."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def short_day(moment: datetime) -> str:
    """ "29 March" """
    return QLocale().toString(_qdate(moment), QCoreApplication.translate("ScheduleWords", "d MMMM"))


def badge_day(moment: datetime) -> str:
    """ "15 Dec" """
    return QLocale().toString(_qdate(moment), QCoreApplication.translate("ScheduleWords", "d MMM"))


def when_text(moment: datetime, zone: str) -> str:
    """ "Tuesday 15 December at 09:00 CET" (the year too when it is not this one)."""
    local = in_zone(moment, zone)
    same_year = local.year == datetime.now(local.tzinfo).year
    day = QLocale().toString(
        _qdate(local),
        QCoreApplication.translate("ScheduleWords", "dddd d MMMM")
        if same_year
        else QCoreApplication.translate("ScheduleWords", "dddd d MMMM yyyy"),
    )
    return QCoreApplication.translate("ScheduleWords", "{day} at {time} {zone}").format(
        day=day, time=clock_text(local), zone=zone_name(local)
    )


def time_problems(
    at: datetime | None, resume_at: datetime | None, now: datetime
) -> tuple[str, str]:
    """What is wrong with the time to run at and the time to re-enable at ("" for nothing)."""
    at_problem = _one_problem(at, now)
    resume_problem = _one_problem(resume_at, now)
    if not resume_problem and resume_at is not None and at is not None and resume_at <= at:
        resume_problem = QCoreApplication.translate(
            "ScheduleWords", "The re-enable must come after the suspension."
        )
    return at_problem, resume_problem


def _one_problem(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    if moment <= now:
        return QCoreApplication.translate(
            "ScheduleWords", "This time has passed: pick one in the future."
        )
    if moment - now > MAX_AHEAD:
        return QCoreApplication.translate("ScheduleWords", "At most 366 days ahead.")
    return ""


def plan_words(
    kind: OperationKind,
    name: str,
    at: datetime | None,
    resume_at: datetime | None,
    zone: str,
    *,
    billable: bool = True,
) -> str:
    """What will happen and when, in a sentence or two, for the confirmation; `billable`:
    the customer has services that stay billable while suspended."""
    if kind == "suspend":
        when = when_text(at, zone) if at else ""
        if at is None and billable:
            first = QCoreApplication.translate(
                "ScheduleWords", "{name} will be suspended now; its services stay billable."
            )
        elif at is None:
            first = QCoreApplication.translate("ScheduleWords", "{name} will be suspended now.")
        elif billable:
            first = QCoreApplication.translate(
                "ScheduleWords", "{name} will be suspended on {when}; its services stay billable."
            )
        else:
            first = QCoreApplication.translate(
                "ScheduleWords", "{name} will be suspended on {when}."
            )
        text = first.format(name=name, when=when)
        if resume_at is not None:
            then = QCoreApplication.translate(
                "ScheduleWords", "It will be re-enabled automatically on {when}."
            )
            text += " " + then.format(when=when_text(resume_at, zone))
        return text
    if at is None:
        return QCoreApplication.translate("ScheduleWords", "{name} will be re-enabled now.").format(
            name=name
        )
    return QCoreApplication.translate(
        "ScheduleWords", "{name} will be re-enabled on {when}."
    ).format(name=name, when=when_text(at, zone))


def scheduled_words(kind: str, when: datetime, zone: str) -> str:
    """The General tab's line: "Suspension scheduled for Tuesday 15 December at 09:00 CET." """
    if kind == "unsuspend":
        text = QCoreApplication.translate("ScheduleWords", "Re-enable scheduled for {when}.")
    else:
        text = QCoreApplication.translate("ScheduleWords", "Suspension scheduled for {when}.")
    return text.format(when=when_text(when, zone))


def badge_words(kind: str, when: datetime, zone: str) -> str:
    """The list row's badge: "Suspends 15 Dec"."""
    day = badge_day(in_zone(when, zone))
    if kind == "unsuspend":
        return QCoreApplication.translate("ScheduleWords", "Re-enables {day}").format(day=day)
    return QCoreApplication.translate("ScheduleWords", "Suspends {day}").format(day=day)


def cancel_words(kind: str) -> str:
    """The button that cancels it."""
    if kind == "unsuspend":
        return QCoreApplication.translate("ScheduleWords", "Cancel scheduled re-enable")
    return QCoreApplication.translate("ScheduleWords", "Cancel scheduled suspension")


def when_words(kind: str, when: str) -> str:
    """ "suspends on Tuesday 15 December at 09:00 CET": the row's badge read aloud."""
    if kind == "unsuspend":
        return QCoreApplication.translate("ScheduleWords", "re-enables on {when}").format(when=when)
    return QCoreApplication.translate("ScheduleWords", "suspends on {when}").format(when=when)


def scheduled_badge(scheduled: Any, zone: str) -> str:
    """A list row's `next_scheduled` (None for nothing) as its badge; "" for nothing."""
    return badge_words(scheduled.kind, scheduled.at, zone) if scheduled is not None else ""
