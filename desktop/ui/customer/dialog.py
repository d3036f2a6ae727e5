"""Edit Customer (and New Customer): the details form, the status panel, saving and conflicts.

Every call to the server runs in the TaskRunner; the dialog only reacts to the answers. What the
person typed survives every failure: a 422 lands beside its field, a 412 becomes a per-field
choice, a network error leaves the form as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTime, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import (
    ApiError,
    ConflictError,
    NetworkError,
    NotFoundError,
    SessionExpiredError,
    ValidationError,
)
from desktop.ui.customer.conflict import ConflictDialog, ConflictRow
from desktop.ui.customer.fields import FIELD_KEYS, customer_value, nest
from desktop.ui.customer.form import CustomerForm
from desktop.ui.customer.history_tab import HistoryTab
from desktop.ui.customer.login import LoginAsCustomerButton
from desktop.ui.customer.operations import CustomerOperations
from desktop.ui.customer.progress import stays_open_text
from desktop.ui.customer.services_tab import ServicesTab
from desktop.ui.customer.status_panel import StatusPanel
from desktop.ui.failure_words import shown_message
from desktop.ui.widgets.elided_label import ElidedLabel, shortened
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

# Text colour of the note beside the buttons, by kind.


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
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._saving = False
        self._operation_locked = False
        self._discard_box: QMessageBox | None = None
        self._closing_confirmed = False
        self._refusal = ""  # the note shown after a close attempt during an operation
        named(self, "customerDialog", self.tr("Customer details"))
        self.setSizeGripEnabled(True)

        # Elided: a 200-character name must not make the window wider than the screen.
        self.title = named(ElidedLabel(), "customerTitle", self.tr("Customer name"))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = named(
            ElidedLabel(), "customerSubtitle", self.tr("Account number and domain")
        )
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")

        self.form = CustomerForm()
        self.status_panel = StatusPanel()
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
        self.services_tab = ServicesTab(api, runner)
        self.services_tab.service_removed.connect(lambda cid, _s: self.services_changed.emit(cid))
        self.history_tab = HistoryTab(api, runner)
        # Alt+V and Alt+H: S and Y belong to the Street and City fields on the General tab.
        self.tabs.addTab(self.services_tab, self.tr("Ser&vices"))
        self.tabs.addTab(self.history_tab, self.tr("&History"))
        self.login_button = LoginAsCustomerButton(api, runner)
        self.login_button.login.failed.connect(lambda text: self._set_note(text, "error"))
        self.login_button.login.opened.connect(self._control_panel_opened)
        # An issued link is a History event: an open History tab shows it without Refresh.
        self.login_button.login.link_issued.connect(self.history_tab.reload_if_shown)

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

        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addWidget(self.login_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.form.changed.connect(self._update_buttons)
        self._show(customer)
        # Focus starts in the first field, not on the first button in the chain (the control
        # panel link), where Enter would open a browser.
        self.form.editor("name").setFocus(Qt.FocusReason.OtherFocusReason)
        self.operations = self._operations(api, runner, operations, settings)
        # Tall enough for the form and a couple of error lines without scrolling.
        self.resize(self.sizeHint().width(), self.sizeHint().height() + 60)
        keep_on_screen(self)  # and never wider or taller than the screen it is on

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
        if not self.save_button.isEnabled():
            return
        base = self.form.base()
        if base is None:
            fields = self.form.values()
            if not fields["account_number"]:
                del fields["account_number"]  # the server assigns the next free number
            self._submit(self._api.create_customer, nest(fields))
        else:
            self._submit(
                self._api.update_customer, base.id, nest(self.form.changes()), base.version
            )

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
        kind = running.kind if running else ""
        closes = kind != "cancel" and not self.form.is_dirty()  # as CustomerOperations decides
        self._refusal = stays_open_text(kind, closes_by_itself=closes)
        self._set_note(self._refusal, "warning")

    def _ask_to_discard(self) -> None:
        if self._discard_box is not None:
            self._discard_box.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("You have changes that are not saved. Discard them?"),
            parent=self,
        )
        named(box, "discardChangesBox", self.tr("Discard changes?"))
        discard = named(
            box.addButton(self.tr("Discard Changes"), QMessageBox.ButtonRole.DestructiveRole),
            "discardButton",
            self.tr("Discard changes"),
        )
        keep = named(
            box.addButton(self.tr("Keep Editing"), QMessageBox.ButtonRole.RejectRole),
            "keepEditingButton",
            self.tr("Keep editing"),
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            self._discard_box = None
            box.deleteLater()
            if box.clickedButton() is discard:
                self._closing_confirmed = True
                self.reject()
                self._closing_confirmed = False

        box.finished.connect(answered)
        self._discard_box = box
        box.open()

    # --- saving --------------------------------------------------------------------------------

    def _submit(self, call: Callable[..., Customer], *args: object) -> None:
        self._set_saving(True)
        self._runner.submit(call, *args, success=self._saved, failure=self._save_failed, owner=self)

    @Slot(object)
    def _saved(self, customer: Customer) -> None:
        self._set_saving(False)
        self._show(customer)
        when = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        self._set_note(self.tr("Saved at {time}.").format(time=when), "success")
        self.customer_saved.emit(customer)

    @Slot(str, str)
    def _control_panel_opened(self, name: str, _url: str) -> None:
        self._set_note(
            self.tr("Opened {name}'s control panel in your browser.").format(
                name=shortened(name, 60)
            ),
            "info",
        )

    @Slot(object)
    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ConflictError) and error.current is not None:
            self._resolve_conflict(error.current)
        elif isinstance(error, ConflictError) and error.code == "duplicate":
            self.form.show_server_errors(
                {"account_number": self.tr("Already used by another customer")}
            )
            self.form.focus_first_problem()
            self._set_note(self.tr("That account number is taken; choose another."), "error")
        elif isinstance(error, ValidationError):
            unplaced = self.form.show_server_errors(error.fields)
            self.form.focus_first_problem()
            extra = "; ".join(f"{key}: {text}" for key, text in unplaced.items())
            self._set_note(
                self.tr("The server did not accept some fields. {extra}")
                .format(extra=extra)
                .strip(),
                "error",
            )
        else:
            self._set_note(self._failure_text(error), "error")
        self._update_buttons()

    def _failure_text(self, error: BaseException) -> str:
        if isinstance(error, NetworkError):
            return self.tr(
                "Could not reach the server: {reason} Your edits are kept; try Save again."
            ).format(reason=shown_message(error.message))
        if isinstance(error, SessionExpiredError):
            return self.tr("You are signed out. Sign in again, then Save: your edits are kept.")
        if isinstance(error, NotFoundError):
            return self.tr("This customer no longer exists, or is no longer yours.")
        if isinstance(error, ApiError):
            return self.tr("Not saved: {reason}").format(reason=shown_message(error.message))
        return self.tr("Not saved: something unexpected went wrong ({reason}).").format(
            reason=type(error).__name__
        )

    def _resolve_conflict(self, current: Customer) -> None:
        base = self.form.base()
        assert base is not None  # a 412 answers an edit, never a create
        mine = self.form.changes()
        rows = [
            ConflictRow(
                key,
                self.form.label(key),
                value,
                customer_value(current, key),
                customer_value(current, key) != customer_value(base, key),
            )
            for key, value in mine.items()
            if customer_value(current, key) != value
        ]
        also = [
            self.form.label(key)
            for key in FIELD_KEYS
            if key not in mine and customer_value(current, key) != customer_value(base, key)
        ]
        if not rows:
            # The other change already says what this person typed: nothing left to choose.
            self._show(current)
            self._set_note(self.tr("Someone else had already saved the same changes."), "info")
            self.customer_saved.emit(current)
            return
        dialog = ConflictDialog(current.name, rows, also, self)

        def merge() -> None:
            chosen = dialog.kept()
            keep = {k: v for k, v in mine.items() if k in chosen or k not in dialog.choices()}
            self.status_panel.show_customer(current)
            self.form.rebase(current, keep)
            self._update_header()
            self._update_buttons()
            if self.form.is_dirty():
                self.save()  # against the server's new version, with what the person kept
            else:
                self._set_note(self.tr("Took the server's values; nothing left to save."), "info")
                self.customer_saved.emit(current)

        def cancelled() -> None:
            self._set_note(
                self.tr("Nothing was saved. Your edits are still here; Save to compare again."),
                "info",
            )

        dialog.accepted.connect(merge)
        dialog.rejected.connect(cancelled)
        dialog.finished.connect(dialog.deleteLater)
        self._set_note(self.tr("Someone else changed this customer; choose what to keep."), "info")
        dialog.open()

    # --- state ---------------------------------------------------------------------------------

    def _show(self, customer: Customer | None) -> None:
        self.form.set_customer(customer)
        self.status_panel.show_customer(customer)
        self.services_tab.set_customer(customer)
        self.history_tab.set_customer(customer)
        self.login_button.set_customer(customer)
        self._update_header()
        self._update_buttons()

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
    def _update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        valid = self.form.is_valid()
        self.save_button.setEnabled(
            dirty and valid and not self._saving and not self._operation_locked
        )
        if self._operation_locked:
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
            self._set_note("", "info")  # "Saved at…" no longer describes the form

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.form.setEnabled(not saving)
        self.close_button.setEnabled(not saving and not self._operation_locked)
        self.progress.setVisible(saving)
        if saving:
            self._set_note(self.tr("Saving changes…"), "info")
        self._update_buttons()

    def _set_note(self, text: str, kind: str) -> None:
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
            self._set_note(waiting, "info")
        elif self.note.text() in (waiting, self._refusal):
            self._set_note("", "info")
        self._update_buttons()

    def show_server_customer(self, customer: Customer) -> None:
        """The customer as read back after an operation; unsaved edits stay on top of it."""
        keep = self.form.changes() if self.form.is_dirty() else {}
        self._show(customer)
        if keep:
            self.form.rebase(customer, keep)
            self._update_buttons()

    def has_unsaved_edits(self) -> bool:
        return self.form.is_dirty()

    def close_by_itself(self) -> None:
        if not self._operation_locked:
            self.accept()
