"""Staff users: names, e-mail, disabling, last sign-in; the partner's require_mfa

Revision ID: 0007
Revises: 0006

Users gain display_name and email (empty for existing rows), disabled_at and last_login_at
(none yet), and created_at (the time of this migration for existing rows: when they were made
was never kept). Partners gain require_mfa, off.

Roles are checked from now on (server/permissions.py). Before, the server stored a role ("admin"
unless told otherwise) and never read it, so every user could do everything. A partner must
always have an enabled owner, so each partner without one gets one here: its oldest user (ids
are ULIDs, in order of creation); the others keep the role they had. A downgrade leaves the
roles as they are: the older server ignores them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_users = sa.table(
    "users",
    sa.column("id", sa.String),
    sa.column("partner_id", sa.String),
    sa.column("role", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _user_columns() -> tuple[sa.Column[object], ...]:
    # Made anew for each run: a Column belongs to the one table construct it was added with.
    return (
        sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(254), nullable=False, server_default=""),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        # Nullable: SQLite cannot add a column whose default is the current time.
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
    )


def _columns(table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    # Each column only where it is missing: a database whose recorded revision was set back by
    # hand (as tests of the earlier migrations do) may have them already.
    present = _columns("users")
    for column in _user_columns():
        if column.name not in present:
            op.add_column("users", column)
    if "require_mfa" not in _columns("partners"):
        op.add_column(
            "partners",
            sa.Column("require_mfa", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    bind = op.get_bind()
    users = _users.c
    bind.execute(
        _users.update().where(users.created_at.is_(None)).values(created_at=datetime.now(UTC))
    )
    _give_every_partner_an_owner(bind)


def _give_every_partner_an_owner(bind: sa.Connection) -> None:
    users = _users.c
    with_owner = sa.select(users.partner_id).where(users.role == "owner")
    oldest = bind.execute(
        sa.select(sa.func.min(users.id))
        .where(users.partner_id.not_in(with_owner))
        .group_by(users.partner_id)
    ).scalars()
    ids = list(oldest)
    if ids:
        bind.execute(_users.update().where(users.id.in_(ids)).values(role="owner"))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN, on SQLite too (3.35 and later): batch mode would copy
    # the tables, and dropping the old partners and users tables fails their foreign keys.
    op.drop_column("partners", "require_mfa")
    for column in ("created_at", "last_login_at", "disabled_at", "email", "display_name"):
        op.drop_column("users", column)
