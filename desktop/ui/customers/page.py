"""My Customers: the whole list, searched as you type, loaded page by page in the background."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.prepared_rows import PreparedRows, prepare_rows
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner, read_ahead
from desktop.ui.bulk.plan import skip_reason
from desktop.ui.customers.context_menu import CustomerContextMenu
from desktop.ui.customers.export import CustomerExport
from desktop.ui.customers.table_view import CustomerTableView
from desktop.ui.failure_words import error_message
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.transient_label import TransientLabel

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

PAGE_SIZE = 1000
# Rows looked at to enable a bulk button: past this, it is enabled and the confirmation (which
# reads every selected row once) says what is skipped. Keeps Ctrl+A on a million rows instant.
BULK_CHECK_ROWS = 20_000


class LoadedPage(NamedTuple):
    rows: PreparedRows  # the page's customers, packed for the table in the worker
    total: int  # customers on the server, as the page said


def load_all_customers(api: PartnerApi, report: Callable[[LoadedPage], None]) -> int:
    """Runs in a worker: every page, made ready for the table and reported as it arrives;
    returns how many were loaded."""
    loaded = 0
    # The next page is fetched while this one is prepared: the server's time hides ours.
    for page in read_ahead(api.iter_customer_pages(page_size=PAGE_SIZE)):
        loaded += len(page.items)
        report(LoadedPage(prepare_rows(page.items), page.total))
    return loaded


def _tab_stops(row: QLayout) -> list[QWidget]:
    """The widgets of a layout that take the focus by Tab, left to right."""
    items = (row.itemAt(i) for i in range(row.count()))
    widgets = (item.widget() for item in items if item is not None)
    return [w for w in widgets if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class CustomersPage(QWidget):
    open_customer = Signal(object)  # Customer
    new_customer = Signal()
    load_state = Signal(str)  # words for the status bar
    bulk_requested = Signal(str, list)  # "suspend" or "unsuspend", the selected customers
    loaded = Signal()  # the whole list has been (re)loaded from the server

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._settings = settings
        self._loading = False
        self._refresh_buffer: PreparedRows | None = None
        self._restore: tuple[str | None, int] = (None, 0)
        self._restore_pending = False
        named(self, "customersPage", self.tr("My Customers"))

        self.model = CustomerTableModel(self)
        self.proxy = CustomerFilterModel(self.model, self)

        title = QLabel(self.tr("<h2>My Customers</h2>"))
        self.search = named(QLineEdit(), "customerSearch", self.tr("Search customers"))
        self.search.setPlaceholderText(
            self.tr("Search name, account number, email, phone, domain…")
        )
        self.search.setClearButtonEnabled(True)
        self.field = named(QComboBox(), "searchField", self.tr("Search in"))
        for label, key in (
            (self.tr("Any field"), None),
            (self.tr("Name"), "name"),
            (self.tr("Account number"), "account_number"),
            (self.tr("Email"), "email"),
            (self.tr("Phone"), "phone"),
            (self.tr("Domain"), "domain"),
        ):
            self.field.addItem(label, key)
        self.status = named(QComboBox(), "statusFilter", self.tr("Status filter"))
        for label, key in (
            (self.tr("All statuses"), None),
            (self.tr("Active"), "active"),
            (self.tr("Suspended"), "suspended"),
            (self.tr("Canceled"), "canceled"),
        ):
            self.status.addItem(label, key)
        self.count = named(QLabel(), "customerCount", self.tr("Customer count"))
        self.edit_button = named(
            QPushButton(self.tr("Edit Customer")), "editCustomerButton", self.tr("Edit customer")
        )
        self.new_button = named(
            QPushButton(self.tr("New Customer")), "newCustomerButton", self.tr("New customer")
        )
        self.refresh_button = named(
            QPushButton(self.tr("Refresh")), "refreshButton", self.tr("Refresh the list")
        )
        self.export_button = named(
            QPushButton(self.tr("Export…")),
            "exportCustomersButton",
            self.tr("Export the customers shown to a CSV file"),
        )
        self.export_button.setToolTip(
            self.tr("Saves the list as shown, filtered and sorted, for a spreadsheet (Ctrl+E)")
        )
        # On the title's line, where nothing else needs the room: a long file name never
        # narrows the search box, and "Exported … to file.csv" goes after a while or at the
        # person's next action.
        self.export_status = named(TransientLabel(), "exportStatus", self.tr("Export"))
        self.export_status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.export_status.setStyleSheet("color: palette(placeholder-text);")
        self.edit_button.setEnabled(False)
        self.bulk_suspend_button = named(
            QPushButton(self.tr("Suspend Selected")),
            "bulkSuspendButton",
            self.tr("Suspend the selected customers"),
            self.tr("Asks first; customers already suspended or canceled are skipped."),
        )
        self.bulk_reenable_button = named(
            QPushButton(self.tr("Re-enable Selected")),
            "bulkReenableButton",
            self.tr("Re-enable the selected customers"),
            self.tr("Asks first; customers not suspended are skipped."),
        )
        for button in (self.bulk_suspend_button, self.bulk_reenable_button):
            button.setToolTip(button.accessibleDescription())
            button.setEnabled(False)

        self.table = CustomerTableView(self.model, self.proxy)
        self.table.doubleClicked.connect(self._open_index)
        self.context_menu = CustomerContextMenu(self.table, api, runner)
        self.context_menu.edit_requested.connect(self.open_customer)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.progress = named(QProgressBar(), "loadProgress", self.tr("Loading customers"))
        self.progress.setTextVisible(True)
        self.progress.setMaximumHeight(16)
        self.progress.hide()

        # Why the list shown is not the server's latest: a load that failed with rows shown
        # keeps them (they are what the person was working with) and says so here.
        self.notice = Callout("warning", "")
        named(self.notice.caption, "refreshNotice", self.tr("Customer list not refreshed"))
        self.notice.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()

        self.empty = named(QLabel(), "emptyState", self.tr("No customers to show"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.field, 1)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.count)
        # The title has a line of its own: beside six buttons it made the window at least
        # 1,054 px wide in Croatian. The bulk buttons (the selection) left, the list's right.
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(24)
        head.addWidget(self.export_status, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.bulk_suspend_button)
        actions.addWidget(self.bulk_reenable_button)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)

        self.search.textChanged.connect(self._apply_search)
        self.field.currentIndexChanged.connect(self._apply_search)
        self.status.currentIndexChanged.connect(self._apply_status)
        # The person's next step puts an export's outcome away.
        for step in (
            self.search.textEdited,
            self.field.activated,
            self.status.activated,
            self.table.selectionModel().currentRowChanged,
            self.refresh_button.clicked,
            self.new_button.clicked,
        ):
            step.connect(self.export_status.dismiss)
        self.proxy.counts_changed.connect(self._update_count)
        self.proxy.settled.connect(self._restore_view)
        self.edit_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_customer)
        self.refresh_button.clicked.connect(self.refresh)
        self.exporter = CustomerExport(self.table, self.model, self.proxy, runner, self)
        self.exporter.state_changed.connect(self.export_status.say)
        self.exporter.finished.connect(self.export_status.linger)  # progress stays till then
        self.export_button.clicked.connect(self.exporter.start)
        self.bulk_suspend_button.clicked.connect(lambda: self._request_bulk("suspend"))
        self.bulk_reenable_button.clicked.connect(lambda: self._request_bulk("unsuspend"))
        # Statuses and pending badges change under a selection (an operation ends, a reload):
        # the bulk buttons follow, once per burst of changes.
        self._bulk_check = QTimer(self)
        self._bulk_check.setSingleShot(True)
        self._bulk_check.setInterval(0)
        self._bulk_check.timeout.connect(self._update_bulk_buttons)
        for signal in (
            self.proxy.dataChanged,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._bulk_check.start)
        # Return and the keypad's Enter both open the customer under the cursor.
        for enter_key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(enter_key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_selected)
        # Down from the search box goes on to the results, as in a browser's address bar.
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self.focus_results)
        # Tab follows the reading order: the buttons row, the search bar, then the table. Taken
        # from the layouts, so a control added to a row later gets its place without a word.
        chain = [*_tab_stops(actions), *_tab_stops(bar), self.table]
        for earlier, later in pairwise(chain):
            QWidget.setTabOrder(earlier, later)
        self._update_count(0, 0)

    # --- loading -------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        first = self.model.rowCount() == 0
        self._refresh_buffer = None if first else PreparedRows.empty()
        self._restore = (self.selected_id(), self.table.verticalScrollBar().value())
        self.refresh_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Loading customers…"))
        self.progress.show()
        self.load_state.emit(self.tr("Loading customers…"))
        self._runner.submit(
            load_all_customers,
            self._api,
            progress=self._page_arrived,
            success=self._loaded,
            failure=self._load_failed,
            owner=self,
        )

    @Slot(object)
    def _page_arrived(self, page: LoadedPage) -> None:
        if self._refresh_buffer is None:
            self.model.append_page(page.rows)  # the first load shows rows as pages arrive
            loaded = self.model.rowCount()
        else:
            self._refresh_buffer.extend(page.rows)
            loaded = len(self._refresh_buffer)
        self.progress.setRange(0, max(page.total, 1))
        self.progress.setValue(min(loaded, page.total))
        self.progress.setFormat(
            self.tr("Loading customers… {n} of {total}").format(n=loaded, total=page.total)
        )
        self._update_empty_state()

    @Slot(object)
    def _loaded(self, count: int) -> None:
        if self._refresh_buffer is not None:
            self._restore_pending = True
            self.model.reset(self._refresh_buffer)
            self._refresh_buffer = None
            # A large reload is indexed over several event-loop turns; restore once it settles.
            if self.proxy.is_settled():
                self._restore_view()
        self.notice.hide()
        self._finish_loading()
        self.load_state.emit(self.tr("Connected"))
        self.loaded.emit()

    @Slot(object)
    def _load_failed(self, error: Exception) -> None:
        refreshing = self._refresh_buffer is not None
        self._refresh_buffer = None
        self._finish_loading()
        message = error_message(error)
        self.load_state.emit(self.tr("Offline: {msg}").format(msg=message))
        if self.model.rowCount() == 0:
            self.empty.setText(
                self.tr("Could not load customers: {msg}\nPress F5 to try again.").format(
                    msg=message
                )
            )
            self._update_empty_state(failed=True)
            return
        if refreshing:
            text = self.tr(
                "Could not refresh the list: {msg} It shows the customers as they were before."
                " Press F5 to try again."
            ).format(msg=message)
        else:
            text = self.tr(
                "Could not load every customer: {msg} The first {n} are shown."
                " Press F5 to try again."
            ).format(msg=message, n=self.model.rowCount())
        self.notice.caption.setText(text)
        self.notice.caption.setAccessibleDescription(text)
        self.notice.show()

    def _finish_loading(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.progress.hide()
        self._update_empty_state()

    @Slot()
    def _restore_view(self) -> None:
        if not self._restore_pending:
            return
        self._restore_pending = False
        selected, scroll = self._restore
        if selected:
            self.select_id(selected, scroll_to=False)
        self.table.verticalScrollBar().setValue(scroll)

    # --- search --------------------------------------------------------------------------

    @Slot()
    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text(), self.field.currentData())

    @Slot()
    def _apply_status(self) -> None:
        self.proxy.set_status(self.status.currentData())

    @Slot(int, int)
    def _update_count(self, visible: int, total: int) -> None:
        if visible == total:
            text = self.tr("%n customers", "", total)
        else:
            text = self.tr("{visible} of {total} customers").format(visible=visible, total=total)
        self.count.setText(text)
        self.count.setAccessibleDescription(text)
        self._update_empty_state()

    def _update_empty_state(self, failed: bool = False) -> None:
        if failed:
            self.stack.setCurrentWidget(self.empty)
            return
        if self.proxy.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
            return
        if self._loading:
            self.empty.setText(self.tr("Loading customers…"))
        elif self.model.rowCount() == 0:
            self.empty.setText(
                self.tr("You have no customers yet.\nClick New Customer (Ctrl+N) to add the first.")
            )
        else:
            self.empty.setText(
                self.tr(
                    "No customer matches your search.\n"
                    "Check the spelling, search in Any field, or choose All statuses."
                )
            )
        self.stack.setCurrentWidget(self.empty)

    # --- selection -----------------------------------------------------------------------

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
        possible = {"suspend": False, "unsuspend": False}
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
        self.bulk_suspend_button.setEnabled(possible["suspend"])
        self.bulk_reenable_button.setEnabled(possible["unsuspend"])

    def _request_bulk(self, kind: str) -> None:
        customers = self.selected_in_view_order()
        if customers:
            self.bulk_requested.emit(kind, customers)

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        customer = index.data(CustomerTableModel.CustomerRole)
        if customer is not None:
            self.open_customer.emit(customer)

    @Slot()
    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

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

    def show_status(self, status: str | None) -> None:
        """Every customer with this status ("suspended"; None for all), whatever was searched."""
        self.search.clear()
        self.field.setCurrentIndex(0)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))

    def customer_changed(self, customer: Any) -> None:
        """A customer came back from the server: only its row changes."""
        if self.model.row_of(customer.id) is None:
            self.model.append_page([customer])
        else:
            self.model.update_customer(customer)
