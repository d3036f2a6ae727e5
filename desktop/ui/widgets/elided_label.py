"""Text that may be longer than its room: one line, cut short with "…", the whole in a tooltip.

A customer's name or domain can be 200 or 253 characters; drawn in full, one label made the Edit
Customer dialog wider than any screen. An ElidedLabel asks for a modest width, draws as much as
the width it gets, and keeps its whole text in text() (screen readers read it) and the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

ELLIPSIS = "…"


def shortened(text: str, most: int) -> str:
    """`text` cut to `most` characters with an ellipsis: for window titles and for names inside
    a sentence, where no widget measures the room."""
    if len(text) <= most:
        return text
    return text[: most - 1].rstrip() + ELLIPSIS


class ElidedLabel(QLabel):
    """A plain-text label on one line; `template` (with a {name} field) keeps its fixed words
    whole and cuts only the name: "Suspend Jadranska Trikota…?"."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, preferred_width: int = 480
    ) -> None:
        super().__init__(parent)
        self._template = "{name}"
        self._preferred = preferred_width
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        self.set_name(text)

    def set_name(self, name: str, template: str = "{name}") -> None:
        """Show `template` with `name` in it; only the name is cut when room is short."""
        self._template = template
        self._name = name
        super().setText(template.format(name=name))
        self._update_tooltip()

    def shown_text(self) -> str:
        """What is drawn at the current width."""
        room = self.contentsRect().width()
        metrics = self.fontMetrics()
        full = self.text()
        if metrics.horizontalAdvance(full) <= room:
            return full
        fixed = metrics.horizontalAdvance(self._template.format(name=""))
        name = metrics.elidedText(self._name, Qt.TextElideMode.ElideRight, max(0, room - fixed))
        if not name.strip(ELLIPSIS):
            name = ELLIPSIS  # not even one letter fits: still say that something is cut
        return self._template.format(name=name)

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self._preferred), hint.height())

    def minimumSizeHint(self) -> QSize:
        # Room for the fixed words and a few letters of the name; the layout gives it more.
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        least = metrics.horizontalAdvance(self._template.format(name="") + "MMM" + ELLIPSIS)
        return QSize(min(hint.width(), least), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        align = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(align.value),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.is_elided() else "")
