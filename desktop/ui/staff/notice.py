"""What the last change to the team came to, above the table: done (neutral) or why not
(danger), in a callout of that tone, until the next change or Refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.naming import named


class StaffNotice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "staffNotice", self.tr("What happened"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.callout: Callout | None = None
        self.hide()

    def text(self) -> str:
        return self.callout.caption.text() if self.callout is not None else ""

    def say(self, text: str, kind: str = "neutral") -> None:
        """`kind` is a Callout's: "neutral" for done, "danger" for refused; "" clears."""
        if self.callout is not None:
            self._layout.removeWidget(self.callout)
            self.callout.deleteLater()
            self.callout = None
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text:
            # A callout's hue is fixed when it is made: a new one for each message.
            self.callout = Callout(kind, text)
            self.callout.caption.setTextFormat(Qt.TextFormat.PlainText)  # names are not markup
            self._layout.addWidget(self.callout)

    def clear(self) -> None:
        self.say("")
