"""A partner's staff: list, add, change or disable; one's own password; the partner's settings.

Who may change whom is server/permissions.py's (`need`, `check_reach`); this module keeps the
rules that are about the team, not a role: never a partner without an enabled owner, and a
disabled user's sessions end at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.changes import staff_changed
from server.deps import DB, AppSettings, Principal
from server.errors import ApiError, field_errors, not_found
from server.events import record_partner
from server.ids import new_id
from server.models import LoginFailure, Partner, Token, User
from server.passwords import password_problem
from server.permissions import SignedIn, check_reach, need
from server.routes import errors
from server.routes.auth import refuse_when_throttled
from server.schemas import (
    MyPartnerOut,
    PartnerPatch,
    PasswordChange,
    StaffCreate,
    StaffList,
    StaffOut,
    StaffPatch,
)
from server.security import hash_password, verify_password
from server.serialize import now, staff_out

router = APIRouter(tags=["staff"])

Lister = Annotated[Principal, Depends(need("staff.manage", "see the staff list"))]
Adder = Annotated[Principal, Depends(need("staff.manage", "add staff"))]
Changer = Annotated[Principal, Depends(need("staff.manage", "change staff"))]
PartnerOwner = Annotated[
    Principal, Depends(need("staff.manage", "change the team's settings", owner_only=True))
]


def _lock_partner(s: Session, partner_id: str) -> None:
    # Serialises staff changes of one partner on PostgreSQL (SQLite's writes are serial
    # already), so that two owners demoting each other at once cannot leave no owner.
    s.execute(select(Partner.id).where(Partner.id == partner_id).with_for_update())


def _duplicate(username: str) -> ApiError:
    return ApiError(
        409,
        "duplicate",
        f"The user name {username} is taken.",
        {"fields": {"username": "is taken"}},
    )


@router.get("/staff", response_model=StaffList, responses=errors(401, 403))
def list_staff(user: Lister, db: DB) -> dict[str, Any]:
    with db.session() as s:
        rows = s.execute(
            select(User).where(User.partner_id == user.partner_id).order_by(User.id)
        ).scalars()
        return {"items": [staff_out(u) for u in rows]}


@router.post(
    "/staff", status_code=201, response_model=StaffOut, responses=errors(400, 401, 403, 409, 422)
)
def create_staff(body: StaffCreate, user: Adder, db: DB) -> dict[str, Any]:
    check_reach(user, body.role)
    problem = password_problem(body.password, body.username)
    if problem:
        raise field_errors({"password": problem})
    password_hash = hash_password(body.password)
    try:
        with db.session(write=True) as s:
            _lock_partner(s, user.partner_id)
            if s.execute(select(User.id).where(User.username == body.username)).first():
                raise _duplicate(body.username)
            row = User(
                id=new_id("u"),
                partner_id=user.partner_id,
                username=body.username,
                password_hash=password_hash,
                role=body.role,
                display_name=body.display_name,
                email=body.email,
                disabled_at=None,
                last_login_at=None,
                created_at=now(),
            )
            s.add(row)
            staff_changed(s, row)
            # What a colleague can see of the new account; never its password.
            record_partner(
                s,
                user.partner_id,
                user.username,
                "staff.created",
                {
                    "user_id": row.id,
                    **{k: getattr(row, k) for k in ("username", "display_name", "email", "role")},
                },
            )
    except IntegrityError as exc:
        # Two creates raced for one name; the database's unique constraint decided.
        raise _duplicate(body.username) from exc
    return staff_out(row)


def _enabled_owners(s: Session, partner_id: str) -> int:
    return int(
        s.execute(
            select(func.count()).where(
                User.partner_id == partner_id, User.role == "owner", User.disabled_at.is_(None)
            )
        ).scalar_one()
    )


def revoke_tokens(s: Session, user_id: str, keep: str | None = None) -> None:
    """Every unrevoked token of the user but `keep` stops working, at once."""
    query = update(Token).where(Token.user_id == user_id, Token.revoked_at.is_(None))
    if keep is not None:
        query = query.where(Token.token_hash != keep)
    s.execute(query.values(revoked_at=now()))


def _apply(s: Session, actor: Principal, target: User, values: dict[str, Any]) -> None:
    """The change, and its events: `staff.updated` naming the fields that changed (with their
    new values: none of them secret), `staff.disabled` / `staff.enabled`."""
    changes: dict[str, Any] = {}
    for key in ("role", "display_name", "email"):
        if key in values and getattr(target, key) != values[key]:
            setattr(target, key, values[key])
            changes[key] = values[key]
    about = {"user_id": target.id, "username": target.username}
    if changes:
        details = {**about, "fields": sorted(changes), "changes": changes}
        record_partner(s, actor.partner_id, actor.username, "staff.updated", details)
    was_disabled = target.disabled_at
    if values.get("disabled") is True and target.disabled_at is None:
        target.disabled_at = now()
        revoke_tokens(s, target.id)
        record_partner(s, actor.partner_id, actor.username, "staff.disabled", about)
    elif values.get("disabled") is False and target.disabled_at is not None:
        target.disabled_at = None
        record_partner(s, actor.partner_id, actor.username, "staff.enabled", about)
    if changes or target.disabled_at != was_disabled:
        staff_changed(s, target)
    s.flush()


@router.patch(
    "/staff/{id}", response_model=StaffOut, responses=errors(400, 401, 403, 404, 409, 422)
)
def patch_staff(id: str, body: StaffPatch, user: Changer, db: DB) -> dict[str, Any]:
    values = body.model_dump(exclude_unset=True)
    nulls = {key: "cannot be null" for key, value in values.items() if value is None}
    if nulls:
        raise field_errors(nulls)
    with db.session(write=True) as s:
        _lock_partner(s, user.partner_id)
        target = s.get(User, id)
        if target is None or target.partner_id != user.partner_id:
            raise not_found("staff user")
        check_reach(user, target.role, values.get("role"))
        was_owner = target.role == "owner" and target.disabled_at is None
        _apply(s, user, target, values)
        if was_owner and _enabled_owners(s, user.partner_id) == 0:
            # Raised inside the transaction: nothing of the change is kept.
            raise ApiError(
                409,
                "last_owner",
                f"{target.display_name or target.username} is the team's only enabled owner: "
                "make someone else an owner first.",
            )
    return staff_out(target)


@router.post("/me/password", status_code=204, responses=errors(400, 401, 422, 429))
def change_password(
    body: PasswordChange, user: SignedIn, db: DB, settings: AppSettings
) -> Response:
    problem = password_problem(body.new_password, user.username)
    if problem:
        raise field_errors({"new_password": problem})
    with db.session(write=True) as s:
        # Guessing the current password with a stolen session is throttled as sign-ins are.
        refuse_when_throttled(s, settings, user.username)
        row = s.get(User, user.user_id)
        right = row is not None and verify_password(row.password_hash, body.current_password)
        if not right:
            s.add(LoginFailure(username=user.username, at=now()))
    # The failure is committed before answering, so it counts toward the limit.
    if not right or row is None:
        raise ApiError(401, "invalid_credentials", "Your current password is not right.")
    if body.new_password == body.current_password:
        raise field_errors({"new_password": "is your current password; choose another"})
    password_hash = hash_password(body.new_password)
    with db.session(write=True) as s:
        s.execute(update(User).where(User.id == user.user_id).values(password_hash=password_hash))
        revoke_tokens(s, user.user_id, keep=user.token_hash)
        record_partner(s, user.partner_id, user.username, "auth.password_changed", {})
    return Response(status_code=204)


@router.patch("/partner", response_model=MyPartnerOut, responses=errors(400, 401, 403, 422))
def patch_partner(body: PartnerPatch, user: PartnerOwner, db: DB) -> dict[str, Any]:
    with db.session(write=True) as s:
        partner = s.get(Partner, user.partner_id, with_for_update=True)
        if partner is None:
            raise not_found("partner")
        if partner.require_mfa != body.require_mfa:
            partner.require_mfa = body.require_mfa
            changes = {"require_mfa": body.require_mfa}
            details = {"fields": ["require_mfa"], "changes": changes}
            record_partner(s, partner.id, user.username, "partner.updated", details)
        return {"id": partner.id, "name": partner.name, "require_mfa": partner.require_mfa}
