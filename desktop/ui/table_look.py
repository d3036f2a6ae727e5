"""The look shared by the dialog's tables."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

# Text off the grid lines (right-aligned prices otherwise touch the border); the headers get
# the same inset (plus the 3 px the style gives cells) so each title lines up with its text.
_AIRY = "QTableView::item { padding: 0 6px; } QHeaderView::section { padding: 2px 9px; }"


def give_cells_air(table: QTableView) -> None:
    table.setStyleSheet(_AIRY)
