"""One search field of every loaded customer, as one byte string searched with numpy.

Each row's normalised key is stored UTF-8 encoded in one buffer, keys separated by 0xFF (a byte
that UTF-8 never contains, so no match can run from one key into the next). Finding a query is
then a vectorised scan of the buffer, and a match's offset maps to its row by binary search over
the keys' start offsets. Byte-level substring search is exact for UTF-8: a needle can only match
at a character boundary.

A key that changes is rewritten in place when it fits and otherwise appended as a new segment,
the old bytes blanked; the buffer is rebuilt when blanked bytes outweigh the live ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from desktop.models.search.growable_array import GrowableArray

SEPARATOR = 0xFF
_SEPARATOR_BYTE = bytes([SEPARATOR])

Positions = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int64]


class FieldIndex:
    def __init__(self) -> None:
        self._buffer = GrowableArray(np.uint8, 1 << 16)
        self._seg_start = GrowableArray(np.int64)  # buffer offset where each segment starts
        self._seg_row = GrowableArray(np.int64)  # the row a segment belongs to
        self._row_seg = GrowableArray(np.int64)  # the live segment of each row
        self._dead_bytes = 0

    @property
    def segment_count(self) -> int:
        return len(self._seg_start)

    @property
    def byte_count(self) -> int:
        return len(self._buffer)

    def clear(self) -> None:
        for array in (self._buffer, self._seg_start, self._seg_row, self._row_seg):
            array.clear()
        self._dead_bytes = 0

    def append_rows(self, keys: Sequence[bytes]) -> None:
        """Keys of the rows after the last one indexed, in row order."""
        if keys:
            lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
            self.append_joined(_SEPARATOR_BYTE.join(keys) + _SEPARATOR_BYTE, lengths)

    def append_joined(self, joined: bytes, lengths: npt.NDArray[np.int64]) -> None:
        """The same, given joined: each key followed by SEPARATOR, `lengths` without it."""
        count = len(lengths)
        if not count:
            return
        first_row = len(self._row_seg)
        first_seg = len(self._seg_start)
        starts = np.empty(count, dtype=np.int64)
        starts[0] = len(self._buffer)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        starts[1:] += starts[0]
        self._buffer.extend(np.frombuffer(joined, dtype=np.uint8))
        self._seg_start.extend(starts)
        self._seg_row.extend(np.arange(first_row, first_row + count, dtype=np.int64))
        self._row_seg.extend(np.arange(first_seg, first_seg + count, dtype=np.int64))

    def set_row(self, row: int, key: bytes) -> None:
        seg = int(self._row_seg.array[row])
        start = int(self._seg_start.array[seg])
        end = (
            int(self._seg_start.array[seg + 1]) if seg + 1 < self.segment_count else self.byte_count
        )
        buffer = self._buffer.array
        room = end - start - 1
        if len(key) <= room:
            buffer[start : start + len(key)] = np.frombuffer(key, dtype=np.uint8)
            buffer[start + len(key) : end] = SEPARATOR
            return
        buffer[start:end] = SEPARATOR
        self._dead_bytes += end - start
        new_seg = self.segment_count
        self._seg_start.extend([self.byte_count])
        self._seg_row.extend([row])
        self._row_seg.array[row] = new_seg
        self._buffer.extend(np.frombuffer(key + _SEPARATOR_BYTE, dtype=np.uint8))

    def needs_compaction(self) -> bool:
        return self._dead_bytes > max(1 << 20, self.byte_count // 2)

    def key_of(self, row: int) -> bytes:
        """The key stored for a row, as given to append_rows or set_row."""
        seg = int(self._row_seg.array[row])
        start = int(self._seg_start.array[seg])
        end = (
            int(self._seg_start.array[seg + 1]) if seg + 1 < self.segment_count else self.byte_count
        )
        stored = self._buffer.array[start:end]
        return stored[: int(np.argmax(stored == SEPARATOR))].tobytes()

    def segment_of(self, row: int) -> int:
        return int(self._row_seg.array[row])

    def chunks(self, first_seg: int, end_seg: int, max_bytes: int) -> list[tuple[int, int]]:
        """Segment ranges covering [first_seg, end_seg), each about max_bytes of buffer."""
        if first_seg >= end_seg:
            return []
        starts = self._seg_start.array
        lo_byte = int(starts[first_seg])
        hi_byte = int(starts[end_seg]) if end_seg < self.segment_count else self.byte_count
        targets = np.arange(lo_byte + max_bytes, hi_byte, max(max_bytes, 1))
        cuts = np.searchsorted(starts[first_seg:end_seg], targets) + first_seg
        bounds = [first_seg, *sorted(set(cuts.tolist()) - {first_seg, end_seg}), end_seg]
        return list(pairwise(bounds))

    def find(self, needle: bytes, first_seg: int, end_seg: int) -> tuple[Rows, Positions | None]:
        """Rows whose key contains needle, among segments [first_seg, end_seg).

        Also the match offsets, which narrow a longer query cheaply, except for one-byte
        needles: those are found per segment without listing every offset.
        """
        lo, hi = self._byte_range(first_seg, end_seg)
        window = self._buffer.array[lo:hi]
        size = len(needle)
        if size == 0 or size > len(window):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        if size == 1:
            # Dense matches ("a") are the slow case: reduce per segment instead of per match
            # (maximum over bytes: measured faster than logical_or over booleans).
            hits = (window == needle[0]).view(np.uint8)
            seg_starts = self._seg_start.array[first_seg:end_seg] - lo
            matched = np.flatnonzero(np.maximum.reduceat(hits, seg_starts)) + first_seg
            return self._seg_row.array[matched], None
        count = len(window) - size + 1
        hits = window[:count] == needle[0]
        hits &= window[1 : count + 1] == needle[1]
        positions = np.flatnonzero(hits)
        for k in range(2, size):
            positions = positions[window[positions + k] == needle[k]]
        positions += lo
        return self.rows_at(positions), positions

    def narrow(self, positions: Positions, matched: int, suffix: bytes) -> Positions:
        """Of the offsets where a needle of `matched` bytes matched, those followed by suffix."""
        buffer = self._buffer.array
        for k, byte in enumerate(suffix):
            if not len(positions):
                break
            positions = positions[buffer[positions + matched + k] == byte]
        return positions

    def rows_at(self, positions: Positions) -> Rows:
        segments = np.searchsorted(self._seg_start.array, positions, side="right") - 1
        rows: Rows = self._seg_row.array[segments]
        return rows

    def _byte_range(self, first_seg: int, end_seg: int) -> tuple[int, int]:
        starts = self._seg_start.array
        lo = int(starts[first_seg]) if first_seg < self.segment_count else self.byte_count
        hi = int(starts[end_seg]) if end_seg < self.segment_count else self.byte_count
        return lo, hi
