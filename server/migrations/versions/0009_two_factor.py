"""Two-factor sign-in: each user's TOTP secret (encrypted), recovery codes, mfa tokens, wrong codes

Revision ID: 0009
Revises: 0008

Users gain mfa_enabled (off for every existing user: nobody had two-factor), the encrypted TOTP
secret and the one waiting to be confirmed (server/server_key.py encrypts both; neither column
ever holds a secret in clear), and the time step of the last code accepted, so no code is
accepted twice. New tables keep the recovery codes' keyed digests, the password step's mfa
tokens (their SHA-256) and the wrong codes counted for the 429. A downgrade drops all of it:
the older server has no second factor, so its users sign in with their password alone again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_USER_COLUMNS = (
    "mfa_enabled",
    "mfa_secret_encrypted",
    "mfa_pending_secret_encrypted",
    "mfa_last_step",
)


def _user_columns() -> tuple[sa.Column[object], ...]:
    # Made anew for each run: a Column belongs to the one table construct it was added with.
    return (
        sa.Column("mfa_enabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("mfa_secret_encrypted", sa.Text(), nullable=True),
        sa.Column("mfa_pending_secret_encrypted", sa.Text(), nullable=True),
        sa.Column("mfa_last_step", sa.BigInteger(), nullable=True),
    )


def _user_id() -> sa.Column[str]:
    return sa.Column("user_id", sa.String(40), sa.ForeignKey("users.id"), nullable=False)


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("users")}
    for column in _user_columns():
        if column.name not in present:
            op.add_column("users", column)
    op.create_table(
        "mfa_recovery_codes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _user_id(),
        sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
        _when("created_at"),
    )
    op.create_index("ix_mfa_recovery_codes_user_id", "mfa_recovery_codes", ["user_id"])
    op.create_table(
        "mfa_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _user_id(),
        _when("created_at"),
        _when("expires_at"),
    )
    op.create_index("ix_mfa_tokens_user_id", "mfa_tokens", ["user_id"])
    op.create_index("ix_mfa_tokens_expires_at", "mfa_tokens", ["expires_at"])
    op.create_table(
        "mfa_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _user_id(),
        _when("at"),
    )
    op.create_index("ix_mfa_failures_user_id_at", "mfa_failures", ["user_id", "at"])


def downgrade() -> None:
    for table in ("mfa_failures", "mfa_tokens", "mfa_recovery_codes"):
        op.drop_table(table)
    # Plain ALTER TABLE ... DROP COLUMN, on SQLite too (3.35 and later), as 0007 does: batch
    # mode would copy the users table, and dropping the old one fails its foreign keys.
    for column in reversed(_USER_COLUMNS):
        op.drop_column("users", column)
