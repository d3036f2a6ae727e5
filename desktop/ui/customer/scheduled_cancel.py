"""Cancel scheduled suspension (or re-enable), from the General tab: asked first, then one
DELETE on a worker; the customer is read back, so the line and the list row follow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.operations.schedule import person_zone, when_text
from desktop.ui.failure_words import failure_reason

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.status_panel import StatusPanel


class CancelHost(Protocol):
    @property
    def customer(self) -> Customer | None: ...

    def show_server_customer(self, customer: Customer) -> None: ...


def cancel_and_read_back(api: PartnerApi, op_id: str, customer_id: str) -> Customer:
    """Runs in a worker: the scheduled operation canceled, then the customer as it is now."""
    api.cancel_scheduled(op_id)
    return api.get_customer(customer_id)


class ScheduledCancel(QObject):
    def __init__(
        self,
        host: CancelHost,
        window: QWidget,
        panel: StatusPanel,
        api: PartnerApi,
        runner: TaskRunner,
        saved: object = None,
    ) -> None:
        super().__init__(window)
        self._host, self._window, self._panel = host, window, panel
        self._api, self._runner = api, runner
        # Told the customer read back (the dialog's customer_saved: the list row follows).
        self._saved = saved
        self.asking: QMessageBox | None = None
        panel.cancel_scheduled.clicked.connect(self._requested)

    @Slot()
    def _requested(self) -> None:
        customer = self._host.customer
        scheduled = customer.next_scheduled if customer else None
        if customer is None or scheduled is None:
            return
        when = when_text(scheduled.at, person_zone())
        if scheduled.kind == "unsuspend":
            question = self.tr("Cancel the re-enable of {name} scheduled for {when}?")
        else:
            question = self.tr(
                "Cancel the suspension of {name} scheduled for {when}? A re-enable that"
                " follows it is canceled too."
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel scheduled operation"),
            question.format(name=customer.name, when=when),
            parent=self._window,
        )
        box.setObjectName("cancelScheduledConfirm")
        box.setAccessibleName(self.tr("Cancel scheduled operation"))
        yes = box.addButton(self.tr("Cancel It"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmCancelScheduledButton")
        keep = box.addButton(self.tr("Keep It"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepScheduledButton")
        box.setDefaultButton(keep)  # Enter keeps what was planned: undoing it is the choice
        self.asking = box
        try:
            box.exec()
        finally:
            self.asking = None
            box.deleteLater()
        if box.clickedButton() is not yes:
            return
        self._panel.cancel_scheduled.setEnabled(False)
        self._runner.submit(
            cancel_and_read_back,
            self._api,
            scheduled.operation_id,
            customer.id,
            success=self._done,
            failure=self._failed,
            owner=self,
        )

    @Slot(object)
    def _done(self, customer: Customer) -> None:
        self._host.show_server_customer(customer)
        self._panel.operation.show_result(
            self.tr("The scheduled operation was canceled."), "success"
        )
        emit = getattr(self._saved, "emit", None)
        if emit is not None:
            emit(customer)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._panel.cancel_scheduled.setEnabled(True)
        reason = failure_reason(error)
        self._panel.operation.show_result(
            self.tr("Could not cancel it: {reason}").format(reason=reason), "error"
        )
