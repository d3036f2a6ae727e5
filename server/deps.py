"""What routes receive: the database, the settings and the signed-in user.

Routes take the user through server/permissions.py's `need(...)`, which adds tenancy and the
permission to the sign-in checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from server.config import Settings
from server.db import Database
from server.errors import ApiError
from server.models import Partner, Token, User
from server.security import token_digest
from server.serialize import now, utc


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    role: str
    partner_id: str
    partner_name: str
    token_hash: str
    # The partner requires two-factor and this user has none yet (server/permissions.py).
    mfa_setup_required: bool = False


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


_bearer = HTTPBearer(auto_error=False, description="The access_token from POST /auth/login")


def _unauthenticated(message: str) -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


def current_user(
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthenticated("Sign in first.")
    return principal_for(db, token_digest(credentials.credentials))


def principal_for(db: Database, digest: str) -> Principal:
    """The user of the token with this digest, while it is valid (else 401); a long stream
    asks again now and then, so a revoked session stops receiving."""
    with db.session() as s:
        row = s.execute(
            select(Token, User, Partner)
            .join(User, User.id == Token.user_id)
            .join(Partner, Partner.id == User.partner_id)
            .where(Token.token_hash == digest)
        ).first()
    if row is None:
        raise _unauthenticated("Your session is not valid. Sign in again.")
    token, user, partner = row
    if token.revoked_at is not None or (utc(token.expires_at) or now()) <= now():
        raise _unauthenticated("Your session has expired. Sign in again.")
    if user.disabled_at is not None:
        # Disabling revokes the user's tokens too; this also covers a sign-in that raced it.
        raise _unauthenticated("Your account was disabled. Ask an owner or admin of your team.")
    setup_required = partner.require_mfa and not user.mfa_enabled
    return Principal(
        user.id, user.username, user.role, partner.id, partner.name, digest, setup_required
    )


DB = Annotated[Database, Depends(get_db)]
CurrentUser = Annotated[Principal, Depends(current_user)]
AppSettings = Annotated[Settings, Depends(get_settings)]
