"""What a screen reader is told, read through Qt's own accessibility tree, and keyboard helpers
that act only on whatever has the focus, as a person's keyboard does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

MAX_TABS = 40  # more stops than any window here has: Tab cycles, so this bounds a lost walk


def cell_text(view: QAbstractItemView, index: QModelIndex) -> str:
    """The name Qt's accessibility bridge gives the cell at `index` of `view` (a view row)."""
    table = QAccessible.queryAccessibleInterface(view)
    assert table is not None, "the view has no accessible interface"
    for child in range(table.childCount()):
        cell = table.child(child)
        located = cell.tableCellInterface() if cell is not None else None
        if (
            located is not None
            and cell.role() == QAccessible.Role.Cell
            and located.rowIndex() == index.row()
            and located.columnIndex() == index.column()
        ):
            return str(cell.text(QAccessible.Text.Name))
    raise AssertionError(f"no accessible cell at row {index.row()}, column {index.column()}")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key, to the widget with the focus (shortcuts apply, as for a real key press)."""
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot: QtBot, name: str) -> QWidget:
    """Tab until the widget called `name` has the focus; fails if the Tab chain skips it."""
    seen = []
    for _ in range(MAX_TABS):
        if focused().objectName() == name:
            return focused()
        seen.append(focused().objectName())
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")
