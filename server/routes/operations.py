"""Suspend, re-enable, cancel and restore (asynchronous operations, now or scheduled), watching
them, and cancelling a scheduled one."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from sqlalchemy import select

from server import operations, scheduling
from server.deps import DB, AppSettings, Principal
from server.errors import ApiError, not_found
from server.models import Customer, Operation
from server.permissions import need
from server.routes import errors
from server.schemas import (
    CancelRequest,
    OperationList,
    OperationOut,
    OperationState,
    SuspendRequest,
    UnsuspendRequest,
)
from server.serialize import operation_out

router = APIRouter(tags=["operations"])

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]
_START_ERRORS = errors(400, 401, 404, 409, 422)

Reader = Annotated[Principal, Depends(need("customers.read"))]
Suspender = Annotated[Principal, Depends(need("customers.suspend"))]
Reenabler = Annotated[
    Principal, Depends(need("customers.suspend", "suspend or re-enable a customer"))
]
Unscheduler = Annotated[
    Principal, Depends(need("customers.suspend", "cancel a scheduled suspension or re-enable"))
]
Canceler = Annotated[Principal, Depends(need("customers.cancel"))]
Restorer = Annotated[Principal, Depends(need("customers.cancel", "restore a canceled customer"))]


def _start(
    request: Request,
    kind: str,
    id: str,
    body: dict[str, Any],
    key: str | None,
    at: datetime | None = None,
    resume_at: datetime | None = None,
    **deps: Any,
) -> dict[str, Any]:
    op = operations.start(
        deps["db"], deps["settings"], deps["user"], id, kind, body, key, at, resume_at
    )
    # A pending one to claim, or a timer to set to a new scheduled one.
    request.app.state.worker.wake()
    return operation_out(op)


@router.post(
    "/customers/{id}/suspend", status_code=202, response_model=OperationOut, responses=_START_ERRORS
)
def suspend(
    id: str,
    body: SuspendRequest,
    request: Request,
    user: Suspender,
    db: DB,
    settings: AppSettings,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    return _start(
        request,
        "suspend",
        id,
        body.model_dump(exclude={"at", "resume_at"}),
        idempotency_key,
        body.at,
        body.resume_at,
        db=db,
        settings=settings,
        user=user,
    )


@router.post(
    "/customers/{id}/unsuspend",
    status_code=202,
    response_model=OperationOut,
    responses=_START_ERRORS,
)
def unsuspend(
    id: str,
    request: Request,
    user: Reenabler,
    db: DB,
    settings: AppSettings,
    body: UnsuspendRequest | None = None,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    at = body.at if body is not None else None
    return _start(
        request, "unsuspend", id, {}, idempotency_key, at, db=db, settings=settings, user=user
    )


@router.post(
    "/customers/{id}/cancel", status_code=202, response_model=OperationOut, responses=_START_ERRORS
)
def cancel(
    id: str,
    body: CancelRequest,
    request: Request,
    user: Canceler,
    db: DB,
    settings: AppSettings,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    return _start(
        request,
        "cancel",
        id,
        body.model_dump(),
        idempotency_key,
        db=db,
        settings=settings,
        user=user,
    )


@router.post(
    "/customers/{id}/restore", status_code=202, response_model=OperationOut, responses=_START_ERRORS
)
def restore(
    id: str,
    request: Request,
    user: Restorer,
    db: DB,
    settings: AppSettings,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    return _start(request, "restore", id, {}, idempotency_key, db=db, settings=settings, user=user)


@router.get("/operations/{op_id}", response_model=OperationOut, responses=errors(401, 404))
def get_operation(op_id: str, user: Reader, db: DB) -> dict[str, Any]:
    with db.session() as s:
        op = s.execute(
            select(Operation).where(Operation.id == op_id, Operation.partner_id == user.partner_id)
        ).scalar_one_or_none()
        if op is None:
            raise not_found("operation")
        return operation_out(op)


@router.get("/operations", response_model=OperationList, responses=errors(401, 422))
def list_operations(
    user: Reader,
    db: DB,
    unfinished: bool = False,
    state: OperationState | None = None,
    customer_id: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    query = select(Operation).where(Operation.partner_id == user.partner_id)
    if unfinished:
        query = query.where(Operation.state.in_(("pending", "running")))
    if state is not None:
        query = query.where(Operation.state == state)
    if customer_id is not None:
        query = query.where(Operation.customer_id == customer_id)
    if state == "scheduled":
        query = query.order_by(Operation.scheduled_for, Operation.id)  # soonest first
    else:
        query = query.order_by(Operation.created_at.desc())
    with db.session() as s:
        rows = s.execute(query.limit(500)).scalars()
        return {"items": [operation_out(op) for op in rows]}


@router.delete(
    "/operations/{op_id}", status_code=204, response_class=Response, responses=errors(401, 404, 409)
)
def cancel_scheduled(op_id: str, request: Request, user: Unscheduler, db: DB) -> Response:
    with db.session(write=True) as s:
        found = s.execute(
            select(Operation.customer_id).where(
                Operation.id == op_id, Operation.partner_id == user.partner_id
            )
        ).first()
        if found is None:
            raise not_found("operation")
        # The customer's lock first, as requests take it. Holding it, the state read next
        # cannot change (starting or ending a scheduled operation needs it too), and only a
        # scheduled one is locked after it: a running one's row may be the worker's, which
        # takes it before the customer's.
        c = s.execute(
            select(Customer).where(Customer.id == found[0]).with_for_update()
        ).scalar_one()
        state = s.execute(select(Operation.state).where(Operation.id == op_id)).scalar_one()
        if state == "canceled":
            return Response(status_code=204)  # a repeated DELETE: done already, nothing again
        if state != "scheduled":
            raise ApiError(
                409,
                "not_scheduled",
                f"This operation is {state}, no longer scheduled: it can no longer be canceled.",
                {"state": state},
            )
        op = s.execute(
            select(Operation).where(Operation.id == op_id).with_for_update()
        ).scalar_one()
        scheduling.end_unrun(s, op, c, "canceled", actor=user.username)
        scheduling.refresh_next(s, c)
    request.app.state.worker.wake()  # its timer may have been for this one
    return Response(status_code=204)
