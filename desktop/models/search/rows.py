"""Loaded customers kept compact: one small str per row instead of a record object.

A validated API record with its address, tuples and datetimes costs about 3 KiB and several
objects that Python's cyclic garbage collector walks on every full pass: 100,000 of them held
300 MB and made full collections block the GUI thread for ~300 ms while a big list loaded. Each
row here is the record's values as one JSON array (an ASCII str of about 300 B, which the
collector ignores). JSON because it escapes every character a hostile value could hold, and the
C codec reads a row back in about two microseconds. The rows are kept in a `Chunked` sequence
rather than a list, whose every element a full pass would visit.

The table reads a light `CustomerRow` (what it shows, searches and sorts by), decoded on demand
and cached for the rows on screen; the full record is rebuilt only when someone asks for it
(opening a customer, a context menu, a bulk selection) by the record type's `from_packed`.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from desktop.models.search.chunked import Chunked, chunked
from desktop.models.search.record import CustomerFields, CustomerRecord


class ScheduledRow(NamedTuple):
    """A customer's soonest scheduled operation, as the list's badge and filter read it."""

    operation_id: str
    kind: str
    at: datetime


class CustomerRow(NamedTuple):
    """The fields of a customer the list shows, searches and sorts by."""

    id: str
    account_number: str
    name: str
    contact_name: str
    email: str
    phone: str
    domain: str
    alias_domains: tuple[str, ...]
    status: str
    created_at: datetime
    version: int
    next_scheduled: ScheduledRow | None = None


ROW_FIELDS = len(CustomerRow._fields)
# Made once: json.dumps with options builds an encoder per call, a third of the cost of a row.
# ensure_ascii (the default) keeps each row a compact one-byte-per-character str and escapes
# lone surrogates, which UTF-8 could not hold.
_encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
_decode = json.JSONDecoder().decode
# Enough for every row on a tall screen and the ones a scroll brings next.
_CACHE_ROWS = 512


def pack(record: CustomerRecord, row: CustomerRow | None = None) -> str:
    """The record as its JSON row; `row`, when given, is its `light_row`, made already."""
    r = light_row(record) if row is None else row
    # The light row's values, in its order (alias domains as a JSON array, the date as ISO
    # text), then the record's other fields.
    values: list[Any] = [*r[:7], list(r[7]), r[8], r[9].isoformat(), r[10], _packed_next(r[11])]
    values.extend(record.packed_extra())
    return _encode(values)


def light_row(record: CustomerFields) -> CustomerRow:
    """The row a record's packed form decodes to, made from the record itself."""
    return CustomerRow(
        record.id,
        record.account_number,
        record.name,
        record.contact_name,
        record.email,
        record.phone,
        record.domain,
        tuple(record.alias_domains),
        record.status,
        record.created_at,
        record.version,
        _scheduled_of(getattr(record, "next_scheduled", None)),
    )


def _scheduled_of(scheduled: Any) -> ScheduledRow | None:
    # A record without the field (an older shape) has nothing scheduled.
    if scheduled is None:
        return None
    return ScheduledRow(scheduled.operation_id, scheduled.kind, scheduled.at)


def _packed_next(scheduled: ScheduledRow | None) -> list[str] | None:
    if scheduled is None:
        return None
    return [scheduled.operation_id, scheduled.kind, scheduled.at.isoformat()]


def _unpacked_next(values: list[str] | None) -> ScheduledRow | None:
    if values is None:
        return None
    return ScheduledRow(values[0], values[1], datetime.fromisoformat(values[2]))


def _row(values: list[Any]) -> CustomerRow:
    return CustomerRow(
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        values[6],
        tuple(values[7]),
        values[8],
        datetime.fromisoformat(values[9]),
        values[10],
        _unpacked_next(values[11]),
    )


class CustomerRows:
    """Rows of packed customers, found by id; records of one type (the first one stored)."""

    def __init__(self) -> None:
        # Chunked, not a list: the collector's full passes would visit every row of a list.
        self._blobs: Chunked[str] = Chunked()
        self._versions = array("q")
        self._row_by_id: dict[str, int] = {}
        self._cache: dict[int, CustomerRow] = {}
        self._record_type: Any = None
        # Ids whose rows were replaced since the last reload: the only ones it must compare.
        self._touched: set[str] = set()

    def __len__(self) -> int:
        return len(self._blobs)

    def __contains__(self, customer_id: object) -> bool:
        return customer_id in self._row_by_id

    def row_of(self, customer_id: str) -> int | None:
        return self._row_by_id.get(customer_id)

    def version_at(self, row: int) -> int:
        return self._versions[row]

    def append_packed(
        self,
        record_type: type | None,
        ids: Collection[str],
        versions: Sequence[int],
        blobs: Sequence[str],
    ) -> None:
        """Rows after the last: ids not stored yet, their versions and `pack(record)` of each
        record (of this type; None when not known, for rows of a known type)."""
        if not len(ids) == len(versions) == len(blobs):
            raise ValueError("an id, version and packed row for every record")
        if record_type is not None:
            self.check_type(record_type)
        first = len(self._blobs)
        # In bulk: a reload hands over 100,000 rows at once on the GUI thread.
        self._row_by_id.update(zip(ids, range(first, first + len(ids)), strict=True))
        self._blobs.extend(blobs)
        self._versions.extend(versions)

    def clear(self) -> None:
        self._blobs = Chunked()
        self._versions = array("q")
        self._row_by_id = {}
        self._cache.clear()
        self._touched = set()

    def take(self) -> tuple[dict[str, int], Chunked[str], array[int]]:
        """Everything stored, handed over (for a reload that keeps newer rows); then empty."""
        held = (self._row_by_id, self._blobs, self._versions)
        self._blobs, self._versions, self._row_by_id = Chunked(), array("q"), {}
        self._cache.clear()
        self._touched = set()
        return held

    def reload(
        self,
        record_type: type | None,
        versions: array[int],
        blobs: Sequence[str],
        positions: dict[str, int],
    ) -> list[int]:
        """Replaces every row by these, `positions` giving each one's id and row (ids unique).

        A customer whose row was replaced since the last reload (an edit, an operation that
        finished meanwhile) keeps it if it is newer than the version given; returns the rows so
        kept. Only those can be newer: the server's versions only go up, so any other row was
        fetched before the reload's own copy was. The versions, the packed rows (when Chunked)
        and the dict become this object's own, not copies: a reload of 100,000 must not stall
        the GUI thread.
        """
        if not len(versions) == len(blobs) == len(positions):
            raise ValueError("a version, packed row and unique id for every record")
        if record_type is not None:
            self.check_type(record_type)
        touched = self._touched
        held_rows, held_blobs, held_versions = self.take()
        self._row_by_id, self._blobs, self._versions = positions, chunked(blobs), versions
        kept = []
        for customer_id in touched:
            held, row = held_rows.get(customer_id), positions.get(customer_id)
            if held is not None and row is not None and held_versions[held] > versions[row]:
                self.replace_packed(row, customer_id, held_blobs[held], held_versions[held])
                kept.append(row)
        return sorted(kept)

    def replace_packed(self, row: int, customer_id: str, blob: str, version: int) -> None:
        """A newer packed copy of the customer at `row` (whose id is `customer_id`)."""
        self._blobs[row] = blob
        self._versions[row] = version
        self._cache.pop(row, None)
        self._touched.add(customer_id)

    def row(self, row: int) -> CustomerRow:
        """The light row, from the cache when it was read lately (painting reads each often)."""
        found = self._cache.get(row)
        if found is None:
            if len(self._cache) >= _CACHE_ROWS:
                self._cache.clear()
            found = self._cache[row] = _row(_decode(self._blobs[row]))
        return found

    def rows(self, first: int, end: int) -> list[CustomerRow]:
        """Rows first..end-1 for indexing; not cached (each is read once)."""
        decode = _decode
        return [_row(decode(blob)) for blob in self._blobs.span(first, end)]

    def snapshot(self) -> RowsSnapshot:
        """Every row as it is now, readable from any thread (for an export in a worker)."""
        return RowsSnapshot(self._blobs.copy())

    def record(self, row: int) -> Any:
        """The full record as it was stored, rebuilt by its type."""
        values = _decode(self._blobs[row])
        return self._record_type.from_packed(_row(values), values[ROW_FIELDS:])

    def check_type(self, kind: type) -> None:
        if self._record_type is None:
            self._record_type = kind
        elif kind is not self._record_type:
            raise TypeError(f"rows hold {self._record_type.__name__}, not {kind.__name__}")


class RowsSnapshot:
    """The packed rows as they were (shared immutable chunks of strs, nothing copied)."""

    def __init__(self, blobs: Sequence[str]) -> None:
        self._blobs = blobs

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, row: int) -> CustomerRow:
        return _row(_decode(self._blobs[row]))
