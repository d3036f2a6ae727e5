"""What an operation on the customer is doing now, and how it ended: under the toggles.

Running: a busy bar and a line ("Waiting for the hosting backend…"). Past the long bound: the
line says so and offers Keep watching in the background. Ended: one line in green or red.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.operations.words import operation_words
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.records import OperationKind


def stays_open_text(kind: OperationKind | None, *, closes_by_itself: bool) -> str:
    """Why a window refuses to close while an operation of `kind` runs, and what happens next."""
    # None (the operation already ended, or is not known here) gets the general words.
    what = operation_words(kind).server_doing
    then = (
        QCoreApplication.translate(
            "OperationProgress", "this window closes by itself when it is done"
        )
        if closes_by_itself
        else QCoreApplication.translate(
            "OperationProgress", "you can close this window when it is done"
        )
    )
    return QCoreApplication.translate("OperationProgress", "{what}; {then}.").format(
        what=what, then=then
    )


class OperationProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = named(QProgressBar(), "operationBusy", self.tr("Operation in progress"))
        self.busy.setRange(0, 0)  # the server gives no percentage
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.title = named(QLabel(), "operationTitle", self.tr("Operation"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: 600;")
        self.line = named(QLabel(), "operationProgress", self.tr("What is happening"))
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_watching = named(
            QPushButton(self.tr("Keep Watching in the Background")),
            "keepWatchingButton",
            self.tr("Keep watching in the background"),
            self.tr("Close this window; the status bar shows the operation until it ends."),
        )
        self.keep_watching.setAutoDefault(False)
        self.result = named(QLabel(), "operationResult", self.tr("Result of the operation"))
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.busy)
        layout.addWidget(self.line)
        layout.addWidget(self.keep_watching)
        layout.addWidget(self.result)
        self.clear()

    def is_running(self) -> bool:
        return self.busy.isVisibleTo(self)

    def show_running(self, text: str, title: str = "") -> None:
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.busy.show()
        self.line.setText(text)
        self.line.setAccessibleDescription(text)
        self.line.show()
        self.result.hide()
        self.show()

    def show_overdue(self, text: str, title: str = "") -> None:
        self.show_running(text, title)
        self.keep_watching.show()

    def show_result(self, text: str, kind: str) -> None:
        self.title.hide()
        self.busy.hide()
        self.line.hide()
        self.keep_watching.hide()
        self.result.setText(text)
        self.result.setAccessibleDescription(text)
        self.result.setStyleSheet(tone_style(kind))
        self.result.show()
        self.show()

    def clear(self) -> None:
        for widget in (self.title, self.busy, self.line, self.keep_watching, self.result):
            widget.hide()
        self.hide()
