"""The history: one event per change of a customer, and the partner's own events (sign-ins,
staff and two-factor changes) that the Activity log shows beside them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from server.models import Customer, Event
from server.serialize import now


def record(s: Session, c: Customer, actor: str, action: str, details: dict[str, Any]) -> None:
    s.add(
        Event(
            partner_id=c.partner_id,
            customer_id=c.id,
            at=now(),
            actor=actor,
            action=action,
            details=details,
        )
    )


def record_partner(
    s: Session, partner_id: str, actor: str, action: str, details: dict[str, Any]
) -> None:
    """An event of no one customer (`auth.login`, `staff.created`, `mfa.enabled`...).

    `details` must never hold a password, token, TOTP secret or recovery code: the Activity log
    shows it to every owner and admin, and the secrets scan looks for them there."""
    s.add(
        Event(
            partner_id=partner_id,
            customer_id=None,
            at=now(),
            actor=actor,
            action=action,
            details=details,
        )
    )
