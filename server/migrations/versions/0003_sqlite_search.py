"""SQLite search: counts per partner and status, an FTS5 trigram index, a covering scan index

Revision ID: 0003
Revises: 0002

SQLite only (PostgreSQL keeps the portable LIKE plan of server/search.py). What is installed,
and the triggers that keep it up to date on every write, are described in
server/search_sqlite.py; server/search.py says how the list query uses them.

Rows written before this revision first get search_text in the tagged form of server/search.py,
and no tag character inside a key (there a space, as the API's own folding would make it).
"""

from __future__ import annotations

from alembic import op

from server import search_sqlite

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _clean(expr: str) -> str:
    for tag in range(1, 6):
        expr = f"replace({expr}, char({tag}), ' ')"
    return expr


KEYS = [
    f"""UPDATE customers SET name_key = {_clean("name_key")}, email_key = {_clean("email_key")},
        domain_key = {_clean("domain_key")}""",
    """UPDATE customers SET search_text =
        char(1) || name_key || char(2) || lower(account_number) || char(3) || email_key
        || char(4) || phone_key || char(5) || domain_key""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    if not search_sqlite.available():
        # server/search.py then keeps the portable plan: exact, only slower on big books.
        return
    for statement in KEYS:
        op.execute(statement)
    search_sqlite.install(op.execute)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    search_sqlite.uninstall(op.execute)
