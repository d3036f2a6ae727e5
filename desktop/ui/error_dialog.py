"""What a person sees when the app meets an error it did not expect: what happened, in words,
and the details to copy for support. The app keeps running behind it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.naming import named


class ErrorDialog(QDialog):
    """One dialog for any number of errors: a second one is added to the details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "unhandledErrorDialog", self.tr("Unexpected error"))
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumSize(560, 360)
        self.count = 0
        self.message = named(QLabel(), "unhandledErrorMessage", self.tr("What happened"))
        self.message.setWordWrap(True)
        self.details = named(QPlainTextEdit(), "unhandledErrorDetails", self.tr("Error details"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy = named(
            QPushButton(self.tr("&Copy Details")),
            "unhandledErrorCopy",
            self.tr("Copy the error details"),
        )
        self.copy.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        named(close, "unhandledErrorClose", self.tr("Close"))
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def add_error(self, summary: str, details: str, log_path: str) -> None:
        self.count += 1
        where = (
            self.tr("The details are also in the log: {path}").format(path=log_path)
            if log_path
            else ""
        )
        self.message.setText(
            self.tr(
                "Something went wrong that Partner Desk did not expect: {summary}<br>"
                "You can keep working; if it happens again, copy the details for support. {where}"
            ).format(summary=html.escape(summary), where=html.escape(where))
            if self.count == 1
            else self.tr(
                "%n unexpected errors. You can keep working; copy the details for support. {where}",
                "",
                self.count,
            ).format(where=html.escape(where))
        )
        text = self.details.toPlainText()
        self.details.setPlainText(f"{text}\n\n{details}".strip() if text else details)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy.setText(self.tr("Copied"))
