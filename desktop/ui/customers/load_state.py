"""What a tab shows instead of its table: loading, nothing to show, or why it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.widgets.naming import named

_TEXT_WIDTH = 440  # a comfortable line length for two or three lines of explanation


class LoadState(QWidget):
    """A centred heading and text, a busy bar while loading, and Try Again after a failure."""

    retry = Signal()

    def __init__(self, name_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = named(QLabel(), f"{name_prefix}StateTitle", self.tr("State"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = named(QLabel(), f"{name_prefix}StateText", self.tr("Explanation"))
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.heading, self.body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # the server gives no percentage
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(160, 8)
        self.retry_button = named(
            QPushButton(self.tr("Try Again")), f"{name_prefix}RetryButton", self.tr("Try again")
        )
        # In a dialog (Edit Customer's tabs), Enter stays the dialog's: focus alone never reloads.
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.retry)

        # A middle column of its own width: a wrapped label in a box layout gets cut off.
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setColumnMinimumWidth(1, _TEXT_WIDTH)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(0, 1)
        grid.addWidget(self.heading, 1, 1)
        grid.addWidget(self.body, 2, 1)
        grid.addWidget(self.busy, 3, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self.retry_button, 4, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.setRowStretch(5, 2)

    def show_loading(self, title: str) -> None:
        self._set(title, "", busy=True, can_retry=False)

    def show_message(self, title: str, text: str) -> None:
        self._set(title, text, busy=False, can_retry=False)

    def show_failure(self, title: str, text: str) -> None:
        self._set(title, text, busy=False, can_retry=True)

    def _set(self, title: str, text: str, *, busy: bool, can_retry: bool) -> None:
        self.heading.setText(title)
        self.body.setText(text)
        self.body.setVisible(bool(text))
        self.busy.setVisible(busy)
        self.retry_button.setVisible(can_retry)
        self.setAccessibleDescription(f"{title}. {text}" if text else title)
