"""The change log: every committed change of a customer, operation, summary, logo or staff user

Revision ID: 0010
Revises: 0009

`changes` numbers each changed object in commit order (server/changes.py writes it in the
transaction that makes the change); `change_horizon` keeps the last number pruned, so a cursor
older than the retained window is told so (410) instead of silently missing changes. Existing
rows need nothing: a client starts from a snapshot, whose cursor is the log's head. A downgrade
drops both: the older server neither writes nor reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("partner_id", sa.String(40), sa.ForeignKey("partners.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("object_id", sa.String(40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        # SQLite: never hand out a pruned number again (see server/models.py, Change).
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_partner_id_seq", "changes", ["partner_id", "seq"])
    op.create_index("ix_changes_at", "changes", ["at"])
    horizon = op.create_table(
        "change_horizon",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pruned_through", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.bulk_insert(horizon, [{"id": 1, "pruned_through": 0}])


def downgrade() -> None:
    op.drop_table("change_horizon")
    op.drop_index("ix_changes_at", table_name="changes")
    op.drop_index("ix_changes_partner_id_seq", table_name="changes")
    op.drop_table("changes")
