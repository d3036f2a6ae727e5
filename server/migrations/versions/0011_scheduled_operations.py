"""Scheduled operations: an operation's time and the suspension it follows, the customer's next one

Revision ID: 0011
Revises: 0010

`operations.scheduled_for` is a scheduled operation's time (`state` is `scheduled` until then,
or `canceled`), `operations.follows` the suspension a `resume_at` re-enable follows. One
scheduled operation of a kind per customer is a unique index, as one unfinished operation is.
`customers.next_op_*` is the customer's soonest scheduled operation (`next_scheduled`), kept by
server/scheduling.py. Existing rows need nothing: no operation was scheduled before.

A downgrade cannot keep what the older server does not know: a `scheduled` operation ends
`failed` (`schedule_dropped`) and a `canceled` one `failed` (`canceled`), each with an event, so
nothing silently disappears, and their Idempotency-Keys stay taken.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_DROPPED = {
    "code": "schedule_dropped",
    "message": "The server was downgraded to a version without scheduled operations; "
    "this one will not run. Schedule it again after upgrading.",
}
_CANCELED = {"code": "canceled", "message": "This scheduled operation was canceled."}


def upgrade() -> None:
    op.add_column("operations", sa.Column("scheduled_for", sa.DateTime(timezone=True)))
    op.add_column("operations", sa.Column("follows", sa.String(40)))
    op.create_index("ix_operations_follows", "operations", ["follows"])
    op.create_index("ix_operations_state_scheduled_for", "operations", ["state", "scheduled_for"])
    op.create_index(
        "uq_operations_one_scheduled_kind",
        "operations",
        ["customer_id", "kind"],
        unique=True,
        sqlite_where=sa.text("state = 'scheduled'"),
        postgresql_where=sa.text("state = 'scheduled'"),
    )
    op.add_column("customers", sa.Column("next_op_id", sa.String(40)))
    op.add_column("customers", sa.Column("next_op_kind", sa.String(20)))
    op.add_column("customers", sa.Column("next_op_at", sa.DateTime(timezone=True)))


_operations = sa.table(
    "operations",
    sa.column("id", sa.String),
    sa.column("partner_id", sa.String),
    sa.column("customer_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("state", sa.String),
    sa.column("actor", sa.String),
    sa.column("error", sa.JSON),
    sa.column("finished_at", sa.DateTime(timezone=True)),
)
_events = sa.table(
    "events",
    sa.column("partner_id", sa.String),
    sa.column("customer_id", sa.String),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("details", sa.JSON),
)


def downgrade() -> None:
    conn = op.get_bind()
    at = datetime.now(UTC)
    ops = _operations.c
    rows = conn.execute(
        sa.select(ops.id, ops.partner_id, ops.customer_id, ops.kind, ops.state, ops.actor).where(
            ops.state.in_(("scheduled", "canceled"))
        )
    ).all()
    for row in rows:
        dropped = row.state == "scheduled"
        conn.execute(
            sa.update(_operations)
            .where(ops.id == row.id)
            .values(
                state="failed",
                error=_DROPPED if dropped else _CANCELED,
                finished_at=sa.func.coalesce(ops.finished_at, at),
            )
        )
        if dropped:
            details = {
                "error": _DROPPED["message"],
                "code": _DROPPED["code"],
                "operation_id": row.id,
            }
            conn.execute(
                sa.insert(_events).values(
                    partner_id=row.partner_id,
                    customer_id=row.customer_id,
                    at=at,
                    actor=row.actor,
                    action=f"{row.kind}_failed",
                    details=details,
                )
            )
    # Plain DROP COLUMN (SQLite 3.35+ too), not a batch: rebuilding customers on SQLite would
    # drop a table that services, operations and events point at. Indexes go first.
    for column in ("next_op_at", "next_op_kind", "next_op_id"):
        op.drop_column("customers", column)
    op.drop_index("uq_operations_one_scheduled_kind", table_name="operations")
    op.drop_index("ix_operations_state_scheduled_for", table_name="operations")
    op.drop_index("ix_operations_follows", table_name="operations")
    op.drop_column("operations", "follows")
    op.drop_column("operations", "scheduled_for")
