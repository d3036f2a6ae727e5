"""The selected person's role: a list that asks before it changes anything.

A plain combo box moves on at each Up or Down and at a turn of the mouse wheel: from owner to
agent passes admin, and each step would ask. Here Up and Down open the list (as Space, F4 and
Alt+Down do), the wheel scrolls the page instead, and only the role chosen in the list counts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

_OPENING = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_STEPPING = (Qt.Key.Key_Home, Qt.Key.Key_End)


class RolePicker(QComboBox):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _OPENING and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.showPopup()
            return
        if key in _STEPPING or (
            event.text() and event.text().isprintable() and key != Qt.Key.Key_Space
        ):
            event.ignore()  # no jump to a role by its first letter either: the list chooses
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()
