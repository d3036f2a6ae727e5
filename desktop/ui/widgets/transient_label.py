"""A one-line message that goes by itself, and never takes room from its neighbours.

"Exported 270 customers to customers.csv." stayed for good and, growing with the file's name,
narrowed the search box beside it to a sliver. This label's width is its share of the row
(its text does not count), a text longer than that is cut with "…" (whole in the tooltip and
for screen readers), and a message said as done goes after `linger_ms` or at the person's next
action (`dismiss`), whichever comes first. Progress stays until the next message.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

LINGER_MS = 10_000  # long enough to read it twice


class TransientLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.linger_ms = LINGER_MS
        self._lingering = False  # the text is an outcome, not progress
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)

    def say(self, text: str, *, lingering: bool = False) -> None:
        """Shows `text`; a lingering one (an outcome) goes by itself, progress does not."""
        self._timer.stop()
        self._lingering = lingering and bool(text)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        if self._lingering:
            self._timer.start(self.linger_ms)

    def linger(self) -> None:
        """The text shown is an outcome now: it goes after a while."""
        self.say(self.text(), lingering=True)

    def dismiss(self) -> None:
        """The person moved on: an outcome goes now; progress of work still running stays."""
        if self._lingering:
            self.say("")

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        # Drawn here, cut to the width it has: QLabel would clip it mid-letter.
        painter = QPainter(self)
        room = self.contentsRect()
        text, metrics = self.text(), self.fontMetrics()
        if metrics.horizontalAdvance(text) > room.width():
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width())
        flags = int(self.alignment() | Qt.AlignmentFlag.AlignVCenter)
        # Through the style, so the label's colour (a style sheet's, too) is the one used.
        self.style().drawItemText(
            painter, room, flags, self.palette(), self.isEnabled(), text, self.foregroundRole()
        )
