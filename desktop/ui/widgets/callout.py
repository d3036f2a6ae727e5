"""A tinted box that sets a warning apart from the rest of a dialog, in light and dark themes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

# The hue carries the weight of the warning; the words inside carry its meaning.
HUES = {
    "neutral": QColor(0x24, 0x50, 0x8F),
    "warning": QColor(0xC7, 0x7C, 0x02),
    "danger": QColor(0xC6, 0x28, 0x28),
}
_ICONS = {
    "neutral": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "danger": QStyle.StandardPixmap.SP_MessageBoxCritical,
}
_ICON_SIZE = 20


def _mix(base: QColor, hue: QColor, amount: float) -> str:
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * amount,
        base.greenF() + (hue.greenF() - base.greenF()) * amount,
        base.blueF() + (hue.blueF() - base.blueF()) * amount,
    ).name()


class Callout(QFrame):
    def __init__(self, kind: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callout")
        self._hue = HUES[kind]
        self._tint()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(_ICONS[kind]).pixmap(_ICON_SIZE, _ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.caption, 1)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 10)
        self.body.setSpacing(8)
        self.body.addLayout(head)

    def _tint(self) -> None:
        # The application's palette: this frame's own is changed by the sheet set here.
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        # The selector keeps the tint on this frame; the labels inside stay transparent.
        sheet = (
            f"QFrame#callout {{ background: {_mix(base, self._hue, 0.09)};"
            f" border: 1px solid {_mix(base, self._hue, 0.45)}; border-radius: 6px; }}"
        )
        if sheet != self.styleSheet():  # the same sheet again would only repolish
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A switch between light and dark; hidden widgets only hear of the application's.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint()
