"""The History tab: who did what to a customer, when and why, newest first.

Fetched in the background every time the tab is shown, and on reload() (the dialog calls it
after a save), so it never shows less than the server has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.history_model import HistoryTableModel
from desktop.ui.customers.load_state import LoadState
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.table_look import give_cells_air
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, Event
    from desktop.tasks import TaskRunner


class _RoomyRows(QStyledItemDelegate):
    """Rows sized to their lines, yet never tighter than the other tables' 30 px rows."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height() + 10, 30))


class HistoryTab(QWidget):
    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._customer: Customer | None = None
        self._loaded = False
        self._loading = False
        self._generation = 0  # answers for an older customer or load are dropped
        named(self, "historyTab", self.tr("History"))

        self.model = HistoryTableModel(self)
        self.table = named(QTableView(), "historyTable", self.tr("History"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setItemDelegate(_RoomyRows(self.table))
        give_cells_air(self.table)
        self.table.verticalHeader().hide()
        # Details may run to several lines (one per edited field): rows grow to fit them.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for column, width in (
            (HistoryTableModel.WHEN, 140),
            (HistoryTableModel.WHO, 90),
            (HistoryTableModel.WHAT, 170),
        ):
            self.table.setColumnWidth(column, width)

        self.state = LoadState("history")
        self.state.retry.connect(self.reload)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.state)

        self.summary = named(QLabel(), "historySummary", self.tr("About the history"))
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.refresh_button = named(
            QPushButton(self.tr("Refresh")), "refreshHistoryButton", self.tr("Refresh the history")
        )
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        self._show_state()

    # --- public --------------------------------------------------------------------------------

    def set_customer(self, customer: Customer | None) -> None:
        previous = self._customer
        same = customer is not None and previous is not None and customer.id == previous.id
        self._customer = customer
        if same and customer is not None and previous is not None:
            if customer.version != previous.version and self.isVisible():
                self.reload()  # a suspension or cancellation finished: its event is new
        else:
            self._generation += 1
            self._loaded = self._loading = False
            self.model.reset()
        self._show_state()

    def is_loading(self) -> bool:
        return self._loading

    @Slot()
    def reload_if_shown(self) -> None:
        """Something done from the dialog added an event (a control panel link was issued):
        on screen, it shows at once; hidden, the next visit loads it anyway."""
        if self.isVisible():
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Fetch the history from the server now (in the background)."""
        if self._customer is None:
            return
        self._generation += 1
        self._loading = True
        self._show_state()
        generation = self._generation
        self._runner.submit(
            self._api.list_events,
            self._customer.id,
            success=lambda events: self._arrived(generation, events),
            failure=lambda error: self._failed(generation, error),
            owner=self,
        )

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Every visit: a suspension or a removal elsewhere may have added events since.
        self.reload()

    def _arrived(self, generation: int, events: list[Event]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._loaded = True
        self.model.reset(events)
        self._show_state()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if self._loaded and self.model.rowCount():
            # Keep what was shown: it is still true, only perhaps not complete.
            self.summary.setText(
                self.tr("Could not refresh: {reason}").format(reason=failure_reason(error))
            )
            self.summary.setStyleSheet(tone_style("error"))
            self.refresh_button.setEnabled(True)
            return
        self._loaded = False
        self.model.reset()
        self.state.show_failure(self.tr("Could not load the history"), failure_reason(error))
        self.stack.setCurrentWidget(self.state)
        self.summary.clear()
        self.refresh_button.setEnabled(True)

    def _show_state(self) -> None:
        self.refresh_button.setEnabled(self._customer is not None and not self._loading)
        self.refresh_button.setVisible(self._customer is not None)
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        if self._customer is None:
            self.state.show_message(
                self.tr("No history yet"),
                self.tr("Create the customer first; then every change to it is recorded here."),
            )
        elif not self._loaded:
            self.state.show_loading(self.tr("Loading history…"))
        elif self.model.rowCount() == 0:
            self.state.show_message(
                self.tr("Nothing recorded yet"),
                self.tr("Changes, suspensions and service removals will be listed here."),
            )
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if self._loaded and rows else self.state)
        if self._loading and self._loaded:
            self.summary.setText(self.tr("Refreshing…"))
        elif self._loaded:
            self.summary.setText(
                self.tr("1 event") if rows == 1 else self.tr("%n events, newest first", "", rows)
            )
        else:
            self.summary.clear()
