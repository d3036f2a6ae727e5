"""Migration 0011 on both backends: operations gain scheduled_for and follows, customers their
next scheduled operation, with the unique index of one scheduled operation per kind. Upgrading
an 0010 database keeps every operation as it was; downgrading ends what the older server does
not know (scheduled and canceled operations) as failed, with an event for each dropped one, and
keeps every other index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from server.db import Database
from server.migrate import alembic_config
from tests.server.test_activity_migration import _customer

AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _tables(db: Database) -> dict[str, sa.Table]:
    meta = sa.MetaData()
    meta.reflect(db.engine, only=["partners", "customers", "operations", "events"])
    return dict(meta.tables)


def _operation(op_id: str, kind: str, state: str, **more: Any) -> dict[str, Any]:
    """An operation row; `more` only for the columns of 0011 and finished_at (rows inserted
    together must all name the same columns)."""
    return {
        "id": op_id,
        "partner_id": "p_A",
        "customer_id": "c_A1",
        "kind": kind,
        "state": state,
        "idempotency_key": f"key-{op_id}",
        "request_hash": "0" * 64,
        "params": {"reason": "Test"},
        "actor": "ana",
        "created_at": AT,
        "attempts": 0,
        "finished_at": None,
        **more,
    }


def _columns(db: Database, table: str) -> set[str]:
    with db.engine.connect() as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _indexes(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return {str(i["name"]) for i in sa.inspect(conn).get_indexes("operations")}


def test_migration_0011_adds_scheduling_and_its_downgrade_leaves_nothing_unknown(
    new_database_url: Callable[[], str],
) -> None:
    db = Database(new_database_url())
    try:
        config = alembic_config(db.engine)
        command.upgrade(config, "0010")
        before = _indexes(db)
        t = _tables(db)
        with db.engine.begin() as conn:
            conn.execute(t["partners"].insert(), [{"id": "p_A", "name": "Alpha"}])
            conn.execute(t["customers"].insert(), [_customer("c_A1", "p_A", "100001")])
            conn.execute(t["operations"].insert(), [_operation("op_done", "suspend", "succeeded")])
        command.upgrade(config, "head")
        assert {"scheduled_for", "follows"} <= _columns(db, "operations")
        assert {"next_op_id", "next_op_kind", "next_op_at"} <= _columns(db, "customers")
        assert {"uq_operations_one_scheduled_kind", "ix_operations_state_scheduled_for"} <= (
            _indexes(db)
        )
        t = _tables(db)
        with db.engine.begin() as conn:
            kept = conn.execute(sa.select(t["operations"]).where(t["operations"].c.id == "op_done"))
            row = kept.one()
            assert (row.state, row.scheduled_for, row.follows) == ("succeeded", None, None)
            conn.execute(
                t["operations"].insert(),
                [
                    _operation("op_sched", "suspend", "scheduled", scheduled_for=AT, follows=None),
                    _operation(
                        "op_next",
                        "unsuspend",
                        "scheduled",
                        scheduled_for=AT + timedelta(days=1),
                        follows="op_sched",
                    ),
                    _operation(
                        "op_gone",
                        "suspend",
                        "canceled",
                        finished_at=AT,
                        scheduled_for=AT,
                        follows=None,
                    ),
                ],
            )
            # One scheduled operation of a kind per customer, by the database itself.
            with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
                conn.execute(
                    t["operations"].insert(),
                    [_operation("op_twice", "suspend", "scheduled", scheduled_for=AT)],
                )

        command.downgrade(config, "0010")
        assert "scheduled_for" not in _columns(db, "operations")
        assert "next_op_id" not in _columns(db, "customers")
        assert _indexes(db) == before
        t = _tables(db)
        with db.engine.connect() as conn:
            ops = {
                r.id: (r.state, (r.error or {}).get("code"))
                for r in conn.execute(sa.select(t["operations"]))
            }
            events = conn.execute(
                sa.select(t["events"].c.action, t["events"].c.details).order_by(t["events"].c.id)
            ).all()
        assert ops == {
            "op_done": ("succeeded", None),
            "op_sched": ("failed", "schedule_dropped"),
            "op_next": ("failed", "schedule_dropped"),
            "op_gone": ("failed", "canceled"),
        }
        assert sorted((action, d["operation_id"], d["code"]) for action, d in events) == [
            ("suspend_failed", "op_sched", "schedule_dropped"),
            ("unsuspend_failed", "op_next", "schedule_dropped"),
        ]
        command.upgrade(config, "head")
        assert "scheduled_for" in _columns(db, "operations")
    finally:
        db.dispose()
