"""Deterministic demo data: partners, users, customers with 1-5 billable services each.

The same seed gives the same rows (on the same day: the few canceled customers were canceled a
few days before the seeding day, so that their 14-day restore window is open in the demo).

A million customers take well under a minute on SQLite on a 2-core machine, which shaped how:
- rows are plain tuples. Each customer takes one big random integer, cut into its choices by
  divmod, instead of a dozen `random` calls; the random parts of a batch's ids are one
  `randbytes` call; the search keys of the few thousand distinct names are folded once.
- big seeds make their rows in a second process (same random stream, so the same rows) while
  this one writes them, so the two cores share the work.
- SQLite: the journal in memory, no fsync, foreign keys unchecked (the rows are consistent by
  construction); the secondary indexes of customers and services are dropped for the load and
  made again after (one sort instead of millions of b-tree inserts), and so is the trigger that
  keeps the search tables: search_sqlite.add_rows fills them after each chunk, one INSERT ...
  SELECT each, about twice as fast as the trigger row by row.
- PostgreSQL: COPY.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import random
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from typing import Any

from sqlalchemy import func, select

from server import search_sqlite
from server.db import Database
from server.ids import ulid
from server.models import Partner, User
from server.search_keys import fold, phone_key
from server.security import hash_password
from server.seed_data import COUNTRIES, COUNTRY_WEIGHTS, NAME_CORES, NAME_TRADES, SERVICES

# Fixed, so the same seed gives the same rows on any day.
EPOCH = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
BATCH = 50_000
DEMO_USERS = {1: ("Demo Partner", "demo", "demo"), 2: ("Other Partner", "other", "other")}
# Customers join evenly over three years.
SPAN_US = 3 * 365 * 86400 * 1_000_000
# In every block of this many customers (in id order): 1 canceled, 4 suspended, the rest
# active. Fixed proportions rather than dice, so that even a small demo has each status.
STATUS_BLOCK = 50
SUSPENDED_PER_BLOCK = 4

CUSTOMER_COLUMNS = (
    "id",
    "partner_id",
    "account_number",
    "name",
    "contact_name",
    "email",
    "phone",
    "domain",
    "alias_domains",
    "website",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "status",
    "suspended_at",
    "suspension_reason",
    "canceled_at",
    "created_at",
    "updated_at",
    "version",
    "search_text",
    "name_key",
    "email_key",
    "phone_key",
    "domain_key",
)
SERVICE_COLUMNS = (
    "id",
    "customer_id",
    "name",
    "monthly_price_cents",
    "currency",
    "enabled_at",
    "removed_at",
    "removed_by_operation",
)
OPERATION_COLUMNS = (
    "id",
    "partner_id",
    "customer_id",
    "kind",
    "state",
    "idempotency_key",
    "request_hash",
    "params",
    "actor",
    "created_at",
    "started_at",
    "finished_at",
    "error",
    "claim_token",
    "lease_until",
)
CANCEL_PARAMS = json.dumps({"reason": "Customer request", "previous_status": "active"})

# What the row maker writes into a chunk: only what Python has to make. The other columns are
# derived in SQL by CHUNK_SELECT, which costs far less than binding them a million times.
CHUNK_COLUMNS = {
    "customers": (
        "id",
        "partner_id",
        "account_number",
        "name",
        "contact_name",
        "email",
        "phone",
        "domain",
        "alias_domains",
        "street",
        "city",
        "postal_code",
        "country",
        "status",
        "suspended_at",
        "canceled_at",
        "created_at",
        "name_key",
        "domain_key",
        "phone_key",
        "operation_id",
    ),
    # customer: the chunk's rowid of the customer; service: its index in SERVICES.
    "services": ("id", "customer", "service"),
    "operations": ("id", "partner_id", "customer_id", "actor", "at"),
}
# Whole rows out of a chunk ({chunk} is "" or "schema."), in the order of *_COLUMNS. search_text
# is search_keys.compose_search_text's, the keys search_keys.key_values's: the seeded emails,
# domains and account numbers are lower-case ASCII already (tests/server/test_search.py checks).
CHUNK_SELECT = {
    "customers": (
        CUSTOMER_COLUMNS,
        "SELECT c.id, c.partner_id, c.account_number, c.name, c.contact_name, c.email, c.phone,"
        " c.domain, c.alias_domains, 'https://www.' || c.domain, c.street, c.city, '',"
        " c.postal_code, c.country, c.status, c.suspended_at,"
        " CASE c.status WHEN 'suspended' THEN 'Non-payment' END, c.canceled_at, c.created_at,"
        " c.created_at, 1, char(1) || c.name_key || char(2) || c.account_number || char(3)"
        " || c.email || char(4) || c.phone_key || char(5) || c.domain_key, c.name_key,"
        " c.email, c.phone_key, c.domain_key FROM {chunk}customers AS c",
    ),
    "services": (
        SERVICE_COLUMNS,
        "SELECT s.id, c.id, k.name, k.cents, 'EUR', c.created_at, c.canceled_at, c.operation_id"
        " FROM {chunk}services AS s CROSS JOIN {chunk}customers AS c ON c.rowid = s.customer"
        " CROSS JOIN {chunk}catalog AS k ON k.n = s.service",
    ),
    "operations": (
        OPERATION_COLUMNS,
        "SELECT o.id, o.partner_id, o.customer_id, 'cancel', 'succeeded', 'seed-' || o.id,"
        f" 'seed', '{CANCEL_PARAMS}', o.actor, o.at, o.at, o.at, 'null', NULL, NULL"
        " FROM {chunk}operations AS o",
    ),
}


class AlreadySeeded(Exception):
    pass


def partner_plan(customers: int, partners: int) -> list[tuple[str, str, str, int]]:
    """(partner name, user name, password, customer count) for each partner."""
    plan = []
    for n in range(1, partners + 1):
        name, user, password = DEMO_USERS.get(n, (f"Partner {n}", f"partner{n}", f"partner{n}"))
        count = customers if n == 1 else max(1, customers // 6)
        plan.append((name, user, password, count))
    return plan


def seed(
    db: Database,
    customers: int = 300,
    partners: int = 2,
    seed_value: int = 1,
    today: date | None = None,
) -> dict[str, int]:
    """Fill an empty database. `today` (default: the current UTC date) dates the cancellations."""
    rng = random.Random(seed_value)
    day = today or datetime.now(UTC).date()
    with db.session() as s:
        if s.execute(select(func.count()).select_from(Partner)).scalar_one():
            raise AlreadySeeded("the database already has partners; seed an empty database")
    made: list[tuple[str, str, int]] = []
    epoch_ms = int(EPOCH.timestamp() * 1000)
    with db.session(write=True) as s:
        for index, (name, username, password, count) in enumerate(
            partner_plan(customers, partners)
        ):
            partner_id = f"p_{ulid(epoch_ms + index, rng.randbytes(10))}"
            s.add(Partner(id=partner_id, name=name))
            s.flush()
            s.add(
                User(
                    id=f"u_{ulid(epoch_ms + index, rng.randbytes(10))}",
                    partner_id=partner_id,
                    username=username,
                    password_hash=hash_password(password),
                    role="admin",
                )
            )
            made.append((partner_id, username, count))
    totals = {"partners": len(made), "customers": 0, "services": 0}
    parallel = sum(count for _, _, count in made) >= PARALLEL_FROM
    loader: _SqliteLoader | _PostgresLoader = (
        _SqliteLoader(db) if db.is_sqlite else _PostgresLoader(db)
    )
    with tempfile.TemporaryDirectory(prefix="partner-api-seed-") as folder, loader:
        for path in _chunks(rng.getstate(), made, day, folder, parallel):
            copied = loader.copy(path)
            os.remove(path)
            totals["customers"] += copied["customers"]
            totals["services"] += copied["services"]
    return totals


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# ULIDs: the time part (48 bits, 10 characters) through a table of character pairs; the random
# part (80 bits, 16 characters) straight from random bytes, 5 bits of each (256 is a multiple of
# 32, so every character is uniform), for a whole batch in one call.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]
_RANDOM_CHARS = bytes.maketrans(
    bytes(range(256)), bytes(ord(_CROCKFORD[b & 31]) for b in range(256))
)


def ulid_time(ms: int) -> str:
    """The first 10 characters of a ULID: its 48-bit millisecond time."""
    return (
        _CROCKFORD[ms >> 45]
        + _PAIRS[(ms >> 35) & 1023]
        + _PAIRS[(ms >> 25) & 1023]
        + _PAIRS[(ms >> 15) & 1023]
        + _PAIRS[(ms >> 5) & 1023]
        + _CROCKFORD[ms & 31]
    )


def ulid_randomness(rng: random.Random, count: int) -> str:
    """`count` ULID random parts (16 characters each), end to end."""
    return rng.randbytes(16 * count).translate(_RANDOM_CHARS).decode("ascii")


_NAIVE_EPOCH = EPOCH.replace(tzinfo=None)
_UNIX_EPOCH = datetime(1970, 1, 1)
_DAY_US = 86_400_000_000


def _stamp(us: int, base: datetime = _NAIVE_EPOCH) -> str:
    """A time `us` microseconds after `base`, as SQLAlchemy stores datetimes in SQLite (UTC)."""
    return (base + timedelta(microseconds=us)).isoformat(" ", "microseconds")


class _Country:
    """One country's word lists, with what every customer would otherwise recompute."""

    def __init__(self, index: int) -> None:
        c = COUNTRIES[index]
        self.code = c.code
        self.tld = c.tld
        self.phone_prefix = c.phone_prefix
        # Seeded numbers are the prefix and 7 digits, and each form of their key ends with those
        # 7 (search_keys.phone_key): the key as a template, made once.
        sample = phone_key(f"{c.phone_prefix} 200 1000", c.code)
        self.phone_key = sample.replace("2001000", "{0}")
        self.legal = c.legal
        self.cities = c.cities
        self.streets = c.streets
        self.first_names = [(first, _slug(first)) for first in c.first_names]
        self.last_names = c.last_names


_COUNTRIES = [_Country(i) for i in range(len(COUNTRIES))]
# A draw of 0..99 picks a country with the weights of seed_data.
_BY_PERCENT = [_COUNTRIES[i] for i, weight in enumerate(COUNTRY_WEIGHTS) for _ in range(weight)]
_BRANDS = [(core, trade, _slug(f"{core}-{trade}")) for core in NAME_CORES for trade in NAME_TRADES]
# Every (number of services, which ones) a customer can have, so that one draw picks both.
_SERVICE_SETS = [list(combinations(range(len(SERVICES)), k)) for k in range(1, 6)]

Rows = list[tuple[Any, ...]]
Batch = tuple[Rows, Rows, Rows]


class _CustomerMaker:
    """A partner's customers, with their services and (canceled ones) their operations."""

    def __init__(
        self, rng: random.Random, partner_id: str, actor: str, count: int, day: date
    ) -> None:
        self.rng = rng
        self.partner_id = partner_id
        self.actor = actor
        self.count = count
        self.today = datetime(day.year, day.month, day.day)
        self.today_ms = int((self.today - _UNIX_EPOCH).total_seconds()) * 1000
        self.seen_domains: dict[str, int] = {}
        self.name_keys: dict[str, str] = {}

    def batches(self) -> Iterator[Batch]:
        for start in range(0, self.count, BATCH):
            yield self._batch(start, min(self.count, start + BATCH))

    def _statuses(self, block_start: int) -> dict[int, str]:
        picks = self.rng.sample(range(STATUS_BLOCK), 1 + SUSPENDED_PER_BLOCK)
        marks = {block_start + picks[0]: "canceled"}
        for pick in picks[1:]:
            marks[block_start + pick] = "suspended"
        return marks

    def _batch(self, start: int, stop: int) -> Batch:
        # One flat loop with locals: this runs a million times.
        getrandbits = self.rng.getrandbits
        step = max(1_000_000, SPAN_US // max(self.count, 1))
        epoch_ms = int(EPOCH.timestamp() * 1000)
        # Up to 1 (customer) + 5 (services) + 1 (operation) ids each; unused parts are skipped.
        randomness = ulid_randomness(self.rng, 7 * (stop - start))
        at = 0
        customers: Rows = []
        services: Rows = []
        operations: Rows = []
        statuses: dict[int, str] = {}
        partner_id = self.partner_id
        name_keys = self.name_keys
        seen_domains = self.seen_domains
        for i in range(start, stop):
            if i % STATUS_BLOCK == 0 or not statuses:
                statuses = self._statuses(i - i % STATUS_BLOCK)
            status = statuses.get(i, "active")
            x = getrandbits(192)
            x, pick = divmod(x, 100)
            country = _BY_PERCENT[pick]
            x, pick = divmod(x, len(_BRANDS))
            core, trade, base = _BRANDS[pick]
            x, pick = divmod(x, len(country.legal))
            name = f"{core} {trade} {country.legal[pick]}"
            x, pick = divmod(x, len(country.first_names))
            first, first_slug = country.first_names[pick]
            x, pick = divmod(x, len(country.last_names))
            last = country.last_names[pick]
            x, pick = divmod(x, len(country.cities))
            city, postal = country.cities[pick]
            x, pick = divmod(x, len(country.streets))
            street = country.streets[pick]
            x, number = divmod(x, 120)
            x, local_pick = divmod(x, 4)
            x, area = divmod(x, 800)
            x, line = divmod(x, 9000)
            x, alias_roll = divmod(x, 5)
            x, jitter = divmod(x, step // 2)
            x, service_count = divmod(x, 5)
            service_sets = _SERVICE_SETS[service_count]
            x, pick = divmod(x, len(service_sets))
            service_set = service_sets[pick]

            n = seen_domains.get(base, 0)
            seen_domains[base] = n + 1
            label = f"{base}{n}" if n else base
            domain = f"{label}.{country.tld}"
            account = str(100001 + i)
            # name_key as search.fold makes it; a few thousand distinct names, folded once each.
            name_key = name_keys.get(name)
            if name_key is None:
                name_key = name_keys[name] = fold(name)
            if alias_roll == 0:
                alias = f"{label}.com"
                aliases = f'["{alias}"]'
                domain_key = f"{domain}\n{alias}"
            else:
                aliases = "[]"
                domain_key = domain
            created_us = i * step + jitter
            created = _stamp(created_us)
            ms = epoch_ms + created_us // 1000
            time_part = ulid_time(ms)
            cid = f"c_{time_part}{randomness[at : at + 16]}"
            at += 16
            canceled_at = None
            operation_id = None
            if status == "canceled":
                # Canceled recently, through an operation, so the demo can restore it.
                x, days = divmod(x, 10)
                x, moment = divmod(x, _DAY_US)
                offset = moment - (days + 1) * _DAY_US
                canceled_at = _stamp(offset, self.today)
                operation_id = f"op_{ulid_time(self.today_ms + offset // 1000)}"
                operation_id += randomness[at : at + 16]
                at += 16
                operations.append((operation_id, partner_id, cid, self.actor, canceled_at))
            customers.append(
                (
                    cid,
                    partner_id,
                    account,
                    name,
                    f"{first} {last}",
                    f"{('info', 'office', 'support', first_slug)[local_pick]}@{domain}",
                    f"{country.phone_prefix} {200 + area} {1000 + line}",
                    domain,
                    aliases,
                    f"{street} {number + 1}",
                    city,
                    postal,
                    country.code,
                    status,
                    _stamp(created_us + 30 * _DAY_US) if status == "suspended" else None,
                    canceled_at,
                    created,
                    name_key,
                    domain_key,
                    country.phone_key.format(f"{200 + area}{1000 + line}"),
                    operation_id,
                )
            )
            row = i - start + 1  # this customer's rowid in the chunk
            # The k-th service's id is time ms + k: mostly just another last character.
            low = ms & 31
            for k, service in enumerate(service_set):
                if k == 0:
                    service_time = time_part
                elif low + k < 32:
                    service_time = time_part[:9] + _CROCKFORD[low + k]
                else:
                    service_time = ulid_time(ms + k)
                services.append((f"s_{service_time}{randomness[at : at + 16]}", row, service))
                at += 16
        return customers, services, operations


# Rows go through small SQLite files ("chunks", one per batch): the row maker fills one with
# executemany while the writer copies the previous one with INSERT ... SELECT, so on a big seed
# the Python work of making and binding rows runs in a second process, in parallel.
# Below this many customers everything runs in this process: starting another costs more.
PARALLEL_FROM = 50_000
_DONE = "done"
_TABLES = ("customers", "services", "operations")


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
        for table, rows in zip(_TABLES, batch, strict=True):
            columns = CHUNK_COLUMNS[table]
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        conn.execute("CREATE TABLE char_counts (partner_id, status, field, ch, n)")
        conn.executemany("INSERT INTO char_counts VALUES (?, ?, ?, ?, ?)", _char_counts(batch[0]))
        conn.execute("COMMIT")
    finally:
        conn.close()


def _make_chunks(
    state: Any, plan: list[tuple[str, str, int]], day: date, folder: str
) -> Iterator[str]:
    """Every partner's rows, in order, as chunk files (one per batch) in `folder`."""
    rng = random.Random()
    rng.setstate(state)
    made = 0
    for partner_id, actor, count in plan:
        for batch in _CustomerMaker(rng, partner_id, actor, count, day).batches():
            path = os.path.join(folder, f"chunk{made:05d}.sqlite3")
            _write_chunk(path, batch)
            made += 1
            yield path


def _chunks(
    state: Any, plan: list[tuple[str, str, int]], day: date, folder: str, parallel: bool
) -> Iterator[str]:
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


def _chunk_maker(
    state: Any, plan: list[tuple[str, str, int]], day: date, folder: str, channel: Any
) -> None:
    """The helper process: every chunk's path, in order, into the channel."""
    try:
        for path in _make_chunks(state, plan, day, folder):
            channel.put(path)
    except Exception as exc:
        channel.put(exc)
        raise
    channel.put(_DONE)


class _SqliteLoader:
    """Bulk writes into SQLite; see the module docstring."""

    TABLES = ("customers", "services")
    FTS_BUFFER = 256 * 1024 * 1024

    def __init__(self, db: Database) -> None:
        # Pooled connections keep the database open in WAL mode, and only a connection that
        # is alone can change the journal mode: close them first.
        db.engine.dispose()
        self.proxy = db.engine.raw_connection()
        conn = self.proxy.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        self.conn = conn
        self.indexes: list[str] = []
        self.insert_trigger: str | None = None

    def __enter__(self) -> _SqliteLoader:
        c = self.conn
        c.execute("PRAGMA foreign_keys = OFF")
        c.execute("PRAGMA journal_mode = MEMORY")
        c.execute("PRAGMA synchronous = OFF")
        c.execute("PRAGMA cache_size = -524288")
        # Lets CREATE INDEX sort with the second core.
        c.execute("PRAGMA threads = 2")
        c.execute("BEGIN IMMEDIATE")
        placeholders = ", ".join("?" * len(self.TABLES))
        rows = c.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({placeholders})",
            self.TABLES,
        ).fetchall()
        for name, sql in rows:
            c.execute(f'DROP INDEX "{name}"')
            self.indexes.append(sql)
        found = c.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (search_sqlite.INSERT_TRIGGER,),
        ).fetchone()
        if found:
            # The search tables are filled by search_sqlite.add_rows after each chunk instead
            # of row by row; the trigger comes back exactly as it was at the end.
            self.insert_trigger = found[0]
            c.execute(f"DROP TRIGGER {search_sqlite.INSERT_TRIGGER}")
            # A big in-memory buffer, and no merging while loading: one merge at the end.
            self._fts_config("hashsize", self.FTS_BUFFER)
            self._fts_config("automerge", 0)
        c.execute("COMMIT")
        return self

    def _fts_config(self, key: str, value: int) -> None:
        self.conn.execute(
            "INSERT INTO customer_fts (customer_fts, rank) VALUES (?, ?)", (key, value)
        )

    def copy(self, path: str) -> dict[str, int]:
        c = self.conn
        copied = {}
        # ATTACH cannot be done inside a transaction, hence one transaction per chunk.
        c.execute("ATTACH DATABASE ? AS seed_chunk", (path,))
        try:
            c.execute("BEGIN IMMEDIATE")
            last = c.execute("SELECT coalesce(max(rowid), 0) FROM main.customers").fetchone()[0]
            for table in _TABLES:
                columns, select_sql = CHUNK_SELECT[table]
                copied[table] = c.execute(
                    f"INSERT INTO main.{table} ({', '.join(columns)}) "
                    + select_sql.replace("{chunk}", "seed_chunk.")
                ).rowcount
            if self.insert_trigger:
                # What the trigger would have done for these rows, a statement per table.
                for statement in search_sqlite.add_rows(last, char_counts=False):
                    c.execute(statement)
                c.execute(
                    "INSERT INTO main.customer_char_counts (partner_id, status, field, ch, n)"
                    " SELECT partner_id, status, field, ch, n FROM seed_chunk.char_counts"
                    " WHERE true ON CONFLICT (partner_id, status, field, ch)"
                    " DO UPDATE SET n = n + excluded.n"
                )
            c.execute("COMMIT")
        finally:
            if c.in_transaction:
                c.execute("ROLLBACK")
            c.execute("DETACH DATABASE seed_chunk")
        return copied

    def __exit__(self, *_: object) -> None:
        # Even after a failure: trigger, indexes and settings come back. (Each chunk's rows and
        # their search entries were committed together, so they agree.)
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            if self.insert_trigger:
                c.execute(self.insert_trigger)
            for sql in self.indexes:
                c.execute(sql)
            if self.insert_trigger:
                # One segment rather than a few; then FTS5's defaults again.
                c.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
                self._fts_config("hashsize", 1024 * 1024)
                self._fts_config("automerge", 4)
            c.execute("COMMIT")
        finally:
            if c.in_transaction:
                c.execute("ROLLBACK")
            c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
            c.execute("PRAGMA foreign_keys = ON")
            c.execute("PRAGMA cache_size = -65536")
            self.proxy.close()


class _PostgresLoader:
    """Bulk writes into PostgreSQL: COPY, in one transaction."""

    def __init__(self, db: Database) -> None:
        self.proxy = db.engine.raw_connection()
        self.conn: Any = self.proxy.driver_connection

    def __enter__(self) -> _PostgresLoader:
        # The rows' times are UTC, written without an offset.
        self.conn.execute("SET LOCAL TIME ZONE 'UTC'")
        return self

    def copy(self, path: str) -> dict[str, int]:
        copied = {}
        chunk = sqlite3.connect(path)
        try:
            for table in _TABLES:
                columns, select_sql = CHUNK_SELECT[table]
                with self.conn.cursor() as cur:
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in chunk.execute(select_sql.replace("{chunk}", "")):
                            copy.write_row(row)
                    copied[table] = cur.rowcount
        finally:
            chunk.close()
        return copied

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            if exc_type is None:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.proxy.close()


def add_user(db: Database, partner_name: str, username: str, password: str) -> None:
    with db.session(write=True) as s:
        partner = s.execute(
            select(Partner).where(Partner.name == partner_name)
        ).scalar_one_or_none()
        if partner is None:
            partner = Partner(id=f"p_{ulid()}", name=partner_name)
            s.add(partner)
            s.flush()
        s.add(
            User(
                id=f"u_{ulid()}",
                partner_id=partner.id,
                username=username,
                password_hash=hash_password(password),
                role="admin",
            )
        )
