"""SQLite search: customers per partner, status and character, for one-character queries

Revision ID: 0005
Revises: 0004

A query of one common character ("a", "7") matches most of a big book, and its exact total
was a pass over every one of the partner's rows. customer_char_counts (server/search_sqlite.py)
keeps that total per partner, status and counted character, by the same triggers as the rest of
the search tables. A database that migration 0003 equipped after this table existed has it
already; one equipped before gets it here, filled from its rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server import search_sqlite

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _installed(name: str) -> bool:
    return name in sa.inspect(op.get_bind()).get_table_names()


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite" or not _installed("customer_fts"):
        return  # PostgreSQL, or SQLite without FTS5 trigram: the portable plan needs nothing
    if not _installed("customer_char_counts"):
        search_sqlite.add_char_counts(op.execute)


def downgrade() -> None:
    # 0003's downgrade removes every search object; the triggers stay as 0005 made them, and
    # keep the counts right, until then.
    pass
