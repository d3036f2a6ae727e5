"""A customer's history as a table, newest first: when, who, what, and the details in words.

A load replaces every row (`reset`). The records stay as the server sent them; their words come
from EventWords when a view asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.models.event_words import EventWords, local_date_time


class EventRecord(Protocol):
    """What the model reads from an event (desktop.api.records.Event has it)."""

    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def details(self) -> dict[str, Any]: ...


_USER = int(Qt.ItemDataRole.UserRole)
EventRole = _USER + 1  # the record itself
ActionRole = _USER + 2  # the server's action name ("suspended"), for colour and tests
DetailLinesRole = _USER + 3  # the details as a list of lines

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)

AnyIndex = QModelIndex | QPersistentModelIndex

WHEN, WHO, WHAT, DETAILS = range(4)
COLUMN_COUNT = 4


class HistoryTableModel(QAbstractTableModel):
    WHEN, WHO, WHAT, DETAILS = WHEN, WHO, WHAT, DETAILS
    EventRole = EventRole
    ActionRole = ActionRole
    DetailLinesRole = DetailLinesRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[EventRecord] = []
        self._lines: list[list[str]] = []
        self._words = EventWords(self)
        self._locale = QLocale()

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def event_at(self, row: int) -> EventRecord:
        return self._events[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _ACCESSIBLE):
            labels = (self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details"))
            return labels[section] if 0 <= section < len(labels) else None
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._events) and 0 <= column < COLUMN_COUNT):
            return None
        event = self._events[row]
        role = int(role)
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP:
            return self._display(row, column) if column in (WHAT, DETAILS) else None
        if role == _ACCESSIBLE:
            header = self.headerData(column, Qt.Orientation.Horizontal)
            text = self._display(row, column).replace("\n", "; ")
            return f"{header}: {text or self.tr('none')}"
        if role == EventRole:
            return event
        if role == ActionRole:
            return event.action
        if role == DetailLinesRole:
            return list(self._lines[row])
        return None

    def _display(self, row: int, column: int) -> str:
        event = self._events[row]
        if column == WHEN:
            return local_date_time(event.at, self._locale)
        if column == WHO:
            return event.actor
        if column == WHAT:
            return self._words.action(event.action)
        return "\n".join(self._lines[row])

    # -- changing -----------------------------------------------------------------------------

    def reset(self, events: Sequence[EventRecord] = ()) -> None:
        """Replaces every row; newest first even if the server's order were to change."""
        self.beginResetModel()
        # sorted() is stable: events of the same instant keep the server's (newest-first) order.
        self._events = sorted(events, key=lambda e: e.at, reverse=True)
        # Worded once per load, not on every paint.
        self._lines = [self._words.details(e.action, e.details, self._locale) for e in self._events]
        self.endResetModel()
