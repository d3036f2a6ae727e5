"""Sign in, sign out, who am I, and the health check."""

from __future__ import annotations

import math
from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from server import __version__
from server.changes import staff_changed
from server.config import Settings
from server.deps import DB, AppSettings
from server.errors import ApiError
from server.events import record_partner
from server.mfa import mfa_required, start_sign_in
from server.models import LoginFailure, Partner, Token, User
from server.permissions import SignedInBeforeMfa, permissions_of
from server.routes import errors
from server.schemas import HealthOut, LoginRequest, LoginResponse, MeOut
from server.security import hash_password, needs_rehash, new_token, token_digest, verify_password
from server.serialize import now, utc

router = APIRouter()


@router.get("/health", response_model=HealthOut, tags=["health"])
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


def refuse_when_throttled(s: Session, settings: Settings, username: str) -> None:
    """429 once a user name has had too many failed passwords within the window.

    Locks the user's row first: PostgreSQL runs these transactions side by side, and a burst of
    parallel attempts would all count the same failures and none be refused; SQLite's write
    transactions are serial already.
    """
    window = timedelta(seconds=settings.login_failure_window_seconds)
    since = now() - window
    s.execute(select(User.id).where(User.username == username).with_for_update())
    s.execute(delete(LoginFailure).where(LoginFailure.at < since))
    failures = s.execute(
        select(func.count(), func.min(LoginFailure.at)).where(
            LoginFailure.username == username, LoginFailure.at >= since
        )
    ).one()
    if failures[0] >= settings.login_failures_allowed:
        oldest = utc(failures[1]) or now()
        wait = max(1, math.ceil((oldest + window - now()).total_seconds()))
        raise ApiError(
            429,
            "too_many_attempts",
            f"Too many failed sign-ins. Try again in {wait} seconds.",
            {"retry_after": wait},
            headers={"Retry-After": str(wait)},
        )


def issue_token(s: Session, settings: Settings, user_id: str) -> str:
    token = new_token()
    s.add(
        Token(
            token_hash=token_digest(token),
            user_id=user_id,
            created_at=now(),
            expires_at=now() + timedelta(seconds=settings.token_ttl_seconds),
            revoked_at=None,
        )
    )
    return token


@router.post(
    "/auth/login", response_model=LoginResponse, tags=["auth"], responses=errors(400, 401, 422, 429)
)
def login(body: LoginRequest, db: DB, settings: AppSettings) -> dict[str, object]:
    token: str | None = None
    mfa_token: str | None = None
    with db.session(write=True) as s:
        refuse_when_throttled(s, settings, body.username)
        row = s.execute(
            select(User, Partner)
            .join(Partner, Partner.id == User.partner_id)
            .where(User.username == body.username)
        ).first()
        user, partner = row if row else (None, None)
        # Hashed even for an unknown name (against a dummy), so a miss costs what a hit does.
        known = verify_password(user.password_hash if user else None, body.password)
        if not known:
            s.add(LoginFailure(username=body.username, at=now()))
        elif user is not None and user.disabled_at is None:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(body.password)
            if user.mfa_enabled:
                # The password is the first step: the sign-in ends at POST /auth/mfa (routes/mfa).
                mfa_token = start_sign_in(s, settings, user.id)
            else:
                user.last_login_at = now()
                staff_changed(s, user)  # the staff list shows the last sign-in
                token = issue_token(s, settings, user.id)
                record_partner(s, user.partner_id, user.username, "auth.login", {})
        # A failure is the partner's event only when the name is one of its users: an unknown
        # name belongs to no partner, so it is counted (LoginFailure) but written nowhere.
        if user is not None and token is None and mfa_token is None:
            reason = "account_disabled" if known else "wrong_password"
            record_partner(
                s, user.partner_id, user.username, "auth.login_failed", {"reason": reason}
            )
    # The failure is committed before answering, so it counts toward the limit.
    if not known or partner is None:
        raise ApiError(401, "invalid_credentials", "Wrong user name or password.")
    if mfa_token is not None:
        raise mfa_required(mfa_token, settings)
    if token is None or user is None:
        # Said only to whoever knows the password: the account exists, and is disabled.
        raise ApiError(
            401,
            "account_disabled",
            "Your account is disabled. Ask an owner or admin of your team to enable it.",
        )
    return sign_in_answer(settings, token, partner, partner.require_mfa and not user.mfa_enabled)


def sign_in_answer(
    settings: Settings, token: str, partner: Partner, mfa_setup_required: bool
) -> dict[str, object]:
    """The answer of a completed sign-in, by password alone or with the second factor."""
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": settings.token_ttl_seconds,
        "partner": {"id": partner.id, "name": partner.name},
        "mfa_setup_required": mfa_setup_required,
    }


@router.post("/auth/logout", status_code=204, tags=["auth"], responses=errors(401))
def logout(user: SignedInBeforeMfa, db: DB) -> Response:
    with db.session(write=True) as s:
        s.execute(update(Token).where(Token.token_hash == user.token_hash).values(revoked_at=now()))
        record_partner(s, user.partner_id, user.username, "auth.logout", {})
    return Response(status_code=204)


@router.get("/me", response_model=MeOut, tags=["auth"], responses=errors(401))
def me(user: SignedInBeforeMfa, db: DB) -> dict[str, object]:
    with db.session() as s:
        row = s.execute(
            select(User, Partner)
            .join(Partner, Partner.id == User.partner_id)
            .where(User.id == user.user_id)
        ).one()
    found, partner = row
    return {
        "id": found.id,
        "username": found.username,
        "display_name": found.display_name,
        "role": found.role,
        "permissions": permissions_of(found.role),
        "mfa_enabled": found.mfa_enabled,
        "partner": {"id": partner.id, "name": partner.name, "require_mfa": partner.require_mfa},
    }
