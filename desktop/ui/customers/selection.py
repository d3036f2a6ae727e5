"""What the selection of My Customers means: the customers selected, in the table's order,
selecting one by id, the buttons that follow it (Edit, the bulk actions), and going from the
search box to the results. A part of `CustomersPage`, which owns the widgets named here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import QPushButton

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.ui.bulk.plan import skip_reason
from desktop.ui.customers.table_view import CustomerTableView
from desktop.ui.permissions import Permissions

if TYPE_CHECKING:
    from desktop.api.records import OperationKind

# Rows looked at to enable a bulk button: past this, it is enabled and the confirmation (which
# reads every selected row once) says what is skipped. Keeps Ctrl+A on a million rows instant.
BULK_CHECK_ROWS = 20_000


class CustomerSelection:
    """Mixed into CustomersPage; no text of its own, so no translation context."""

    table: CustomerTableView
    model: CustomerTableModel
    proxy: CustomerFilterModel
    edit_button: QPushButton
    bulk_suspend_button: QPushButton
    bulk_reenable_button: QPushButton
    permissions: Permissions

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        customer = rows[0].data(CustomerTableModel.CustomerRole)
        return customer.id if customer is not None else None

    def selected_customers(self) -> list[Any]:
        return [
            index.data(CustomerTableModel.CustomerRole)
            for index in self.table.selectionModel().selectedRows()
        ]

    def select_id(self, customer_id: str, scroll_to: bool = True) -> bool:
        source_row = self.model.row_of(customer_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        if scroll_to:
            self.table.scrollTo(index)
        return True

    def selected_in_view_order(self) -> list[Any]:
        """The selected customers, top to bottom as the table shows them, each once."""
        seen: set[str] = set()
        found = []
        for row in self._selected_rows():
            customer = self.proxy.customer_at(row)
            if customer.id not in seen:
                seen.add(customer.id)
                found.append(customer)
        return found

    def _selected_rows(self) -> Iterator[int]:
        # Straight from the selection's ranges: no index object per row of a big selection.
        selection = self.table.selectionModel().selection()
        ranges = sorted((selection.at(i) for i in range(selection.size())), key=lambda r: r.top())
        for selected in ranges:
            yield from range(selected.top(), selected.bottom() + 1)

    @Slot()
    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.table.selectionModel().hasSelection())
        self._update_bulk_buttons()

    @Slot()
    def _update_bulk_buttons(self) -> None:
        possible: dict[OperationKind, bool] = {"suspend": False, "unsuspend": False}
        for looked, row in enumerate(self._selected_rows()):
            if looked >= BULK_CHECK_ROWS:
                possible = {"suspend": True, "unsuspend": True}
                break
            customer = self.proxy.customer_at(row)
            running = bool(self.model.pending_kind(customer.id))
            for kind, known in possible.items():
                if not known and not skip_reason(kind, customer.status, running):
                    possible[kind] = True
            if all(possible.values()):
                break
        # Both are customers.suspend: disabled for a role without it, saying who may.
        allowed = self.permissions.may("customers.suspend")
        for button, kind in (
            (self.bulk_suspend_button, "suspend"),
            (self.bulk_reenable_button, "unsuspend"),
        ):
            button.setEnabled(allowed and possible[kind])
            button.setToolTip(
                button.accessibleDescription()
                if allowed
                else self.permissions.reason("customers.suspend")
            )

    @Slot()
    def focus_results(self) -> None:
        """Into the table, on the current row or else the first, selected so Enter opens it."""
        if self.proxy.rowCount() == 0:
            return
        index = self.table.currentIndex()
        if not index.isValid():
            index = self.proxy.index(0, CustomerTableModel.NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
