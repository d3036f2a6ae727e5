"""ORM rows to the JSON shapes of API.md."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from server.models import Customer, Event, Operation, Service, User


def utc(value: datetime | None) -> datetime | None:
    """Every stored time is UTC, and the API answers in UTC.

    SQLite hands back naive datetimes (UTC by our convention); PostgreSQL hands back aware ones
    in the session's time zone, which is the server's setting, not ours: convert those.
    """
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def customer_out(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "account_number": c.account_number,
        "name": c.name,
        "contact_name": c.contact_name,
        "email": c.email,
        "phone": c.phone,
        "domain": c.domain,
        "alias_domains": list(c.alias_domains or []),
        "website": c.website,
        "address": {
            "street": c.street,
            "city": c.city,
            "region": c.region,
            "postal_code": c.postal_code,
            "country": c.country,
        },
        "status": c.status,
        "suspended_at": utc(c.suspended_at),
        "suspension_reason": c.suspension_reason,
        "canceled_at": utc(c.canceled_at),
        "created_at": utc(c.created_at),
        "updated_at": utc(c.updated_at),
        "version": c.version,
        "next_scheduled": (
            {"operation_id": c.next_op_id, "kind": c.next_op_kind, "at": utc(c.next_op_at)}
            if c.next_op_id is not None
            else None
        ),
    }


def service_out(s: Service) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "monthly_price": money(s.monthly_price_cents),
        "currency": s.currency,
        "enabled_at": utc(s.enabled_at),
    }


def operation_out(op: Operation) -> dict[str, Any]:
    return {
        "id": op.id,
        "kind": op.kind,
        "customer_id": op.customer_id,
        "state": op.state,
        "scheduled_for": utc(op.scheduled_for),
        "created_by": op.actor,
        "created_at": utc(op.created_at),
        "started_at": utc(op.started_at),
        "finished_at": utc(op.finished_at),
        "error": op.error,
        "follows": op.follows,
    }


def event_out(e: Event) -> dict[str, Any]:
    return {"at": utc(e.at), "actor": e.actor, "action": e.action, "details": e.details or {}}


def staff_out(u: User) -> dict[str, Any]:
    return {
        "id": u.id,
        "username": u.username,
        "display_name": u.display_name,
        "email": u.email,
        "role": u.role,
        "mfa_enabled": u.mfa_enabled,
        "disabled_at": utc(u.disabled_at),
        "last_login_at": utc(u.last_login_at),
        "created_at": utc(u.created_at),
    }
