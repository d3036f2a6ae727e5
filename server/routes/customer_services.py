"""A customer's billable services, history, and one-time control-panel links."""

from __future__ import annotations

import html
import secrets
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from server.changes import customer_changed
from server.deps import DB, Principal
from server.errors import not_found
from server.events import record
from server.models import Customer, Event, LoginLink, Service
from server.permissions import need
from server.routes import errors
from server.routes.customers import load_customer
from server.schemas import EventList, LoginLinkOut, ServiceList
from server.security import token_digest
from server.serialize import event_out, money, now, service_out, utc

router = APIRouter(tags=["customers"])
# Outside /api/v1: what a browser opens, not part of the contract.
panel_router = APIRouter(include_in_schema=False)

LOGIN_LINK_SECONDS = 60

Reader = Annotated[Principal, Depends(need("customers.read"))]
ServiceRemover = Annotated[Principal, Depends(need("services.remove"))]
LinkIssuer = Annotated[Principal, Depends(need("customers.login_link"))]


def active_services(customer_id: str) -> Any:
    return (
        select(Service)
        .where(Service.customer_id == customer_id, Service.removed_at.is_(None))
        .order_by(Service.enabled_at, Service.id)
    )


@router.get("/customers/{id}/services", response_model=ServiceList, responses=errors(401, 404))
def list_services(id: str, user: Reader, db: DB) -> dict[str, Any]:
    with db.session() as s:
        load_customer(s, user.partner_id, id)
        return {"items": [service_out(sv) for sv in s.execute(active_services(id)).scalars()]}


@router.delete("/customers/{id}/services/{service_id}", status_code=204, responses=errors(401, 404))
def remove_service(id: str, service_id: str, user: ServiceRemover, db: DB) -> Response:
    with db.session(write=True) as s:
        # Locked as the operation worker locks it: two removals (or a removal and a
        # cancellation finishing) run one after the other on PostgreSQL too, so the second finds
        # the service gone instead of removing it twice.
        c = load_customer(s, user.partner_id, id, lock=True)
        service = s.execute(
            select(Service).where(
                Service.id == service_id, Service.customer_id == c.id, Service.removed_at.is_(None)
            )
        ).scalar_one_or_none()
        if service is None:
            raise not_found("service")
        service.removed_at = now()
        record(
            s,
            c,
            user.username,
            "service_removed",
            {
                "service_id": service.id,
                "name": service.name,
                "monthly_price": money(service.monthly_price_cents),
                "currency": service.currency,
            },
        )
        # The record is the same, but its services and history are not (and the billed total).
        customer_changed(s, c, counts=True)
    return Response(status_code=204)


@router.get("/customers/{id}/events", response_model=EventList, responses=errors(401, 404))
def list_events(id: str, user: Reader, db: DB) -> dict[str, Any]:
    with db.session() as s:
        load_customer(s, user.partner_id, id)
        rows = s.execute(
            select(Event).where(Event.customer_id == id).order_by(Event.id.desc()).limit(1000)
        ).scalars()
        return {"items": [event_out(e) for e in rows]}


@router.post("/customers/{id}/login-link", response_model=LoginLinkOut, responses=errors(401, 404))
def login_link(id: str, user: LinkIssuer, db: DB, request: Request) -> dict[str, Any]:
    token = secrets.token_urlsafe(24)
    expires = now() + timedelta(seconds=LOGIN_LINK_SECONDS)
    with db.session(write=True) as s:
        c = load_customer(s, user.partner_id, id)
        s.add(
            LoginLink(
                token_hash=token_digest(token), customer_id=c.id, expires_at=expires, used_at=None
            )
        )
        record(s, c, user.username, "login_link_issued", {"expires_at": expires.isoformat()})
    base = str(request.base_url).rstrip("/")
    return {"url": f"{base}/control-panel/login?token={token}", "expires_at": expires}


@panel_router.get("/control-panel/login")
def use_login_link(token: str, db: DB) -> HTMLResponse:
    """Stands in for the customer's control panel: the link works once, within its minute."""
    with db.session(write=True) as s:
        # Locked: on PostgreSQL two requests racing with one link would otherwise both use it.
        link = s.get(LoginLink, token_digest(token), with_for_update=True)
        if link is None or link.used_at is not None or (utc(link.expires_at) or now()) < now():
            return HTMLResponse(_page("This sign-in link has expired or was already used."), 410)
        c = s.get(Customer, link.customer_id)
        if c is None or c.status == "canceled":
            # Cancelling blocks the customer's control panel (API.md), links issued before too.
            return HTMLResponse(_page("This customer's control panel is blocked."), 403)
        link.used_at = now()
        name = c.name
    return HTMLResponse(_page(f"Signed in to the control panel of {name}."))


def _page(message: str) -> str:
    text = html.escape(message)
    return f"<!doctype html><title>Control panel</title><h1>Control panel</h1><p>{text}</p>"
