"""The app's log: a rotating file in the platform's log folder, with secrets taken out first.

No Qt here: the api layer logs through the same handlers, and tests read the file directly.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from pathlib import Path

import platformdirs

from desktop import APP_NAME

LOG_NAME = "partner-desk.log"
_MAX_BYTES = 2 * 1024 * 1024
_BACKUPS = 4
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
_REDACTED = "[redacted]"

# Order matters: a header line goes whole before the bare-word patterns look at what is left.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer abc / 'Authorization': 'Bearer abc' / authorization=abc
    (
        re.compile(
            r"""["']?\b(?:proxy-)?authorization\b["']?\s*[:=]\s*["']?"""
            r"""(?:(?:bearer|basic|token|digest)\s+)?[^\s"',;}]*["']?""",
            re.IGNORECASE,
        ),
        "auth=" + _REDACTED,
    ),
    (re.compile(r"\bbearer\s+[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE), "token " + _REDACTED),
    # password=abc, "password": "abc", access_token: abc, secret='abc', and any *_password or
    # *_token (new_password, mfa_token); recovery_codes: ["…", …] whole.
    (
        re.compile(
            r"""(["']?\b(?:\w+_)?(?:password|passwd|pwd|secret|token|api_?key|recovery_codes?)"""
            r"""\b["']?\s*[:=]\s*)(?:\[[^\]]*\]?|\([^)]*\)?|"[^"]*"|'[^']*'|[^\s,;&}]+)""",
            re.IGNORECASE,
        ),
        r"\1" + _REDACTED,
    ),
    # A two-factor code by its key: six digits, or a recovery code (abcde-fghjk); an error code
    # (code=invalid_code) stays readable.
    (
        re.compile(
            r"""(["']?\b(?:\w+_)?code\b["']?\s*[:=]\s*)["']?(?:[0-9]{6}|[a-z0-9]{5}-?[a-z0-9]{5})\b["']?""",
            re.IGNORECASE,
        ),
        r"\1" + _REDACTED,
    ),
    # An otpauth:// URI carries the TOTP secret whatever its parameters are called.
    (re.compile(r"otpauth://[^\s\"'<>]*", re.IGNORECASE), "otpauth://" + _REDACTED),
    # The bare words left over say nothing, but scanners (and people) look for them.
    (re.compile(r"\b(?:proxy-)?authorization\b", re.IGNORECASE), "auth"),
    (re.compile(r"\bbearer\b", re.IGNORECASE), "token"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class SecretRedactor(logging.Filter):
    """Rewrites a record's message, traceback and stack with the secrets taken out.

    Installed on the handlers, not the loggers, so records from any library are cleaned too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string still deserves a line, not a crash
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RecentProblems(logging.Handler):
    """The last warnings and errors, for Help > Copy diagnostics (already redacted)."""

    def __init__(self, keep: int = 20) -> None:
        super().__init__(logging.WARNING)
        self.lines: deque[str] = deque(maxlen=keep)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.addFilter(SecretRedactor())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # The first line of a traceback's last line is enough to recognise the problem.
            line = self.format(record).splitlines()
            self.lines.append(line[0] + (f" … {line[-1]}" if len(line) > 1 else ""))
        except Exception:
            self.handleError(record)


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class AppLog:
    """What `configure` set up: where the file is, and the recent problems."""

    def __init__(self, path: Path, recent: RecentProblems, handlers: list[logging.Handler]):
        self.path = path
        self.recent = recent
        self._handlers = handlers

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self._handlers:
            root.removeHandler(handler)
            handler.close()


def configure(
    folder: Path | None = None, level: int = logging.INFO, console: bool = True
) -> AppLog:
    """Root logging to the rotating file (and the console), every handler redacting."""
    # Imported here: logging.handlers brings sockets and pickling the window does not need
    # before its first paint (the command line's --help reads this module too).
    from logging.handlers import RotatingFileHandler

    target = folder or log_dir()
    target.mkdir(parents=True, exist_ok=True)
    path = target / LOG_NAME
    redactor = SecretRedactor()
    file_handler = RotatingFileHandler(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
        handlers[-1].setFormatter(logging.Formatter(_FORMAT))
    recent = RecentProblems()
    handlers.append(recent)
    for handler in handlers:
        handler.addFilter(redactor)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in handlers:
        root.addHandler(handler)
    return AppLog(path, recent, handlers)
