"""customers.name_key is text: casefolding can make a 200-character name longer

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # "ß".casefold() is "ss": a 200-character name may have a longer key, which PostgreSQL
    # refuses in VARCHAR(200). SQLite never enforces a VARCHAR length, and rebuilding its
    # customers table (what changing a type there takes) would gain nothing, so it is left as is.
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "customers",
        "name_key",
        existing_type=sa.String(length=200),
        type_=sa.Text(),
        existing_nullable=False,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "customers",
        "name_key",
        existing_type=sa.Text(),
        type_=sa.String(length=200),
        existing_nullable=False,
    )
