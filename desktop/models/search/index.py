"""The search side of the customer index: every row's search keys, and finding a query in them.

One `FieldIndex` per searched field. Finding a needle scans a field's buffer in chunks, as a
generator, so a caller can spread a million rows over event-loop turns. Answers are kept per
field and needle until the keys change: the same needle again (backspace) costs nothing, and a
needle that extends a kept one ("acm" after "ac") only re-checks the offsets where that matched.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Generator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from desktop.models.search.field_index import FieldIndex
from desktop.models.search.keys import (
    INDEXED_FIELDS,
    SearchQuery,
    encode,
    encoded_keys,
    record_keys,
)
from desktop.models.search.record import CustomerFields

Rows = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

# Per field, the answers kept for narrowing and backspace, and their total size in elements.
_KEPT_NEEDLES = 16
_KEPT_ELEMENTS = 8_000_000


@dataclass(frozen=True)
class FieldMatches:
    """Rows of one field containing a needle, among the segments that existed when it looked."""

    slot: int
    needle: bytes
    rows: Rows
    segments: int


@dataclass
class _Kept:
    rows: Rows
    positions: Rows | None  # match offsets; None for one-byte needles (found per segment)
    segments: int


class CustomerSearchIndex:
    def __init__(self, chunk_bytes: int = 1 << 20) -> None:
        self._chunk_bytes = max(chunk_bytes, 1)
        self._fields = [FieldIndex() for _ in INDEXED_FIELDS]
        self._kept: list[OrderedDict[bytes, _Kept]] = [OrderedDict() for _ in INDEXED_FIELDS]
        self._generation = 0  # goes up whenever a key changes

    def clear(self) -> None:
        self._fields = [FieldIndex() for _ in INDEXED_FIELDS]
        self._forget()

    def segment_counts(self) -> list[int]:
        return [field.segment_count for field in self._fields]

    def append(self, records: Sequence[CustomerFields]) -> None:
        """Keys of the rows after the last one indexed, in row order."""
        for field, field_keys in zip(self._fields, encoded_keys(records), strict=True):
            field.append_rows(field_keys)
        self._forget()

    def append_joined(self, keys: Sequence[tuple[bytes, npt.NDArray[np.int64]]]) -> None:
        """The same, given each field's keys joined, with their lengths (FieldIndex's form),
        made where the rows were."""
        for field, (joined, lengths) in zip(self._fields, keys, strict=True):
            field.append_joined(joined, lengths)
        self._forget()

    def update(self, row: int, record: CustomerFields) -> bool:
        """Re-reads one row's keys; says whether any changed."""
        changed = False
        for slot, key in enumerate(record_keys(record)):
            data = encode(key)
            field = self._fields[slot]
            if field.key_of(row) != data:
                field.set_row(row, data)
                changed = True
        if changed:
            self._forget()
        return changed

    def needs_compaction(self) -> bool:
        return any(field.needs_compaction() for field in self._fields)

    def compact(self, records: Sequence[CustomerFields]) -> None:
        """Rewrites buffers that edits left mostly dead; segment numbers change."""
        keys: tuple[list[bytes], ...] | None = None
        for slot, field in enumerate(self._fields):
            if field.needs_compaction():
                keys = keys or encoded_keys(records)
                field.clear()
                field.append_rows(keys[slot])
        self._forget()

    def scan_steps(self, query: SearchQuery) -> Generator[None, None, list[FieldMatches]]:
        """Each searched field's matches; yields between chunks of work."""
        found = []
        for slot, needle in enumerate(query.encoded()):
            if needle is not None:
                found.append((yield from self._field_steps(slot, needle)))
        return found

    def late_rows(self, found: Sequence[FieldMatches]) -> Rows:
        """Rows matching in segments added (new rows, or keys moved by an edit) after a scan."""
        late = [np.empty(0, dtype=np.int64)]
        for matches in found:
            field = self._fields[matches.slot]
            rows, _ = field.find(matches.needle, matches.segments, field.segment_count)
            late.append(rows)
        return np.concatenate(late)

    def rows_matching_since(self, query: SearchQuery, segments: Sequence[int]) -> Rows:
        """Rows matching among the segments added since `segment_counts()` gave `segments`."""
        found = [
            FieldMatches(slot, needle, np.empty(0, dtype=np.int64), segments[slot])
            for slot, needle in enumerate(query.encoded())
            if needle is not None
        ]
        return self.late_rows(found)

    def row_matches(self, query: SearchQuery, row: int) -> bool:
        for slot, needle in enumerate(query.encoded()):
            if needle is not None:
                field = self._fields[slot]
                segment = field.segment_of(row)
                rows, _ = field.find(needle, segment, segment + 1)
                if len(rows):
                    return True
        return False

    def _forget(self) -> None:
        # Kept answers and match offsets are only good for the keys they were found in.
        self._generation += 1
        for kept in self._kept:
            kept.clear()

    def _field_steps(self, slot: int, needle: bytes) -> Generator[None, None, FieldMatches]:
        field = self._fields[slot]
        kept = self._kept[slot]
        known = kept.get(needle)
        if known is not None:
            kept.move_to_end(needle)
            return FieldMatches(slot, needle, known.rows, known.segments)
        generation = self._generation
        segments = field.segment_count
        base = self._narrowing_base(slot, needle)
        positions: Rows | None
        if base is not None:
            # Every match of "acm" starts where "ac" matched: only those offsets are checked.
            base_needle, base_kept = base
            assert base_kept.positions is not None
            suffix = needle[len(base_needle) :]
            parts = [np.empty(0, dtype=np.int64)]
            for first in range(0, len(base_kept.positions), self._chunk_bytes):
                part = base_kept.positions[first : first + self._chunk_bytes]
                parts.append(field.narrow(part, len(base_needle), suffix))
                yield
            positions = np.concatenate(parts)
            rows = field.rows_at(positions)
            segments = base_kept.segments
        else:
            row_parts = [np.empty(0, dtype=np.int64)]
            position_parts = [np.empty(0, dtype=np.int64)]
            for lo, hi in field.chunks(0, segments, self._chunk_bytes):
                rows_part, positions_part = field.find(needle, lo, hi)
                row_parts.append(rows_part)
                if positions_part is not None:
                    position_parts.append(positions_part)
                yield
            rows = np.concatenate(row_parts)
            positions = np.concatenate(position_parts) if len(needle) > 1 else None
        # Keys that changed meanwhile make this answer the caller's to complete, not one to keep.
        if generation == self._generation:
            self._keep(slot, needle, _Kept(rows, positions, segments))
        return FieldMatches(slot, needle, rows, segments)

    def _narrowing_base(self, slot: int, needle: bytes) -> tuple[bytes, _Kept] | None:
        """The longest kept needle that starts this one, with its match offsets."""
        best: tuple[bytes, _Kept] | None = None
        for known_needle, known in self._kept[slot].items():
            if (
                known.positions is not None
                and len(known_needle) < len(needle)
                and needle.startswith(known_needle)
                and (best is None or len(known_needle) > len(best[0]))
            ):
                best = (known_needle, known)
        return best

    def _keep(self, slot: int, needle: bytes, kept: _Kept) -> None:
        field_kept = self._kept[slot]
        field_kept[needle] = kept
        field_kept.move_to_end(needle)
        while len(field_kept) > _KEPT_NEEDLES or (
            len(field_kept) > 1 and self._kept_elements() > _KEPT_ELEMENTS
        ):
            field_kept.popitem(last=False)

    def _kept_elements(self) -> int:
        return sum(
            len(k.rows) + (0 if k.positions is None else len(k.positions))
            for field_kept in self._kept
            for k in field_kept.values()
        )
