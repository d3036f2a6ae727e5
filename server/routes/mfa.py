"""Two-factor sign-in: set it up, confirm it, turn it off, and the sign-in's second step.

The rules (codes, recovery codes, the mfa token, the 429) are server/mfa.py's; the secret's
encryption is server/server_key.py's. The secret is in one answer only, the set-up's; the
recovery codes only in the confirmation's; neither is ever logged or written into an event.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server import mfa
from server.changes import staff_changed
from server.deps import DB, AppSettings
from server.errors import ApiError
from server.events import record_partner
from server.models import Partner, User
from server.permissions import SignedInBeforeMfa
from server.routes import errors
from server.routes.auth import issue_token, sign_in_answer
from server.schemas import LoginResponse, MfaCode, MfaSetupOut, MfaSignIn, RecoveryCodesOut
from server.serialize import now
from server.server_key import ServerKey, UndecryptableSecret

log = logging.getLogger("partner_api")
router = APIRouter(tags=["auth"])
# Answers that hold a secret or the recovery codes are kept by no cache on the way.
_NO_STORE = {"Cache-Control": "no-store"}


def _server_key(request: Request) -> ServerKey:
    key: ServerKey = request.app.state.server_key
    return key


Key = Annotated[ServerKey, Depends(_server_key)]


def _open(key: ServerKey, user: User, ciphertext: str | None) -> str:
    if ciphertext is None:
        raise RuntimeError("no secret stored")  # the callers check first
    try:
        return key.decrypt(ciphertext, user.id)
    except UndecryptableSecret:
        # The user and the key's source only: never the ciphertext, let alone a secret.
        log.error("the two-factor secret of user %s does not decrypt with %s", user.id, key.source)
        raise ApiError(
            500,
            "server_key_mismatch",
            "The server cannot read your two-factor secret: its server key is not the one the "
            "secret was stored with. Tell the server's administrator.",
        ) from None


def _conflict(code: str, message: str) -> ApiError:
    return ApiError(409, code, message)


def _already_enabled() -> ApiError:
    return _conflict(
        "mfa_already_enabled", "Two-factor sign-in is on already. Turn it off first to change it."
    )


def _second_factor(s: Session, key: ServerKey, user: User, code: str) -> tuple[str | None, bool]:
    """("totp" or "recovery_code", False) for a code accepted now (and spent: the step is
    remembered, the recovery code deleted); (None, whether it was a code used already)."""
    secret = _open(key, user, user.mfa_secret_encrypted)
    step = mfa.accepted_step(secret, code, user.mfa_last_step)
    if step is not None:
        user.mfa_last_step = step
        return "totp", False
    left = mfa.use_recovery_code(s, key, user.id, code)
    if left is not None:
        record_partner(
            s, user.partner_id, user.username, "auth.recovery_code_used", {"remaining": left}
        )
        return "recovery_code", False
    return None, mfa.was_used(secret, code, user.mfa_last_step)


def _wrong_code(s: Session, user: User, during: str) -> None:
    mfa.count_wrong_code(s, user.id)
    record_partner(s, user.partner_id, user.username, "auth.mfa_failed", {"during": during})


@router.post("/me/mfa/setup", response_model=MfaSetupOut, responses=errors(401, 409))
def set_up(user: SignedInBeforeMfa, db: DB, key: Key, response: Response) -> dict[str, Any]:
    secret = mfa.new_secret()
    with db.session(write=True) as s:
        row = s.execute(select(User).where(User.id == user.user_id).with_for_update()).scalar_one()
        if row.mfa_enabled:
            raise _already_enabled()
        # A set-up started again replaces the one before; nothing is in force until confirmed.
        row.mfa_pending_secret_encrypted = key.encrypt(secret, row.id)
    response.headers.update(_NO_STORE)
    return {"secret": secret, "otpauth_uri": mfa.otpauth_uri(secret, user.username)}


@router.post(
    "/me/mfa/confirm", response_model=RecoveryCodesOut, responses=errors(400, 401, 409, 422, 429)
)
def confirm(
    body: MfaCode,
    user: SignedInBeforeMfa,
    db: DB,
    settings: AppSettings,
    key: Key,
    response: Response,
) -> dict[str, Any]:
    codes: list[str] | None = None
    with db.session(write=True) as s:
        row = mfa.lock_and_refuse_when_throttled(s, settings, user.user_id)
        if row.mfa_enabled:
            raise _already_enabled()
        if row.mfa_pending_secret_encrypted is None:
            raise _conflict(
                "mfa_setup_not_started", "Start the set-up first: there is no code to confirm."
            )
        secret = _open(key, row, row.mfa_pending_secret_encrypted)
        step = mfa.accepted_step(secret, body.code, None)
        if step is None:
            _wrong_code(s, row, "set-up")
        else:
            row.mfa_secret_encrypted = row.mfa_pending_secret_encrypted
            row.mfa_pending_secret_encrypted = None
            row.mfa_enabled = True
            row.mfa_last_step = step
            staff_changed(s, row)
            codes = mfa.replace_recovery_codes(s, key, row.id)
            record_partner(s, row.partner_id, row.username, "mfa.enabled", {})
    # A wrong code is committed before answering, so it counts toward the limit.
    if codes is None:
        raise mfa.invalid_code(422)
    response.headers.update(_NO_STORE)
    return {"recovery_codes": codes}


@router.delete("/me/mfa", status_code=204, responses=errors(400, 401, 409, 422, 429))
def turn_off(
    body: MfaCode, user: SignedInBeforeMfa, db: DB, settings: AppSettings, key: Key
) -> Response:
    with db.session(write=True) as s:
        row = mfa.lock_and_refuse_when_throttled(s, settings, user.user_id)
        if not row.mfa_enabled:
            raise _conflict("mfa_not_enabled", "Two-factor sign-in is off already.")
        how, used = _second_factor(s, key, row, body.code)
        if how is None:
            _wrong_code(s, row, "turn-off")
        else:
            row.mfa_enabled = False
            row.mfa_secret_encrypted = None
            row.mfa_pending_secret_encrypted = None
            row.mfa_last_step = None
            staff_changed(s, row)
            mfa.drop_recovery_codes(s, row.id)
            record_partner(s, row.partner_id, row.username, "mfa.disabled", {"with": how})
    if how is None:
        raise mfa.invalid_code(422, used)
    return Response(status_code=204)


@router.post("/auth/mfa", response_model=LoginResponse, responses=errors(400, 401, 422, 429))
def sign_in_with_code(
    body: MfaSignIn, db: DB, settings: AppSettings, key: Key
) -> dict[str, object]:
    token: str | None = None
    with db.session(write=True) as s:
        user_id = mfa.mfa_token_user(s, body.mfa_token)
        if user_id is None:
            raise mfa.mfa_token_invalid()
        row = mfa.lock_and_refuse_when_throttled(s, settings, user_id)
        # Asked again under the lock: a use of the same token that went first has spent it.
        if mfa.mfa_token_user(s, body.mfa_token) != user_id or not row.mfa_enabled:
            raise mfa.mfa_token_invalid()
        if row.disabled_at is not None:
            raise ApiError(
                401,
                "account_disabled",
                "Your account is disabled. Ask an owner or admin of your team to enable it.",
            )
        partner = s.get(Partner, row.partner_id)
        how, used = _second_factor(s, key, row, body.code)
        if how is None:
            _wrong_code(s, row, "sign-in")
        else:
            mfa.spend_mfa_token(s, body.mfa_token)
            row.last_login_at = now()
            staff_changed(s, row)
            token = issue_token(s, settings, row.id)
            record_partner(s, row.partner_id, row.username, "auth.login", {"second_factor": how})
    if token is None or partner is None:
        raise mfa.invalid_code(401, used)
    return sign_in_answer(settings, token, partner, mfa_setup_required=False)
