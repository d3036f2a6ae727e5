"""Deterministic demo data: partners, users, customers with 1-5 billable services each.

The same seed gives the same rows (on the same day: the few canceled customers were canceled a
few days before the seeding day, so that their 14-day restore window is open in the demo).

A million customers take well under a minute on SQLite on a 2-core machine, which shaped how:
- rows are plain tuples, cut from one big random integer per customer (`customers`);
- big seeds make their rows in a second process (same random stream, so the same rows) while
  this one writes them, so the two cores share the work (`chunks`);
- each backend's fastest bulk write: SQLite without its indexes and search trigger for the
  load, PostgreSQL COPY (`loaders`).
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.db import Database
from server.ids import ulid
from server.models import Partner, User
from server.security import hash_password
from server.seed.chunks import PARALLEL_FROM, chunk_files
from server.seed.customers import EPOCH_MS
from server.seed.loaders import PostgresLoader, SqliteLoader

DEMO_USERS = {1: ("Demo Partner", "demo", "demo"), 2: ("Other Partner", "other", "other")}
# Each partner's user above is its owner. Demo Partner's team has one user of every other role
# too (API.md), each with its own name as password: (user name, role, display name).
DEMO_TEAM = (
    ("admin", "admin", "Ada Admin"),
    ("agent", "agent", "Ante Agent"),
    ("viewer", "viewer", "Vesna Viewer"),
)


class AlreadySeeded(Exception):
    pass


def partner_plan(customers: int, partners: int) -> list[tuple[str, str, str, int]]:
    """(partner name, user name, password, customer count) for each partner."""
    plan = []
    for n in range(1, partners + 1):
        name, user, password = DEMO_USERS.get(n, (f"Partner {n}", f"partner{n}", f"partner{n}"))
        count = customers if n == 1 else max(1, customers // 6)
        plan.append((name, user, password, count))
    return plan


def seed(
    db: Database,
    customers: int = 300,
    partners: int = 2,
    seed_value: int = 1,
    today: date | None = None,
) -> dict[str, int]:
    """Fill an empty database. `today` (default: the current UTC date) dates the cancellations."""
    rng = random.Random(seed_value)
    day = today or datetime.now(UTC).date()
    with db.session() as s:
        if s.execute(select(func.count()).select_from(Partner)).scalar_one():
            raise AlreadySeeded("the database already has partners; seed an empty database")
    made: list[tuple[str, str, int]] = []
    with db.session(write=True) as s:
        for index, (name, username, password, count) in enumerate(
            partner_plan(customers, partners)
        ):
            partner_id = f"p_{ulid(EPOCH_MS + index, rng.randbytes(10))}"
            s.add(Partner(id=partner_id, name=name))
            s.flush()
            s.add(
                User(
                    id=f"u_{ulid(EPOCH_MS + index, rng.randbytes(10))}",
                    partner_id=partner_id,
                    username=username,
                    password_hash=hash_password(password),
                    role="owner",
                    display_name=f"{name.split()[0]} Owner",
                )
            )
            if index == 0:
                _add_team(s, partner_id, EPOCH_MS + index)
            made.append((partner_id, username, count))
    totals = {"partners": len(made), "customers": 0, "services": 0}
    parallel = sum(count for _, _, count in made) >= PARALLEL_FROM
    loader: SqliteLoader | PostgresLoader = SqliteLoader(db) if db.is_sqlite else PostgresLoader(db)
    with tempfile.TemporaryDirectory(prefix="partner-api-seed-") as folder, loader:
        for path in chunk_files(rng.getstate(), made, day, folder, parallel):
            copied = loader.copy(path)
            os.remove(path)
            totals["customers"] += copied["customers"]
            totals["services"] += copied["services"]
    return totals


def _add_team(s: Session, partner_id: str, ms: int) -> None:
    # Ids from the names, not from `rng`: the customers' random stream stays what it was.
    for username, role, display_name in DEMO_TEAM:
        s.add(
            User(
                id=f"u_{ulid(ms, hashlib.sha256(username.encode()).digest()[:10])}",
                partner_id=partner_id,
                username=username,
                password_hash=hash_password(username),
                role=role,
                display_name=display_name,
            )
        )


def add_user(db: Database, partner_name: str, username: str, password: str) -> None:
    with db.session(write=True) as s:
        partner = s.execute(
            select(Partner).where(Partner.name == partner_name)
        ).scalar_one_or_none()
        # A new partner's first user is its owner: a team always has one (server/permissions).
        role = "admin"
        if partner is None:
            partner = Partner(id=f"p_{ulid()}", name=partner_name)
            s.add(partner)
            s.flush()
            role = "owner"
        s.add(
            User(
                id=f"u_{ulid()}",
                partner_id=partner.id,
                username=username,
                password_hash=hash_password(password),
                role=role,
            )
        )
