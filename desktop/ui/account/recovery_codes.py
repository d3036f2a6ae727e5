"""The ten recovery codes, shown once: Copy, and Save as… to a plain text file the person chooses.

The app keeps them nowhere: they are in this widget until the set-up dialog closes, and in the
file or clipboard only where the person puts them.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.ui.widgets.labels import heading, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style


def codes_file_text(codes: tuple[str, ...], username: str, server: str) -> str:
    """What the saved file says: whose codes, for which server, and the codes one a line."""
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")

    lines = [
        QCoreApplication.translate("RecoveryCodesPage", "{app}: two-factor recovery codes").format(
            app=APP_NAME
        ),
        QCoreApplication.translate("RecoveryCodesPage", "User: {user}").format(user=username),
        QCoreApplication.translate("RecoveryCodesPage", "Server: {server}").format(server=server),
        QCoreApplication.translate("RecoveryCodesPage", "Made: {when}").format(when=when),
        QCoreApplication.translate(
            "RecoveryCodesPage",
            "Each code signs you in once, in place of the code from your authenticator app.",
        ),
        "",
        *codes,
        "",
    ]
    return "\n".join(lines)


def write_private(path: Path, text: str) -> None:
    """Written readable by its owner only where the system has such rights (not on Windows)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


class RecoveryCodesPage(QWidget):
    def __init__(self, username: str, server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = username
        self._server = server
        self._codes: tuple[str, ...] = ()
        named(self, "recoveryCodesPage", self.tr("Recovery codes"))
        title = heading(self.tr("Two-factor sign-in is on"), self)
        intro = wrapped(
            self.tr(
                "Keep these recovery codes somewhere safe, apart from your phone. If you lose "
                "the phone, each code signs you in once instead of the app's code."
            )
        )
        once = wrapped(
            self.tr("<b>They will not be shown again.</b> Copy them or save them to a file now.")
        )
        once.setObjectName("recoveryCodesOnce")
        self.codes = named(QPlainTextEdit(), "recoveryCodes", self.tr("Recovery codes"))
        self.codes.setReadOnly(True)
        self.codes.setTabChangesFocus(True)  # Tab leaves the list: the keyboard reaches Save
        self.codes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.codes.setMinimumHeight(self.codes.fontMetrics().lineSpacing() * 11)
        self.copy_button = named(
            QPushButton(self.tr("&Copy")), "copyRecoveryCodesButton", self.tr("Copy recovery codes")
        )
        self.save_button = named(
            QPushButton(self.tr("&Save as…")),
            "saveRecoveryCodesButton",
            self.tr("Save recovery codes as a file"),
        )
        for button in (self.copy_button, self.save_button):
            button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save_as)
        self.note = named(QLabel(), "recoveryCodesNote", self.tr("Recovery codes kept"))
        self.note.setWordWrap(True)
        self.note.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(once)
        layout.addWidget(self.codes)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def show_codes(self, codes: tuple[str, ...]) -> None:
        self._codes = codes
        self.codes.setPlainText("\n".join(codes))
        self.codes.setFocus()

    def forget(self) -> None:
        self._codes = ()
        self.codes.setPlainText("")  # also empties its undo history

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self._codes) + "\n")
        self._say(self.tr("Copied to the clipboard. Paste them somewhere safe."), "success")

    @Slot()
    def save_as(self) -> None:
        suggested = Path.home() / self.tr("partner-desk-recovery-codes.txt")
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save Recovery Codes"),
            str(suggested),
            self.tr("Text files (*.txt);;All files (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        try:
            write_private(path, codes_file_text(self._codes, self._username, self._server))
        except OSError as error:
            self._say(
                self.tr("Could not save to {path}: {reason}").format(
                    path=path, reason=error.strerror or type(error).__name__
                ),
                "error",
            )
            return
        self._say(self.tr("Saved to {path}.").format(path=path), "success")

    def _say(self, text: str, kind: str) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(tone_style(kind))
        self.note.setAccessibleDescription(text)
        self.note.show()
