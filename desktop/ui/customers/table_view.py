"""The customer table of My Customers: its columns, their widths, and the status badges.

Name takes the spare width (it is what people read; Created needs ten characters), Status is
as wide as its longest badge with a running operation in the language shown, and a layout
restored from an earlier run is brought back to these rules.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.columns import STATUSES
from desktop.operations.schedule import badge_words
from desktop.operations.words import WORDED_KINDS
from desktop.ui.customers.status_badge import StatusBadgeDelegate, status_column_width
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.table_look import StretchColumn

# Wide enough for typical values; Name takes what is left, and a narrow window scrolls rather
# than squeezing the names. The person's own widths are restored over these.
DEFAULT_WIDTHS = {
    CustomerTableModel.ACCOUNT: 80,
    CustomerTableModel.NAME: 205,
    CustomerTableModel.CONTACT: 120,
    CustomerTableModel.EMAIL: 190,
    CustomerTableModel.PHONE: 120,
    CustomerTableModel.DOMAIN: 150,
    CustomerTableModel.STATUS: 100,  # at least: see fit_status_column
    CustomerTableModel.CREATED: 90,
}
# The kinds of operation a row can wait on, and None: any other is shown as "Working…".
_PENDING_KINDS = (*WORDED_KINDS, None)


class CustomerTableView(QTableView):
    def __init__(
        self, model: CustomerTableModel, proxy: CustomerFilterModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, "customerTable", self.tr("Customers"))
        self._model = model
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(CustomerTableModel.ACCOUNT, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, width)
        self.setItemDelegateForColumn(CustomerTableModel.STATUS, StatusBadgeDelegate(self))
        self.fit_status_column()
        self.name_column = StretchColumn(self, CustomerTableModel.NAME)

    def status_width(self) -> int:
        """What the Status column needs: any status word beside any running operation's."""
        words = [self._model.status_word(status) for status in STATUSES]
        pending = [self._model.pending_word(kind) for kind in _PENDING_KINDS]
        # What is scheduled is said in the same place ("Re-enables 30 Sept" is among the widest).
        sample = datetime(2026, 9, 30, 12, tzinfo=UTC)
        pending += [badge_words(kind, sample, "UTC") for kind in ("suspend", "unsuspend")]
        grid = 1 if self.showGrid() else 0  # a cell is drawn one grid line narrower
        return status_column_width(self.font(), words, pending) + grid

    def fit_status_column(self) -> None:
        status = CustomerTableModel.STATUS
        self.setColumnWidth(status, max(self.columnWidth(status), self.status_width()))

    def restore_columns(self, state: QByteArray | bytes) -> None:
        """The person's column order, widths and hidden columns, from an earlier run."""
        header = self.horizontalHeader()
        if not header.restoreState(QByteArray(state)):
            return
        if header.stretchLastSection():
            # Saved before Name took the spare width: the last column (Created, unless moved)
            # holds it, so it gets its own width back.
            header.setStretchLastSection(False)
            shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
            last = max(shown, key=header.visualIndex, default=CustomerTableModel.NAME)
            if last != CustomerTableModel.NAME:
                header.resizeSection(last, DEFAULT_WIDTHS[last])
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The saved Name width is the room it had then; what it needs is its default.
        self.name_column.set_floor(DEFAULT_WIDTHS[CustomerTableModel.NAME])
        self.fit_status_column()  # a width saved when Croatian badges were cut
