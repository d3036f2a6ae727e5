"""What the customer filter knows of every loaded row, with no Qt: search keys, status, sorts.

`FilterIndex` holds each indexed row's search keys (`CustomerSearchIndex`), its status rank,
and for a column once sorted by, its compact keys and the stable order they give
(`SortedOrder`). It reads rows through the functions it is given, so it never holds the
table; the filter model (`desktop.models.customer_filter`) decides when to index and what to
show, and turns the rows this computes into what a view sees.

Work that could hold a thread too long (a scan, a first sort) comes as generators of steps.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.models.search.columns import (
    STATUS_RANK,
    UNKNOWN_STATUS_RANK,
    is_numeric_column,
    sort_key,
)
from desktop.models.search.growable_array import GrowableArray
from desktop.models.search.index import CustomerSearchIndex, FieldMatches
from desktop.models.search.keys import SearchQuery
from desktop.models.search.record import CustomerFields
from desktop.models.search.sort_order import ColumnKeys, SortedOrder, build_steps

Rows = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
ReadRows = Callable[[int, int], Sequence[CustomerFields]]
ReadRow = Callable[[int], CustomerFields]
# Rows first..end-1's search keys made with the rows (CustomerTableModel.search_keys_in), or None.
ReadKeys = Callable[[int, int], Sequence[tuple[bytes, Any]] | None]


# The status filter's "Scheduled": customers with a scheduled operation, whatever their status.
SCHEDULED_FILTER = 255


def _has_scheduled(records: Sequence[CustomerFields]) -> Any:
    return np.fromiter(
        (getattr(r, "next_scheduled", None) is not None for r in records),
        dtype=np.bool_,
        count=len(records),
    )


def status_rank(status: str) -> int:
    return STATUS_RANK.get(status, UNKNOWN_STATUS_RANK)


@dataclass(frozen=True)
class Scan:
    """A finished scan for a query: the rows it matched, and where the job's change log was
    when it began (rows edited after that are checked again)."""

    query: SearchQuery
    matched: Mask
    found: list[FieldMatches]
    mark: int


class FilterIndex:
    def __init__(
        self,
        records: ReadRows,
        record: ReadRow,
        joined_keys: ReadKeys,
        *,
        chunk_bytes: int,
        sort_run_rows: int,
        sort_merge_rows: int,
    ) -> None:
        self._records = records
        self._record = record
        self._joined_keys = joined_keys
        self._sort_run_rows = sort_run_rows
        self._sort_merge_rows = sort_merge_rows
        self.search = CustomerSearchIndex(chunk_bytes)
        self.status = GrowableArray(np.uint8)
        self.scheduled = GrowableArray(np.bool_)
        self.indexed = 0
        self.column_keys: dict[int, ColumnKeys] = {}
        self.orders: dict[int, SortedOrder] = {}
        self._order_build: tuple[int, Generator[None, None, None]] | None = None
        # Rows changed while a job ran; a job re-checks those changed after it looked.
        self.changed_log: list[int] = []

    # -- filling and patching -----------------------------------------------------------------

    def clear(self, sort_column: int) -> None:
        """Forgets every row; an empty order is ready for `sort_column` (-1: none)."""
        self.search.clear()
        self.status.clear()
        self.scheduled.clear()
        self.indexed = 0
        self.column_keys = {}
        self.orders = {}
        self._order_build = None
        self.changed_log.clear()
        for column in {sort_column} - {-1}:
            keys = ColumnKeys(is_numeric_column(column))
            self.column_keys[column] = keys
            self.orders[column] = SortedOrder(
                np.empty(0, dtype=np.int64), keys.array.copy(), self._full_key(column)
            )

    def append(
        self,
        end: int,
        query: SearchQuery | None,
        keep_orders: set[int],
    ) -> Mask | None:
        """Indexes the rows up to `end`; returns which of them match `query` (None: no query).

        The sort orders of `keep_orders` take the new rows; the others are dropped."""
        first = self.indexed
        records = self._records(first, end)
        segments = self.search.segment_counts()
        keys = self._joined_keys(first, end)  # read after the rows: it may let them go
        if keys is None:
            self.search.append(records)
        else:
            self.search.append_joined(keys)  # made off the GUI thread with the rows
        self.status.extend(
            np.fromiter(
                (status_rank(r.status) for r in records), dtype=np.uint8, count=len(records)
            )
        )
        self.scheduled.extend(_has_scheduled(records))
        for column, column_keys in self.column_keys.items():
            column_keys.append(sort_key(r, column) for r in records)
        self.indexed = end
        matched = None
        if query is not None:
            matched = np.zeros(end - first, dtype=bool)
            matched[self.search.rows_matching_since(query, segments) - first] = True
        new_rows = np.arange(first, end, dtype=np.int64)
        for column in list(self.orders):
            if column in keep_orders:
                keys_array = self.column_keys[column].array
                self.orders[column].insert_new_rows(new_rows, keys_array[first:end])
            else:
                # Merging every page into every cached order would cost more than a re-sort.
                del self.orders[column]
        return matched

    def reindex_row(self, row: int) -> set[int]:
        """Re-reads one row; returns the columns whose sort key changed."""
        record = self._record(row)
        self.search.update(row, record)
        self.status.array[row] = status_rank(record.status)
        self.scheduled.array[row] = getattr(record, "next_scheduled", None) is not None
        sort_changed = set()
        for column, column_keys in self.column_keys.items():
            new_key = column_keys.compact([sort_key(record, column)])[0]
            if column_keys.array[row] != new_key:
                column_keys.array[row] = new_key
                sort_changed.add(column)
                if column in self.orders:
                    self.orders[column].move_row(row, new_key)
        return sort_changed

    def compact(self) -> None:
        """Rewrites the search buffers once changed keys have left too many dead bytes."""
        self.search.compact(self._records(0, self.indexed))

    def end_job(self) -> None:
        """A job showed its answer: its change log and any half-built order are done with."""
        self.changed_log.clear()
        self._order_build = None

    # -- answering ----------------------------------------------------------------------------

    def scan_steps(self, query: SearchQuery) -> Generator[None, None, Scan]:
        mark = len(self.changed_log)
        found = yield from self.search.scan_steps(query)
        matched = np.zeros(self.indexed, dtype=bool)
        for field_matches in found:
            matched[field_matches.rows] = True
            yield
        return Scan(query, matched, found, mark)

    def complete_mask(self, scan: Scan) -> Mask:
        """The scan's answer, completed for rows added or edited after it looked."""
        mask = np.zeros(self.indexed, dtype=bool)
        mask[: len(scan.matched)] = scan.matched
        mask[self.search.late_rows(scan.found)] = True
        # Rows edited during the scan may have been read before or after the edit.
        for row in set(self.changed_log[scan.mark :]):
            mask[row] = self.search.row_matches(scan.query, row)
        return mask

    def order_steps(self, column: int, key_rows_per_step: int) -> Generator[None, None, None]:
        """Builds the sort order of `column`, reading `key_rows_per_step` rows' keys a step."""
        # A sort interrupted by a keystroke carries on in the next job instead of restarting.
        if self._order_build is None or self._order_build[0] != column:
            self._order_build = (column, self._build_order_steps(column, key_rows_per_step))
        build = self._order_build[1]
        for _ in build:
            yield
        self._order_build = None

    def visible_rows(
        self, text_mask: Mask | None, status: int | None, sort_column: int, ascending: bool
    ) -> Rows:
        """The rows that match the text mask (None: all) and status (None: any), in order."""
        mask = text_mask
        if status is not None:
            status_mask = self.status_mask(status)
            mask = status_mask if mask is None else mask & status_mask
        if sort_column < 0:
            if mask is None:
                return np.arange(self.indexed, dtype=np.int64)
            return np.flatnonzero(mask).astype(np.int64)
        order = self.orders[sort_column]
        if mask is None:
            if ascending:
                return order.rows.copy()
            positions = np.arange(len(order), dtype=np.int64)
        else:
            positions = np.flatnonzero(mask[order.rows])
        if ascending:
            return order.rows[positions]
        return order.descending(positions)

    def status_mask(self, status: int) -> Mask:
        """The rows of this status rank (SCHEDULED_FILTER: with a scheduled operation)."""
        if status == SCHEDULED_FILTER:
            return self.scheduled.array.copy()
        same: Mask = self.status.array == status
        return same

    def status_matches(self, row: int, status: int | None) -> bool:
        if status is None:
            return True
        if status == SCHEDULED_FILTER:
            return bool(self.scheduled.array[row])
        return int(self.status.array[row]) == status

    # -- sorting ------------------------------------------------------------------------------

    def _full_key(self, column: int) -> Any:
        return lambda row: sort_key(self._record(row), column)

    def _build_order_steps(
        self, column: int, key_rows_per_step: int
    ) -> Generator[None, None, None]:
        keys = self.column_keys.get(column)
        if keys is None:
            keys = ColumnKeys(is_numeric_column(column))
            mark = len(self.changed_log)
            while len(keys) < self.indexed:
                end = min(len(keys) + key_rows_per_step, self.indexed)
                keys.append(sort_key(r, column) for r in self._records(len(keys), end))
                yield
            for row in set(self.changed_log[mark:]):
                keys.set(row, sort_key(self._record(row), column))
            self.column_keys[column] = keys
        mark = len(self.changed_log)
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
        for row in set(self.changed_log[mark:]):
            order.move_row(row, keys.array[row])
        self.orders[column] = order
