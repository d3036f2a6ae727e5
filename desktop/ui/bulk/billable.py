"""What a batch of customers is billed per month, added up in the background for the bulk suspend
confirmation: suspending does not stop billing, and the person should see the sum first.

The API lists services per customer only, so this is one call per customer. Past BILLABLE_LIMIT
customers the sum is not attempted (the confirmation would keep the person waiting) and the
widget says so instead.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.models.money import totals_text
from desktop.ui.bulk.calls import monthly_billable
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner

BILLABLE_LIMIT = 100  # customers; one request each


class BulkBillable(QWidget):
    loaded = Signal()  # the sum is shown (or why it is not)

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer_ids: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._count = len(customer_ids)
        self._loaded = False
        self._stop = threading.Event()
        self.total = named(QLabel(), "bulkBillableTotal", self.tr("Monthly total"))
        self.total.setWordWrap(True)
        self.total.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        if self._count > BILLABLE_LIMIT:
            self._say(
                self.tr(
                    "Not added up for more than {limit} customers: asking the server for each"
                    " one's services would keep you waiting. Each customer's Services tab shows"
                    " what stays billable."
                ).format(limit=BILLABLE_LIMIT)
            )
            self._loaded = True
            return
        self._say(self.tr("Adding up their services…"))
        runner.submit(
            monthly_billable,
            api,
            list(customer_ids),
            self._stop,
            progress=self._progressed,
            success=self._arrived,
            failure=self._failed,
            owner=self,
        )

    def is_loaded(self) -> bool:
        return self._loaded

    def stop(self) -> None:
        """The confirmation was answered: the worker stops asking the server."""
        self._stop.set()

    @Slot(object)
    def _progressed(self, done: int) -> None:
        self._say(
            self.tr("Adding up their services… {done} of {count}").format(
                done=done, count=self._count
            )
        )

    @Slot(object)
    def _arrived(self, totals: dict[str, Decimal] | None) -> None:
        if totals is None:
            return
        self._loaded = True
        if not any(totals.values()):
            self._say(self.tr("None of these customers is billed for anything."))
        else:
            amount = totals_text(totals)
            caption = self.tr("Billed per month while suspended:")
            # Escaped: the currency is the server's text, and this label renders markup.
            self.total.setText(f"{caption} <b>{html.escape(amount)}</b>")
            self.total.setAccessibleDescription(f"{caption} {amount}")
        self.loaded.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._loaded = True
        self._say(
            self.tr("Could not add up their services: {reason}").format(
                reason=failure_reason(error)
            )
        )
        self.loaded.emit()

    def _say(self, text: str) -> None:
        self.total.setText(html.escape(text))  # a server's words are never markup
        self.total.setAccessibleDescription(text)
