"""Chunked: a list's behaviour, in tuples the garbage collector stops tracking."""

from __future__ import annotations

import gc
import random

import pytest

from desktop.models.search.chunked import CHUNK, Chunked


def _chunks_of(items: Chunked[object]) -> list[object]:
    """The tuples it holds, found as the collector finds them."""
    (chunk_list,) = [r for r in gc.get_referents(items) if isinstance(r, list)]
    return gc.get_referents(chunk_list)


def test_it_reads_grows_and_changes_as_a_list_does() -> None:
    rng = random.Random(7)
    items: Chunked[str] = Chunked()
    reference: list[str] = []
    for step in range(300):
        more = [f"{step}-{i}" for i in range(rng.choice([0, 1, 5, CHUNK - 1, CHUNK, 1500]))]
        source = Chunked(more) if step % 2 else more
        items.extend(source)
        reference.extend(more)
        if reference and step % 3 == 0:
            at = rng.randrange(-len(reference), len(reference))
            items[at] = reference[at] = f"changed {step}"
        assert len(items) == len(reference)
        if reference:
            first = rng.randrange(len(reference))
            end = rng.randrange(first, len(reference) + 2)
            assert items.span(first, end) == reference[first:end]
            assert items[first:end] == reference[first:end]
            assert items[-1] == reference[-1]
    assert list(items) == reference
    with pytest.raises(IndexError):
        items[len(reference)]
    with pytest.raises(IndexError):
        items[len(reference)] = "past the end"


def test_a_copy_shares_nothing_that_changes() -> None:
    items = Chunked(str(i) for i in range(3000))
    twin = items.copy()
    items[5] = "changed"
    items.extend(["more"])
    twin[6] = "changed too"
    assert (items[5], items[6], len(items)) == ("changed", "6", 3001)
    assert (twin[5], twin[6], len(twin)) == ("5", "changed too", 3000)


def test_forgotten_items_are_let_go_in_whole_chunks_and_cannot_be_read() -> None:
    items = Chunked(str(i) for i in range(3 * CHUNK + 10))
    items.forget_before(CHUNK + 5)
    with pytest.raises(LookupError):
        items[CHUNK - 1]
    with pytest.raises(LookupError):
        list(items)
    # The rest of a chunk partly read is still there, and so is everything after it.
    assert items[CHUNK] == str(CHUNK)
    assert items.span(CHUNK + 5, CHUNK + 8) == [str(i) for i in range(CHUNK + 5, CHUNK + 8)]
    assert len(items) == 3 * CHUNK + 10
    assert sum(map(len, _chunks_of(items))) == 2 * CHUNK + 10  # its items' references gone
    items.forget_before(CHUNK)  # going back forgets nothing more, and brings nothing back
    assert items[CHUNK] == str(CHUNK)


def test_the_collector_stops_tracking_chunks_of_strings_and_plain_tuples() -> None:
    rows = Chunked((f"id{i}", f"name {i}", (f"alias{i}.example",), i) for i in range(5000))
    packed = Chunked(f'["id{i}"]' for i in range(5000))
    packed[10] = '["changed"]'  # a changed chunk is a new tuple: untracked as well once seen
    # A tuple is let go on the pass after the tuples it holds are (within one pass the
    # collector may look at it first): chunk, row and alias tuple take three passes at most.
    for _ in range(3):
        gc.collect()
    for items in (rows, packed):
        chunks = _chunks_of(items)
        assert len(chunks) == -(-5000 // CHUNK)
        assert not any(gc.is_tracked(chunk) for chunk in chunks)
