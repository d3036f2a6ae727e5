"""What the Staff page does to a person or the team once asked: each change is confirmed
first (confirm.py), then sent on the TaskRunner; the answer comes back as signals.

After a refusal the page shows the server's state again (the role picker goes back); lowering
one's own role reads /me again, as a 403 does, and every guarded control of the window follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop.api.errors import NotFoundError
from desktop.api.records import Partner
from desktop.api.team_records import Role, StaffUser
from desktop.ui.staff.calls import change_role, refusal_words, require_mfa, set_disabled
from desktop.ui.staff.confirm import (
    DisableConfirmDialog,
    RequireMfaConfirmDialog,
    RoleConfirmDialog,
    StaffConfirmDialog,
)
from desktop.ui.staff.reach import is_self, lowers, role_title

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner
    from desktop.ui.permissions import Permissions


class StaffActions(QObject):
    changed = Signal(object)  # a StaffUser as the server has it now
    partner_changed = Signal(object)  # the Partner, after its two-factor rule changed
    said = Signal(str, str)  # words, and a Callout's kind ("neutral", "danger")
    busy_changed = Signal(bool)
    settled = Signal()  # a question or a change ended: show the server's state again
    stale = Signal()  # the list is out of date (someone was removed meanwhile)

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        permissions: Permissions,
        parent_widget: QWidget,
    ) -> None:
        super().__init__(parent_widget)
        self._api = api
        self._runner = runner
        self._permissions = permissions
        self._parent = parent_widget
        self._busy = False
        self.question: StaffConfirmDialog | None = None
        # Whose role is being asked about or sent: the picker shows the chosen one meanwhile.
        self.subject_id = ""

    @property
    def busy(self) -> bool:
        return self._busy or self.question is not None

    # -- asking --------------------------------------------------------------------------------

    def ask_role(self, person: StaffUser, role: Role) -> None:
        if self.busy or role == person.role:
            self.settled.emit()
            return
        yourself = is_self(self._permissions.me, person)
        self.subject_id = person.id
        dialog = RoleConfirmDialog(
            person, role, yourself and lowers(person.role, role), self._parent
        )
        self._ask(dialog, lambda: self._change_role(person, role, yourself))

    def ask_disable(self, person: StaffUser) -> None:
        if self.busy:
            return
        disable = not person.disabled
        dialog = DisableConfirmDialog(person, disable, self._parent)
        self._ask(dialog, lambda: self._set_disabled(person, disable))

    def ask_require_mfa(self, required: bool) -> None:
        if self.busy:
            self.settled.emit()
            return
        me = self._permissions.me
        own_mfa = me is None or me.mfa_enabled
        dialog = RequireMfaConfirmDialog(required, own_mfa, self._parent)
        self._ask(dialog, lambda: self._require(required))

    def _ask(self, dialog: StaffConfirmDialog, send: Any) -> None:
        self.question = dialog
        self.busy_changed.emit(True)

        def answered(result: int) -> None:
            self.question = None
            dialog.deleteLater()
            if result == StaffConfirmDialog.DialogCode.Accepted:
                send()
            else:
                self.subject_id = ""
                self.busy_changed.emit(False)
                self.settled.emit()

        dialog.finished.connect(answered)
        dialog.open()

    # -- sending -------------------------------------------------------------------------------

    def _start(self, fn: Any, *args: Any, success: Any, name: str) -> None:
        self._busy = True
        self.busy_changed.emit(True)
        self._runner.submit(
            fn,
            self._api,
            *args,
            success=success,
            failure=lambda error: self._failed(error, name),
            owner=self,
        )

    def _change_role(self, person: StaffUser, role: Role, yourself: bool) -> None:
        def done(changed: StaffUser) -> None:
            self._done(changed)
            self.said.emit(
                self.tr("{name} is now: {role}.").format(
                    name=changed.shown_name, role=role_title(changed.role)
                ),
                "neutral",
            )
            if yourself:
                self._permissions.reload()  # what this window allows follows the new role

        self._start(change_role, person.id, role, success=done, name=person.shown_name)

    def _set_disabled(self, person: StaffUser, disable: bool) -> None:
        def done(changed: StaffUser) -> None:
            self._done(changed)
            words = (
                self.tr("{name} is disabled; their sessions have ended.")
                if changed.disabled
                else self.tr("{name} is enabled and can sign in again.")
            )
            self.said.emit(words.format(name=changed.shown_name), "neutral")

        self._start(set_disabled, person.id, disable, success=done, name=person.shown_name)

    def _require(self, required: bool) -> None:
        def done(partner: Partner) -> None:
            self._finish()
            self.partner_changed.emit(partner)
            self.said.emit(
                self.tr("Two-factor sign-in is now required for everyone.")
                if partner.require_mfa
                else self.tr("Two-factor sign-in is no longer required."),
                "neutral",
            )
            self._permissions.reload()  # /me's partner carries the rule
            self.settled.emit()

        self._start(require_mfa, required, success=done, name="")

    @Slot(object)
    def _done(self, changed: StaffUser) -> None:
        self._finish()
        self.changed.emit(changed)
        self.settled.emit()

    def _failed(self, error: BaseException, name: str) -> None:
        self._finish()
        # A 403 (the role changed meanwhile) re-reads /me by itself: Permissions follows every
        # task the runner saw refused.
        if isinstance(error, NotFoundError):
            self.stale.emit()
        reason = refusal_words(error, name)
        self.said.emit(self.tr("Nothing was changed. {reason}").format(reason=reason), "danger")
        self.settled.emit()

    def _finish(self) -> None:
        self._busy = False
        self.subject_id = ""
        self.busy_changed.emit(False)
