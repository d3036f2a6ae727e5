"""What can go wrong talking to the Partner API, each with a message fit to show a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.api.records import Customer


class ApiError(Exception):
    """Base of every error the client raises; `message` is what the window shows."""

    def __init__(self, message: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        # The server's error code ("not_found", "already_suspended"...), or "" when it sent none.
        self.code = code
        # The HTTP status, or None when no answer came back at all.
        self.status = status

    def __str__(self) -> str:
        return self.message


class InvalidCredentialsError(ApiError):
    """The user name or password was wrong."""


class MfaRequiredError(ApiError):
    """The password was right and the account has two-factor: a code must follow.

    `mfa_token` stands for the right password for five minutes, once: it lives only in this
    object, which the sign-in dialog keeps until the code step ends, and is never in the message.
    """

    def __init__(self, message: str, *, mfa_token: str, code: str = "mfa_required") -> None:
        super().__init__(message, code=code, status=401)
        self.mfa_token = mfa_token

    def __repr__(self) -> str:
        return f"MfaRequiredError({self.message!r})"


class InvalidCodeError(ApiError):
    """A two-factor or recovery code that the server did not take (wrong, old or used)."""


class ForbiddenError(ApiError):
    """The signed-in user's role does not allow this; `required` names the permission."""

    def __init__(
        self, message: str, *, required: str = "", code: str = "forbidden", status: int = 403
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.required = required


class MfaSetupRequiredError(ForbiddenError):
    """The partner requires two-factor and this user has not set it up yet."""


class TooManyAttemptsError(ApiError):
    """Sign-in refused after repeated failures; `retry_after` is in seconds."""

    def __init__(
        self, message: str, *, retry_after: int, code: str = "", status: int | None = 429
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.retry_after = retry_after


class SessionExpiredError(ApiError):
    """The token is missing, revoked or too old: the person has to sign in again."""


class NotFoundError(ApiError):
    """It does not exist, or belongs to another partner: the server answers both the same way."""


class ConflictError(ApiError):
    """The change collides with the server's state.

    For 412 `version_conflict`, `current` is the customer as the server has it now, so the
    window can show both versions; for 409s (already_suspended, operation_in_progress,
    duplicate...) it is None.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        status: int | None = 409,
        current: Customer | None = None,
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.current = current


class ValidationError(ApiError):
    """The server refused the input; `fields` maps a field name to what is wrong with it."""

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, str] | None = None,
        code: str = "",
        status: int | None = 422,
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.fields: dict[str, str] = dict(fields or {})


class ServerError(ApiError):
    """The server failed (5xx); `request_id` lets support find it in the server's log."""

    def __init__(
        self,
        message: str,
        *,
        request_id: str | None = None,
        code: str = "",
        status: int | None = 500,
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.request_id = request_id


class NetworkError(ApiError):
    """No answer: the server is unreachable, timed out, dropped the connection, or failed TLS."""

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message, code="network", status=None)
        # False for a certificate that does not verify: trying again cannot help.
        self.transient = transient


class CursorExpiredError(ApiError):
    """410 cursor_expired: the changes after this cursor are no longer kept; load it all again."""


class BadResponseError(ApiError):
    """The server answered something the client cannot read: a bug or a hostile server."""


class InsecureUrlError(ApiError):
    """Plain http:// to a machine other than this one: the password would cross the network."""


class InvalidUrlError(ApiError):
    """The server address cannot be used at all (no host, a query string, user:password@...)."""
