"""A customer's services with their monthly prices and the total, loaded in the background.

The suspend and cancel confirmations use it to say what a decision costs: what stays billable
while suspended, or what stops being billed when canceled.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.money import money_text, totals_by_currency, totals_text
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Service
    from desktop.tasks import TaskRunner

_VISIBLE_ROWS = 5  # more than this scroll, so a big customer does not make a huge dialog


class BillableServices(QWidget):
    loaded = Signal()  # the list arrived (or failed): the caller may re-check its buttons

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer_id: str,
        total_caption: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services: list[Service] | None = None
        self._total_caption = total_caption
        self.tree = named(QTreeWidget(), "billableServices", self.tr("Services and monthly prices"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Service"), self.tr("Per month")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to act on in it
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 2px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tree.hide()
        self.state = named(
            QLabel(self.tr("Loading services…")), "servicesState", self.tr("Services")
        )
        self.state.setWordWrap(True)
        self.total = named(QLabel(), "servicesTotal", self.tr("Monthly total"))
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.state)
        layout.addWidget(self.tree)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)

        runner.submit(
            api.list_services,
            customer_id,
            success=self._arrived,
            failure=self._failed,
            owner=self,
        )

    def services(self) -> list[Service] | None:
        """None until loaded (or when loading failed)."""
        return self._services

    def total_text(self) -> str:
        return self.total.text() if self._services else ""

    @Slot(object)
    def _arrived(self, services: list[Service]) -> None:
        self._services = list(services)
        if not services:
            self.state.setText(self.tr("This customer has no services: nothing is billed."))
            self.loaded.emit()
            return
        self.state.hide()
        for service in services:
            price = money_text(service.monthly_price, service.currency)
            item = QTreeWidgetItem([service.name, price])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(1, Qt.ItemDataRole.AccessibleTextRole, price)
            self.tree.addTopLevelItem(item)
        row = self.tree.sizeHintForRow(0)
        shown = min(len(services), _VISIBLE_ROWS)
        self.tree.setFixedHeight(
            self.tree.header().sizeHint().height() + row * shown + 2 * self.tree.frameWidth() + 2
        )
        self.tree.show()
        totals = totals_by_currency((s.monthly_price, s.currency) for s in services)
        amount = totals_text(totals)
        # Escaped: the currency is the server's text, and this label renders markup.
        self.total.setText(f"{self._total_caption} <b>{html.escape(amount)}</b>")
        self.total.setAccessibleDescription(f"{self._total_caption} {amount}")
        self.total.show()
        self.loaded.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.state.setText(
            self.tr("Could not load the services: {reason}").format(reason=failure_reason(error))
        )
        self.state.setStyleSheet(tone_style("error"))
        self.loaded.emit()
