"""Why a call to the server failed, in words a person can act on (never a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from desktop.api.errors import (
    ApiError,
    ForbiddenError,
    MfaSetupRequiredError,
    NotFoundError,
    SessionExpiredError,
)
from desktop.api.message import CONTEXT, Message
from desktop.i18n import ui_language
from desktop.ui.permissions import knows_permission, who_may


class FailureWords(QObject):
    """The translation context of these sentences (lupdate reads `FailureWords.tr` as it)."""


def shown_message(message: str) -> str:
    """An api-layer message in the person's language: its template translated, else as written."""
    if not isinstance(message, Message):
        return message
    translated = QCoreApplication.translate(CONTEXT, message.template)
    if translated == message.template:
        return str(message)  # English: as written, which may be the server's own words
    try:
        return translated.format(**message.values)
    except (KeyError, IndexError, ValueError):  # a damaged translation must not hide the error
        return str(message)


def server_words(message: str, fallback: str) -> str:
    """The server's own sentence while the app speaks English, as the server does; otherwise
    the app's translated `fallback` (the server's words are in no translation)."""
    said = message.server_text if isinstance(message, Message) else message
    return said if said and ui_language() == "en" else fallback


def refusal_words(error: ForbiddenError) -> str:
    """A 403 in the words a disabled control's tooltip uses: the server's own sentence (the
    same one) in English, the app's translation of who may otherwise."""
    if isinstance(error, MfaSetupRequiredError) or not knows_permission(error.required):
        return shown_message(error.message)
    return server_words(error.message, who_may(error.required))


def error_message(error: BaseException) -> str:
    """An error's own message, translated; the kind of error for anything not from the api."""
    if isinstance(error, ForbiddenError):
        return refusal_words(error)
    if isinstance(error, ApiError):
        return shown_message(error.message)
    return str(error) or type(error).__name__


def failure_reason(error: BaseException) -> str:
    """One or two sentences: what went wrong; the caller says what was or was not done."""
    if isinstance(error, SessionExpiredError):
        return QCoreApplication.translate(
            "FailureWords", "You are signed out. Sign in again, then try again."
        )
    if isinstance(error, NotFoundError):
        return QCoreApplication.translate(
            "FailureWords", "This customer no longer exists, or is no longer yours."
        )
    if isinstance(error, ApiError):
        return error_message(error)
    return QCoreApplication.translate(
        "FailureWords", "Something unexpected went wrong ({kind})."
    ).format(kind=type(error).__name__)
