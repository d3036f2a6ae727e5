"""A long sequence the garbage collector hardly sees: its items kept in tuples of `CHUNK`.

Python's cyclic collector visits every element of every list alive on each full pass, touching
each element's header: about 3 ms for a list of 100,000 packed rows on a 2-core VM. The table's
rows, and a reload's gathered rows beside them, made full passes of 15-22 ms, and most of them
landed inside a step of the GUI thread (a worker's pass holds the interpreter too). A tuple
whose items are all untracked (str, int, datetime, tuples of those) stops being tracked the
first time the collector sees it, so 100,000 items here are a list of 98 tuples to it.

An assignment rebuilds one tuple (a few microseconds); an item read is two subscripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TypeVar, overload

T = TypeVar("T")

_SHIFT = 10
CHUNK = 1 << _SHIFT
_MASK = CHUNK - 1


class Chunked(Sequence[T]):
    """A sequence that grows at the end and changes in place; every chunk but the last full.

    Items before `forget_before(n)` are dropped for good (a reader done with them frees them
    in steps, not all at once when the whole goes).
    """

    __slots__ = ("_chunks", "_forgotten", "_len")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._chunks: list[tuple[T, ...]] = []
        self._len = 0
        self._forgotten = 0  # items before this were let go
        self.extend(items)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            first, end, step = i.indices(self._len)
            if step != 1:
                raise ValueError("Chunked slices step by one")
            return self.span(first, end)
        at = self._at(i)
        return self._chunks[at >> _SHIFT][at & _MASK]

    def __setitem__(self, i: int, value: T) -> None:
        at = self._at(i)
        k, j = at >> _SHIFT, at & _MASK
        chunk = self._chunks[k]
        self._chunks[k] = (*chunk[:j], value, *chunk[j + 1 :])

    def __iter__(self) -> Iterator[T]:
        if self._forgotten:
            raise LookupError("items of this sequence were forgotten")
        return chain.from_iterable(self._chunks)

    def span(self, first: int, end: int) -> list[T]:
        """Items first..end-1, as a list."""
        end = min(end, self._len)
        if first < end:
            self._at(first)
        found: list[T] = []
        while first < end:
            k, j = first >> _SHIFT, first & _MASK
            take = min(CHUNK - j, end - first)
            found.extend(self._chunks[k][j : j + take])
            first += take
        return found

    def extend(self, items: Iterable[T]) -> None:
        # Each chunk is made from items that exist already: a tuple made while its items were
        # still being made would be seen by the collector half full, and stay tracked.
        more = items if isinstance(items, list) else list(items)
        at = 0
        if self._chunks and len(self._chunks[-1]) < CHUNK:
            last = self._chunks[-1]
            at = CHUNK - len(last)
            self._chunks[-1] = last + tuple(more[:at])
        for first in range(at, len(more), CHUNK):
            self._chunks.append(tuple(more[first : first + CHUNK]))
        self._len += len(more)

    def copy(self) -> Chunked[T]:
        """A copy sharing the (immutable) chunks: a few hundred pointers, not every item."""
        twin: Chunked[T] = Chunked()
        twin._chunks, twin._len, twin._forgotten = list(self._chunks), self._len, self._forgotten
        return twin

    def forget_before(self, end: int) -> None:
        """Lets the items before `end` go (as whole chunks); reading them is an error after."""
        for k in range(self._forgotten >> _SHIFT, min(end, self._len) >> _SHIFT):
            self._chunks[k] = ()
        self._forgotten = max(self._forgotten, min(end, self._len) & ~_MASK)

    def _at(self, i: int) -> int:
        at = i + self._len if i < 0 else i
        if not 0 <= at < self._len:
            raise IndexError("Chunked index out of range")
        if at < self._forgotten:
            raise LookupError(f"item {at} was forgotten")
        return at

    def __repr__(self) -> str:
        return f"Chunked(<{self._len} items>)"


def chunked(items: Sequence[T]) -> Chunked[T]:
    """`items` as a Chunked (itself when it is one)."""
    return items if isinstance(items, Chunked) else Chunked(items)
