"""Events that belong to the partner, not to one customer: sign-ins, staff and two-factor changes

Revision ID: 0008
Revises: 0007

events.customer_id becomes nullable (a sign-in or a new colleague has no customer), and events
gain an index on (partner_id, id) for the Activity log's keyset pages, newest first. Existing
rows keep their customer. A downgrade deletes the partner-wide events first: the older schema
has no place for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode copies the table on SQLite, which cannot drop NOT NULL in place; nothing refers
    # to events by a foreign key, so the copy is safe there.
    with op.batch_alter_table("events") as batch:
        batch.alter_column("customer_id", existing_type=sa.String(40), nullable=True)
    op.create_index("ix_events_partner_id_id", "events", ["partner_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_partner_id_id", table_name="events")
    op.execute(sa.text("DELETE FROM events WHERE customer_id IS NULL"))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("customer_id", existing_type=sa.String(40), nullable=False)
