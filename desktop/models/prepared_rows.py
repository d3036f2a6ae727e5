"""Customers made ready for the table off the GUI thread: packed rows and their search keys.

Packing a row (customer_rows.pack) and normalising its search keys (search_keys.record_keys)
is plain Python, about 10 microseconds a customer: 1,000 customers a page kept the GUI thread
busy for 15-20 ms a page, and a reload of 100,000 for over a second. The worker that fetched a
page runs `prepare_rows` on it (a pool thread hands the interpreter back every 5 ms), and the
table only adopts what it made.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from desktop.models.customer_record import CustomerRecord
from desktop.models.customer_rows import CustomerRow, light_row, pack
from desktop.models.search_keys import INDEXED_FIELDS, encoded_keys

_named = partial(tuple.__new__, CustomerRow)
# One list per INDEXED_FIELDS slot, one encoded key per customer.
KeysBySlot = tuple[list[bytes], ...]


@dataclass(frozen=True)
class PreparedRows:
    # The records' type, and each one's light row as a plain tuple (`fields` names them): the
    # API's records (about 3 KiB and a dozen objects each) stay in the worker, and the garbage
    # collector stops tracking plain tuples of strings, where it walks a NamedTuple on every
    # full pass. Holding a reload of 100,000 as NamedTuples made those passes take 80 ms.
    record_type: type | None
    rows: list[tuple[Any, ...]]
    ids: list[str]  # each record's id, and below its version and pack(record)
    versions: array[int]
    blobs: list[str]
    keys: KeysBySlot
    # Each id's position (the last, if one repeats): a table adopts it as its index by id.
    positions: dict[str, int]

    def __len__(self) -> int:
        return len(self.rows)

    def fields(self, first: int, end: int) -> list[CustomerRow]:
        """The light rows first..end-1, named."""
        return list(map(_named, self.rows[first:end]))

    def repeats_ids(self) -> bool:
        return len(self.positions) != len(self.ids)

    def subset(self, picks: Sequence[int]) -> PreparedRows:
        """The customers at these positions, in this order."""
        return PreparedRows(
            self.record_type,
            [self.rows[i] for i in picks],
            [self.ids[i] for i in picks],
            array("q", [self.versions[i] for i in picks]),
            [self.blobs[i] for i in picks],
            tuple([slot[i] for i in picks] for slot in self.keys),
            {self.ids[i]: n for n, i in enumerate(picks)},
        )

    @staticmethod
    def empty() -> PreparedRows:
        return PreparedRows(None, [], [], array("q"), [], tuple([] for _ in INDEXED_FIELDS), {})

    def extend(self, more: PreparedRows) -> None:
        """Adds `more` at the end (a reload gathers its pages so, one as each arrives)."""
        first = len(self.ids)
        self.positions.update(zip(more.ids, range(first, first + len(more)), strict=True))
        if more.record_type is not None and self.record_type is None:
            object.__setattr__(self, "record_type", more.record_type)  # set once, by the first
        elif more.record_type not in (None, self.record_type):
            raise TypeError(f"rows of {self.record_type}, not {more.record_type}")
        self.rows.extend(more.rows)
        self.ids.extend(more.ids)
        self.versions.extend(more.versions)
        self.blobs.extend(more.blobs)
        for slot, more_slot in zip(self.keys, more.keys, strict=True):
            slot.extend(more_slot)


def prepare_rows(records: Iterable[CustomerRecord]) -> PreparedRows:
    """Packs the records and their search keys; any thread may call it."""
    kept = list(records)
    kinds = set(map(type, kept))
    if len(kinds) > 1:
        raise TypeError(f"records of one type, not {sorted(k.__name__ for k in kinds)}")
    return PreparedRows(
        kinds.pop() if kinds else None,
        [tuple(light_row(r)) for r in kept],
        [r.id for r in kept],
        array("q", [r.version for r in kept]),
        [pack(r) for r in kept],
        encoded_keys(kept),
        {r.id: i for i, r in enumerate(kept)},
    )


def as_prepared(records: Iterable[CustomerRecord] | PreparedRows) -> PreparedRows:
    return records if isinstance(records, PreparedRows) else prepare_rows(records)
