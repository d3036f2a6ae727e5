"""The look shared by the app's tables."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

# Text off the grid lines (right-aligned prices otherwise touch the border); the headers get
# the same inset (plus the 3 px the style gives cells) so each title lines up with its text.
_AIRY = "QTableView::item { padding: 0 6px; } QHeaderView::section { padding: 2px 9px; }"


def give_cells_air(table: QTableView) -> None:
    table.setStyleSheet(_AIRY)


class StretchColumn(QObject):
    """One column of a table takes its spare width; the others keep theirs.

    Qt's own stretch either goes to the last column (Created took the room while names were
    cut) or, as the Stretch resize mode, squeezes the column below any width to fit. Here the
    column never gets narrower than its floor, its default or the width the person dragged it
    to, and the table scrolls sideways instead.
    """

    def __init__(self, table: QTableView, column: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        self._floor = header.sectionSize(column)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def set_floor(self, width: int) -> None:
        self._floor = width
        self.fit()

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        header.setStretchLastSection(False)  # a restored header state may bring it back
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        width = max(self._floor, self._table.viewport().width() - others)
        if header.sectionSize(self._column) != width and not header.isSectionHidden(self._column):
            self._fitting = True
            try:
                header.resizeSection(self._column, width)
            finally:
                self._fitting = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        if column == self._column:
            self._floor = new  # the person's own width: never narrower than that
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
