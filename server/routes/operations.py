"""Suspend, re-enable, cancel and restore (asynchronous operations), and watching them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from sqlalchemy import select

from server import operations
from server.deps import DB, AppSettings, Principal
from server.errors import not_found
from server.models import Operation
from server.permissions import need
from server.routes import errors
from server.schemas import CancelRequest, OperationList, OperationOut, SuspendRequest
from server.serialize import operation_out

router = APIRouter(tags=["operations"])

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]
_START_ERRORS = errors(400, 401, 404, 409, 422)

Reader = Annotated[Principal, Depends(need("customers.read"))]
Suspender = Annotated[Principal, Depends(need("customers.suspend"))]
Reenabler = Annotated[
    Principal, Depends(need("customers.suspend", "suspend or re-enable a customer"))
]
Canceler = Annotated[Principal, Depends(need("customers.cancel"))]
Restorer = Annotated[Principal, Depends(need("customers.cancel", "restore a canceled customer"))]


def _start(
    request: Request, kind: str, id: str, body: dict[str, Any], key: str | None, **deps: Any
) -> dict[str, Any]:
    op = operations.start(deps["db"], deps["settings"], deps["user"], id, kind, body, key)
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
        body.model_dump(),
        idempotency_key,
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
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    return _start(
        request, "unsuspend", id, {}, idempotency_key, db=db, settings=settings, user=user
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


@router.get("/operations", response_model=OperationList, responses=errors(401))
def list_operations(user: Reader, db: DB, unfinished: bool = False) -> dict[str, Any]:
    query = select(Operation).where(Operation.partner_id == user.partner_id)
    if unfinished:
        query = query.where(Operation.state.in_(("pending", "running")))
    with db.session() as s:
        rows = s.execute(query.order_by(Operation.created_at.desc()).limit(500)).scalars()
        return {"items": [operation_out(op) for op in rows]}
