"""Copying chunks into the database, as fast as each backend allows.

- SQLite: the journal in memory, no fsync, foreign keys unchecked (the rows are consistent by
  construction); the secondary indexes of customers and services are dropped for the load and
  made again after (one sort instead of millions of b-tree inserts), and so is the trigger that
  keeps the search tables: search_sqlite.add_rows fills them after each chunk, one INSERT ...
  SELECT each, about twice as fast as the trigger row by row.
- PostgreSQL: COPY.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from server import search_sqlite
from server.db import Database
from server.seed.columns import CHUNK_SELECT, TABLES


class SqliteLoader:
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

    def __enter__(self) -> SqliteLoader:
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
            for table in TABLES:
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


class PostgresLoader:
    """Bulk writes into PostgreSQL: COPY, in one transaction."""

    def __init__(self, db: Database) -> None:
        self.proxy = db.engine.raw_connection()
        self.conn: Any = self.proxy.driver_connection

    def __enter__(self) -> PostgresLoader:
        # The rows' times are UTC, written without an offset.
        self.conn.execute("SET LOCAL TIME ZONE 'UTC'")
        return self

    def copy(self, path: str) -> dict[str, int]:
        copied = {}
        chunk = sqlite3.connect(path)
        try:
            for table in TABLES:
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
