"""The Activity page's customer filter: type part of a name, pick the customer from the
suggestions (the server's name search, on a worker), or arrive with one from the customer
list's "Show Activity".

Only a picked customer filters; editing the name away from it (or clearing it) drops the
filter. Enter with suggestions shown and none picked takes the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from desktop.ui.activity import calls
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner

TYPING_PAUSE_MS = 250  # a search when the person pauses, not at every key
NAME_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # what the field shows once picked
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class CustomerPicker(QLineEdit):
    changed = Signal()  # the picked customer changed (or none is picked any more)

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._picked: tuple[str, str] | None = None  # (id, name)
        self._asked = 0  # the generation of the latest search; older answers are dropped
        named(self, "activityFilterCustomer", self.tr("Customer"))
        self.setPlaceholderText(self.tr("Any customer: type a name"))
        self.setClearButtonEnabled(True)
        self.setToolTip(self.tr("Type part of a customer's name, then pick the customer"))

        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        # The server found them by name already: show every one, match none again here.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(NAME_ROLE)
        popup = self._completer.popup()
        assert popup is not None  # a completer always has one
        self._popup: QAbstractItemView = popup
        named(popup, "activityCustomerSuggestions", self.tr("Customers found"))
        # The index, not the text: two customers may share a name.
        self._completer.activated[QModelIndex].connect(self._suggestion_picked)  # type: ignore[index]
        self.setCompleter(self._completer)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._search)
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)

    # --- public --------------------------------------------------------------------------------

    def picked_id(self) -> str:
        return self._picked[0] if self._picked else ""

    def pick(self, customer_id: str, name: str) -> None:
        """Filter by this customer (from "Show Activity"); `changed` only if it is another."""
        self._pause.stop()
        self._asked += 1
        self.setText(name)
        if self._picked is None or self._picked[0] != customer_id:
            self._picked = (customer_id, name)
            self.changed.emit()

    def drop(self) -> None:
        """Any customer again."""
        self._pause.stop()
        self._asked += 1
        self.clear()
        self._forget()

    # --- typing ----------------------------------------------------------------------------------

    @Slot(str)
    def _edited(self, text: str) -> None:
        if self._picked is not None and text != self._picked[1]:
            self._forget()
        if text.strip():
            self._pause.start()
        else:
            self._pause.stop()
            self._asked += 1
            self.suggestions.clear()

    def _forget(self) -> None:
        if self._picked is not None:
            self._picked = None
            self.changed.emit()

    @Slot()
    def _search(self) -> None:
        text = self.text().strip()
        if not text or self._picked is not None:
            return
        self._asked += 1
        asked = self._asked
        self._runner.submit(
            calls.find_customers,
            self._api,
            text,
            success=lambda found: self._found(asked, found),
            failure=lambda _error: self._found(asked, []),
            owner=self,
        )

    def _found(self, asked: int, customers: list[Customer]) -> None:
        if asked != self._asked:
            return  # the person typed on since
        self.suggestions.clear()
        for customer in customers:
            item = QStandardItem(f"{customer.name} · {customer.account_number}")
            item.setData(customer.name, NAME_ROLE)
            item.setData(customer.id, ID_ROLE)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if customers and self.hasFocus():
            self._completer.complete()
        elif not customers:
            self._popup.hide()

    @Slot(QModelIndex)
    def _suggestion_picked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        customer_id, name = index.data(ID_ROLE), index.data(NAME_ROLE)
        if isinstance(customer_id, str) and isinstance(name, str):
            # After the completer has put its own text in the field.
            QTimer.singleShot(0, self, lambda: self.pick(customer_id, name))

    @Slot()
    def _enter(self) -> None:
        if self._picked is None and self.suggestions.rowCount():
            self._pick_row(0)

    def _pick_row(self, row: int) -> None:
        item: Any = self.suggestions.item(row)
        self.pick(item.data(ID_ROLE), item.data(NAME_ROLE))
        self._popup.hide()
