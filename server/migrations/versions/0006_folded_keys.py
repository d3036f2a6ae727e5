"""Search keys without accents, and every phone in its other form too

Revision ID: 0006
Revises: 0005

server/search_keys.py now folds accents away ("Šibenik" is kept as "sibenik", so "sibenik"
finds it, and so does "Šibenik") and keeps beside a phone's digits the same number written the
other way ("+385 1 443 8687" also as 014438687, how it is dialled at home). Every customer's keys
are made again by those rules here, a batch at a time in id order, on both backends.

SQLite: the search objects of server/search_sqlite.py are removed first and installed again
after, filled in bulk: the update trigger, row by row, costs several times as much. (Their
definitions are unchanged: the accented letters of COUNTED_CHARS are counted, as zero, so that
a downgrade leaves what 0005's server expects.) PostgreSQL: phone_key becomes text, as name_key
did in 0002: a phone's forms are longer than its digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from server import search_sqlite
from server.search_keys import compose_search_text, search_keys

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 5000
KEYS = ("search_text", "name_key", "email_key", "phone_key", "domain_key")
_customers = sa.table(
    "customers",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("account_number", sa.String),
    sa.column("email", sa.String),
    sa.column("phone", sa.String),
    sa.column("domain", sa.String),
    sa.column("alias_domains", sa.JSON),
    sa.column("country", sa.String),
    *(sa.column(key, sa.Text) for key in KEYS),
)


def _new_keys(row: Any) -> dict[str, str]:
    return search_keys(
        row.name,
        row.account_number,
        row.email,
        row.phone,
        row.domain,
        list(row.alias_domains or []),
        row.country or "",
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _old_fold(value: str) -> str:
    folded = value.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFC", folded)
    return _CONTROL.sub(" ", folded)


def _old_keys(row: Any) -> dict[str, str]:
    """The keys as revision 0005's server made them (for a downgrade)."""
    name_key = _old_fold(row.name)
    email_key = _old_fold(row.email)
    phone_key = re.sub(r"[^0-9]", "", row.phone)
    domains = [row.domain, *(row.alias_domains or [])]
    domain_key = "\n".join(_old_fold(d) for d in domains)
    text = compose_search_text(
        name_key, _old_fold(row.account_number), email_key, phone_key, domain_key
    )
    return {
        "search_text": text,
        "name_key": name_key,
        "email_key": email_key,
        "phone_key": phone_key,
        "domain_key": domain_key,
    }


def _rekey(make: Callable[[Any], dict[str, str]]) -> None:
    """Every customer's keys made by `make`, written where they differ."""
    bind = op.get_bind()
    table = _customers.c
    # (Bind names of their own: SQLAlchemy keeps a column's name for its SET value.)
    write = (
        _customers.update()
        .where(table.id == sa.bindparam("b_id"))
        .values({key: sa.bindparam(f"b_{key}") for key in KEYS})
    )
    last = ""
    while True:
        rows = bind.execute(
            sa.select(_customers).where(table.id > last).order_by(table.id).limit(BATCH)
        ).all()
        if not rows:
            return
        changed = []
        for row in rows:
            keys = make(row)
            if any(getattr(row, key) != value for key, value in keys.items()):
                changed.append({"b_id": row.id, **{f"b_{k}": v for k, v in keys.items()}})
        if changed:
            bind.execute(write, changed)
        last = rows[-1].id


def _sqlite_search() -> bool:
    bind = op.get_bind()
    return bind.dialect.name == "sqlite" and "customer_fts" in sa.inspect(bind).get_table_names()


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "customers",
            "phone_key",
            existing_type=sa.String(length=40),
            type_=sa.Text(),
            existing_nullable=False,
        )
    searchable = _sqlite_search()
    if searchable:
        search_sqlite.uninstall(op.execute)
    _rekey(_new_keys)
    if searchable:
        search_sqlite.install(op.execute)


def downgrade() -> None:
    searchable = _sqlite_search()
    if searchable:
        search_sqlite.uninstall(op.execute)
    _rekey(_old_keys)
    if searchable:
        search_sqlite.install(op.execute)
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "customers",
            "phone_key",
            existing_type=sa.Text(),
            type_=sa.String(length=40),
            existing_nullable=False,
        )
