"""Help > Copy diagnostics: what support needs to know, and never a password or a token."""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLibraryInfo, qVersion
from PySide6.QtGui import QGuiApplication

from desktop import APP_NAME, __version__
from desktop.log_file import redact


@dataclass
class DiagnosticsFacts:
    """The parts of a report that depend on this run; the rest is read from the system."""

    settings_path: str
    log_path: Path | None
    server_url: str = ""
    username: str = ""
    theme: str = ""
    language: str = ""
    recent_problems: Iterable[str] = field(default_factory=list)


def diagnostics_report(facts: DiagnosticsFacts) -> str:
    app = QGuiApplication.instance()
    platform_name = QGuiApplication.platformName() if app is not None else "-"
    lines = [
        f"{APP_NAME} {__version__}",
        f"Qt {qVersion()} (built {QLibraryInfo.version().toString()}), PySide6 {pyside_version}",
        f"Python {platform.python_version()} ({platform.python_implementation()}, "
        f"{sys.executable})",
        f"OS: {platform.platform()}; Qt platform: {platform_name}",
        f"Settings: {facts.settings_path}",
        f"Log: {facts.log_path if facts.log_path else '(not written to a file)'}",
        f"Data: {platformdirs.user_data_dir(APP_NAME, appauthor=False)}",
        f"Server: {facts.server_url or '(not signed in)'}",
        f"Signed in as: {facts.username or '(nobody)'}",
        f"Theme: {facts.theme or '-'}; language: {facts.language or '-'}",
        "Recent problems:",
    ]
    problems = list(facts.recent_problems)
    lines.extend(f"  {line}" for line in problems or ["(none)"])
    # A last pass for what may have slipped into a server address or a logged line.
    return redact("\n".join(lines)) + "\n"
