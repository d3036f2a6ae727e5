"""The Edit Customer dialog's one line for a role that may look but not change: why it is
read-only, in the words of every disabled control's tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style


class ReadOnlyNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "readOnlyNote", self.tr("Why this is read-only"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(tone_style("warning"))
        self.show_reason("")

    def show_reason(self, reason: str) -> None:
        """`reason` is who may edit; "" hides the note (the role may edit)."""
        self.setText(self.tr("Read-only: {reason}").format(reason=reason) if reason else "")
        self.setAccessibleDescription(self.text())
        self.setVisible(bool(reason))
