"""HTTP routes, one module per area of API.md."""

from __future__ import annotations

from typing import Any

from server.schemas import ErrorResponse

_DESCRIPTIONS = {
    400: "Bad request (a body that cannot be read as UTF-8 JSON, or a missing header)",
    401: "Not signed in, or the session expired",
    403: "Not permitted for the user's role (details.required names the permission), or"
    " mfa_setup_required: the partner requires two-factor sign-in and the user has none yet",
    404: "Not found (also another partner's)",
    409: "Conflict with the current state",
    410: "Gone: the cursor is older than the changes the server keeps",
    412: "The customer changed since it was read",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Validation failed",
    428: "If-Match required",
    429: "Too many attempts",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give, all in the one error shape."""
    return {code: {"model": ErrorResponse, "description": _DESCRIPTIONS[code]} for code in codes}
