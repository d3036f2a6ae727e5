"""Search as you type, status filter and sorting over every loaded customer, for a million rows.

`CustomerFilterModel` is a proxy over `CustomerTableModel`. It keeps its own index, built once
per row as rows arrive and patched when one changes: each search field's normalised keys in one
byte buffer (`FieldIndex`), each row's status, and for a column once sorted by, its compact
keys and the stable order they give (`SortedOrder`). A keystroke then costs a few vectorised
scans, not a Python call per row; a query that extends the previous one only re-checks where
that one matched, and going back (backspace) reuses the earlier answer.

Work that could hold the GUI thread too long (a full scan of a million rows, a first sort) runs
as steps of a few milliseconds across event-loop turns; the rows shown change once, when the
answer is complete, and a newer request supersedes an unfinished one. `settled` says when the
rows shown match what was asked.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.columns import (
    COLUMN_COUNT,
    STATUS_RANK,
    UNKNOWN_STATUS_RANK,
    is_numeric_column,
    sort_key,
)
from desktop.models.search.growable_array import GrowableArray
from desktop.models.search.index import CustomerSearchIndex, FieldMatches
from desktop.models.search.keys import SearchField, SearchQuery, parse_query
from desktop.models.search.record import CustomerFields, CustomerRecord
from desktop.models.search.sort_order import (
    MERGE_ROWS,
    RUN_ROWS,
    ColumnKeys,
    SortedOrder,
    build_steps,
)
from desktop.steps import StepRunner

Rows = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
AnyIndex = QModelIndex | QPersistentModelIndex

_ASCENDING = Qt.SortOrder.AscendingOrder
# Rows indexed synchronously when they arrive; a bigger batch is indexed in steps.
_INDEX_ROWS_PER_STEP = 5000
# Rows indexed per step when catching up (a reload): about 15 ms of the GUI thread on a slow
# 2-core machine, so a step never holds it past the heartbeat's 50 ms.
_CATCH_UP_ROWS_PER_STEP = 2000
# A dataChanged spanning more rows than this re-indexes everything at once.
_ROW_BY_ROW_LIMIT = 256


@dataclass(frozen=True)
class _Shown:
    """What the rows shown answer: a query, a status, a sort."""

    query: SearchQuery | None = None
    status: int | None = None
    sort_column: int = -1
    sort_order: Qt.SortOrder = _ASCENDING


class CustomerFilterModel(QAbstractProxyModel):
    counts_changed = Signal(int, int)  # visible rows, loaded rows: "12 of 300 customers"
    settled = Signal()  # the rows shown now answer the current search, status and sort

    def __init__(
        self,
        source: CustomerTableModel | None = None,
        parent: QObject | None = None,
        *,
        step_budget_ms: float = 12.0,
        chunk_bytes: int = 1 << 20,
        sort_run_rows: int = RUN_ROWS,
        sort_merge_rows: int = MERGE_ROWS,
    ) -> None:
        super().__init__(parent)
        self._runner = StepRunner(self, step_budget_ms)
        self._sort_run_rows = sort_run_rows
        self._sort_merge_rows = sort_merge_rows
        self._table: CustomerTableModel | None = None
        self._search = CustomerSearchIndex(chunk_bytes)
        self._status = GrowableArray(np.uint8)
        self._indexed = 0
        self._column_keys: dict[int, ColumnKeys] = {}
        self._orders: dict[int, SortedOrder] = {}
        self._order_build: tuple[int, Generator[None, None, None]] | None = None
        # Rows changed while a job ran; a job re-checks those changed after it looked.
        self._changed_log: list[int] = []
        self._field = SearchField.ANY
        self._text = ""
        self._wanted = _Shown()
        self._shown = _Shown()
        self._text_mask: Mask | None = None  # per indexed row, for self._shown.query
        self._visible: Rows = np.empty(0, dtype=np.int64)
        self._proxy_of: Rows | None = None
        self._last_counts = (-1, -1)
        if source is not None:
            self.setSourceModel(source)

    # -- what to show -------------------------------------------------------------------------

    def set_search(self, text: str, field: SearchField | str | None = None) -> None:
        """Shows the customers whose `field` (None: any field) contains the text."""
        self._field = SearchField(field) if field else SearchField.ANY
        self._text = text
        self._request(query=parse_query(text, self._field))

    def set_search_text(self, text: str) -> None:
        self.set_search(text, self._field)

    def set_search_field(self, field: SearchField | str) -> None:
        self.set_search(self._text, field)

    def set_status(self, status: str | None) -> None:
        """Only customers with this status ("active", "suspended", "canceled"); None for all."""
        self._request(status=STATUS_RANK.get(status, UNKNOWN_STATUS_RANK) if status else None)

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        if not -1 <= column < COLUMN_COUNT:
            return
        self._request(sort_column=column, sort_order=Qt.SortOrder(order))

    def search_text(self) -> str:
        return self._text

    def search_field(self) -> SearchField:
        return self._field

    def is_settled(self) -> bool:
        return not self._runner.running

    # -- finding rows -------------------------------------------------------------------------

    def visible_count(self) -> int:
        return len(self._visible)

    def total_count(self) -> int:
        return self._indexed

    def source_row(self, proxy_row: int) -> int:
        return int(self._visible[proxy_row])

    def visible_source_rows(self) -> Rows:
        """The source rows shown, in their order: a copy, so an export reads a fixed list."""
        return self._visible.copy()

    def proxy_row_of_source(self, source_row: int) -> int:
        """Where a source row is shown, or -1 when it is filtered out."""
        if not 0 <= source_row < self._indexed:
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

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if model is not None and not isinstance(model, CustomerTableModel):
            raise TypeError("CustomerFilterModel filters a CustomerTableModel")
        self._runner.cancel()
        self.beginResetModel()
        if self._table is not None:
            for signal, slot in self._connections(self._table):
                signal.disconnect(slot)
        super().setSourceModel(model)  # type: ignore[arg-type]  # None (no source) is allowed
        self._table = model
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._rebuild()
        self.endResetModel()
        self._after_rebuild()

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

    # -- requests and the job that answers them -----------------------------------------------

    def _request(self, **changes: Any) -> None:
        wanted = replace(self._wanted, **changes)
        if wanted == self._wanted and (self._runner.running or wanted == self._shown):
            return
        self._wanted = wanted
        self._runner.start(self._settle_steps(wanted))

    def _settle_steps(self, wanted: _Shown) -> Generator[None, None, None]:
        yield from self._catch_up_steps()
        if wanted.sort_column >= 0 and wanted.sort_column not in self._orders:
            yield from self._order_steps(wanted.sort_column)
        new_query = wanted.query is not None and wanted.query != self._shown.query
        if new_query:
            assert wanted.query is not None
            mark = len(self._changed_log)
            found = yield from self._search.scan_steps(wanted.query)
            matched = np.zeros(self._indexed, dtype=bool)
            for field_matches in found:
                matched[field_matches.rows] = True
                yield
        # Rows that arrived in a big batch meanwhile are indexed before the answer is shown.
        yield from self._catch_up_steps()
        # From here on nothing yields: the answer is completed and shown in one go.
        text_mask: Mask | None
        if new_query:
            assert wanted.query is not None
            text_mask = self._complete_mask(wanted.query, matched, found, mark)
        else:
            text_mask = self._text_mask if wanted.query is not None else None
        self._show(wanted, text_mask)
        self._changed_log.clear()
        self._order_build = None
        self.settled.emit()

    def _order_steps(self, column: int) -> Generator[None, None, None]:
        # A sort interrupted by a keystroke carries on in the next job instead of restarting.
        if self._order_build is None or self._order_build[0] != column:
            self._order_build = (column, self._build_order_steps(column))
        build = self._order_build[1]
        for _ in build:
            yield
        self._order_build = None

    def _build_order_steps(self, column: int) -> Generator[None, None, None]:
        keys = self._column_keys.get(column)
        if keys is None:
            keys = ColumnKeys(is_numeric_column(column))
            mark = len(self._changed_log)
            while len(keys) < self._indexed:
                end = min(len(keys) + _INDEX_ROWS_PER_STEP, self._indexed)
                keys.append(sort_key(r, column) for r in self._records(len(keys), end))
                yield
            for row in set(self._changed_log[mark:]):
                keys.set(row, sort_key(self._record(row), column))
            self._column_keys[column] = keys
        mark = len(self._changed_log)
        sorted_rows = len(keys)
        order = yield from build_steps(
            keys.array[:sorted_rows],
            self._full_key(column),
            self._sort_run_rows,
            self._sort_merge_rows,
        )
        order.insert_new_rows(
            np.arange(sorted_rows, len(keys), dtype=np.int64), keys.array[sorted_rows:]
        )
        for row in set(self._changed_log[mark:]):
            order.move_row(row, keys.array[row])
        self._orders[column] = order

    def _complete_mask(
        self, query: SearchQuery, matched: Mask, found: list[FieldMatches], mark: int
    ) -> Mask:
        """The scan's answer, completed for rows added or edited after it looked."""
        mask = np.zeros(self._indexed, dtype=bool)
        mask[: len(matched)] = matched
        mask[self._search.late_rows(found)] = True
        # Rows edited during the scan may have been read before or after the edit.
        for row in set(self._changed_log[mark:]):
            mask[row] = self._search.row_matches(query, row)
        return mask

    # -- showing an answer --------------------------------------------------------------------

    def _show(self, wanted: _Shown, text_mask: Mask | None) -> None:
        self._shown = wanted
        self._text_mask = text_mask
        self._set_visible(self._compute_visible())

    def _compute_visible(self) -> Rows:
        shown = self._shown
        mask = self._text_mask
        if shown.status is not None:
            status_mask = self._status.array == shown.status
            mask = status_mask if mask is None else mask & status_mask
        if shown.sort_column < 0:
            if mask is None:
                return np.arange(self._indexed, dtype=np.int64)
            return np.flatnonzero(mask).astype(np.int64)
        order = self._orders[shown.sort_column]
        if mask is None:
            if shown.sort_order == _ASCENDING:
                return order.rows.copy()
            positions = np.arange(len(order), dtype=np.int64)
        else:
            positions = np.flatnonzero(mask[order.rows])
        if shown.sort_order == _ASCENDING:
            return order.rows[positions]
        return order.descending(positions)

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

    def _emit_counts(self) -> None:
        counts = (len(self._visible), self._indexed)
        if counts != self._last_counts:
            self._last_counts = counts
            self.counts_changed.emit(*counts)

    def _inverse(self) -> Rows:
        if self._proxy_of is None or len(self._proxy_of) != self._indexed:
            inverse = np.full(self._indexed, -1, dtype=np.int64)
            inverse[self._visible] = np.arange(len(self._visible), dtype=np.int64)
            self._proxy_of = inverse
        return self._proxy_of

    # -- the index ----------------------------------------------------------------------------

    def _records(self, first: int, end: int) -> Sequence[CustomerFields]:
        assert self._table is not None
        return self._table.customers_in(first, end)

    def _record(self, row: int) -> CustomerFields:
        assert self._table is not None
        return self._table.row_at(row)

    def _full_key(self, column: int) -> Any:
        return lambda row: sort_key(self._record(row), column)

    def _rebuild(self) -> None:
        """Forgets every row (the source was reset); rows are indexed again as a batch."""
        self._search.clear()
        self._status.clear()
        self._indexed = 0
        self._column_keys = {}
        self._orders = {}
        self._order_build = None
        self._changed_log.clear()
        # What was asked is shown from the start: with no rows yet it costs nothing.
        self._shown = self._wanted
        for column in {self._shown.sort_column} - {-1}:
            keys = ColumnKeys(is_numeric_column(column))
            self._column_keys[column] = keys
            self._orders[column] = SortedOrder(
                np.empty(0, dtype=np.int64), keys.array.copy(), self._full_key(column)
            )
        self._text_mask = None if self._shown.query is None else np.zeros(0, dtype=bool)
        self._visible = np.empty(0, dtype=np.int64)
        self._proxy_of = None
        # A reload of a few pages is indexed at once, so the view gets its rows with the reset.
        if self._table is not None and self._table.rowCount() <= _INDEX_ROWS_PER_STEP:
            self._index_and_match(self._table.rowCount())
            self._visible = self._compute_visible()

    def _after_rebuild(self) -> None:
        self._emit_counts()
        if self._table is not None and self._indexed < self._table.rowCount():
            self._runner.start(self._settle_steps(self._wanted), run_now=False)

    def _catch_up_steps(self) -> Generator[None, None, None]:
        while self._table is not None and self._indexed < self._table.rowCount():
            self._add_rows(min(self._indexed + _CATCH_UP_ROWS_PER_STEP, self._table.rowCount()))
            yield

    def _add_rows(self, end: int) -> None:
        """Indexes rows up to `end` and shows those that match what is shown."""
        first = self._index_and_match(end)
        visible = self._compute_visible()
        added = np.flatnonzero(visible >= first)
        if len(added) and added[-1] - added[0] + 1 == len(added):
            at = int(added[0])
            self.beginInsertRows(QModelIndex(), at, at + len(added) - 1)
            self._replace_visible(visible)
            self.endInsertRows()
            self._emit_counts()
        elif len(added):
            # New rows scattered through a sorted view: one layout change, not one per row.
            self._set_visible(visible)
        else:
            self._replace_visible(visible)
            self._emit_counts()

    def _index_and_match(self, end: int) -> int:
        """Indexes rows up to `end`, matching them against what is shown; returns the first."""
        first = self._indexed
        assert self._table is not None
        records = self._records(first, end)
        segments = self._search.segment_counts()
        keys = self._table.search_keys_in(first, end)
        if keys is None:
            self._search.append(records)
        else:
            self._search.append_joined(keys)  # made off the GUI thread with the rows
        self._status.extend(
            np.fromiter(
                (STATUS_RANK.get(r.status, UNKNOWN_STATUS_RANK) for r in records),
                dtype=np.uint8,
                count=len(records),
            )
        )
        for column, column_keys in self._column_keys.items():
            column_keys.append(sort_key(r, column) for r in records)
        self._indexed = end
        query = self._shown.query
        if query is not None:
            assert self._text_mask is not None
            matched = np.zeros(end - first, dtype=bool)
            matched[self._search.rows_matching_since(query, segments) - first] = True
            self._text_mask = np.concatenate([self._text_mask, matched])
        new_rows = np.arange(first, end, dtype=np.int64)
        keep = {self._shown.sort_column, self._wanted.sort_column}
        for column in list(self._orders):
            if column in keep:
                keys_array = self._column_keys[column].array
                self._orders[column].insert_new_rows(new_rows, keys_array[first:end])
            else:
                # Merging every page into every cached order would cost more than a re-sort.
                del self._orders[column]
        return first

    def _reindex_row(self, row: int) -> set[int]:
        """Re-reads one row; returns the columns whose sort key changed."""
        record = self._record(row)
        self._search.update(row, record)
        self._status.array[row] = STATUS_RANK.get(record.status, UNKNOWN_STATUS_RANK)
        sort_changed = set()
        for column, column_keys in self._column_keys.items():
            new_key = column_keys.compact([sort_key(record, column)])[0]
            if column_keys.array[row] != new_key:
                column_keys.array[row] = new_key
                sort_changed.add(column)
                if column in self._orders:
                    self._orders[column].move_row(row, new_key)
        return sort_changed

    # -- following the table ------------------------------------------------------------------

    def _connections(self, model: CustomerTableModel) -> Iterable[tuple[Any, Any]]:
        return (
            (model.rowsInserted, self._on_rows_inserted),
            (model.dataChanged, self._on_data_changed),
            (model.headerDataChanged, self.headerDataChanged),
            (model.modelAboutToBeReset, self._on_about_to_reset),
            (model.modelReset, self._on_reset),
            # The table only appends, changes and resets; anything else is taken as a reset.
            (model.rowsAboutToBeRemoved, self._on_about_to_reset),
            (model.rowsRemoved, self._on_reset),
            (model.rowsAboutToBeMoved, self._on_about_to_reset),
            (model.rowsMoved, self._on_reset),
            (model.layoutAboutToBeChanged, self._on_about_to_reset),
            (model.layoutChanged, self._on_reset),
        )

    def _on_about_to_reset(self, *_: object) -> None:
        self._runner.cancel()
        self.beginResetModel()

    def _on_reset(self, *_: object) -> None:
        self._rebuild()
        self.endResetModel()
        self._after_rebuild()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        assert self._table is not None
        if first < self._indexed:
            # Rows inserted above indexed ones: renumbering the index costs what a rebuild does.
            self._on_about_to_reset()
            self._on_reset()
            return
        caught_up = first == self._indexed
        if caught_up and last - first < _INDEX_ROWS_PER_STEP:
            self._add_rows(last + 1)
        elif not self._runner.running:
            self._runner.start(self._settle_steps(self._wanted), run_now=False)

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any
    ) -> None:
        first, last = top_left.row(), min(bottom_right.row(), self._indexed - 1)
        if last < first:
            return  # rows not indexed yet: they are read when they are
        if last - first >= _ROW_BY_ROW_LIMIT:
            self._on_about_to_reset()
            self._on_reset()
            return
        for row in range(first, last + 1):
            sort_changed = self._reindex_row(row)
            if self._runner.running:
                self._changed_log.append(row)
            self._follow_row(row, top_left.column(), bottom_right.column(), roles, sort_changed)
            if self._search.needs_compaction():
                self._compact()

    def _follow_row(
        self, row: int, first_column: int, last_column: int, roles: Any, sort_changed: set[int]
    ) -> None:
        """Shows one changed row: in place, moved, or added or removed if it (no longer) matches."""
        shown = self._shown
        matches = shown.status is None or int(self._status.array[row]) == shown.status
        if shown.query is not None:
            assert self._text_mask is not None
            self._text_mask[row] = text_matches = self._search.row_matches(shown.query, row)
            matches = matches and text_matches
        was = self.proxy_row_of_source(row)
        if was >= 0 and matches and shown.sort_column not in sort_changed:
            self.dataChanged.emit(
                self.index(was, first_column), self.index(was, last_column), roles
            )
            return
        if was < 0 and not matches:
            return
        visible = self._compute_visible()
        where = np.flatnonzero(visible == row)
        now = int(where[0]) if len(where) else -1
        if was >= 0 and now < 0:
            self.beginRemoveRows(QModelIndex(), was, was)
            self._replace_visible(visible)
            self.endRemoveRows()
        elif was < 0:
            self.beginInsertRows(QModelIndex(), now, now)
            self._replace_visible(visible)
            self.endInsertRows()
        else:
            if now != was:
                # Qt counts the destination before the row leaves its place.
                destination = now + 1 if now > was else now
                self.beginMoveRows(QModelIndex(), was, was, QModelIndex(), destination)
                self._replace_visible(visible)
                self.endMoveRows()
            else:
                self._replace_visible(visible)
            self.dataChanged.emit(
                self.index(now, first_column), self.index(now, last_column), roles
            )
        self._emit_counts()

    def _replace_visible(self, visible: Rows) -> None:
        self._visible = visible
        self._proxy_of = None

    def _compact(self) -> None:
        """Rewrites the search buffers once changed keys have left too many dead bytes."""
        self._search.compact(self._records(0, self._indexed))
        if self._runner.running:
            # Segment numbers moved under the running job: it starts over.
            self._runner.start(self._settle_steps(self._wanted), run_now=False)
