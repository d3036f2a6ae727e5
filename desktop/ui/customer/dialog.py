"""Edit Customer (and New Customer): the details form, the status panel, the tabs, and a window
that does not close while the server works on the customer.

Saving and its conflicts are CustomerSaver's (saving.py); suspend, re-enable, cancel and restore
are CustomerOperations' (operations.py). The dialog shows what they report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.customer.form import CustomerForm
from desktop.ui.customer.history_tab import HistoryTab
from desktop.ui.customer.login import LoginAsCustomerButton
from desktop.ui.customer.operations import CustomerOperations
from desktop.ui.customer.progress import stays_open_text
from desktop.ui.customer.read_only import ReadOnlyNote
from desktop.ui.customer.saving import CustomerSaver, DiscardChangesBox
from desktop.ui.customer.scheduled_cancel import ScheduledCancel
from desktop.ui.customer.services_tab import ServicesTab
from desktop.ui.customer.status_panel import StatusPanel
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.elided_label import ElidedLabel, shortened
from desktop.ui.widgets.labels import heading_font, muted_line
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.screen_fit import FormScroll, keep_on_screen
from desktop.ui.widgets.switch import ToggleSwitch
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.operations.center import OperationCenter
    from desktop.settings import AppSettings
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.fields import FieldValue


class CustomerDialog(QDialog):
    customer_saved = Signal(object)  # the server's Customer after a save or a create
    services_changed = Signal(str)  # a customer id: a service was removed, billing changed

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        customer: Customer | None,
        parent: QWidget | None = None,
        *,
        operations: OperationCenter | None = None,
        settings: AppSettings | None = None,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        # What the role may do; each part follows it, the form turns read-only without edit.
        self._permissions = permissions or Permissions(None, parent=self)
        self._saving = False
        self._operation_locked = False
        self._discard_box: DiscardChangesBox | None = None
        self._closing_confirmed = False
        self._refusal = ""  # the note shown after a close attempt during an operation
        named(self, "customerDialog", self.tr("Customer details"))
        self.setSizeGripEnabled(True)

        self._build_tabs(api, runner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(self._build_header(api, runner))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_buttons())

        self.saver = CustomerSaver(self, self, self.form, api, runner)
        self.saver.saved.connect(self.customer_saved)
        self.form.changed.connect(self.update_buttons)
        self._permissions.changed.connect(self._show_permissions)
        self._show_permissions()
        self.show_customer(customer)
        # Focus starts in the first field, not on the first button in the chain (the control
        # panel link), where Enter would open a browser.
        self.form.editor("name").setFocus(Qt.FocusReason.OtherFocusReason)
        self.operations = self._operations(api, runner, operations, settings)
        panel = self.status_panel
        self.scheduled_cancel = ScheduledCancel(self, self, panel, api, runner, self.customer_saved)
        # Tall enough for the form and a couple of error lines without scrolling.
        self.resize(self.sizeHint().width(), self.sizeHint().height() + 60)
        keep_on_screen(self)  # and never wider or taller than the screen it is on

    def _build_tabs(self, api: PartnerApi, runner: TaskRunner) -> None:
        """General (the form beside the status panel), Services and History."""
        self.form = CustomerForm()
        self.status_panel = StatusPanel(permissions=self._permissions)
        self.status_panel.setFixedWidth(250)
        general = QWidget()
        general_row = QHBoxLayout(general)
        general_row.setContentsMargins(12, 12, 12, 12)
        general_row.setSpacing(16)
        general_row.addWidget(FormScroll(self.form), 1)
        general_row.addWidget(self.status_panel)

        self.tabs = named(QTabWidget(), "customerTabs", self.tr("Customer sections"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(general, self.tr("&General"))
        self.services_tab = ServicesTab(api, runner, permissions=self._permissions)
        self.services_tab.service_removed.connect(lambda cid, _s: self.services_changed.emit(cid))
        self.history_tab = HistoryTab(api, runner)
        # Alt+V and Alt+H: S and Y belong to the Street and City fields on the General tab.
        self.tabs.addTab(self.services_tab, self.tr("Ser&vices"))
        self.tabs.addTab(self.history_tab, self.tr("&History"))

    def _build_header(self, api: PartnerApi, runner: TaskRunner) -> QHBoxLayout:
        """The customer's name and account line, and the control panel link beside them."""
        # Elided: a 200-character name must not make the window wider than the screen.
        self.title = named(ElidedLabel(), "customerTitle", self.tr("Customer name"))
        self.title.setFont(heading_font(self, 1.45))
        self.subtitle = named(
            muted_line("", preferred_width=480),
            "customerSubtitle",
            self.tr("Account number and domain"),
        )
        self.login_button = LoginAsCustomerButton(api, runner, permissions=self._permissions)
        self.login_button.login.failed.connect(lambda text: self.set_note(text, "error"))
        self.login_button.login.opened.connect(self._control_panel_opened)
        # An issued link is a History event: an open History tab shows it without Refresh.
        self.login_button.login.link_issued.connect(self.history_tab.reload_if_shown)

        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        self.read_only_note = ReadOnlyNote()
        names.addWidget(self.read_only_note)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addWidget(self.login_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_buttons(self) -> QHBoxLayout:
        """Save (the default for Enter) and Close, with what a save is doing beside them."""
        self.progress = named(QProgressBar(), "saveProgress", self.tr("Saving"))
        self.progress.setRange(0, 0)  # busy: the server gives no percentage for a save
        self.progress.setFixedWidth(80)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.note = named(QLabel(), "messageLabel", self.tr("Message"))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setMinimumWidth(120)  # an unbreakable word is cut, never widens the window
        self.save_button = named(QPushButton(self.tr("Save")), "saveButton", self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = named(QPushButton(self.tr("Close")), "closeButton", self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # Ctrl+W / Cmd+W close it like the button does (and are refused the same way).
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        return buttons

    # --- public --------------------------------------------------------------------------------

    @property
    def customer(self) -> Customer | None:
        """The customer as the server last answered; None until a new one is created."""
        return self.form.base()

    @property
    def suspend_toggle(self) -> ToggleSwitch:
        """The Suspend Customer switch (`toggle_requested`, `set_checked_from_server`)."""
        return self.status_panel.toggle

    def is_saving(self) -> bool:
        return self._saving

    def is_operation_locked(self) -> bool:
        """True while an operation started here runs: the dialog refuses to close."""
        return self._operation_locked

    @Slot()
    def save(self) -> None:
        if self.save_button.isEnabled():
            self.saver.save()

    # --- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        # Close, Esc and the window's own close button all end up here (QDialog.closeEvent
        # calls reject() and keeps the window open if it is still visible afterwards).
        if self._operation_locked:
            self._say_why_open()
            return
        if self._saving:
            return  # the answer decides what the form shows; it is seconds away at most
        if self.form.is_dirty() and not self._closing_confirmed:
            self._ask_to_discard()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button (if the window manager still shows one), Alt+F4, Cmd+W.
        if self._operation_locked:
            event.ignore()
            self._say_why_open()
            return
        super().closeEvent(event)

    def _say_why_open(self) -> None:
        # A click that does nothing looks broken: say why the window stays, and until when.
        customer = self.form.base()
        running = self._center.get(customer.id) if customer else None
        kind = running.kind if running else None
        closes = kind != "cancel" and not self.form.is_dirty()  # as CustomerOperations decides
        self._refusal = stays_open_text(kind, closes_by_itself=closes)
        self.set_note(self._refusal, "warning")

    def _ask_to_discard(self) -> None:
        if self._discard_box is not None:
            self._discard_box.raise_()
            return
        box = self._discard_box = DiscardChangesBox(self)

        def answered() -> None:
            self._discard_box = None
            box.deleteLater()
            if box.discarded():
                self._closing_confirmed = True
                self.reject()
                self._closing_confirmed = False

        box.finished.connect(answered)
        box.open()

    @Slot(str, str)
    def _control_panel_opened(self, name: str, _url: str) -> None:
        self.set_note(
            self.tr("Opened {name}'s control panel in your browser.").format(
                name=shortened(name, 60)
            ),
            "info",
        )

    # --- state ---------------------------------------------------------------------------------

    def show_customer(self, customer: Customer | None) -> None:
        """The form, the tabs and the header show `customer` as the server has it."""
        self.form.set_customer(customer)
        self.status_panel.show_customer(customer)
        self.services_tab.set_customer(customer)
        self.history_tab.set_customer(customer)
        self.login_button.set_customer(customer)
        self._update_header()
        self.update_buttons()

    def rebase(self, current: Customer, keep: dict[str, FieldValue]) -> None:
        """The server's newer version under the edits the person chose to keep (after a 412)."""
        self.status_panel.show_customer(current)
        self.form.rebase(current, keep)
        self._update_header()
        self.update_buttons()

    def _update_header(self) -> None:
        customer = self.form.base()
        if customer is None:
            self.setWindowTitle(self.tr("New Customer"))
            self.title.setText(self.tr("New Customer"))
            self.subtitle.setText(self.tr("Only the account name is required."))
            self.save_button.setText(self.tr("Create"))
            return
        title = self.tr("Edit Customer — {name}").format(name=shortened(customer.name, 60))
        self.setWindowTitle(title)
        self.title.setText(customer.name)
        parts = [self.tr("Account {number}").format(number=customer.account_number)]
        if customer.domain:
            parts.append(customer.domain)
        self.subtitle.setText("  ·  ".join(parts))
        self.save_button.setText(self.tr("Save"))

    @Slot()
    def _show_permissions(self) -> None:
        reason = self._permissions.reason("customers.edit")
        self.form.set_read_only(bool(reason))
        self.read_only_note.show_reason(reason)
        self.update_buttons()

    @Slot()
    def update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        valid = self.form.is_valid()
        allowed = self._permissions.may("customers.edit")
        self.save_button.setEnabled(
            allowed and dirty and valid and not self._saving and not self._operation_locked
        )
        if not allowed:
            tip = self._permissions.reason("customers.edit")
        elif self._operation_locked:
            tip = self.tr("Wait until the server confirms the operation.")
        elif self._saving:
            tip = self.tr("Saving…")
        elif not dirty:
            tip = self.tr("Nothing to save yet.")
        elif not valid:
            tip = self.tr("Fix the fields marked in red first.")
        else:
            tip = self.tr("Save the changes (Ctrl+S).")
        self.save_button.setToolTip(tip)
        if dirty and self.note.property("kind") == "success":
            self.set_note("", "info")  # "Saved at…" no longer describes the form

    def set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.form.setEnabled(not saving)
        self.close_button.setEnabled(not saving and not self._operation_locked)
        self.progress.setVisible(saving)
        if saving:
            self.set_note(self.tr("Saving changes…"), "info")
        self.update_buttons()

    def set_note(self, text: str, kind: str) -> None:
        self.note.setText(text)
        self.note.setProperty("kind", kind)
        self.note.setStyleSheet(tone_style(kind))
        self.note.setAccessibleDescription(text)

    # --- operations (suspend, re-enable, cancel, restore) -------------------------------------

    def _operations(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        center: OperationCenter | None,
        settings: AppSettings | None,
    ) -> CustomerOperations:
        from desktop.operations.center import OperationCenter
        from desktop.settings import AppSettings

        settings = settings or AppSettings()
        if center is None:
            # Opened on its own (tests, tools): a center of its own, which stops with it.
            center = OperationCenter(api, runner, settings, self)
            self.finished.connect(center.shutdown)
        self._center = center  # what runs for this customer, for the words of a refusal
        return CustomerOperations(self, self, self.status_panel, center, api, runner, settings)

    def set_operation_lock(self, locked: bool) -> None:
        """While the server works, nothing closes this window: no close button, Esc, Alt+F4."""
        if locked == self._operation_locked:
            return
        self._operation_locked = locked
        visible = self.isVisible()
        # Some window managers show the close button anyway; closeEvent refuses it then.
        self.setWindowFlag(Qt.WindowType.CustomizeWindowHint, locked)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, not locked)
        if visible:
            self.show()  # changing the flags hides a window
        self.form.setEnabled(not locked and not self._saving)
        self.close_button.setEnabled(not locked and not self._saving)
        # No service is removed while the server suspends or cancels the customer.
        self.tabs.setTabEnabled(self.tabs.indexOf(self.services_tab), not locked)
        waiting = self.tr("This window stays open until the server confirms.")
        if locked:
            self.set_note(waiting, "info")
        elif self.note.text() in (waiting, self._refusal):
            self.set_note("", "info")
        self.update_buttons()

    def show_server_customer(self, customer: Customer) -> None:
        """The customer as read back after an operation; unsaved edits stay on top of it."""
        keep = self.form.changes() if self.form.is_dirty() else {}
        self.show_customer(customer)
        if keep:
            self.form.rebase(customer, keep)
            self.update_buttons()

    def has_unsaved_edits(self) -> bool:
        return self.form.is_dirty()

    def close_by_itself(self) -> None:
        if not self._operation_locked:
            self.accept()
