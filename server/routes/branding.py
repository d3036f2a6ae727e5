"""The partner's logo."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from server.changes import branding_changed
from server.db import Database
from server.deps import DB, Principal
from server.errors import not_found
from server.logo import MAX_BYTES, check_logo, too_large
from server.models import Logo, Partner
from server.permissions import SignedIn, need
from server.routes import errors
from server.schemas import LogoInfo
from server.serialize import now

router = APIRouter(tags=["branding"])

# Everyone of the team sees the logo (the app shows it); changing it is branding.edit.
Brander = Annotated[Principal, Depends(need("branding.edit"))]

_IMAGE = {"image/png": {"schema": {"type": "string", "format": "binary"}}}
_IMAGES = {**_IMAGE, "image/jpeg": {"schema": {"type": "string", "format": "binary"}}}


@router.get(
    "/branding/logo",
    responses={200: {"content": _IMAGES, "description": "The logo"}, **errors(401, 404)},
    response_class=Response,
)
def get_logo(user: SignedIn, db: DB) -> Response:
    with db.session() as s:
        logo = s.get(Logo, user.partner_id)
        if logo is None:
            raise not_found("logo")
        return Response(
            logo.content, media_type=logo.content_type, headers={"ETag": f'"{logo.sha256}"'}
        )


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise too_large()
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > MAX_BYTES:
            raise too_large()
    return bytes(chunks)


@router.put(
    "/branding/logo",
    response_model=LogoInfo,
    responses=errors(401, 413, 415, 422),
    openapi_extra={"requestBody": {"required": True, "content": _IMAGES}},
)
async def put_logo(request: Request, user: Brander, db: DB) -> dict[str, Any]:
    data = await _read_limited(request)
    # Decoding and the database are blocking work: keep them off the event loop.
    return await run_in_threadpool(_store, data, user.partner_id, db)


def _store(data: bytes, partner_id: str, db: Database) -> dict[str, Any]:
    logo = check_logo(data)
    with db.session(write=True) as s:
        # Two first uploads racing would both insert (PostgreSQL: one fails on the key); the
        # partner's row lock queues them, as SQLite's serial write transactions do already.
        s.execute(select(Partner.id).where(Partner.id == partner_id).with_for_update())
        row = s.get(Logo, partner_id)
        if row is None:
            row = Logo(partner_id=partner_id)
            s.add(row)
        row.content = logo.content
        row.content_type = logo.content_type
        row.sha256 = logo.sha256
        row.width = logo.width
        row.height = logo.height
        row.updated_at = now()
        branding_changed(s, partner_id)
    return {
        "width": logo.width,
        "height": logo.height,
        "bytes": len(logo.content),
        "sha256": logo.sha256,
    }


@router.delete("/branding/logo", status_code=204, responses=errors(401))
def delete_logo(user: Brander, db: DB) -> Response:
    with db.session(write=True) as s:
        s.execute(delete(Logo).where(Logo.partner_id == user.partner_id))
        branding_changed(s, user.partner_id)
    return Response(status_code=204)
