"""Alembic environment: runs on the engine handed in by server.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from server.models import Base

# Any fixed number, the same in every server process: names the lock below.
MIGRATION_LOCK = 0x7061_7274_6E65_72  # "partner"

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Several servers sharing one database may start at once and each migrates at start:
        # the first takes this lock, the rest wait for its commit and then find nothing to do.
        # PostgreSQL's DDL is transactional, so the lock (held to the end of this transaction)
        # covers the whole upgrade, reading the current revision included.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
