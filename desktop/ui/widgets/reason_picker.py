"""Why a customer is suspended or canceled: a preset reason, and words of one's own.

A preset alone is enough, except Other, which needs the words. What the server records is the
preset, followed by the words when there are any ("Non-payment: three invoices overdue").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.widgets.naming import named

_MAX_REASON = 500  # characters; a note for the record, not an essay


class ReasonPicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        presets: list[str],
        other: str,
        object_prefix: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._other = other
        self.combo = named(QComboBox(), object_prefix, self.tr("Reason"))
        self.combo.setPlaceholderText(self.tr("Choose a reason…"))
        self.combo.addItems([*presets, other])
        self.combo.setCurrentIndex(-1)  # nothing chosen: the person has to say why
        self.text = named(QLineEdit(), f"{object_prefix}Text", self.tr("Reason details"))
        self.text.setMaxLength(_MAX_REASON)
        self.text.setClearButtonEnabled(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.combo)
        layout.addWidget(self.text)
        self.combo.currentIndexChanged.connect(self._update)
        self.text.textChanged.connect(self._update)
        self._update()

    def is_other(self) -> bool:
        return self.combo.currentText() == self._other and self.combo.currentIndex() >= 0

    def is_valid(self) -> bool:
        if self.combo.currentIndex() < 0:
            return False
        return not self.is_other() or bool(self.text.text().strip())

    def problem(self) -> str:
        """What is missing, in words; "" when the reason is complete."""
        if self.combo.currentIndex() < 0:
            return self.tr("Choose a reason.")
        if self.is_other() and not self.text.text().strip():
            return self.tr("Say what the other reason is.")
        return ""

    def reason(self) -> str:
        details = " ".join(self.text.text().split())
        if self.is_other():
            return details
        preset = self.combo.currentText()
        return f"{preset}: {details}" if details else preset

    @Slot()
    def _update(self) -> None:
        if self.is_other():
            self.text.setPlaceholderText(self.tr("Describe the reason (required)"))
            self.text.setAccessibleDescription(self.tr("Required for Other"))
        else:
            self.text.setPlaceholderText(self.tr("Add details (optional)"))
            self.text.setAccessibleDescription(self.tr("Optional"))
        self.changed.emit()


def suspension_reasons(object_prefix: str, parent: QWidget | None = None) -> ReasonPicker:
    """The reasons a partner suspends for; one list for the single and the bulk confirmation."""
    # ReasonPicker.tr by name: lupdate files the presets under the picker's context, as Qt
    # looks them up (through an alias lupdate would file them under no context at all).
    return ReasonPicker(
        [
            QCoreApplication.translate("ReasonPicker", "Non-payment"),
            QCoreApplication.translate("ReasonPicker", "Customer request"),
            QCoreApplication.translate("ReasonPicker", "Abuse"),
            QCoreApplication.translate("ReasonPicker", "Fraud"),
        ],
        QCoreApplication.translate("ReasonPicker", "Other"),
        object_prefix,
        parent,
    )
