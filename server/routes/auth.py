"""Sign in, sign out, who am I, and the health check."""

from __future__ import annotations

import math
from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import delete, func, select, update

from server import __version__
from server.deps import DB, AppSettings, CurrentUser
from server.errors import ApiError
from server.models import LoginFailure, Partner, Token, User
from server.routes import errors
from server.schemas import HealthOut, LoginRequest, LoginResponse, MeOut
from server.security import new_token, token_digest, verify_password
from server.serialize import now, utc

router = APIRouter()


@router.get("/health", response_model=HealthOut, tags=["health"])
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.post(
    "/auth/login", response_model=LoginResponse, tags=["auth"], responses=errors(400, 401, 422, 429)
)
def login(body: LoginRequest, db: DB, settings: AppSettings) -> dict[str, object]:
    window = timedelta(seconds=settings.login_failure_window_seconds)
    with db.session(write=True) as s:
        since = now() - window
        # One attempt per user at a time. PostgreSQL runs these transactions side by side, and
        # a burst of parallel attempts would all count the same failures and none be refused;
        # SQLite's write transactions are serial already.
        s.execute(select(User.id).where(User.username == body.username).with_for_update())
        s.execute(delete(LoginFailure).where(LoginFailure.at < since))
        failures = s.execute(
            select(func.count(), func.min(LoginFailure.at)).where(
                LoginFailure.username == body.username, LoginFailure.at >= since
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
        row = s.execute(
            select(User, Partner)
            .join(Partner, Partner.id == User.partner_id)
            .where(User.username == body.username)
        ).first()
        user, partner = row if row else (None, None)
        if not verify_password(user.password_hash if user else None, body.password):
            s.add(LoginFailure(username=body.username, at=now()))
            failed = True
        else:
            failed = False
            token = new_token()
            s.add(
                Token(
                    token_hash=token_digest(token),
                    user_id=user.id,  # type: ignore[union-attr]
                    created_at=now(),
                    expires_at=now() + timedelta(seconds=settings.token_ttl_seconds),
                    revoked_at=None,
                )
            )
    # The failure is committed before answering, so it counts toward the limit.
    if failed or partner is None:
        raise ApiError(401, "invalid_credentials", "Wrong user name or password.")
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": settings.token_ttl_seconds,
        "partner": {"id": partner.id, "name": partner.name},
    }


@router.post("/auth/logout", status_code=204, tags=["auth"], responses=errors(401))
def logout(user: CurrentUser, db: DB) -> Response:
    with db.session(write=True) as s:
        s.execute(update(Token).where(Token.token_hash == user.token_hash).values(revoked_at=now()))
    return Response(status_code=204)


@router.get("/me", response_model=MeOut, tags=["auth"], responses=errors(401))
def me(user: CurrentUser) -> dict[str, object]:
    return {
        "username": user.username,
        "role": user.role,
        "partner": {"id": user.partner_id, "name": user.partner_name},
    }
