"""Engine and sessions. SQLite gets WAL and immediate write transactions; PostgreSQL as is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from server import changes

IMMEDIATE = "sqlite_immediate"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=16,
            max_overflow=16,
        )
        _tune_sqlite(engine)
        return engine
    if parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_size=16, max_overflow=16, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A deferred transaction that reads and then writes can fail at once with SQLITE_BUSY
        # instead of waiting; writers take the lock up front so concurrent requests queue.
        if conn.get_execution_options().get(IMMEDIATE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """The engine plus two session factories: one for reads, one for writes."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        writer = self.engine.execution_options(**{IMMEDIATE: True})
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        # Every commit that logged changes (server/changes.py) tells these, in this process.
        self._change_callbacks: list[Callable[[frozenset[str]], None]] = []
        for factory in (self._read, self._write):
            changes.install(factory, self._changes_committed)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        factory = self._write if write else self._read
        with factory() as session, session.begin():
            yield session

    def on_changes(self, callback: Callable[[frozenset[str]], None]) -> None:
        """Call `callback(kinds)` after each commit here that wrote the change log."""
        self._change_callbacks.append(callback)

    def _changes_committed(self, kinds: frozenset[str]) -> None:
        for callback in list(self._change_callbacks):
            callback(kinds)

    def dispose(self) -> None:
        self.engine.dispose()
