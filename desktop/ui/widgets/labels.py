"""Labels the dialogs share: a heading, a confirmation's title with a name in it, bold names,
muted lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.widgets.elided_label import ElidedLabel

MUTED = "color: palette(placeholder-text);"


def heading_font(parent: QWidget, scale: float = 1.3) -> QFont:
    """The parent's font, bold and `scale` times as big: a window's first line."""
    font = QFont(parent.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setFont(heading_font(parent))
    return label


def name_heading(template: str, name: str, parent: QWidget) -> ElidedLabel:
    """A confirmation's title, "Suspend {name}?": one line whose name alone is cut short when it
    is long (the whole in a tooltip), so a 200-character name never widens the window."""
    label = ElidedLabel(preferred_width=440)
    label.set_name(name, template)
    label.setFont(heading_font(parent))
    return label


def bold_label(text: str) -> QLabel:
    """A field's or a list's name above it, in bold ("Customers (12)")."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def muted_line(text: str, preferred_width: int = 440) -> ElidedLabel:
    """A muted line that is cut short rather than wider than the window (a 253-character
    domain)."""
    label = ElidedLabel(text, preferred_width=preferred_width)
    label.setStyleSheet(MUTED)
    return label


def muted(text: str) -> QLabel:
    """Words beside the main ones (a note, what is missing), wrapped, in the hint colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label


def wrapped(text: str) -> QLabel:
    """A sentence or two that wraps at the window's width instead of widening it."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label
