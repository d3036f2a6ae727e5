"""My Customers: the whole list, searched as you type, loaded page by page in the background.

The page builds and wires its widgets here; loading is `CustomerLoading` (loading.py, with the
worker's call in calls.py), what the selection means is `CustomerSelection` (selection.py).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
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
from desktop.models.search.prepared_rows import PreparedRows
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customers.context_menu import CustomerContextMenu
from desktop.ui.customers.export import CustomerExport
from desktop.ui.customers.loading import CustomerLoading
from desktop.ui.customers.selection import CustomerSelection
from desktop.ui.customers.table_view import CustomerTableView
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.transient_label import TransientLabel

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.live.feed import LiveFeed


def _tab_stops(row: QLayout) -> list[QWidget]:
    """The widgets of a layout that take the focus by Tab, left to right."""
    items = (row.itemAt(i) for i in range(row.count()))
    widgets = (item.widget() for item in items if item is not None)
    return [w for w in widgets if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class CustomersPage(CustomerLoading, CustomerSelection, QWidget):
    open_customer = Signal(object)  # Customer
    new_customer = Signal()
    load_state = Signal(str)  # words for the status bar
    bulk_requested = Signal(str, list)  # "suspend" or "unsuspend", the selected customers
    loaded = Signal()  # the whole list has been (re)loaded from the server
    list_cursor = Signal(object)  # after a load: the snapshot's cursor (None: read by pages)

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        # What the role may do; without one (a page on its own) the server alone decides.
        self.permissions = permissions or Permissions(None, parent=self)
        self._api = api
        self._runner = runner
        self._settings = settings
        self._loading = False
        self._catching_up = False
        self.live: LiveFeed | None = None  # the change feed, once the window follows it
        self._refresh_buffer: PreparedRows | None = None
        self._restore: tuple[str | None, int] = (None, 0)
        self._restore_pending = False
        named(self, "customersPage", self.tr("My Customers"))

        self.model = CustomerTableModel(self)
        self.proxy = CustomerFilterModel(self.model, self)
        self._build_search()
        self._build_buttons()
        self._build_list(api, runner)
        actions, bar = self._build_layout()
        self._connect_controls(runner)
        self._follow_selected_statuses()
        self._build_keys(actions, bar)
        self._update_count(0, 0)
        self.permissions.guard(self.new_button, "customers.edit")
        self.permissions.changed.connect(self._permissions_changed)

    def _build_search(self) -> None:
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
            (self.tr("Scheduled"), "scheduled"),  # a suspension or re-enable waits for its time
        ):
            self.status.addItem(label, key)
        self.count = named(QLabel(), "customerCount", self.tr("Customer count"))

    def _build_buttons(self) -> None:
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

    def _build_list(self, api: PartnerApi, runner: TaskRunner) -> None:
        self.table = CustomerTableView(self.model, self.proxy)
        self.table.doubleClicked.connect(self._open_index)
        self.context_menu = CustomerContextMenu(self.table, api, runner, self.permissions)
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

    def _build_layout(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Lays the page out; returns its rows of buttons and of search controls."""
        title = QLabel(self.tr("<h2>My Customers</h2>"))
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
        return actions, bar

    def _connect_controls(self, runner: TaskRunner) -> None:
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

    def _follow_selected_statuses(self) -> None:
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

    def _build_keys(self, actions: QHBoxLayout, bar: QHBoxLayout) -> None:
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
        elif self.model.rowCount() == 0 and not self.permissions.may("customers.edit"):
            self.empty.setText(self.tr("There are no customers yet."))
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

    @Slot()
    def _permissions_changed(self) -> None:
        # The role changed: what the selection allows, and the words of an empty list.
        self._update_bulk_buttons()
        self._update_empty_state()

    # --- selection -----------------------------------------------------------------------

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
