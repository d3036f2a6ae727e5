"""The book at a glance: customers by status and what they are billed each month."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.deps import DB, Principal
from server.models import Customer, Service
from server.permissions import need
from server.routes import errors
from server.schemas import SummaryOut
from server.serialize import money

router = APIRouter(tags=["overview"])


@router.get("/summary", response_model=SummaryOut, responses=errors(401))
def summary(user: Annotated[Principal, Depends(need("customers.read"))], db: DB) -> dict[str, Any]:
    with db.session() as s:
        return summary_body(s, user.partner_id)


def summary_body(s: Session, partner_id: str) -> dict[str, Any]:
    """GET /summary's answer, also the data of the change feed's `summary` events."""
    counts: dict[str, int] = {}
    scheduled = 0
    # One pass: each status's customers, and those of them with a scheduled operation.
    for status, count, with_next in s.execute(
        select(Customer.status, func.count(), func.count(Customer.next_op_id))
        .where(Customer.partner_id == partner_id)
        .group_by(Customer.status)
    ).all():
        counts[status] = int(count)
        scheduled += int(with_next)
    billed = dict(
        s.execute(
            select(Customer.status, func.coalesce(func.sum(Service.monthly_price_cents), 0))
            .join(Service, Service.customer_id == Customer.id)
            .where(Customer.partner_id == partner_id, Service.removed_at.is_(None))
            .group_by(Customer.status)
        ).all()
    )
    return {
        "customers": {
            "active": counts.get("active", 0),
            "suspended": counts.get("suspended", 0),
            "canceled": counts.get("canceled", 0),
            "scheduled": scheduled,
        },
        "monthly_billable": {
            "active": money(int(billed.get("active", 0))),
            "suspended": money(int(billed.get("suspended", 0))),
        },
        "currency": "EUR",
    }
