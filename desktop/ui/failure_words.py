"""Why a call to the server failed, in words a person can act on (never a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.api.errors import ApiError, NotFoundError, SessionExpiredError


def _tr(text: str) -> str:
    return QCoreApplication.translate("FailureWords", text)


def failure_reason(error: BaseException) -> str:
    """One or two sentences: what went wrong; the caller says what was or was not done."""
    if isinstance(error, SessionExpiredError):
        return _tr("You are signed out. Sign in again, then try again.")
    if isinstance(error, NotFoundError):
        return _tr("This customer no longer exists, or is no longer yours.")
    if isinstance(error, ApiError):
        return error.message
    return _tr("Something unexpected went wrong ({kind}).").format(kind=type(error).__name__)
