"""Deterministic demo data: partners, users, customers with 1-5 billable services each."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from server.db import Database
from server.ids import ulid
from server.models import Customer, Operation, Partner, Service, User
from server.search import search_keys
from server.security import hash_password
from server.seed_data import COUNTRIES, COUNTRY_WEIGHTS, NAME_CORES, NAME_TRADES, SERVICES

# Fixed, so the same seed gives the same rows on any day.
EPOCH = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
BATCH = 20_000
DEMO_USERS = {1: ("Demo Partner", "demo", "demo"), 2: ("Other Partner", "other", "other")}


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
    db: Database, customers: int = 300, partners: int = 2, seed_value: int = 1
) -> dict[str, int]:
    rng = random.Random(seed_value)
    with db.session() as s:
        if s.execute(select(func.count()).select_from(Partner)).scalar_one():
            raise AlreadySeeded("the database already has partners; seed an empty database")
    totals = {"partners": 0, "customers": 0, "services": 0}
    for index, (name, username, password, count) in enumerate(partner_plan(customers, partners)):
        partner_id = f"p_{ulid(int(EPOCH.timestamp() * 1000) + index, rng.randbytes(10))}"
        with db.session(write=True) as s:
            s.add(Partner(id=partner_id, name=name))
            s.flush()
            s.add(
                User(
                    id=f"u_{ulid(int(EPOCH.timestamp() * 1000) + index, rng.randbytes(10))}",
                    partner_id=partner_id,
                    username=username,
                    password_hash=hash_password(password),
                    role="admin",
                )
            )
        made = _insert_customers(db, rng, partner_id, username, count)
        totals["partners"] += 1
        totals["customers"] += count
        totals["services"] += made
    return totals


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _customers(
    rng: random.Random, partner_id: str, actor: str, count: int
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any] | None]]:
    seen_domains: dict[str, int] = {}
    step = max(1.0, (3 * 365 * 86400) / max(count, 1))
    for i in range(count):
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        core = rng.choice(NAME_CORES)
        trade = rng.choice(NAME_TRADES)
        legal = rng.choice(country.legal)
        name = f"{core} {trade} {legal}"
        base = _slug(f"{core}-{trade}")
        n = seen_domains.get(base, 0)
        seen_domains[base] = n + 1
        domain = f"{base}{n if n else ''}.{country.tld}"
        first = rng.choice(country.first_names)
        last = rng.choice(country.last_names)
        city, postal = rng.choice(country.cities)
        phone = f"{country.phone_prefix} {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        email = f"{rng.choice(('info', 'office', 'support', _slug(first)))}@{domain}"
        aliases = [f"{base}{n if n else ''}.com"] if rng.random() < 0.2 else []
        account = str(100001 + i)
        created = EPOCH + timedelta(seconds=i * step + rng.random() * step * 0.5)
        roll = rng.random()
        status = "active" if roll < 0.9 else "suspended" if roll < 0.98 else "canceled"
        cid = f"c_{ulid(int(created.timestamp() * 1000), rng.randbytes(10))}"
        row = {
            "id": cid,
            "partner_id": partner_id,
            "account_number": account,
            "name": name,
            "contact_name": f"{first} {last}",
            "email": email,
            "phone": phone,
            "domain": domain,
            "alias_domains": aliases,
            "website": f"https://www.{domain}",
            "street": f"{rng.choice(country.streets)} {rng.randint(1, 120)}",
            "city": city,
            "region": "",
            "postal_code": postal,
            "country": country.code,
            "status": status,
            "suspended_at": created + timedelta(days=30) if status == "suspended" else None,
            "suspension_reason": "Non-payment" if status == "suspended" else None,
            "canceled_at": None,
            "created_at": created,
            "updated_at": created,
            "version": 1,
            **search_keys(name, account, email, phone, domain, aliases),
        }
        services = []
        for k, (service_name, cents) in enumerate(rng.sample(SERVICES, rng.randint(1, 5))):
            services.append(
                {
                    "id": f"s_{ulid(int(created.timestamp() * 1000) + k, rng.randbytes(10))}",
                    "customer_id": cid,
                    "name": service_name,
                    "monthly_price_cents": cents,
                    "currency": "EUR",
                    "enabled_at": created,
                    "removed_at": None,
                    "removed_by_operation": None,
                }
            )
        cancel_op = None
        if status == "canceled":
            # Canceled recently, through an operation, so the demo can restore it.
            at = datetime.now(UTC) - timedelta(days=rng.randint(1, 10))
            row["canceled_at"] = at
            op_id = f"op_{ulid(int(at.timestamp() * 1000), rng.randbytes(10))}"
            for sv in services:
                sv["removed_at"] = at
                sv["removed_by_operation"] = op_id
            cancel_op = {
                "id": op_id,
                "partner_id": partner_id,
                "customer_id": cid,
                "kind": "cancel",
                "state": "succeeded",
                "idempotency_key": f"seed-{op_id}",
                "request_hash": "seed",
                "params": {"reason": "Customer request", "previous_status": "active"},
                "actor": actor,
                "created_at": at,
                "started_at": at,
                "finished_at": at,
                "error": None,
                "claim_token": None,
                "lease_until": None,
            }
        yield row, services, cancel_op


def _insert_customers(
    db: Database, rng: random.Random, partner_id: str, actor: str, count: int
) -> int:
    made = 0
    batch: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    ops: list[dict[str, Any]] = []

    def flush() -> None:
        with db.session(write=True) as s:
            if batch:
                s.execute(insert(Customer), batch)
            if services:
                s.execute(insert(Service), services)
            if ops:
                s.execute(insert(Operation), ops)
        batch.clear()
        services.clear()
        ops.clear()

    for row, svc, op in _customers(rng, partner_id, actor, count):
        batch.append(row)
        services.extend(svc)
        made += len(svc)
        if op:
            ops.append(op)
        if len(batch) >= BATCH:
            flush()
    flush()
    return made


def add_user(db: Database, partner_name: str, username: str, password: str) -> None:
    with db.session(write=True) as s:
        partner = s.execute(
            select(Partner).where(Partner.name == partner_name)
        ).scalar_one_or_none()
        if partner is None:
            partner = Partner(id=f"p_{ulid()}", name=partner_name)
            s.add(partner)
            s.flush()
        s.add(
            User(
                id=f"u_{ulid()}",
                partner_id=partner.id,
                username=username,
                password_hash=hash_password(password),
                role="admin",
            )
        )
