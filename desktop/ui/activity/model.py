"""The Activity log as a table, newest first, read from the server a page at a time as the view
scrolls to its end (canFetchMore / fetchMore, each page on the TaskRunner).

One page is asked for at a time. A new filter starts again from the first page; a page asked
for under an older filter is dropped when it arrives (each load has its generation). A page
that fails keeps every row shown and says so (`page_failed`); `retry` asks for it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.api.team_records import ActivityFilter, ActivityItem, ActivityPage
from desktop.models.event_words import local_date_time
from desktop.ui.activity import calls
from desktop.ui.activity.words import ActivityWords

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner

AnyIndex = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)
ItemRole = _USER + 1  # the ActivityItem itself
ActionRole = _USER + 2  # the server's action name ("suspended"), for tests and colour
CustomerIdRole = _USER + 3  # the customer's id, None for a partner-wide event

WHEN, WHO, WHAT, CUSTOMER, DETAILS = range(5)
COLUMN_COUNT = 5
DETAIL_SEPARATOR = "; "  # one line a row: thousands of rows never measure their heights


def export_time(item: ActivityItem) -> str:
    """The event's time where the person is, as spreadsheets read a date and time."""
    shown = QDateTime.fromMSecsSinceEpoch(int(item.at.timestamp() * 1000)).toLocalTime()
    return shown.toString("yyyy-MM-dd HH:mm:ss")


class ActivityTableModel(QAbstractTableModel):
    WHEN, WHO, WHAT, CUSTOMER, DETAILS = WHEN, WHO, WHAT, CUSTOMER, DETAILS
    ItemRole, ActionRole, CustomerIdRole = ItemRole, ActionRole, CustomerIdRole

    loading_changed = Signal(bool)  # a page is on its way, or no longer
    page_arrived = Signal()  # rows were added (or the first page was empty)
    page_failed = Signal(object)  # the error; the rows shown stay

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self.words = ActivityWords(self)
        self._locale = QLocale()
        self._filter = ActivityFilter()
        self._items: list[ActivityItem] = []
        self._details: list[str] = []
        self._ids: set[int] = set()
        self._started = False  # a first page was asked for
        self._cursor: str | None = None
        self._at_end = False
        self._loading = False
        self._error: BaseException | None = None
        self._generation = 0

    # -- state ----------------------------------------------------------------------------------

    @property
    def chosen(self) -> ActivityFilter:
        return self._filter

    def is_loading(self) -> bool:
        return self._loading

    def has_loaded(self) -> bool:
        """A first page has arrived for the current filter."""
        return self._started and (bool(self._items) or self._at_end or self._cursor is not None)

    def at_end(self) -> bool:
        return self._at_end

    def failure(self) -> BaseException | None:
        return self._error

    def item_at(self, row: int) -> ActivityItem:
        return self._items[row]

    # -- loading --------------------------------------------------------------------------------

    def set_filter(self, chosen: ActivityFilter) -> None:
        """Everything again from the first page, under `chosen`."""
        self._filter = chosen
        self.reload()

    def reload(self) -> None:
        self._generation += 1  # whatever is on its way is for the list being replaced
        self.beginResetModel()
        self._items, self._details, self._ids = [], [], set()
        self._started, self._cursor, self._at_end, self._error = True, None, False, None
        self.endResetModel()
        self._set_loading(False)
        self._fetch()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._started
            and not self._at_end
            and not self._loading
            and self._error is None
            and self._cursor is not None
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch()

    def retry(self) -> None:
        """The page that failed, asked for again; the rows shown stay."""
        if self._error is None or self._loading:
            return
        self._error = None
        self._fetch()

    def _fetch(self) -> None:
        generation = self._generation
        self._set_loading(True)
        self._runner.submit(
            self._api.activity,
            self._filter,
            limit=calls.PAGE_SIZE,
            cursor=self._cursor,
            success=lambda page: self._arrived(generation, page),
            failure=lambda error: self._failed(generation, error),
            owner=self,
        )

    def _arrived(self, generation: int, page: ActivityPage) -> None:
        if generation != self._generation:
            return  # asked for under a filter no longer shown
        # Keyset pages never repeat an event; a server that did would not double a row.
        fresh = [item for item in page.items if item.id not in self._ids]
        if fresh:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._items.extend(fresh)
            self._ids.update(item.id for item in fresh)
            self._details.extend(self._detail_text(item) for item in fresh)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._at_end = page.next_cursor is None
        self._set_loading(False)
        self.page_arrived.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._error = error
        self._set_loading(False)
        self.page_failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- reading --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _ACCESSIBLE):
            labels = self.column_titles()
            return labels[section] if 0 <= section < len(labels) else None
        return super().headerData(section, orientation, role)

    def column_titles(self) -> list[str]:
        return [
            self.tr("When"),
            self.tr("Who"),
            self.tr("What"),
            self.tr("Customer"),
            self.tr("Details"),
        ]

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._items) and 0 <= column < COLUMN_COUNT):
            return None
        role = int(role)
        if role == _DISPLAY:
            return self.cell_text(row, column)
        if role == _TOOLTIP:
            if column == DETAILS:
                return "\n".join(self._details[row].split(DETAIL_SEPARATOR)) or None
            return self.cell_text(row, column) if column in (WHAT, CUSTOMER) else None
        if role == _ACCESSIBLE:
            header = self.headerData(column, Qt.Orientation.Horizontal)
            text = self.cell_text(row, column) or self.tr("none")
            return f"{header}: {text}"
        item = self._items[row]
        if role == ItemRole:
            return item
        if role == ActionRole:
            return item.action
        if role == CustomerIdRole:
            return item.customer_id
        return None

    def cell_text(self, row: int, column: int) -> str:
        item = self._items[row]
        if column == DETAILS:
            return self._details[row]
        return self.text_of(item, column)

    def text_of(self, item: ActivityItem, column: int) -> str:
        """A cell's words for any event, shown or not (the export words every page alike)."""
        if column == WHEN:
            return local_date_time(item.at, self._locale)
        if column == WHO:
            return item.actor
        if column == WHAT:
            return self.words.action(item.action)
        if column == CUSTOMER:
            return item.customer_name or ""
        return self._detail_text(item)

    def _detail_text(self, item: ActivityItem) -> str:
        return DETAIL_SEPARATOR.join(self.words.details(item.action, item.details, self._locale))
