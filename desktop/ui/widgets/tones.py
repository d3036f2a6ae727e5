"""Coloured words (success, error, warning) that stay readable on light and dark windows.

Style sheets cannot name a custom palette role, so a widget asks for a tone when it shows the
words; each light tone is at least 4.5:1 on white, each dark one on the dark palette's window.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

# name: (on a light window, on a dark window)
_TONES = {
    "success": ("#1e7b3c", "#7dd69b"),
    "error": ("#c0392b", "#ff8f85"),
    "warning": ("#8a5300", "#f2b84b"),
}


def _dark(palette: QPalette | None) -> bool:
    chosen = palette if palette is not None else QGuiApplication.palette()
    return chosen.color(QPalette.ColorRole.Window).lightness() < 128


def tone(kind: str, palette: QPalette | None = None) -> str:
    """A colour for a style sheet: "success", "error", "warning"; anything else is plain text."""
    pair = _TONES.get(kind)
    if pair is None:
        return "palette(window-text)"
    return pair[1] if _dark(palette) else pair[0]


def tone_style(kind: str) -> str:
    return f"color: {tone(kind)};"
