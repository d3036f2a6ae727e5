"""Saving the Edit Customer form, and what each answer of the server means for it.

Every call runs in the TaskRunner; the saver only reacts to the answers. What the person typed
survives every failure: a 422 lands beside its field, a 412 becomes a per-field choice, a
network error leaves the form as it was. And nothing typed is thrown away without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.api.errors import (
    ApiError,
    ConflictError,
    NetworkError,
    NotFoundError,
    SessionExpiredError,
    ValidationError,
)
from desktop.ui.customer.conflict import ConflictDialog, ConflictRow
from desktop.ui.customer.fields import FIELD_KEYS, FieldValue, customer_value, nest
from desktop.ui.failure_words import error_message, shown_message
from desktop.ui.widgets.clock import local_clock
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.form import CustomerForm


class SaveHost(Protocol):
    """What the dialog lends while it saves: its note, its busy state and its customer."""

    def set_saving(self, saving: bool) -> None: ...

    def set_note(self, text: str, kind: str) -> None: ...

    def show_customer(self, customer: Customer | None) -> None: ...

    def rebase(self, current: Customer, keep: dict[str, FieldValue]) -> None: ...

    def update_buttons(self) -> None: ...

    def save(self) -> None: ...


class CustomerSaver(QObject):
    saved = Signal(object)  # the server's Customer after a save, a create or a merge

    def __init__(
        self,
        host: SaveHost,
        window: QWidget,
        form: CustomerForm,
        api: PartnerApi,
        runner: TaskRunner,
    ) -> None:
        super().__init__(window)
        self._host = host
        self._window = window
        self._form = form
        self._api = api
        self._runner = runner

    def save(self) -> None:
        """Send the form: a new customer, or the changes to the version the form shows."""
        base = self._form.base()
        if base is None:
            fields = self._form.values()
            if not fields["account_number"]:
                del fields["account_number"]  # the server assigns the next free number
            self._submit(self._api.create_customer, nest(fields))
        else:
            changes = nest(self._form.changes())
            self._submit(self._api.update_customer, base.id, changes, base.version)

    @Slot(object)
    def show_failure(self, error: BaseException) -> None:
        """What a refused or failed save means for the form; the edits stay."""
        self._host.set_saving(False)
        form = self._form
        if isinstance(error, ConflictError) and error.current is not None:
            self._resolve_conflict(error.current)
        elif isinstance(error, ConflictError) and error.code == "duplicate":
            form.show_server_errors({"account_number": self.tr("Already used by another customer")})
            form.focus_first_problem()
            self._host.set_note(self.tr("That account number is taken; choose another."), "error")
        elif isinstance(error, ValidationError):
            unplaced = form.show_server_errors(error.fields)
            form.focus_first_problem()
            extra = "; ".join(f"{key}: {text}" for key, text in unplaced.items())
            self._host.set_note(
                self.tr("The server did not accept some fields. {extra}")
                .format(extra=extra)
                .strip(),
                "error",
            )
        else:
            self._host.set_note(self._failure_text(error), "error")
        self._host.update_buttons()

    def _submit(self, call: Callable[..., Customer], *args: object) -> None:
        self._host.set_saving(True)
        self._runner.submit(
            call, *args, success=self._saved, failure=self.show_failure, owner=self._window
        )

    @Slot(object)
    def _saved(self, customer: Customer) -> None:
        self._host.set_saving(False)
        self._host.show_customer(customer)
        when = local_clock(datetime.now(UTC))
        self._host.set_note(self.tr("Saved at {time}.").format(time=when), "success")
        self.saved.emit(customer)

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
            # error_message: a 403 in the words of the disabled Save's tooltip.
            return self.tr("Not saved: {reason}").format(reason=error_message(error))
        return self.tr("Not saved: something unexpected went wrong ({reason}).").format(
            reason=type(error).__name__
        )

    def _resolve_conflict(self, current: Customer) -> None:
        mine = self._form.changes()
        rows, also = self._conflicts(current, mine)
        if not rows:
            # The other change already says what this person typed: nothing left to choose.
            self._host.show_customer(current)
            self._host.set_note(self.tr("Someone else had already saved the same changes."), "info")
            self.saved.emit(current)
            return
        dialog = ConflictDialog(current.name, rows, also, self._window)

        def merge() -> None:
            chosen = dialog.kept()
            keep = {k: v for k, v in mine.items() if k in chosen or k not in dialog.choices()}
            self._host.rebase(current, keep)
            if self._form.is_dirty():
                self._host.save()  # against the server's new version, with what the person kept
            else:
                self._host.set_note(
                    self.tr("Took the server's values; nothing left to save."), "info"
                )
                self.saved.emit(current)

        def cancelled() -> None:
            self._host.set_note(
                self.tr("Nothing was saved. Your edits are still here; Save to compare again."),
                "info",
            )

        dialog.accepted.connect(merge)
        dialog.rejected.connect(cancelled)
        dialog.finished.connect(dialog.deleteLater)
        self._host.set_note(
            self.tr("Someone else changed this customer; choose what to keep."), "info"
        )
        dialog.open()

    def _conflicts(
        self, current: Customer, mine: dict[str, FieldValue]
    ) -> tuple[list[ConflictRow], list[str]]:
        """The person's edits the server's version disagrees with, and the labels of the
        fields someone else changed that the person left alone."""
        base = self._form.base()
        assert base is not None  # a 412 answers an edit, never a create
        label = self._form.label
        rows = [
            ConflictRow(
                key,
                label(key),
                value,
                customer_value(current, key),
                customer_value(current, key) != customer_value(base, key),
            )
            for key, value in mine.items()
            if customer_value(current, key) != value
        ]
        also = [
            label(key)
            for key in FIELD_KEYS
            if key not in mine and customer_value(current, key) != customer_value(base, key)
        ]
        return rows, also


class DiscardChangesBox(QMessageBox):
    """Closing with unsaved edits: Discard Changes, or Keep Editing (the default, and Esc)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Discard changes?"))
        self.setText(self.tr("You have changes that are not saved. Discard them?"))
        named(self, "discardChangesBox", self.tr("Discard changes?"))
        self.discard = named(
            self.addButton(self.tr("Discard Changes"), QMessageBox.ButtonRole.DestructiveRole),
            "discardButton",
            self.tr("Discard changes"),
        )
        keep = named(
            self.addButton(self.tr("Keep Editing"), QMessageBox.ButtonRole.RejectRole),
            "keepEditingButton",
            self.tr("Keep editing"),
        )
        self.setDefaultButton(keep)
        self.setEscapeButton(keep)

    def discarded(self) -> bool:
        return self.clickedButton() is self.discard
