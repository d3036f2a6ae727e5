"""The Services tab: what a customer is billed each month, and removing what they no longer need.

The list is fetched in the background the first time the tab is shown (and again on reload());
removing a service asks first, because billing for it stops at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import NotFoundError
from desktop.models.money import money_text
from desktop.models.services_model import ServicesTableModel
from desktop.ui.customers.load_state import LoadState
from desktop.ui.failure_words import failure_reason
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.table_look import give_cells_air
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, Service
    from desktop.tasks import TaskRunner


class ServicesTab(QWidget):
    # (customer id, the Service removed): billing changed, so totals shown elsewhere are stale.
    service_removed = Signal(str, object)

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._permissions = permissions or Permissions(None, parent=self)  # services.remove
        self._api = api
        self._runner = runner
        self._customer: Customer | None = None
        self._loaded = False
        self._loading = False
        self._stale = False  # loaded, but the customer's status changed since
        self._generation = 0  # answers for an older customer or load are dropped
        self._removing: str | None = None
        self.confirm_box: QMessageBox | None = None
        named(self, "servicesTab", self.tr("Services"))

        self.model = ServicesTableModel(self)
        self.table = self._build_table()
        self.state = LoadState("services")
        self.state.retry.connect(self.reload)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.state)
        self.note = named(QLabel(), "servicesNote", self.tr("Message"))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._build_totals())
        layout.addWidget(self.note)
        self._show_state()
        self._permissions.changed.connect(self._update_buttons)

    def _build_table(self) -> QTableView:
        table = named(QTableView(), "servicesTable", self.tr("Services"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        give_cells_air(table)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ServicesTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ServicesTableModel.PRICE, ServicesTableModel.ENABLED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, 150)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        return table

    def _build_totals(self) -> QHBoxLayout:
        """The monthly total, the note that a suspended customer is still billed, Remove."""
        self.total = named(QLabel(), "billableTotal", self.tr("Monthly total"))
        total_font = QFont(self.total.font())
        total_font.setBold(True)
        self.total.setFont(total_font)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suspended_note = named(
            QLabel(self.tr("Suspended, but still billed: remove services to stop billing.")),
            "billableWhileSuspended",
            self.tr("Billing while suspended"),
        )
        self.suspended_note.setStyleSheet(tone_style("warning"))
        self.remove_button = named(
            QPushButton(self.tr("Remove Service…")),
            "removeServiceButton",
            self.tr("Remove service"),
            self.tr("Stops billing for the selected service"),
        )
        self.remove_button.setAutoDefault(False)  # Enter is the dialog's Save, never a removal
        self.remove_button.clicked.connect(self.remove_selected)

        totals = QHBoxLayout()
        totals.setSpacing(12)
        totals.addWidget(self.total)
        totals.addWidget(self.suspended_note)
        totals.addStretch(1)  # not the note's: it is hidden for most customers
        totals.addWidget(self.remove_button)
        return totals

    # --- public --------------------------------------------------------------------------------

    def set_customer(self, customer: Customer | None) -> None:
        """The dialog's customer; another customer (or a new one created) starts a fresh list."""
        previous = self._customer
        same = customer is not None and previous is not None and customer.id == previous.id
        self._customer = customer
        if same and customer is not None and previous is not None:
            if customer.status != previous.status and self._loaded:
                # Cancelling removes every service and restoring brings them back.
                self._stale = True
                if self.isVisible():
                    self.reload()
        else:
            self._generation += 1
            self._loaded = self._loading = False
            self._removing = None
            self.model.reset()
            self._set_note("", "info")
            if self.isVisible():
                self.reload()
        self._show_state()

    def is_busy(self) -> bool:
        return self._loading or self._removing is not None

    @Slot()
    def reload(self) -> None:
        """Fetch the list from the server now (in the background)."""
        if self._customer is None:
            return
        self._generation += 1
        self._loading = True
        self._stale = False
        self._show_state()
        generation = self._generation
        self._runner.submit(
            self._api.list_services,
            self._customer.id,
            success=lambda services: self._loaded_services(generation, services),
            failure=lambda error: self._load_failed(generation, error),
            owner=self,
        )

    @Slot()
    def remove_selected(self) -> None:
        service = self._selected()
        if service is None or self._customer is None or self.is_busy():
            return
        if not self._permissions.may("services.remove"):
            return  # the Delete key, while the button says who may
        price = money_text(service.monthly_price, service.currency)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove service?"),
            self.tr("Remove {service} from {customer}?").format(
                service=service.name, customer=self._customer.name
            ),
            parent=self,
        )
        box.setInformativeText(
            self.tr(
                "Billing for {service} ({price} a month) stops at once, and the customer"
                " can no longer use it."
            ).format(service=service.name, price=price)
        )
        named(box, "removeServiceConfirm", self.tr("Remove service?"))
        remove = named(
            box.addButton(self.tr("Remove Service"), QMessageBox.ButtonRole.DestructiveRole),
            "confirmRemoveServiceButton",
            self.tr("Remove service"),
        )
        keep = named(
            box.addButton(self.tr("Keep Service"), QMessageBox.ButtonRole.RejectRole),
            "keepServiceButton",
            self.tr("Keep service"),
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is remove:
                self._remove(service)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if (not self._loaded or self._stale) and not self._loading:
            self.reload()

    def _loaded_services(self, generation: int, services: list[Service]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._loaded = True
        self.model.reset(services)
        self._show_state()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._loaded = False
        self.model.reset()
        self.state.show_failure(self.tr("Could not load the services"), failure_reason(error))
        self.stack.setCurrentWidget(self.state)
        self._update_total()
        self._update_buttons()

    # --- removing ------------------------------------------------------------------------------

    def _remove(self, service: Service) -> None:
        if self._customer is None:
            return
        self._removing = service.id
        self._set_note(self.tr("Removing {service}…").format(service=service.name), "info")
        self._update_buttons()
        customer_id, generation = self._customer.id, self._generation
        self._runner.submit(
            self._api.remove_service,
            customer_id,
            service.id,
            success=lambda _none: self._removed(generation, customer_id, service),
            failure=lambda error: self._remove_failed(generation, service, error),
            owner=self,
        )

    def _removed(self, generation: int, customer_id: str, service: Service) -> None:
        self._removing = None
        if generation == self._generation:
            self.model.remove(service.id)
            self._set_note(
                self.tr("Removed {service}; billing for it has stopped.").format(
                    service=service.name
                ),
                "success",
            )
            self._show_state()
        self.service_removed.emit(customer_id, service)

    def _remove_failed(self, generation: int, service: Service, error: BaseException) -> None:
        self._removing = None
        if generation != self._generation:
            return
        if isinstance(error, NotFoundError):
            # Gone already (removed elsewhere) or the customer is: show what the server has.
            self._set_note(
                self.tr("{service} was no longer there to remove; the list is reloaded.").format(
                    service=service.name
                ),
                "error",
            )
            self.reload()
            return
        self._set_note(
            self.tr("{service} was not removed and is still billed. {reason}").format(
                service=service.name, reason=failure_reason(error)
            ),
            "error",
        )
        self._update_buttons()

    # --- state ---------------------------------------------------------------------------------

    def _selected(self) -> Service | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        service: Service = rows[0].data(ServicesTableModel.ServiceRole)
        return service

    def _show_state(self) -> None:
        if self._customer is None:
            self.state.show_message(
                self.tr("No services yet"),
                self.tr("Create the customer first; then their services are listed here."),
            )
        elif self._loading and not self._loaded:
            self.state.show_loading(self.tr("Loading services…"))
        elif self._loaded and self.model.rowCount() == 0:
            if self._customer.status == "canceled":
                text = self.tr("Cancelling removed every service; nothing is billed.")
            else:
                text = self.tr("Nothing is billed to this customer each month.")
            self.state.show_message(self.tr("No billable services"), text)
        elif not self._loaded:
            self.state.show_loading(self.tr("Loading services…"))
        self.stack.setCurrentWidget(
            self.table if self._loaded and self.model.rowCount() else self.state
        )
        self._update_total()
        self._update_buttons()

    def _update_total(self) -> None:
        if not self._loaded:
            self.total.clear()
            self.total.hide()
            self.suspended_note.hide()
            return
        total = self.model.total_text()
        text = (
            self.tr("Monthly total: {total}").format(total=total)
            if total
            else self.tr("Monthly total: nothing billed")
        )
        self.total.setText(text)
        self.total.setAccessibleDescription(text)
        self.total.show()
        suspended = self._customer is not None and self._customer.status == "suspended"
        self.suspended_note.setVisible(suspended and bool(total))

    @Slot()
    def _update_buttons(self) -> None:
        selected = self._selected() is not None
        allowed = self._permissions.may("services.remove")
        self.remove_button.setEnabled(allowed and selected and self._loaded and not self.is_busy())
        self.remove_button.setToolTip(self._permissions.reason("services.remove"))
        self.remove_button.setText(
            self.tr("Removing…") if self._removing else self.tr("Remove Service…")
        )

    def _set_note(self, text: str, kind: str) -> None:
        self.note.setText(text)
        self.note.setProperty("kind", kind)
        self.note.setStyleSheet(tone_style(kind))
        self.note.setAccessibleDescription(text)
        self.note.setVisible(bool(text))
