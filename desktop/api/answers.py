"""Reading answers: JSON checked before parsing, and every error status turned into an ApiError."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.api.errors import (
    ApiError,
    BadResponseError,
    ConflictError,
    CursorExpiredError,
    ForbiddenError,
    InvalidCodeError,
    InvalidCredentialsError,
    MfaRequiredError,
    MfaSetupRequiredError,
    NotFoundError,
    ServerError,
    SessionExpiredError,
    TooManyAttemptsError,
    ValidationError,
)
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import Customer, R, parse, parse_object
from desktop.api.transport import Answer

SESSION_EXPIRED = QT_TRANSLATE_NOOP("ApiMessages", "Your session has expired. Sign in again.")
REQUEST_ID_HEADER = "X-Request-ID"
MAX_RETRY_AFTER = 3600  # seconds


def media_type(answer: Answer) -> str:
    return answer.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()


def require_json(answer: Answer) -> None:
    kind = media_type(answer)
    if kind != "application/json" and not kind.endswith("+json"):
        advice = QT_TRANSLATE_NOOP(
            "ApiMessages",
            "The server's answer to {request} is not JSON ({kind}). "
            "Check the server address: it may point at a web page, not the Partner API.",
        )
        if not kind:
            advice = QT_TRANSLATE_NOOP(
                "ApiMessages",
                "The server's answer to {request} is not JSON (no content type). "
                "Check the server address: it may point at a web page, not the Partner API.",
            )
        raise BadResponseError(Message(advice, request=answer.what, kind=kind))


def record(answer: Answer, kind: type[R]) -> R:
    """The record in a successful answer; error statuses raise through `check` first."""
    check(answer)
    require_json(answer)
    return parse(kind, answer.body, answer.what)


def check(answer: Answer, *, signed_in: bool = True, sign_in_call: bool = False) -> None:
    """Raise the ApiError an error status stands for; return quietly on 2xx."""
    status = answer.status
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        raise _redirected(answer)
    code, message, details = _error_body(answer)
    if status == 401:
        said = _Said(code, message, details)
        raise _unauthorized(said, signed_in=signed_in, sign_in_call=sign_in_call)
    refusal = _REFUSALS.get(status)
    if refusal is not None:
        raise refusal(answer, _Said(code, message, details))
    if status >= 500:
        raise _server_failed(answer, _Said(code, message, details))
    raise ApiError(
        Message.worded(
            message,
            QT_TRANSLATE_NOOP("ApiMessages", "The server refused the request (HTTP {status})."),
            status=status,
        ),
        code=code,
        status=status,
    )


@dataclass(frozen=True)
class _Said:
    """What an error answer's body said: the error shape's code, message and details."""

    code: str
    message: str
    details: dict[str, Any]


def _redirected(answer: Answer) -> ApiError:
    target = answer.headers.get("Location", "")
    redirected = QT_TRANSLATE_NOOP(
        "ApiMessages", "The server redirected {request} to {target}. Check the server address."
    )
    if not target:
        redirected = QT_TRANSLATE_NOOP(
            "ApiMessages",
            "The server redirected {request} somewhere else. Check the server address.",
        )
    return BadResponseError(Message(redirected, request=answer.what, target=target))


def _unauthorized(said: _Said, *, signed_in: bool, sign_in_call: bool) -> ApiError:
    message, code = said.message, said.code
    if code == "mfa_required":
        return _mfa_required(said)
    if code == "invalid_code":
        # A wrong two-factor code says nothing about the token (there may be none yet).
        return InvalidCodeError(
            Message.worded(
                message, QT_TRANSLATE_NOOP("ApiMessages", "That code is not right. Try again.")
            ),
            code=code,
            status=401,
        )
    if sign_in_call or code == "invalid_credentials":
        # invalid_credentials with a token is a wrong *current* password (POST /me/password):
        # the session is fine, and treating it as expired would sign the person out.
        return InvalidCredentialsError(
            Message.worded(
                message, QT_TRANSLATE_NOOP("ApiMessages", "Wrong user name or password.")
            ),
            code=code,
            status=401,
        )
    # With a token, any other 401 means it no longer works, whatever the server's wording.
    return SessionExpiredError(
        Message(SESSION_EXPIRED)
        if signed_in
        else Message.worded(message, QT_TRANSLATE_NOOP("ApiMessages", "Sign in first.")),
        code=code,
        status=401,
    )


def _mfa_required(said: _Said) -> ApiError:
    token = said.details.get("mfa_token")
    if not isinstance(token, str) or not token or len(token) > 4096:
        return BadResponseError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The server asked for a two-factor code but sent no token."
                )
            )
        )
    return MfaRequiredError(
        Message.worded(
            said.message,
            QT_TRANSLATE_NOOP("ApiMessages", "Enter the code from your authenticator app."),
        ),
        mfa_token=token,
    )


def _forbidden(_answer: Answer, said: _Said) -> ApiError:
    required = said.details.get("required")
    kind = MfaSetupRequiredError if said.code == "mfa_setup_required" else ForbiddenError
    fallback = QT_TRANSLATE_NOOP("ApiMessages", "Your role does not allow this.")
    if kind is MfaSetupRequiredError:
        fallback = QT_TRANSLATE_NOOP(
            "ApiMessages", "Your partner requires two-factor sign-in. Set it up first."
        )
    return kind(
        Message.worded(said.message, fallback),
        required=required if isinstance(required, str) else "",
        code=said.code or "forbidden",
    )


def _too_many(answer: Answer, said: _Said) -> ApiError:
    retry_after = _retry_after(answer, said.details)
    return TooManyAttemptsError(
        Message.worded(
            said.message,
            QT_TRANSLATE_NOOP("ApiMessages", "Too many attempts. Try again in {seconds} s."),
            seconds=retry_after,
        ),
        retry_after=retry_after,
        code=said.code,
        status=429,
    )


def _not_found(_answer: Answer, said: _Said) -> ApiError:
    return NotFoundError(
        Message.worded(said.message, QT_TRANSLATE_NOOP("ApiMessages", "It no longer exists.")),
        code=said.code,
        status=404,
    )


def _gone(_answer: Answer, said: _Said) -> ApiError:
    # 410 cursor_expired (GET /changes): the changes since the list was read are gone.
    return CursorExpiredError(
        Message.worded(
            said.message,
            QT_TRANSLATE_NOOP(
                "ApiMessages", "The server no longer keeps the changes since the list was loaded."
            ),
        ),
        code=said.code or "cursor_expired",
        status=410,
    )


def _version_conflict(answer: Answer, said: _Said) -> ApiError:
    current = said.details.get("current")
    return ConflictError(
        Message.worded(
            said.message,
            QT_TRANSLATE_NOOP(
                "ApiMessages", "Someone else changed this customer since you opened it."
            ),
        ),
        code=said.code or "version_conflict",
        status=412,
        current=(parse_object(Customer, current, answer.what) if current is not None else None),
    )


def _conflict(_answer: Answer, said: _Said) -> ApiError:
    return ConflictError(
        Message.worded(
            said.message,
            QT_TRANSLATE_NOOP("ApiMessages", "This conflicts with the server's current state."),
        ),
        code=said.code,
        status=409,
    )


def _invalid(_answer: Answer, said: _Said) -> ApiError:
    return ValidationError(
        Message.worded(
            said.message, QT_TRANSLATE_NOOP("ApiMessages", "Some fields are not valid.")
        ),
        fields=_fields(said.details),
        code=said.code,
        status=422,
    )


_REFUSALS: dict[int, Callable[[Answer, _Said], ApiError]] = {
    403: _forbidden,
    429: _too_many,
    404: _not_found,
    410: _gone,
    412: _version_conflict,
    409: _conflict,
    422: _invalid,
}


def _server_failed(answer: Answer, said: _Said) -> ApiError:
    status = answer.status
    request_id = answer.headers.get(REQUEST_ID_HEADER) or _text(said.details.get("request_id"))
    failed = QT_TRANSLATE_NOOP(
        "ApiMessages", "The server failed to handle the request (HTTP {status})."
    )
    if request_id:
        failed = QT_TRANSLATE_NOOP(
            "ApiMessages",
            "The server failed to handle the request (HTTP {status}, request id {request_id}).",
        )
    return ServerError(
        Message.worded(said.message, failed, status=status, request_id=request_id),
        request_id=request_id or None,
        code=said.code,
        status=status,
    )


def _error_body(answer: Answer) -> tuple[str, str, dict[str, Any]]:
    """code, message and details of the error shape; blanks when the body is not that shape.

    An error answer from a proxy or a crashed server is often HTML: that is no reason to lose
    the status, so a body that cannot be read just leaves the fallback message in place.
    """
    try:
        document = json.loads(answer.body)
    except (ValueError, RecursionError):  # RecursionError: "[[[[..." nested 100,000 deep
        return "", "", {}
    error = document.get("error") if isinstance(document, dict) else None
    if not isinstance(error, dict):
        return "", "", {}
    details = error.get("details")
    message = _text(error.get("message"))
    return _text(error.get("code")), message[:1000], details if isinstance(details, dict) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _fields(details: dict[str, Any]) -> dict[str, str]:
    fields = details.get("fields")
    if not isinstance(fields, dict):
        return {}
    return {str(name): str(problem) for name, problem in fields.items()}


def _retry_after(answer: Answer, details: dict[str, Any]) -> int:
    # Capped: a hostile "wait 10**40 seconds" must not lock the sign-in button for good.
    header = answer.headers.get("Retry-After", "").strip()
    if header.isascii() and header.isdigit():  # "²".isdigit() is true, and int() refuses it
        return min(int(header), MAX_RETRY_AFTER)
    value = details.get("retry_after")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return min(value, MAX_RETRY_AFTER)
    return 60
