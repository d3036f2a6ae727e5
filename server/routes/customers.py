"""Customers: list and search, read, create, edit (If-Match)."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.changes import customer_changed
from server.deps import DB, Principal
from server.errors import ApiError, field_errors, not_found
from server.events import record
from server.ids import new_id
from server.models import Customer, Partner
from server.permissions import need
from server.routes import errors
from server.schemas import (
    CustomerCreate,
    CustomerOut,
    CustomerPage,
    CustomerPatch,
    SearchField,
    Status,
)
from server.search import (
    CustomerQuery,
    apply_keys,
    decode_cursor,
    encode_cursor,
    search_page,
)
from server.serialize import customer_out, now

router = APIRouter(tags=["customers"])

Reader = Annotated[Principal, Depends(need("customers.read"))]
Editor = Annotated[Principal, Depends(need("customers.edit"))]

ADDRESS_FIELDS = ("street", "city", "region", "postal_code", "country")


def load_customer(s: Session, partner_id: str, customer_id: str, *, lock: bool = False) -> Customer:
    """The caller's own customer; another partner's is exactly as missing as a made-up id."""
    query = select(Customer).where(Customer.id == customer_id, Customer.partner_id == partner_id)
    if lock:
        query = query.with_for_update()
    customer = s.execute(query).scalar_one_or_none()
    if customer is None:
        raise not_found()
    return customer


def etag(c: Customer) -> str:
    return f'"{c.version}"'


@router.get("/customers", response_model=CustomerPage, responses=errors(401, 422))
def list_customers(
    user: Reader,
    db: DB,
    response: Response,
    q: Annotated[str, Query(max_length=200)] = "",
    field: SearchField | None = None,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    after = decode_cursor(cursor) if cursor else None
    query = CustomerQuery(user.partner_id, q, field, status)
    started = time.perf_counter()
    with db.session() as s:
        page = search_page(s, query, after, limit)
    # The database's share of the request, for benchmarks and browser dev tools.
    response.headers["Server-Timing"] = f"db;dur={(time.perf_counter() - started) * 1000:.1f}"
    return {
        "items": [customer_out(c) for c in page.rows],
        "next_cursor": encode_cursor(page.rows[-1].id) if page.more and page.rows else None,
        "total": page.total,
    }


@router.get("/customers/{id}", response_model=CustomerOut, responses=errors(401, 404))
def get_customer(id: str, user: Reader, db: DB, response: Response) -> dict[str, Any]:
    with db.session() as s:
        c = load_customer(s, user.partner_id, id)
        response.headers["ETag"] = etag(c)
        return customer_out(c)


def _next_account_number(s: Session, partner_id: str) -> str:
    # SQLite's write transactions are serial already; on PostgreSQL two creates would both pick
    # the same number and one would fail as a duplicate. The partner's row lock queues them.
    s.execute(select(Partner.id).where(Partner.id == partner_id).with_for_update())
    # Walk down the (partner, account number) unique index from the top of the digit range:
    # digits sort before letters, so no scan of the whole book is needed. Among the top few,
    # the largest number wins ("999" sorts above "100001").
    top = s.execute(
        select(Customer.account_number)
        .where(Customer.partner_id == partner_id, Customer.account_number < ":")
        .order_by(Customer.account_number.desc())
        .limit(50)
    ).scalars()
    numbers = [int(text) for text in top if text.isdigit()]
    number = max(numbers) + 1 if numbers else 100001
    while True:
        candidates = [str(n) for n in range(number, number + 100)]
        taken = set(
            s.execute(
                select(Customer.account_number).where(
                    Customer.partner_id == partner_id, Customer.account_number.in_(candidates)
                )
            ).scalars()
        )
        free = next((c for c in candidates if c not in taken), None)
        if free is not None:
            return free
        number += 100


def _duplicate(account_number: str) -> ApiError:
    return ApiError(
        409,
        "duplicate",
        f"Account number {account_number} is already used by another customer.",
        {"fields": {"account_number": "already used by another customer"}},
    )


@router.post(
    "/customers",
    status_code=201,
    response_model=CustomerOut,
    responses=errors(400, 401, 409, 422),
)
def create_customer(
    body: CustomerCreate, user: Editor, db: DB, response: Response
) -> dict[str, Any]:
    try:
        with db.session(write=True) as s:
            account = body.account_number or _next_account_number(s, user.partner_id)
            taken = s.execute(
                select(Customer.id).where(
                    Customer.partner_id == user.partner_id, Customer.account_number == account
                )
            ).first()
            if taken:
                raise _duplicate(account)
            at = now()
            c = Customer(
                id=new_id("c"),
                partner_id=user.partner_id,
                account_number=account,
                name=body.name,
                contact_name=body.contact_name,
                email=body.email,
                phone=body.phone,
                domain=body.domain.lower(),
                alias_domains=body.alias_domains,
                website=body.website,
                status="active",
                suspended_at=None,
                suspension_reason=None,
                canceled_at=None,
                created_at=at,
                updated_at=at,
                version=1,
                **body.address.model_dump(),
            )
            apply_keys(c)
            s.add(c)
            s.flush()
            record(s, c, user.username, "created", {"account_number": account, "name": c.name})
            customer_changed(s, c, counts=True)
    except IntegrityError as exc:
        # Two creates raced for the same number; the database's unique constraint decided.
        raise _duplicate(body.account_number or "") from exc
    response.headers["ETag"] = etag(c)
    response.headers["Location"] = f"/api/v1/customers/{c.id}"
    return customer_out(c)


def parse_if_match(value: str | None) -> int:
    if value is None:
        raise ApiError(
            428,
            "precondition_required",
            "Send If-Match with the version you edited, so no one else's change is overwritten.",
        )
    text = value.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise ApiError(
            428, "precondition_required", 'If-Match must be the customer\'s ETag, like "7".'
        )
    return int(text)


@router.patch(
    "/customers/{id}",
    response_model=CustomerOut,
    responses=errors(400, 401, 404, 409, 412, 422, 428),
)
def patch_customer(
    id: str,
    body: CustomerPatch,
    user: Editor,
    db: DB,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> dict[str, Any]:
    expected = parse_if_match(if_match)
    try:
        with db.session(write=True) as s:
            c = load_customer(s, user.partner_id, id, lock=True)
            if c.version != expected:
                raise ApiError(
                    412,
                    "version_conflict",
                    "Someone else changed this customer since you opened it.",
                    {
                        "current": CustomerOut.model_validate(customer_out(c)).model_dump(
                            mode="json"
                        )
                    },
                )
            changes = _apply_patch(s, c, body)
            if changes:
                c.version += 1
                c.updated_at = now()
                apply_keys(c)
                record(s, c, user.username, "updated", {"changes": changes})
                customer_changed(s, c)
    except IntegrityError as exc:
        raise _duplicate(body.account_number or "") from exc
    response.headers["ETag"] = etag(c)
    return customer_out(c)


def _apply_patch(s: Session, c: Customer, body: CustomerPatch) -> dict[str, dict[str, Any]]:
    changes: dict[str, dict[str, Any]] = {}
    values = body.model_dump(exclude_unset=True, exclude={"address"})
    if body.address is not None:
        for key, value in body.address.model_dump(exclude_unset=True).items():
            values[f"address.{key}"] = value
    for key, value in values.items():
        if value is None:
            raise field_errors({key: "cannot be null"})
        attr = key.removeprefix("address.")
        if attr == "domain":
            value = value.lower()
        old = getattr(c, attr)
        if old == value:
            continue
        if attr == "account_number":
            taken = s.execute(
                select(Customer.id).where(
                    Customer.partner_id == c.partner_id,
                    Customer.account_number == value,
                    Customer.id != c.id,
                )
            ).first()
            if taken:
                raise _duplicate(value)
        setattr(c, attr, value)
        changes[key] = {"old": old, "new": value}
    return changes
