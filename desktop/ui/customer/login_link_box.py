"""No browser could be started: the one-time control panel link, to copy and open by hand.

The server has issued the link (and recorded it in the History) by the time the browser fails;
without a way to copy it, it would be wasted. The link itself is never shown: it is as good as a
password for the panel until it is used or expires.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.clock import local_clock
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style


def _plain(text: str, object_name: str, accessible_name: str) -> QLabel:
    # Plain text: the customer's name is the server's text, never markup.
    label = named(QLabel(text), object_name, accessible_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class LoginLinkBox(QDialog):
    def __init__(self, name: str, url: str, expires_at: datetime, parent: QWidget) -> None:
        super().__init__(parent)
        self._url = url
        self._expires_at = expires_at
        title = self.tr("Control panel")
        named(self, "noBrowserBox", self.tr("No web browser"))
        self.setWindowTitle(title)
        self.setMinimumWidth(440)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_message(name, expires_at))
        layout.addWidget(self._build_buttons())

    def _build_message(self, name: str, expires_at: datetime) -> QHBoxLayout:
        """A warning icon beside what happened, what to do, and (later) what Copy did."""
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = _plain(
            self.tr("No web browser could be started to open {name}'s control panel.").format(
                name=name
            ),
            "noBrowserText",
            self.tr("What happened"),
        )
        font = text.font()
        font.setBold(True)
        text.setFont(font)
        minutes = max(1, math.ceil(self._seconds_left() / 60))
        more = _plain(
            self.tr(
                "The one-time link is ready: copy it and paste it into a browser's address"
                " bar. It works once and expires at {time}, in about %n minute(s).",
                "",
                minutes,
            ).format(time=local_clock(expires_at)),
            "noBrowserMore",
            self.tr("What to do"),
        )
        self.copied = _plain("", "noBrowserCopied", self.tr("Copied"))
        self.copied.hide()

        words = QVBoxLayout()
        words.addWidget(text)
        words.addWidget(more)
        words.addWidget(self.copied)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        self.copy_button = named(
            QPushButton(self.tr("Copy Link")),
            "copyLoginLinkButton",
            self.tr("Copy the control panel link"),
            self.tr("Puts the one-time link on the clipboard"),
        )
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self._copy)
        close = named(QPushButton(self.tr("Close")), "closeNoBrowserButton", self.tr("Close"))
        close.setAutoDefault(False)  # Enter copies, wherever the focus is
        close.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        return buttons

    def _seconds_left(self) -> float:
        return (self._expires_at - datetime.now(UTC)).total_seconds()

    @Slot()
    def _copy(self) -> None:
        if self._seconds_left() <= 0:
            self._say(
                self.tr("This link has expired. Click Log into Control Panel again for a new one."),
                "error",
            )
            self.copy_button.setEnabled(False)
            return
        QGuiApplication.clipboard().setText(self._url)
        self.copy_button.setText(self.tr("Copied"))
        self._say(
            self.tr("Paste it into your browser's address bar before {time}.").format(
                time=local_clock(self._expires_at)
            ),
            "success",
        )

    def _say(self, text: str, kind: str) -> None:
        self.copied.setText(text)
        self.copied.setStyleSheet(tone_style(kind))
        self.copied.setAccessibleDescription(text)
        self.copied.show()
        # Wrapped labels do not grow a window on their own: the new line would squeeze the others.
        self.adjustSize()
