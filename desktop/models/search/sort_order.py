"""Stable ascending order of every loaded row by one column, built in small steps.

Keys are stored compactly: numbers as int64, text as its first 32 UTF-8 bytes (byte order is
code-point order, as Python compares strings) plus a marker byte when the text is longer. Only
long keys that share those 32 bytes need their full text compared, in Python; ordinary data
sorts entirely in numpy.

A million rows take about half a second to sort, so `build_steps` does it as a generator of
steps of a few milliseconds each (sorted runs, then pairwise merges), which the caller spreads
over event-loop turns.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.models.search.columns import SortKey
from desktop.models.search.growable_array import GrowableArray
from desktop.models.search.keys import encode

PREFIX_BYTES = 32
_LONG_MARK = b"\x01"
TEXT_DTYPE = np.dtype(f"S{PREFIX_BYTES + 1}")
NUMBER_DTYPE = np.dtype(np.int64)

RUN_ROWS = 1 << 16  # one argsort step: ~10 ms for text keys
MERGE_ROWS = 1 << 17  # one merge step

Keys = npt.NDArray[Any]
Rows = npt.NDArray[np.int64]
FullKey = Callable[[int], SortKey]


def compact_text(key: str) -> bytes:
    data = encode(key)
    return data if len(data) <= PREFIX_BYTES else data[:PREFIX_BYTES] + _LONG_MARK


class ColumnKeys:
    """The compact sort key of every row for one column."""

    def __init__(self, numeric: bool) -> None:
        self.numeric = numeric
        self._keys = GrowableArray(NUMBER_DTYPE if numeric else TEXT_DTYPE)

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def array(self) -> Keys:
        return self._keys.array

    def compact(self, keys: Iterable[SortKey]) -> Keys:
        if self.numeric:
            return np.fromiter(keys, dtype=NUMBER_DTYPE)
        return np.array([compact_text(k) for k in keys], dtype=TEXT_DTYPE)  # type: ignore[arg-type]

    def append(self, keys: Iterable[SortKey]) -> None:
        self._keys.extend(self.compact(keys))

    def set(self, row: int, key: SortKey) -> None:
        self._keys.array[row] = self.compact([key])[0]


def is_long(keys: Keys) -> npt.NDArray[np.bool_]:
    """Which compact text keys were cut short and end with the marker."""
    if keys.dtype != TEXT_DTYPE:
        return np.zeros(len(keys), dtype=bool)
    as_bytes = keys.view(np.uint8).reshape(-1, PREFIX_BYTES + 1)
    marks: npt.NDArray[np.bool_] = as_bytes[:, PREFIX_BYTES] == _LONG_MARK[0]
    return marks


class SortedOrder:
    """Rows ascending by (key, row), with their compact keys alongside."""

    def __init__(self, rows: Rows, keys: Keys, full_key: FullKey) -> None:
        self.rows = rows
        self.keys = keys
        self._full_key = full_key

    def __len__(self) -> int:
        return len(self.rows)

    def insert_new_rows(self, rows: Rows, keys: Keys) -> None:
        """Rows numbered after every row already in the order (a page that arrived)."""
        if not len(rows):
            return
        by_key = np.argsort(keys, kind="stable")
        rows, keys = rows[by_key], keys[by_key]
        # side="right": a new row follows older rows with an equal key, as a stable sort would.
        at = np.searchsorted(self.keys, keys, side="right")
        self.rows = np.insert(self.rows, at, rows)
        self.keys = np.insert(self.keys, at, keys)
        for key in np.unique(keys[is_long(keys)]):
            self._resolve_range(*self._equal_range(key))

    def move_row(self, row: int, key: Any) -> None:
        """Puts a row whose key changed (or may have) where the new key belongs."""
        where = np.flatnonzero(self.rows == row)
        if len(where):
            self.rows = np.delete(self.rows, where)
            self.keys = np.delete(self.keys, where)
        lo, hi = self._equal_range(key)
        # Equal short keys are in row order; equal long ones are sorted below.
        at = lo + int(np.searchsorted(self.rows[lo:hi], row))
        self.rows = np.insert(self.rows, at, row)
        self.keys = np.insert(self.keys, at, key)
        if is_long(self.keys[at : at + 1])[0]:
            self._resolve_range(lo, hi + 1)

    def descending(self, positions: npt.NDArray[np.int64]) -> Rows:
        """The rows at these (ascending) positions, by key descending, equal keys in row order.

        That is what a stable sort with the reversed comparison gives, as Qt's proxy does.
        """
        rows, keys = self.rows[positions], self.keys[positions]
        count = len(rows)
        if count == 0:
            return rows
        starts_group = np.ones(count, dtype=bool)
        starts_group[1:] = keys[1:] != keys[:-1]
        if not self._numeric():
            long_ties = np.flatnonzero(~starts_group[1:] & is_long(keys[1:])) + 1
            for i in long_ties.tolist():
                starts_group[i] = self._full_key(int(rows[i])) != self._full_key(int(rows[i - 1]))
        starts = np.flatnonzero(starts_group)
        ends = np.append(starts[1:], count)
        group = np.cumsum(starts_group) - 1
        new_start = count - ends
        at = new_start[group] + (np.arange(count) - starts[group])
        out = np.empty_like(rows)
        out[at] = rows
        return out

    def _numeric(self) -> bool:
        return bool(self.keys.dtype == NUMBER_DTYPE)

    def _equal_range(self, key: Any) -> tuple[int, int]:
        lo = int(np.searchsorted(self.keys, key, side="left"))
        hi = int(np.searchsorted(self.keys, key, side="right"))
        return lo, hi

    def _resolve_range(self, lo: int, hi: int) -> None:
        if hi - lo > 1:
            segment = self.rows[lo:hi].tolist()
            segment.sort(key=lambda r: (self._full_key(r), r))
            self.rows[lo:hi] = segment


def build_steps(
    keys: Keys, full_key: FullKey, run_rows: int = RUN_ROWS, merge_rows: int = MERGE_ROWS
) -> Generator[None, None, SortedOrder]:
    """Sorts a snapshot of `keys`; yields between steps, returns the order."""
    keys = keys.copy()
    runs: list[tuple[Rows, Keys]] = []
    for first in range(0, len(keys), run_rows):
        block = keys[first : first + run_rows]
        order = np.argsort(block, kind="stable")
        runs.append((order.astype(np.int64) + first, block[order]))
        yield
    while len(runs) > 1:
        merged: list[tuple[Rows, Keys]] = []
        for i in range(0, len(runs) - 1, 2):
            merged.append((yield from _merge_steps(runs[i], runs[i + 1], merge_rows)))
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    rows, sorted_keys = runs[0] if runs else (np.empty(0, np.int64), keys[:0])
    result = SortedOrder(rows, sorted_keys, full_key)
    yield from _resolve_long_ties_steps(result, merge_rows)
    return result


def _merge_steps(
    a: tuple[Rows, Keys], b: tuple[Rows, Keys], merge_rows: int
) -> Generator[None, None, tuple[Rows, Keys]]:
    """Merges two sorted runs, every row of `a` numbered before every row of `b` (stable)."""
    (rows_a, keys_a), (rows_b, keys_b) = a, b
    out_rows = np.empty(len(rows_a) + len(rows_b), dtype=np.int64)
    out_keys = np.empty(len(out_rows), dtype=keys_a.dtype)
    # On equal keys a's rows go first: "left" for a's places in b, "right" for b's in a.
    for mine, theirs, mine_rows, side in (
        (keys_a, keys_b, rows_a, "left"),
        (keys_b, keys_a, rows_b, "right"),
    ):
        for first in range(0, len(mine), merge_rows):
            part = mine[first : first + merge_rows]
            at = np.searchsorted(theirs, part, side=side)  # type: ignore[call-overload]
            at += np.arange(first, first + len(part))
            out_rows[at] = mine_rows[first : first + merge_rows]
            out_keys[at] = part
            yield
    return out_rows, out_keys


def _resolve_long_ties_steps(order: SortedOrder, batch_rows: int) -> Generator[None, None, None]:
    keys = order.keys
    if not len(keys) or keys.dtype != TEXT_DTYPE:
        return
    tied = np.flatnonzero((keys[1:] == keys[:-1]) & is_long(keys[1:])) + 1
    if not len(tied):
        return
    # Runs of consecutive tied positions; each run starts one before its first tie.
    breaks = np.flatnonzero(np.diff(tied) != 1) + 1
    done = 0
    for run in np.split(tied, breaks):
        order._resolve_range(int(run[0]) - 1, int(run[-1]) + 1)
        done += len(run)
        if done >= batch_rows // 8:
            done = 0
            yield
