"""Migration 0008 on both backends: events may belong to the partner as a whole. Upgrading an
0007 database keeps every customer's event as it was; downgrading deletes the partner-wide
events (the older schema has no place for them) and makes customer_id NOT NULL again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from server.db import Database
from server.migrate import alembic_config

AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _tables(db: Database) -> dict[str, sa.Table]:
    """The tables as the database has them now, whatever the models say of later revisions."""
    meta = sa.MetaData()
    meta.reflect(db.engine, only=["partners", "customers", "events"])
    return dict(meta.tables)


def _customer(cid: str, partner: str, number: str) -> dict[str, Any]:
    text = {key: "" for key in ("contact_name", "email", "phone", "domain", "website", "street")}
    text |= {key: "" for key in ("city", "region", "postal_code", "country", "search_text")}
    text |= {key: "" for key in ("name_key", "email_key", "phone_key", "domain_key")}
    return {
        "id": cid,
        "partner_id": partner,
        "account_number": number,
        "name": f"Customer {number}",
        "alias_domains": [],
        "status": "active",
        "created_at": AT,
        "updated_at": AT,
        "version": 1,
        **text,
    }


def _old_rows(db: Database) -> list[tuple[Any, ...]]:
    """What an 0007 database holds: every event a customer's. Its rows, in id order."""
    t = _tables(db)
    with db.engine.begin() as conn:
        conn.execute(
            t["partners"].insert(),
            [{"id": "p_A", "name": "Alpha"}, {"id": "p_B", "name": "Beta"}],
        )
        conn.execute(
            t["customers"].insert(),
            [_customer("c_A1", "p_A", "100001"), _customer("c_B1", "p_B", "100001")],
        )
        conn.execute(
            t["events"].insert(),
            [
                {
                    "partner_id": partner,
                    "customer_id": customer,
                    "at": AT + timedelta(minutes=n),
                    "actor": actor,
                    "action": action,
                    "details": {"reason": f"r{n}"},
                }
                for n, (partner, customer, actor, action) in enumerate(
                    [
                        ("p_A", "c_A1", "ana", "created"),
                        ("p_A", "c_A1", "ana", "suspended"),
                        ("p_B", "c_B1", "bo", "created"),
                    ]
                )
            ],
        )
    return _events(db)


def _events(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, partner_id, customer_id, actor, action, details FROM events ORDER BY id"
            )
        ).all()
    # JSON comes back parsed on PostgreSQL and as text on SQLite's raw rows: compare it as text.
    return [(*row[:5], str(row[5]).replace(" ", "")) for row in rows]


def _customer_id_nullable(db: Database) -> bool:
    columns = {c["name"]: c for c in sa.inspect(db.engine).get_columns("events")}
    return bool(columns["customer_id"]["nullable"])


def _index_names(db: Database) -> set[str]:
    return {str(index["name"]) for index in sa.inspect(db.engine).get_indexes("events")}


def test_migration_0008_keeps_every_event_and_its_downgrade_drops_the_partners_own(
    new_database_url: Callable[[], str],
) -> None:
    db = Database(new_database_url())
    try:
        config = alembic_config(db.engine)
        command.upgrade(config, "0007")
        assert not _customer_id_nullable(db)
        before = _old_rows(db)
        command.upgrade(config, "0008")
        assert _events(db) == before
        assert _customer_id_nullable(db)
        assert {"ix_events_partner_id_id", "ix_events_customer_id_id"} <= _index_names(db)
        # An event of the partner as a whole, and a customer's after it.
        events = _tables(db)["events"]
        with db.engine.begin() as conn:
            conn.execute(
                events.insert(),
                [
                    {"partner_id": "p_A", "customer_id": None, "at": AT, "actor": "ana",
                     "action": "auth.login", "details": {}},
                    {"partner_id": "p_A", "customer_id": "c_A1", "at": AT, "actor": "ana",
                     "action": "reenabled", "details": {}},
                ],
            )  # fmt: skip
        after = _events(db)
        assert len(after) == len(before) + 2 and after[-2][2] is None
        command.downgrade(config, "0007")
        assert _events(db) == [*before, after[-1]]
        assert not _customer_id_nullable(db)
        assert "ix_events_partner_id_id" not in _index_names(db)
        assert "ix_events_customer_id_id" in _index_names(db)
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
            conn.execute(
                _tables(db)["events"].insert(),
                {"partner_id": "p_A", "customer_id": None, "at": AT, "actor": "ana",
                 "action": "auth.login", "details": {}},
            )  # fmt: skip
        command.upgrade(config, "head")
        assert _customer_id_nullable(db)
    finally:
        db.dispose()
