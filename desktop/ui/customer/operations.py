"""The Edit Customer dialog's side of suspend, re-enable, cancel and restore.

The toggles ask; a confirmation decides; the OperationCenter runs the operation (it outlives
this dialog). While an operation this dialog started runs, the dialog is locked: it cannot be
closed until the server confirms, fails, or the long bound passes, or the server cannot be
reached at all (holding the person then gains nothing: the operation goes on being watched).
It is ALWAYS unlocked on each of those. The toggles then show the customer as read back from
the server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QDialog, QWidget

from desktop.operations.schedule import person_zone, plan_words
from desktop.operations.words import operation_words
from desktop.ui.customer.cancel_confirm import CancelConfirmDialog
from desktop.ui.customer.status_panel import StatusPanel
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.clock import local_clock
from desktop.ui.widgets.confirm_dialog import ConfirmDialog

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, OperationKind
    from desktop.operations.center import OperationCenter, OperationEnded
    from desktop.settings import AppSettings
    from desktop.tasks import TaskRunner


class OperationHost(Protocol):
    """What the dialog lends: its customer, its lock, and a way to show the server's record."""

    @property
    def customer(self) -> Customer | None: ...

    def set_operation_lock(self, locked: bool) -> None: ...

    def show_server_customer(self, customer: Customer) -> None: ...

    def has_unsaved_edits(self) -> bool: ...

    def close_by_itself(self) -> None: ...


class CustomerOperations(QObject):
    def __init__(
        self,
        host: OperationHost,
        window: QWidget,
        panel: StatusPanel,
        center: OperationCenter,
        api: PartnerApi,
        runner: TaskRunner,
        settings: AppSettings,
    ) -> None:
        super().__init__(window)
        self._host = host
        self._window = window
        self._panel = panel
        self._center = center
        self._api = api
        self._runner = runner
        self._settings = settings
        self._mine = False  # this dialog started the running operation
        self._locked = False
        self._kind: OperationKind | None = None  # of the operation being followed
        # The confirmation asking now, if any: told when the customer changes meanwhile.
        self.asking: ConfirmDialog | None = None
        panel.toggle.toggle_requested.connect(self._suspend_requested)
        panel.cancel_toggle.toggle_requested.connect(self._cancel_requested)
        panel.restore_button.clicked.connect(self._restore_requested)
        panel.operation.keep_watching.clicked.connect(self._keep_watching)
        center.progress.connect(self._progressed)
        center.overdue.connect(self._overdue)
        center.finished.connect(self._finished)
        center.connection.changed.connect(self._connection_changed)
        center.observed_changed.connect(self._observed)
        self.sync()

    def is_locked(self) -> bool:
        return self._locked

    @Slot(str)
    def _observed(self, customer_id: str) -> None:
        # A colleague's operation on this customer: no second one may be asked for meanwhile.
        if customer_id == self._customer_id() and not self._center.is_running(customer_id):
            kind = self._center.observed_kind(customer_id)
            self._panel.set_actions_allowed(kind is None)
            if kind is not None:
                words = operation_words(kind)
                self._panel.operation.show_running(
                    self.tr("A colleague started this; it is shown here when it ends."),
                    words.doing,
                )
            elif self._panel.operation.is_running():
                self._panel.operation.clear()

    def sync(self) -> None:
        """Show an operation already running for the dialog's customer (one opened later)."""
        customer_id = self._customer_id()
        running = self._center.get(customer_id) if customer_id else None
        if running is not None:
            self._kind = running.kind
            self._panel.set_actions_allowed(False)
            self._show_progress(customer_id, self._center.progress_text(customer_id))
        else:
            self._panel.set_actions_allowed(True)

    # --- asking ------------------------------------------------------------------------------

    @Slot(bool)
    def _suspend_requested(self, suspend: bool) -> None:
        customer = self._host.customer
        if customer is None or self._center.is_running(customer.id):
            return
        if suspend != (customer.status == "active"):
            return  # the switch already says so; nothing to ask the server
        dialog = SuspendConfirmDialog(self._api, self._runner, customer, suspend, self._window)
        try:
            # Modal on purpose: the switch's knob waits in the asked-for position meanwhile.
            if not self._confirmed(dialog, customer):
                return  # Cancel, or it changed on the server meanwhile: nothing is sent
            when = dialog.schedule_params()
            if suspend:
                self._start("suspend", customer, reason=dialog.reason_text(), **when)
            else:
                self._start("unsuspend", customer, **when)
        finally:
            dialog.deleteLater()
            self._take_back_focus()

    @Slot(bool)
    def _cancel_requested(self, cancel: bool) -> None:
        customer = self._host.customer
        if customer is None or not cancel or customer.status == "canceled":
            return
        if self._center.is_running(customer.id):
            return
        dialog = CancelConfirmDialog(self._api, self._runner, customer, self._window)
        try:
            if not self._confirmed(dialog, customer):
                return
            self._start(
                "cancel",
                customer,
                reason=dialog.reason_text(),
                confirm_account_number=dialog.typed_account_number(),
            )
        finally:
            dialog.deleteLater()
            self._take_back_focus()

    def _confirmed(self, dialog: ConfirmDialog, customer: Customer) -> bool:
        """Asks; True only when confirmed and the customer's status is still the one asked
        about (a colleague's change arriving meanwhile turns the confirmation off)."""
        self.asking = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.asking = None
        now = self._host.customer
        same = now is not None and now.status == customer.status
        return accepted and same and not self._center.is_busy(customer.id)

    def _take_back_focus(self) -> None:
        # The keyboard goes on where it was, on the switch: not every window system gives the
        # activation back to the window a modal confirmation was opened from.
        if self._window.isVisible():
            self._window.activateWindow()

    @Slot()
    def _restore_requested(self) -> None:
        customer = self._host.customer
        if customer is not None and customer.status == "canceled":
            self._start("restore", customer)

    def _start(self, kind: OperationKind, customer: Customer, **params: str) -> None:
        # Locked before the operation exists: the center's first signals already reach
        # listeners, and none of them may find this dialog closable.
        self._mine = True
        self._kind = kind
        self._set_locked(True)
        if not self._center.start(kind, customer, **params):
            self._mine = False
            self._set_locked(False)
            self._panel.operation.show_result(
                self.tr("Another operation on {name} is still running.").format(name=customer.name),
                "error",
            )
            return
        self._panel.set_actions_allowed(False)
        self._show_progress(customer.id, self._center.progress_text(customer.id))

    # --- following ---------------------------------------------------------------------------

    def _customer_id(self) -> str:
        customer = self._host.customer
        return customer.id if customer else ""

    def _show_progress(self, customer_id: str, text: str) -> None:
        title = operation_words(self._kind).doing if self._kind else ""
        if self._center.is_overdue(customer_id) or self._center.connection.state.offline:
            self._panel.operation.show_overdue(self._overdue_text(text), title)
            self._panel.operation.keep_watching.setVisible(self._mine)
        else:
            self._panel.operation.show_running(text, title)

    def _overdue_text(self, text: str) -> str:
        if not self._center.connection.state.connected:
            # Not a word about the server working on it: nobody knows, it does not answer.
            return self.tr(
                "{now} You can close this window: Partner Desk keeps watching in the background"
                " and after the next sign-in; nothing is done twice."
            ).format(now=text)
        return self.tr(
            "{now} This is taking longer than usual; the server keeps working on it."
        ).format(now=text)

    @Slot(str, str)
    def _progressed(self, customer_id: str, text: str) -> None:
        if customer_id == self._customer_id():
            running = self._center.get(customer_id)
            if running is not None and not self._mine:
                self._kind = running.kind  # one started elsewhere, or picked up after a restart
                self._panel.set_actions_allowed(False)
            self._show_progress(customer_id, text)

    @Slot()
    def _connection_changed(self) -> None:
        customer_id = self._customer_id()
        if not customer_id or not self._center.is_running(customer_id):
            return
        if self._center.connection.state.offline:
            self._set_locked(False)  # the person may go; nothing is lost
        self._show_progress(customer_id, self._center.progress_text(customer_id))

    @Slot(str)
    def _overdue(self, customer_id: str) -> None:
        if customer_id != self._customer_id():
            return
        # The long bound: the person may go; the operation goes on being watched.
        self._set_locked(False)
        self._show_progress(customer_id, self._center.progress_text(customer_id))

    @Slot()
    def _keep_watching(self) -> None:
        if not self._locked:
            self._host.close_by_itself()

    @Slot(object)
    def _finished(self, ended: OperationEnded) -> None:
        if ended.customer_id != self._customer_id():
            return
        waited_here = self._locked
        mine, self._mine = self._mine, False
        self._set_locked(False)  # first, whatever happens below
        if ended.customer is not None:
            self._host.show_server_customer(ended.customer)
        self._panel.set_actions_allowed(True)
        shown = ended.customer or self._host.customer
        name = shown.name if shown else ""
        words = operation_words(ended.kind)
        if ended.scheduled and ended.operation is not None:
            # Nothing has happened yet: the line beside the switch says when it will.
            runs = ended.operation.scheduled_for or ended.operation.created_at
            self._panel.operation.show_result(
                plan_words(ended.kind, name, runs, None, person_zone()), "success"
            )
        elif ended.error is None and ended.operation is not None:
            when = local_clock(ended.operation.finished_at or datetime.now(UTC))
            self._panel.operation.show_result(words.done_at.format(name=name, time=when), "success")
            closes = ended.kind != "cancel" and not self._host.has_unsaved_edits()
            if mine and waited_here and closes:
                # A canceled customer's dialog stays: it offers Restore and says until when.
                QTimer.singleShot(self._settings.auto_close_ms, self, self._auto_close)
        else:
            error = ended.error
            reason = failure_reason(error) if error else self.tr("The server gave no reason.")
            failed = words.failed.format(name=name, reason=reason)
            self._panel.operation.show_result(failed, "error")

    @Slot()
    def _auto_close(self) -> None:
        if not self._locked and not self._center.is_running(self._customer_id()):
            self._host.close_by_itself()

    def _set_locked(self, locked: bool) -> None:
        if locked != self._locked:
            self._locked = locked
            self._host.set_operation_lock(locked)
