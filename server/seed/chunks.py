"""The seed's rows on their way to the database: small SQLite files ("chunks"), one per batch.

The row maker fills a chunk with executemany while the writer copies the previous one with
INSERT ... SELECT, so on a big seed the Python work of making and binding rows runs in a second
process, in parallel (the same random stream, so the same rows).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from server import search_sqlite
from server.seed.columns import CHUNK_COLUMNS, TABLES
from server.seed.customers import Batch, CustomerMaker
from server.seed.data import SERVICES

# (partner id, actor, customer count) for each partner, in order.
Plan = list[tuple[str, str, int]]

# Below this many customers everything runs in this process: starting another costs more.
PARALLEL_FROM = 50_000
_DONE = "done"


_COUNTED = frozenset(search_sqlite.COUNTED_CHARS)
_COUNTED_DIGITS = frozenset(search_sqlite.DIGITS)


def _char_counts(customers: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The batch's rows of customer_char_counts, as search_sqlite's triggers would count them:
    made here, with the rows (in the helper process on a big seed), because counting in SQL
    afterwards cost the writer as much again as copying the rows."""
    columns = CHUNK_COLUMNS["customers"]
    at = {name: columns.index(name) for name in columns}
    partner, status, phone = at["partner_id"], at["status"], at["phone_key"]
    # search_text is made of these (CHUNK_SELECT).
    parts = [at["name_key"], at["account_number"], at["email"], at["domain_key"]]
    anywhere: dict[tuple[str, str], Counter[str]] = {}
    phones: dict[tuple[str, str], Counter[str]] = {}
    for row in customers:
        group = (row[partner], row[status])
        key = row[phone]
        found = set(key).union(*(row[i] for i in parts))
        anywhere.setdefault(group, Counter()).update(found & _COUNTED)
        phones.setdefault(group, Counter()).update(_COUNTED_DIGITS.intersection(key))
    return [
        (p, st, field, ch, n)
        for field, counts in (
            (search_sqlite.ANY_FIELD, anywhere),
            (search_sqlite.PHONE_FIELD, phones),
        )
        for (p, st), counter in counts.items()
        for ch, n in counter.items()
    ]


def _write_chunk(path: str, batch: Batch) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # A scratch file, read once and deleted: no journal, no fsync.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        conn.execute("CREATE TABLE catalog (n INTEGER PRIMARY KEY, name, cents)")
        conn.executemany(
            "INSERT INTO catalog VALUES (?, ?, ?)",
            [(n, name, cents) for n, (name, cents) in enumerate(SERVICES)],
        )
        for table, rows in zip(TABLES, batch, strict=True):
            columns = CHUNK_COLUMNS[table]
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        conn.execute("CREATE TABLE char_counts (partner_id, status, field, ch, n)")
        conn.executemany("INSERT INTO char_counts VALUES (?, ?, ?, ?, ?)", _char_counts(batch[0]))
        conn.execute("COMMIT")
    finally:
        conn.close()


def _make_chunks(state: Any, plan: Plan, day: date, folder: str) -> Iterator[str]:
    """Every partner's rows, in order, as chunk files (one per batch) in `folder`."""
    rng = random.Random()
    rng.setstate(state)
    made = 0
    for partner_id, actor, count in plan:
        for batch in CustomerMaker(rng, partner_id, actor, count, day).batches():
            path = os.path.join(folder, f"chunk{made:05d}.sqlite3")
            _write_chunk(path, batch)
            made += 1
            yield path


def chunk_files(state: Any, plan: Plan, day: date, folder: str, parallel: bool) -> Iterator[str]:
    """The chunk files in order, made here or by a helper process."""
    if not parallel:
        yield from _make_chunks(state, plan, day, folder)
        return
    # fork starts at once and needs nothing importable; elsewhere fork is unsafe or missing.
    context: Any = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    # At most two chunks ahead: both processes stay busy, the disk stays uncluttered.
    channel: Any = context.Queue(maxsize=2)
    worker = context.Process(
        target=_chunk_maker, args=(state, plan, day, folder, channel), daemon=True
    )
    worker.start()
    try:
        while True:
            try:
                item = channel.get(timeout=5)
            except queue.Empty:
                if not worker.is_alive():
                    raise RuntimeError("the seed's row maker stopped unexpectedly") from None
                continue
            if isinstance(item, BaseException):
                raise RuntimeError("the seed's row maker failed") from item
            if item == _DONE:
                break
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _chunk_maker(state: Any, plan: Plan, day: date, folder: str, channel: Any) -> None:
    """The helper process: every chunk's path, in order, into the channel."""
    try:
        for path in _make_chunks(state, plan, day, folder):
            channel.put(path)
    except Exception as exc:
        channel.put(exc)
        raise
    channel.put(_DONE)
