"""The Activity page: who did what across the partner, newest first, filtered, exported.

Loaded when first shown, then a page at a time as the table scrolls (model.py). Double-click
or Enter on an event about a customer opens that customer's Edit Customer dialog (read from
the server first, on a worker). "Show Activity" on a customer (the customer list's context
menu) arrives here through `show_customer`: then the What filter answers "who suspended this
customer last Tuesday".
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.activity.export import ActivityExport
from desktop.ui.activity.filters import ActivityFilters
from desktop.ui.activity.model import ActivityTableModel
from desktop.ui.customers.load_state import LoadState
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.labels import MUTED
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.table_look import give_cells_air
from desktop.ui.widgets.transient_label import TransientLabel

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner


class ActivityPage(QWidget):
    open_customer = Signal(object)  # the Customer, read from the server

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._started = False  # loads on its first showing, not at sign-in
        self._opening = ""  # the customer being read for the dialog
        named(self, "activityPage", self.tr("Activity"))
        self.model = ActivityTableModel(api, runner, self)
        self.filters = ActivityFilters(api, runner)
        self.exporter = ActivityExport(self.model, api, runner, self)
        self._build_controls()
        self._build_table()
        self._lay_out()
        self._connect()
        self._show_state()

    def _build_controls(self) -> None:
        self.status = named(TransientLabel(), "activityStatus", self.tr("Activity status"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.setStyleSheet(MUTED)
        self.clear_button = named(
            QPushButton(self.tr("Clear Filters")),
            "activityClearFiltersButton",
            self.tr("Clear every filter"),
        )
        self.refresh_button = named(
            QPushButton(self.tr("Refresh")), "activityRefreshButton", self.tr("Refresh the log")
        )
        self.export_button = named(
            QPushButton(self.tr("Export…")),
            "activityExportButton",
            self.tr("Export the activity to a CSV file"),
        )
        self.export_button.setToolTip(
            self.tr("Saves every event the filters find, not only those shown, for a spreadsheet")
        )
        self.count = named(QLabel(), "activityCount", self.tr("Events shown"))
        self.count.setStyleSheet(MUTED)

    def _build_table(self) -> None:
        self.table = named(QTableView(), "activityTable", self.tr("Activity"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        give_cells_air(self.table)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for column, width in (
            (ActivityTableModel.WHEN, 140),
            (ActivityTableModel.WHO, 110),
            (ActivityTableModel.WHAT, 200),
            (ActivityTableModel.CUSTOMER, 220),
        ):
            self.table.setColumnWidth(column, width)
        self.state = LoadState("activity")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.state)
        # A later page that failed: the rows above stay, and this says so under them.
        self.page_problem = Callout("warning", "")
        named(self.page_problem.caption, "activityPageProblem", self.tr("More events not loaded"))
        self.page_problem.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = named(
            QPushButton(self.tr("Try Again")),
            "activityRetryPageButton",
            self.tr("Load more events again"),
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry_button)
        self.page_problem.body.addLayout(row)
        self.page_problem.hide()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<h2>Activity</h2>")))
        head.addSpacing(24)
        head.addWidget(self.status, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.page_problem)
        # Tab follows the reading order: the buttons, the filters left to right, the table.
        f = self.filters
        chain = [self.clear_button, self.refresh_button, self.export_button, f.actor, f.action]
        chain += [f.customer, f.since_on, f.since, f.until_on, f.until, self.table]
        for earlier, later in pairwise([*chain, self.retry_button]):
            QWidget.setTabOrder(earlier, later)

    def _connect(self) -> None:
        self.filters.changed.connect(self._filter_changed)
        self.clear_button.clicked.connect(self.filters.clear)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.exporter.start)
        self.exporter.state_changed.connect(self.status.say)
        self.exporter.finished.connect(self.status.linger)
        self.state.retry.connect(self.refresh)
        self.retry_button.clicked.connect(self.model.retry)
        for signal in (
            self.model.modelReset,
            self.model.page_arrived,
            self.model.page_failed,
            self.model.loading_changed,
        ):
            signal.connect(self._show_state)
        self.table.doubleClicked.connect(self._open_index)
        for enter_key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(enter_key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self._open_index(self.table.currentIndex()))

    # --- public --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The staff for the Who filter and the log from its first page, read again."""
        self._started = True
        self.status.dismiss()
        self._runner.submit(self._api.list_staff, success=self.filters.set_staff, owner=self)
        self.model.set_filter(self.filters.chosen())

    def show_customer(self, customer: Any) -> None:
        """Only this customer's events (from the customer list's "Show Activity")."""
        self.filters.choose_customer(customer.id, customer.name)

    # --- loading -------------------------------------------------------------------------------

    @Slot()
    def _filter_changed(self) -> None:
        self.status.dismiss()
        if self._started:
            self.model.set_filter(self.filters.chosen())

    @Slot()
    def _show_state(self) -> None:
        model = self.model
        rows = model.rowCount()
        error = model.failure()
        if rows == 0 and error is not None:
            self.state.show_failure(self.tr("Could not load the activity"), failure_reason(error))
        elif rows == 0 and not model.has_loaded():
            self.state.show_loading(self.tr("Loading activity…"))
        elif rows == 0:
            self.state.show_message(
                self.tr("No activity found"),
                self.tr("Nothing recorded matches these filters. Clear a filter to see more."),
            )
        self.stack.setCurrentWidget(self.table if rows else self.state)
        self.page_problem.setVisible(rows > 0 and error is not None)
        if rows and error is not None:
            self.page_problem.caption.setText(
                self.tr("More events could not be loaded: {reason}").format(
                    reason=failure_reason(error)
                )
            )
        self.retry_button.setEnabled(not model.is_loading())
        if rows and model.is_loading():
            self.count.setText(self.tr("%n events shown; loading more…", "", rows))
        elif rows and not model.at_end():
            self.count.setText(self.tr("%n events shown; more as you scroll", "", rows))
        elif rows:
            self.count.setText(self.tr("All %n events", "", rows))
        else:
            self.count.clear()

    # --- opening a customer --------------------------------------------------------------------

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        customer_id = index.data(ActivityTableModel.CustomerIdRole)
        if not customer_id:
            self.status.say(
                self.tr("This event is about the team, not a customer."), lingering=True
            )
            return
        if customer_id == self._opening:
            return  # already on its way
        self._opening = customer_id
        self.status.say(self.tr("Opening the customer…"))
        self._runner.submit(
            self._api.get_customer,
            customer_id,
            success=self._customer_read,
            failure=self._customer_not_read,
            owner=self,
        )

    @Slot(object)
    def _customer_read(self, customer: Customer) -> None:
        self._opening = ""
        self.status.say("")
        self.open_customer.emit(customer)

    @Slot(object)
    def _customer_not_read(self, error: BaseException) -> None:
        self._opening = ""
        self.status.say(
            self.tr("Could not open the customer: {reason}").format(reason=failure_reason(error)),
            lingering=True,
        )
