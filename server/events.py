"""The history: one event per change of a customer."""

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
