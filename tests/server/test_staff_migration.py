"""Migration 0007 on both backends (an older database gains the staff columns, and each partner
an owner), and the start-up guard that refuses a route without a permission."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi import APIRouter, Depends, FastAPI

from server.db import Database
from server.deps import CurrentUser, Principal
from server.migrate import alembic_config
from server.permissions import check_routes, need


def _old_rows(db: Database) -> None:
    """What a 0006 database holds: users whose role was stored and never read."""
    with db.engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO partners (id, name) VALUES (:id, :name)"),
            [{"id": "p_A", "name": "Alpha"}, {"id": "p_B", "name": "Beta"}],
        )
        conn.execute(
            sa.text(
                "INSERT INTO users (id, partner_id, username, password_hash, role) "
                "VALUES (:id, :partner, :name, 'x', :role)"
            ),
            [
                {"id": "u_01A", "partner": "p_A", "name": "alpha1", "role": "admin"},
                {"id": "u_01B", "partner": "p_A", "name": "alpha2", "role": "admin"},
                {"id": "u_01C", "partner": "p_B", "name": "beta1", "role": "admin"},
                {"id": "u_01D", "partner": "p_B", "name": "beta2", "role": "owner"},
            ],
        )


def test_migration_0007_adds_the_staff_columns_and_an_owner_per_partner(
    new_database_url: Callable[[], str],
) -> None:
    db = Database(new_database_url())
    try:
        config = alembic_config(db.engine)
        command.upgrade(config, "0006")
        _old_rows(db)
        command.upgrade(config, "head")
        with db.engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, role, display_name, email, disabled_at, last_login_at, created_at "
                    "FROM users ORDER BY id"
                )
            ).all()
            partners = dict(conn.execute(sa.text("SELECT id, require_mfa FROM partners")).all())
        roles = {row.id: row.role for row in rows}
        # Alpha had no owner: its oldest user is one now. Beta had one: nothing changes.
        assert roles == {"u_01A": "owner", "u_01B": "admin", "u_01C": "admin", "u_01D": "owner"}
        assert all(row.display_name == "" and row.email == "" for row in rows)
        assert all(row.disabled_at is None and row.last_login_at is None for row in rows)
        assert all(row.created_at is not None for row in rows)
        assert {key: bool(value) for key, value in partners.items()} == {"p_A": False, "p_B": False}
        command.downgrade(config, "0006")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("users")}
            assert "display_name" not in columns and "created_at" not in columns
            assert conn.execute(sa.text("SELECT count(*) FROM users")).scalar_one() == 4
        command.upgrade(config, "head")
    finally:
        db.dispose()


def _app_with(router: APIRouter) -> FastAPI:
    app = FastAPI()
    app.include_router(router, prefix="/api/v1")
    return app


def test_a_route_without_a_permission_stops_the_server_from_starting() -> None:
    forgotten = APIRouter()

    @forgotten.get("/forgotten")
    def _forgotten(user: CurrentUser) -> dict[str, str]:
        return {"user": user.username}

    with pytest.raises(RuntimeError, match="no need"):
        check_routes(_app_with(forgotten), set())


def test_a_path_parameter_without_a_tenancy_check_stops_the_server_from_starting() -> None:
    unchecked = APIRouter()

    @unchecked.get("/invoices/{invoice_id}")
    def _invoice(
        invoice_id: str, user: Annotated[Principal, Depends(need("customers.read"))]
    ) -> dict[str, str]:
        return {"invoice": invoice_id}

    with pytest.raises(RuntimeError, match="no tenancy check"):
        check_routes(_app_with(unchecked), set())
