"""Search as you type, status filter and sorting over every loaded customer, for a million rows.

`CustomerFilterModel` is a proxy over `CustomerTableModel` (`ShownRowsProxy` maps its rows).
It keeps its own index (`FilterIndex`, Qt-free), built once per row as rows arrive and patched
when one changes: each search field's normalised keys in one byte buffer (`FieldIndex`), each
row's status, and for a column once sorted by, its compact keys and the stable order they give
(`SortedOrder`). A keystroke then costs a few vectorised
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
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, Signal

from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.columns import COLUMN_COUNT, STATUS_RANK, UNKNOWN_STATUS_RANK
from desktop.models.search.filter_index import SCHEDULED_FILTER, FilterIndex, Mask, Scan
from desktop.models.search.keys import SearchField, SearchQuery, parse_query
from desktop.models.search.record import CustomerFields
from desktop.models.search.sort_order import MERGE_ROWS, RUN_ROWS
from desktop.models.shown_rows import ShownRowsProxy
from desktop.steps import StepRunner

Rows = npt.NDArray[np.int64]

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


class CustomerFilterModel(ShownRowsProxy):
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
        self._index = FilterIndex(
            self._records,
            self._record,
            self._joined_keys,
            chunk_bytes=chunk_bytes,
            sort_run_rows=sort_run_rows,
            sort_merge_rows=sort_merge_rows,
        )
        self._field = SearchField.ANY
        self._text = ""
        self._wanted = _Shown()
        self._shown = _Shown()
        self._text_mask: Mask | None = None  # per indexed row, for self._shown.query
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
        """Only customers with this status ("active", "suspended", "canceled"; "scheduled":
        those with a scheduled operation); None for all."""
        if status == "scheduled":
            self._request(status=SCHEDULED_FILTER)
            return
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

    def total_count(self) -> int:
        return self._index.indexed

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

    # -- requests and the job that answers them -----------------------------------------------

    def _request(self, **changes: Any) -> None:
        wanted = replace(self._wanted, **changes)
        if wanted == self._wanted and (self._runner.running or wanted == self._shown):
            return
        self._wanted = wanted
        self._runner.start(self._settle_steps(wanted))

    def _settle_steps(self, wanted: _Shown) -> Generator[None, None, None]:
        index = self._index
        yield from self._catch_up_steps()
        if wanted.sort_column >= 0 and wanted.sort_column not in index.orders:
            yield from index.order_steps(wanted.sort_column, _INDEX_ROWS_PER_STEP)
        scan: Scan | None = None
        if wanted.query is not None and wanted.query != self._shown.query:
            scan = yield from index.scan_steps(wanted.query)
        # Rows that arrived in a big batch meanwhile are indexed before the answer is shown.
        yield from self._catch_up_steps()
        # From here on nothing yields: the answer is completed and shown in one go.
        text_mask: Mask | None
        if scan is not None:
            text_mask = index.complete_mask(scan)
        else:
            text_mask = self._text_mask if wanted.query is not None else None
        self._show(wanted, text_mask)
        index.end_job()
        self.settled.emit()

    # -- showing an answer --------------------------------------------------------------------

    def _show(self, wanted: _Shown, text_mask: Mask | None) -> None:
        self._shown = wanted
        self._text_mask = text_mask
        self._set_visible(self._compute_visible())

    def _compute_visible(self) -> Rows:
        shown = self._shown
        return self._index.visible_rows(
            self._text_mask, shown.status, shown.sort_column, shown.sort_order == _ASCENDING
        )

    # -- the index ----------------------------------------------------------------------------

    def _records(self, first: int, end: int) -> Sequence[CustomerFields]:
        assert self._table is not None
        return self._table.customers_in(first, end)

    def _record(self, row: int) -> CustomerFields:
        assert self._table is not None
        return self._table.row_at(row)

    def _joined_keys(self, first: int, end: int) -> list[tuple[bytes, Any]] | None:
        assert self._table is not None
        return self._table.search_keys_in(first, end)

    def _rebuild(self) -> None:
        """Forgets every row (the source was reset); rows are indexed again as a batch."""
        # What was asked is shown from the start: with no rows yet it costs nothing.
        self._shown = self._wanted
        self._index.clear(self._shown.sort_column)
        self._text_mask = None if self._shown.query is None else np.zeros(0, dtype=bool)
        self._visible = np.empty(0, dtype=np.int64)
        self._proxy_of = None
        # A reload of a few pages is indexed at once, so the view gets its rows with the reset.
        if self._table is not None and self._table.rowCount() <= _INDEX_ROWS_PER_STEP:
            self._index_and_match(self._table.rowCount())
            self._visible = self._compute_visible()

    def _after_rebuild(self) -> None:
        self._emit_counts()
        if self._table is not None and self._index.indexed < self._table.rowCount():
            self._runner.start(self._settle_steps(self._wanted), run_now=False)

    def _catch_up_steps(self) -> Generator[None, None, None]:
        while self._table is not None and self._index.indexed < self._table.rowCount():
            end = min(self._index.indexed + _CATCH_UP_ROWS_PER_STEP, self._table.rowCount())
            self._add_rows(end)
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
        first = self._index.indexed
        keep = {self._shown.sort_column, self._wanted.sort_column}
        matched = self._index.append(end, self._shown.query, keep)
        if matched is not None:
            assert self._text_mask is not None
            self._text_mask = np.concatenate([self._text_mask, matched])
        return first

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
        if first < self._index.indexed:
            # Rows inserted above indexed ones: renumbering the index costs what a rebuild does.
            self._on_about_to_reset()
            self._on_reset()
            return
        caught_up = first == self._index.indexed
        if caught_up and last - first < _INDEX_ROWS_PER_STEP:
            self._add_rows(last + 1)
        elif not self._runner.running:
            self._runner.start(self._settle_steps(self._wanted), run_now=False)

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any
    ) -> None:
        first, last = top_left.row(), min(bottom_right.row(), self._index.indexed - 1)
        if last < first:
            return  # rows not indexed yet: they are read when they are
        if last - first >= _ROW_BY_ROW_LIMIT:
            self._on_about_to_reset()
            self._on_reset()
            return
        for row in range(first, last + 1):
            sort_changed = self._index.reindex_row(row)
            if self._runner.running:
                self._index.changed_log.append(row)
            self._follow_row(row, top_left.column(), bottom_right.column(), roles, sort_changed)
            if self._index.search.needs_compaction():
                self._compact()

    def _follow_row(
        self, row: int, first_column: int, last_column: int, roles: Any, sort_changed: set[int]
    ) -> None:
        """Shows one changed row: in place, moved, or added or removed if it (no longer) matches."""
        shown = self._shown
        matches = self._index.status_matches(row, shown.status)
        if shown.query is not None:
            assert self._text_mask is not None
            self._text_mask[row] = text_matches = self._index.search.row_matches(shown.query, row)
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

    def _compact(self) -> None:
        """Rewrites the search buffers once changed keys have left too many dead bytes."""
        self._index.compact()
        if self._runner.running:
            # Segment numbers moved under the running job: it starts over.
            self._runner.start(self._settle_steps(self._wanted), run_now=False)
