"""A proxy over `CustomerTableModel` that shows a chosen list of its rows, in a chosen order.

`ShownRowsProxy` is the Qt side of the customer filter: it maps the proxy's rows to the table's
through one array of source rows, and swaps that array for a new one with one layout change
that keeps persistent indexes (the selection) on their rows. Which rows, in which order, is
decided by the subclass (`CustomerFilterModel`).
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.columns import COLUMN_COUNT
from desktop.models.search.record import CustomerRecord

Rows = npt.NDArray[np.int64]
AnyIndex = QModelIndex | QPersistentModelIndex


class ShownRowsProxy(QAbstractProxyModel):
    counts_changed = Signal(int, int)  # visible rows, loaded rows: "12 of 300 customers"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: CustomerTableModel | None = None
        self._visible: Rows = np.empty(0, dtype=np.int64)
        self._proxy_of: Rows | None = None
        self._last_counts = (-1, -1)

    def total_count(self) -> int:
        """The rows the shown ones are chosen from (those indexed so far)."""
        raise NotImplementedError

    # -- finding rows -------------------------------------------------------------------------

    def visible_count(self) -> int:
        return len(self._visible)

    def source_row(self, proxy_row: int) -> int:
        return int(self._visible[proxy_row])

    def visible_source_rows(self) -> Rows:
        """The source rows shown, in their order: a copy, so an export reads a fixed list."""
        return self._visible.copy()

    def proxy_row_of_source(self, source_row: int) -> int:
        """Where a source row is shown, or -1 when it is filtered out."""
        if not 0 <= source_row < self.total_count():
            return -1
        return int(self._inverse()[source_row])

    def proxy_row_of_id(self, customer_id: str) -> int | None:
        """Where a customer is shown, or None: for keeping the selection across a refresh."""
        source_row = None if self._table is None else self._table.row_of(customer_id)
        if source_row is None:
            return None
        row = self.proxy_row_of_source(source_row)
        return row if row >= 0 else None

    def index_of_id(self, customer_id: str, column: int = 0) -> QModelIndex:
        row = self.proxy_row_of_id(customer_id)
        return QModelIndex() if row is None else self.index(row, column)

    def customer_at(self, proxy_row: int) -> CustomerRecord:
        assert self._table is not None
        return self._table.customer_at(self.source_row(proxy_row))

    # -- QAbstractProxyModel ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else COLUMN_COUNT

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._visible) > 0

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._visible) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self) -> QObject: ...
    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...
    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:
        if self._table is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._visible):
            return QModelIndex()
        return self._table.index(int(self._visible[row]), proxy_index.column())

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row_of_source(source_index.row())
        return self.createIndex(row, source_index.column()) if row >= 0 else QModelIndex()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Straight to the table, skipping a round trip through C++ for every painted cell.
        if self._table is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._visible):
            return None
        source = self._table.index(int(self._visible[row]), index.column())
        return self._table.data(source, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._table is not None:
            return self._table.headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    # -- changing the rows shown --------------------------------------------------------------

    def _set_visible(self, visible: Rows) -> None:
        """Shows new rows with one layout change, moving persistent indexes (the selection)."""
        if np.array_equal(visible, self._visible):
            self._emit_counts()
            return
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        sources = [int(self._visible[i.row()]) for i in old_indexes]
        self._visible = visible
        self._proxy_of = None
        new_indexes = []
        for index, source in zip(old_indexes, sources, strict=True):
            row = self.proxy_row_of_source(source)
            new_indexes.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()
        self._emit_counts()

    def _replace_visible(self, visible: Rows) -> None:
        """Takes new rows as they are; the caller tells the view (insert, remove, move)."""
        self._visible = visible
        self._proxy_of = None

    def _emit_counts(self) -> None:
        counts = (len(self._visible), self.total_count())
        if counts != self._last_counts:
            self._last_counts = counts
            self.counts_changed.emit(*counts)

    def _inverse(self) -> Rows:
        total = self.total_count()
        if self._proxy_of is None or len(self._proxy_of) != total:
            inverse = np.full(total, -1, dtype=np.int64)
            inverse[self._visible] = np.arange(len(self._visible), dtype=np.int64)
            self._proxy_of = inverse
        return self._proxy_of
