"""A server's time (UTC) as this person reads times: their zone, their locale's format.

Outside the ui, as the operations' words (desktop/operations/words.py: "offline since 14:02")
need it too and the operations may not import the ui; the ui's pages import it from
desktop/ui/widgets/clock.py, the same functions.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale


def _local(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


def local_time(moment: datetime) -> str:
    """Date and time, short ("18/06/2026 14:02")."""
    return QLocale().toString(_local(moment), QLocale.FormatType.ShortFormat)


def local_clock(moment: datetime) -> str:
    """Only the time of day ("14:02")."""
    return QLocale().toString(_local(moment).time(), QLocale.FormatType.ShortFormat)


def local_date(moment: datetime) -> str:
    """Only the date ("18 June 2026"), as it is where this person is."""
    return QLocale().toString(_local(moment).date(), QLocale.FormatType.LongFormat)


def unbroken(text: str) -> str:
    """A date kept on one line: "06. 01. 2023. 15:41" has spaces a wrapping label breaks at."""
    return text.replace(" ", "\u00a0")
