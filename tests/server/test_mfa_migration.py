"""Migration 0009 on both backends: an older database's users gain two-factor, off, and the new
tables; a downgrade takes it all away again and keeps the users."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import command

from server.db import Database
from server.migrate import alembic_config

MFA_TABLES = {"mfa_recovery_codes", "mfa_tokens", "mfa_failures"}
MFA_COLUMNS = {"mfa_enabled", "mfa_secret_encrypted", "mfa_pending_secret_encrypted"}


def test_migration_0009_adds_two_factor_off_for_everyone_and_goes_back(
    new_database_url: Callable[[], str],
) -> None:
    db = Database(new_database_url())
    try:
        config = alembic_config(db.engine)
        command.upgrade(config, "0008")
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO partners (id, name) VALUES ('p_A', 'Alpha')"))
            conn.execute(
                sa.text(
                    "INSERT INTO users (id, partner_id, username, password_hash, role) "
                    "VALUES ('u_01A', 'p_A', 'alpha', 'x', 'owner')"
                )
            )
        command.upgrade(config, "0009")
        with db.engine.begin() as conn:
            row = conn.execute(
                sa.text(
                    "SELECT mfa_enabled, mfa_secret_encrypted, mfa_pending_secret_encrypted, "
                    "mfa_last_step FROM users"
                )
            ).one()
            assert (bool(row[0]), row[1], row[2], row[3]) == (False, None, None, None)
            assert set(sa.inspect(conn).get_table_names()) >= MFA_TABLES
            # The new tables take what the server writes, and a step beyond 32 bits fits.
            conn.execute(sa.text("UPDATE users SET mfa_last_step = 9999999999"))
            conn.execute(
                sa.text(
                    "INSERT INTO mfa_recovery_codes (user_id, code_digest, created_at) "
                    "VALUES ('u_01A', :d, CURRENT_TIMESTAMP)"
                ),
                {"d": "ab" * 32},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO mfa_tokens (token_hash, user_id, created_at, expires_at) "
                    "VALUES (:h, 'u_01A', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"h": "cd" * 32},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO mfa_failures (user_id, at) VALUES ('u_01A', CURRENT_TIMESTAMP)"
                )
            )
            step = conn.execute(sa.text("SELECT mfa_last_step FROM users")).scalar_one()
            assert step == 9999999999
        command.downgrade(config, "0008")
        with db.engine.connect() as conn:
            inspector = sa.inspect(conn)
            assert MFA_TABLES.isdisjoint(inspector.get_table_names())
            columns = {c["name"] for c in inspector.get_columns("users")}
            assert MFA_COLUMNS.isdisjoint(columns) and "mfa_last_step" not in columns
            assert conn.execute(sa.text("SELECT username FROM users")).scalars().all() == ["alpha"]
        command.upgrade(config, "head")
    finally:
        db.dispose()
