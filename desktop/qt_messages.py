"""Qt's own warnings, with a secret taken out before they reach stderr or the log.

Qt names the address it was asked to open in its warnings ("Unable to detect a web browser to
launch 'https://…/login?token=…'"), and a one-time control panel link is as good as a password
for that panel until it is used or expires.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from desktop.log_file import redact

log = logging.getLogger("partner_desk.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

Handler = Callable[[QtMsgType, QMessageLogContext, str], None]


def without(message: str, secrets: Iterable[str], shown_as: str) -> str:
    """The message with every secret replaced (longest first: one may contain another)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        message = message.replace(secret, shown_as)
    return redact(message)


@contextmanager
def hiding(secrets: Iterable[str], shown_as: str) -> Iterator[None]:
    """While inside, Qt's messages (from any thread) name `shown_as` instead of the secrets.

    A message goes on to the handler that was installed before (a test's, say), or else to the
    app's log, whose console handler is where Qt's default handler would have printed it.
    """
    kept = tuple(secrets)

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        clean = without(message, kept, shown_as)
        if previous is not None:
            previous(mode, context, clean)
        else:
            log.log(_LEVELS.get(mode, logging.WARNING), "%s: %s", context.category, clean)

    previous: Handler | None = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
