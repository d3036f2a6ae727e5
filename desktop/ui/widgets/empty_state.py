"""A friendly, centred "nothing here yet" message for a page or tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

_TEXT_WIDTH = 440  # a comfortable line length for two or three lines of explanation


class EmptyState(QWidget):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(title)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel(text)
        self.body.setWordWrap(True)
        self.body.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.heading, self.body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        # The text sits in a middle column of its own width: a wrapped label given an
        # alignment in a box layout gets one line's height and is cut off.
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setColumnMinimumWidth(1, _TEXT_WIDTH)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(0, 1)
        grid.addWidget(self.heading, 1, 1)
        grid.addWidget(self.body, 2, 1)
        grid.setRowStretch(3, 2)
