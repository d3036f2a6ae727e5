"""Customers made ready for the table off the GUI thread: packed rows and their search keys.

Packing a row (customer_rows.pack) and normalising its search keys (search_keys.record_keys)
is plain Python, about 10 microseconds a customer: 1,000 customers a page kept the GUI thread
busy for 15-20 ms a page, and a reload of 100,000 for over a second. The worker that fetched a
page runs `prepare_rows` on it (a pool thread hands the interpreter back every 5 ms), and the
table only adopts what it made.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.models.search.chunked import Chunked
from desktop.models.search.field_index import SEPARATOR
from desktop.models.search.keys import INDEXED_FIELDS, encoded_keys
from desktop.models.search.record import CustomerRecord
from desktop.models.search.rows import CustomerRow, light_row, pack

_named = partial(tuple.__new__, CustomerRow)
_SEPARATOR = bytes([SEPARATOR])


class KeyRun:
    """One search field's encoded keys of many rows, as FieldIndex stores them: joined blocks
    (one bytes per page, each key followed by the separator) with their byte offsets.

    A handful of objects however many rows: the garbage collector's full passes visit every
    element of every list alive, and a reload's keys as five lists of 100,000 made each pass
    visit half a million more (passes of 20-80 ms, landing in the GUI thread's steps).
    """

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        self._offsets: list[npt.NDArray[np.int64]] = []  # per block: each key's start, and the end
        self._first_rows = [0]  # the row each block starts at, and the end

    @classmethod
    def of(cls, keys: Sequence[bytes]) -> KeyRun:
        run = cls()
        if keys:
            lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
            offsets = np.zeros(len(keys) + 1, dtype=np.int64)
            np.cumsum(lengths + 1, out=offsets[1:])
            run._add(_SEPARATOR.join(keys) + _SEPARATOR, offsets)
        return run

    def __len__(self) -> int:
        return self._first_rows[-1]

    def extend(self, more: KeyRun) -> None:
        for block, offsets in zip(more._blocks, more._offsets, strict=True):
            self._add(block, offsets)

    def joined(self, first: int, end: int) -> tuple[bytes, npt.NDArray[np.int64]]:
        """Rows first..end-1: their keys joined (each followed by the separator), and lengths."""
        parts: list[bytes] = []
        lengths: list[npt.NDArray[np.int64]] = [np.empty(0, dtype=np.int64)]
        at = max(bisect_right(self._first_rows, first) - 1, 0)
        while at < len(self._blocks) and self._first_rows[at] < end:
            base = self._first_rows[at]
            lo, hi = max(first, base) - base, min(end, self._first_rows[at + 1]) - base
            offsets = self._offsets[at]
            parts.append(self._blocks[at][offsets[lo] : offsets[hi]])
            lengths.append(np.diff(offsets[lo : hi + 1]) - 1)
            at += 1
        return b"".join(parts), np.concatenate(lengths)

    def keys(self, first: int, end: int) -> list[bytes]:
        data, _ = self.joined(first, end)
        return data.split(_SEPARATOR)[:-1]

    def _add(self, block: bytes, offsets: npt.NDArray[np.int64]) -> None:
        self._blocks.append(block)
        self._offsets.append(offsets)
        self._first_rows.append(self._first_rows[-1] + len(offsets) - 1)


# One run per INDEXED_FIELDS slot.
KeysBySlot = tuple[KeyRun, ...]


@dataclass(frozen=True)
class PreparedRows:
    # The records' type, and each one's light row as a plain tuple (`fields` names them; its
    # first value is the id): the API's records (about 3 KiB and a dozen objects each) stay in
    # the worker, and the garbage collector stops tracking plain tuples of strings, where it
    # walks a NamedTuple on every full pass (a reload of 100,000 as NamedTuples: 80 ms passes).
    # Rows and packed rows are Chunked, so the lists holding them are no burden to it either.
    record_type: type | None
    rows: Chunked[tuple[Any, ...]]
    versions: array[int]  # and below each row's pack(record)
    blobs: Chunked[str]
    keys: KeysBySlot
    # Each id's position (the last, if one repeats): a table adopts it as its index by id.
    positions: dict[str, int]

    def __len__(self) -> int:
        return len(self.rows)

    def fields(self, first: int, end: int) -> list[CustomerRow]:
        """The light rows first..end-1, named."""
        return list(map(_named, self.rows.span(first, end)))

    def id_at(self, i: int) -> str:
        customer_id: str = self.rows[i][0]
        return customer_id

    def repeats_ids(self) -> bool:
        return len(self.positions) != len(self.rows)

    def subset(self, picks: Sequence[int]) -> PreparedRows:
        """The customers at these positions, in this order."""
        keys = tuple(run.keys(0, len(run)) for run in self.keys)
        return PreparedRows(
            self.record_type,
            Chunked([self.rows[i] for i in picks]),
            array("q", [self.versions[i] for i in picks]),
            Chunked([self.blobs[i] for i in picks]),
            tuple(KeyRun.of([slot[i] for i in picks]) for slot in keys),
            {self.id_at(i): n for n, i in enumerate(picks)},
        )

    @staticmethod
    def empty() -> PreparedRows:
        keys = tuple(KeyRun() for _ in INDEXED_FIELDS)
        return PreparedRows(None, Chunked(), array("q"), Chunked(), keys, {})

    def extend(self, more: PreparedRows) -> None:
        """Adds `more` at the end (a reload gathers its pages so, one as each arrives)."""
        first = len(self.rows)
        ids = (row[0] for row in more.rows)
        self.positions.update(zip(ids, range(first, first + len(more)), strict=True))
        if more.record_type is not None and self.record_type is None:
            object.__setattr__(self, "record_type", more.record_type)  # set once, by the first
        elif more.record_type not in (None, self.record_type):
            raise TypeError(f"rows of {self.record_type}, not {more.record_type}")
        self.rows.extend(more.rows)
        self.versions.extend(more.versions)
        self.blobs.extend(more.blobs)
        for run, more_run in zip(self.keys, more.keys, strict=True):
            run.extend(more_run)


def prepare_rows(records: Iterable[CustomerRecord]) -> PreparedRows:
    """Packs the records and their search keys; any thread may call it."""
    kept = list(records)
    kinds = set(map(type, kept))
    if len(kinds) > 1:
        raise TypeError(f"records of one type, not {sorted(k.__name__ for k in kinds)}")
    rows = [light_row(r) for r in kept]
    return PreparedRows(
        kinds.pop() if kinds else None,
        Chunked(tuple(row) for row in rows),
        array("q", [r.version for r in kept]),
        Chunked(pack(r, row) for r, row in zip(kept, rows, strict=True)),
        tuple(KeyRun.of(slot) for slot in encoded_keys(kept)),
        {r.id: i for i, r in enumerate(kept)},
    )


def as_prepared(records: Iterable[CustomerRecord] | PreparedRows) -> PreparedRows:
    return records if isinstance(records, PreparedRows) else prepare_rows(records)
