"""Suspend or re-enable several customers at once: plan, confirm once, then follow each.

The main window hands the selected customers to request(). Nothing is sent until the person
confirms; then a BulkRun starts each customer's operation through the OperationCenter, so the
table rows, the status bar and the quit guard see them exactly as they see a single one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QWidget

from desktop.ui.bulk.confirm import BulkConfirmDialog
from desktop.ui.bulk.plan import plan_bulk
from desktop.ui.bulk.progress import BulkProgressDialog
from desktop.ui.bulk.run import AT_ONCE, BulkRun
from desktop.ui.permissions import Permissions

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, OperationKind
    from desktop.operations.center import OperationCenter
    from desktop.tasks import TaskRunner
    from desktop.ui.bulk.plan import BulkPlan


class BulkOperations(QObject):
    def __init__(
        self,
        window: QWidget,
        center: OperationCenter,
        api: PartnerApi,
        runner: TaskRunner,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._permissions = permissions or Permissions(None, parent=self)
        self._center = center
        self._api = api
        self._runner = runner
        self.at_once = AT_ONCE
        self.confirmation: BulkConfirmDialog | None = None
        self.progress: BulkProgressDialog | None = None

    def waiting_count(self) -> int:
        """Customers confirmed but not sent yet: what quitting now would leave undone."""
        return self.progress.run.waiting_count() if self.progress is not None else 0

    def close_dialogs(self) -> None:
        """The window closes (quit, sign-out), after the center stopped: nothing stays open."""
        if self.confirmation is not None:
            self.confirmation.reject()
        if self.progress is not None:
            self.progress.abandon()

    @Slot(str, list)
    def request(self, kind: OperationKind, customers: list[Customer]) -> None:
        """Ask to suspend ("suspend") or re-enable ("unsuspend") these customers."""
        if not self._permissions.may("customers.suspend"):
            return  # its buttons are disabled and say who may; nothing to confirm
        for open_dialog in (self.confirmation, self.progress):
            if open_dialog is not None:
                open_dialog.raise_()  # one bulk action at a time
                return
        # Planned now, not when the selection changed: the center knows what runs this moment.
        plan = plan_bulk(kind, customers, self._center.is_running)
        dialog = BulkConfirmDialog(self._api, self._runner, plan, self._window)
        dialog.accepted.connect(
            lambda: self._run(plan, dialog.reason_text(), dialog.schedule_params())
        )
        dialog.finished.connect(lambda _code: self._forget_confirmation(dialog))
        self.confirmation = dialog
        dialog.open()

    def _forget_confirmation(self, dialog: QDialog) -> None:
        if self.confirmation is dialog:
            self.confirmation = None
        dialog.deleteLater()

    def _run(self, plan: BulkPlan, reason: str, when: dict[str, str]) -> None:
        run = BulkRun(self._center, plan, reason, self.at_once, when=when)
        dialog = BulkProgressDialog(run, self._window)
        run.setParent(dialog)  # it lives as long as the window that shows it
        dialog.finished.connect(lambda _code: self._forget_progress(dialog))
        self.progress = dialog
        dialog.open()
        run.start()

    def _forget_progress(self, dialog: BulkProgressDialog) -> None:
        if self.progress is dialog:
            self.progress = None
        dialog.deleteLater()
