"""Reading answers: JSON checked before parsing, and every error status turned into an ApiError."""

from __future__ import annotations

import json
from typing import Any

from desktop.api.errors import (
    ApiError,
    BadResponseError,
    ConflictError,
    InvalidCredentialsError,
    NotFoundError,
    ServerError,
    SessionExpiredError,
    TooManyAttemptsError,
    ValidationError,
)
from desktop.api.records import Customer, R, parse, parse_object
from desktop.api.transport import Answer

SESSION_EXPIRED = "Your session has expired. Sign in again."
REQUEST_ID_HEADER = "X-Request-ID"


def media_type(answer: Answer) -> str:
    return answer.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()


def require_json(answer: Answer) -> None:
    kind = media_type(answer)
    if kind != "application/json" and not kind.endswith("+json"):
        shown = kind or "no content type"
        raise BadResponseError(
            f"The server's answer to {answer.what} is not JSON ({shown}). "
            "Check the server address: it may point at a web page, not the Partner API."
        )


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
        target = answer.headers.get("Location", "somewhere else")
        raise BadResponseError(
            f"The server redirected {answer.what} to {target}. Check the server address."
        )
    code, message, details = _error_body(answer)
    if status == 401:
        if sign_in_call:
            raise InvalidCredentialsError(
                message or "Wrong user name or password.", code=code, status=status
            )
        # With a token, any 401 means it no longer works, whatever the server's wording.
        raise SessionExpiredError(
            SESSION_EXPIRED if signed_in else message or "Sign in first.", code=code, status=status
        )
    if status == 429:
        retry_after = _retry_after(answer, details)
        raise TooManyAttemptsError(
            message or f"Too many attempts. Try again in {retry_after} seconds.",
            retry_after=retry_after,
            code=code,
            status=status,
        )
    if status == 404:
        raise NotFoundError(message or "It no longer exists.", code=code, status=status)
    if status == 412:
        current = details.get("current")
        raise ConflictError(
            message or "Someone else changed this customer since you opened it.",
            code=code or "version_conflict",
            status=status,
            current=(parse_object(Customer, current, answer.what) if current is not None else None),
        )
    if status == 409:
        raise ConflictError(
            message or "This conflicts with the server's current state.", code=code, status=status
        )
    if status == 422:
        raise ValidationError(
            message or "Some fields are not valid.",
            fields=_fields(details),
            code=code,
            status=status,
        )
    if status >= 500:
        request_id = answer.headers.get(REQUEST_ID_HEADER) or _text(details.get("request_id"))
        suffix = f" (request id {request_id})" if request_id else ""
        raise ServerError(
            message or f"The server failed to handle the request (HTTP {status}){suffix}.",
            request_id=request_id or None,
            code=code,
            status=status,
        )
    raise ApiError(
        message or f"The server refused the request (HTTP {status}).", code=code, status=status
    )


def _error_body(answer: Answer) -> tuple[str, str, dict[str, Any]]:
    """code, message and details of the error shape; blanks when the body is not that shape.

    An error answer from a proxy or a crashed server is often HTML: that is no reason to lose
    the status, so a body that cannot be read just leaves the fallback message in place.
    """
    try:
        document = json.loads(answer.body)
    except ValueError:
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
    header = answer.headers.get("Retry-After", "").strip()
    if header.isdigit():
        return int(header)
    value = details.get("retry_after")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return 60
