"""Two-factor sign-in's rules: TOTP codes, recovery codes, the mfa token, counting wrong codes.

TOTP is RFC 6238 with its usual parameters (SHA-1, 6 digits, 30 s steps; what every
authenticator app does by default). A code of the step before or after now is accepted too (the
clocks of a phone and a server differ), but only for a step after the last one accepted: each
code works once, and an older one never after a newer.

Recovery codes are kept as HMAC-SHA256 digests under the server key (ServerKey.digests), not as
argon2 hashes: they are 50 random bits, not a person's password, so a slow hash adds nothing
against a stolen database while the key is safe, and with the key the TOTP secret is open
anyway; and a keyed digest is found by an index lookup, where argon2 would cost ten slow
verifications per attempt.
"""

from __future__ import annotations

import hmac
import math
import re
import secrets
import time
from datetime import timedelta

import pyotp
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from server.config import Settings
from server.errors import ApiError
from server.models import MfaFailure, MfaRecoveryCode, MfaToken, User
from server.security import new_token, token_digest
from server.serialize import now, utc
from server.server_key import ServerKey

ISSUER = "Partner Desk"
STEP_SECONDS = 30
DIGITS = 6
# How many steps either side of now a code may be from.
VALID_WINDOW = 1
RECOVERY_CODES = 10
# 10 characters of 31 (no 0/o, 1/l/i: read aloud or typed from paper) is about 50 bits.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10
_TOTP_CODE = re.compile(r"^[0-9]{6}$")
_SPACERS = re.compile(r"[\s-]+")


def new_secret() -> str:
    """160 random bits in base32, as RFC 4226 recommends and apps expect."""
    return pyotp.random_base32(32)


def otpauth_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def normalized(code: str) -> str:
    """A code as typed: spaces and dashes left out ("123 456", "abcde-fghjk"), lower case."""
    return _SPACERS.sub("", code).lower()


def is_totp_code(code: str) -> bool:
    return _TOTP_CODE.match(normalized(code)) is not None


def accepted_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step `code` is the code of, if it is one to accept now; None otherwise."""
    code = normalized(code)
    if _TOTP_CODE.match(code) is None:
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = int(time.time()) // STEP_SECONDS
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def was_used(secret: str, code: str, last_step: int | None) -> bool:
    """The code is right for a step already used: a replay, said so in the refusal's words."""
    if last_step is None or not is_totp_code(code):
        return False
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = int(time.time()) // STEP_SECONDS
    steps = range(current - VALID_WINDOW, min(current + VALID_WINDOW, last_step) + 1)
    return any(hmac.compare_digest(totp.generate_otp(step), normalized(code)) for step in steps)


# -- recovery codes ----------------------------------------------------------------------------


def new_recovery_codes() -> list[str]:
    """Ten codes as shown to the person: `abcde-fghjk`."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def _recovery_message(user_id: str, code: str) -> str:
    # The user id in the message: one user's code is no other's, and equal codes never collide.
    return f"{user_id}:{normalized(code)}"


def replace_recovery_codes(s: Session, key: ServerKey, user_id: str) -> list[str]:
    """New codes for the user, the old ones gone; only their digests are stored."""
    s.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user_id))
    codes = new_recovery_codes()
    for code in codes:
        digest = key.digests(_recovery_message(user_id, code))[0]
        s.add(MfaRecoveryCode(user_id=user_id, code_digest=digest, created_at=now()))
    return codes


def use_recovery_code(s: Session, key: ServerKey, user_id: str, code: str) -> int | None:
    """Spends the code if it is one of the user's unused ones: how many are left, else None."""
    typed = normalized(code)
    if len(typed) != _RECOVERY_LENGTH or any(c not in _RECOVERY_ALPHABET for c in typed):
        return None
    digests = key.digests(_recovery_message(user_id, typed))
    spent = s.execute(
        delete(MfaRecoveryCode).where(
            MfaRecoveryCode.user_id == user_id, MfaRecoveryCode.code_digest.in_(digests)
        )
    )
    if not spent.rowcount:  # type: ignore[attr-defined]
        return None
    left = s.execute(select(func.count()).where(MfaRecoveryCode.user_id == user_id)).scalar_one()
    return int(left)


def drop_recovery_codes(s: Session, user_id: str) -> None:
    s.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user_id))


# -- wrong codes -------------------------------------------------------------------------------


def lock_and_refuse_when_throttled(s: Session, settings: Settings, user_id: str) -> User:
    """The user's row, locked; 429 once they had too many wrong codes within the window.

    As server/routes/auth.py's password throttle: the row lock makes PostgreSQL's side-by-side
    transactions of one user take turns, so a burst of guesses is counted, and it also makes
    the check of the last used step and its update one step. Wrong codes at sign-in, at
    confirming a set-up and at turning two-factor off count alike: a guess is a guess.
    """
    user = s.execute(select(User).where(User.id == user_id).with_for_update()).scalar_one()
    window = timedelta(seconds=settings.mfa_failure_window_seconds)
    since = now() - window
    s.execute(delete(MfaFailure).where(MfaFailure.user_id == user_id, MfaFailure.at < since))
    failures = s.execute(
        select(func.count(), func.min(MfaFailure.at)).where(
            MfaFailure.user_id == user_id, MfaFailure.at >= since
        )
    ).one()
    if failures[0] >= settings.mfa_failures_allowed:
        oldest = utc(failures[1]) or now()
        wait = max(1, math.ceil((oldest + window - now()).total_seconds()))
        raise ApiError(
            429,
            "too_many_attempts",
            f"Too many wrong codes. Try again in {wait} seconds.",
            {"retry_after": wait},
            headers={"Retry-After": str(wait)},
        )
    return user


def count_wrong_code(s: Session, user_id: str) -> None:
    s.add(MfaFailure(user_id=user_id, at=now()))


def invalid_code(status: int, used: bool = False) -> ApiError:
    """401 at sign-in (API.md), 422 for a signed-in user's confirm and turn-off: a 401 would
    read as an ended session to a client."""
    message = (
        "That code was used already. Wait for the next code of your authenticator app."
        if used
        else "That code is not right. Try again."
    )
    return ApiError(status, "invalid_code", message)


# -- the password step -------------------------------------------------------------------------


def start_sign_in(s: Session, settings: Settings, user_id: str) -> str:
    """The mfa_token for a right password of a user with two-factor; only its SHA-256 is kept."""
    at = now()
    s.execute(delete(MfaToken).where(MfaToken.expires_at < at))
    token = new_token()
    s.add(
        MfaToken(
            token_hash=token_digest(token),
            user_id=user_id,
            created_at=at,
            expires_at=at + timedelta(seconds=settings.mfa_token_ttl_seconds),
        )
    )
    return token


def mfa_required(mfa_token: str, settings: Settings) -> ApiError:
    return ApiError(
        401,
        "mfa_required",
        "Enter the code from your authenticator app, or a recovery code.",
        {"mfa_token": mfa_token, "expires_in": settings.mfa_token_ttl_seconds},
    )


def mfa_token_user(s: Session, mfa_token: str) -> str | None:
    """The user an unexpired mfa_token stands for (it is spent by `spend_mfa_token`).

    Not locked: the caller locks the user's row and then asks again, so that two uses of one
    token take turns on the user, as sign-ins do, and the second finds it spent."""
    row = s.execute(
        select(MfaToken).where(MfaToken.token_hash == token_digest(mfa_token))
    ).scalar_one_or_none()
    if row is None or (utc(row.expires_at) or now()) <= now():
        return None
    return row.user_id


def spend_mfa_token(s: Session, mfa_token: str) -> None:
    s.execute(delete(MfaToken).where(MfaToken.token_hash == token_digest(mfa_token)))


def mfa_token_invalid() -> ApiError:
    return ApiError(
        401,
        "mfa_token_invalid",
        "This sign-in has expired or is complete already. Sign in again with your password.",
    )
