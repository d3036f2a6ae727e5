"""Account (Edit > Account…, or the user's name in the status bar): who you are, your password,
and two-factor sign-in (set it up, or turn it off with a code)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import TaskRunner
from desktop.ui.account.password_form import ChangePasswordForm
from desktop.ui.permissions import role_name
from desktop.ui.widgets.labels import muted, wrapped
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Me


class AccountDialog(QDialog):
    # /me read again after two-factor changed: the window's Permissions follow.
    me_changed = Signal(object)

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        me: Me | None,
        username: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._me = me
        self._username = username
        named(self, "accountDialog", self.tr("Account"))
        self.setWindowTitle(self.tr("Account"))
        self.setMinimumWidth(480)
        self.who = wrapped("")
        self.who.setObjectName("accountWho")
        self.password_form = ChangePasswordForm(api, runner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.password_form)
        layout.addWidget(self._build_mfa_group())
        buttons = QDialogButtonBox()
        close = named(QPushButton(self.tr("Close")), "accountCloseButton", self.tr("Close"))
        close.setAutoDefault(False)  # Enter in a password field changes the password instead
        close.clicked.connect(self.reject)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self._show_me()
        self.password_form.current.setFocus()

    def _build_mfa_group(self) -> QGroupBox:
        group = named(QGroupBox(self.tr("Two-factor sign-in")), "mfaGroup", self.tr("Two-factor"))
        self.mfa_status = named(QLabel(), "mfaStatus", self.tr("Two-factor status"))
        self.mfa_status.setWordWrap(True)
        self.mfa_button = named(QPushButton(), "mfaSetupButton", self.tr("Set up two-factor"))
        self.mfa_button.setAutoDefault(False)
        self.mfa_button.clicked.connect(self._mfa_clicked)
        self.mfa_note = muted("")
        self.mfa_note.setObjectName("mfaNote")
        row = QHBoxLayout()
        row.addWidget(self.mfa_button)
        row.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.mfa_status)
        layout.addLayout(row)
        layout.addWidget(self.mfa_note)
        return group

    @property
    def mfa_enabled(self) -> bool:
        return self._me is not None and self._me.mfa_enabled

    def _show_me(self) -> None:
        me = self._me
        if me is not None:
            self.who.setText(
                self.tr("Signed in as <b>{name}</b> ({user}), {role} of {partner}.").format(
                    name=html.escape(me.shown_name),
                    user=html.escape(me.username),
                    role=html.escape(role_name(me.role)),
                    partner=html.escape(me.partner.name),
                )
            )
        else:
            self.who.setText(
                self.tr("Signed in as <b>{user}</b>.").format(user=html.escape(self._username))
            )
        required = me is not None and me.partner.require_mfa
        if self.mfa_enabled:
            self.mfa_status.setText(
                self.tr("<b>On.</b> Signing in asks for a code from your authenticator app.")
            )
            self.mfa_button.setText(self.tr("Turn &Off Two-Factor…"))
            self.mfa_button.setAccessibleName(self.tr("Turn off two-factor"))
            # The partner's rule: without two-factor every call would be refused at once.
            self.mfa_button.setEnabled(not required)
            self.mfa_button.setToolTip(
                self.tr("Your partner requires two-factor sign-in, so it stays on.")
                if required
                else ""
            )
        else:
            self.mfa_status.setText(self.tr("<b>Off.</b> Your password alone signs you in."))
            self.mfa_button.setText(self.tr("Set Up &Two-Factor…"))
            self.mfa_button.setAccessibleName(self.tr("Set up two-factor"))
            self.mfa_button.setEnabled(True)
            self.mfa_button.setToolTip("")
        self._note(
            self.tr("Your partner requires two-factor sign-in for all staff.") if required else ""
        )

    def _note(self, text: str) -> None:
        self.mfa_note.setText(text)
        self.mfa_note.setVisible(bool(text))

    @Slot()
    def _mfa_clicked(self) -> None:
        if self.mfa_enabled:
            from desktop.ui.account.turn_off import TurnOffDialog

            dialog: QDialog = TurnOffDialog(self._api, self._runner, self)
        else:
            from desktop.ui.account.setup_dialog import MfaSetupDialog

            dialog = MfaSetupDialog(self._api, self._runner, self._username, parent=self)
        dialog.finished.connect(lambda _result, d=dialog: self._mfa_dialog_ended(d))
        dialog.open()

    def _mfa_dialog_ended(self, dialog: QDialog) -> None:
        changed = getattr(dialog, "enabled", False) or (
            dialog.result() == QDialog.DialogCode.Accepted and self.mfa_enabled
        )
        dialog.deleteLater()
        if changed and self._me is not None:
            # Shown at once; /me read again to be sure (and for the window's Permissions).
            self._me = self._me.model_copy(update={"mfa_enabled": not self._me.mfa_enabled})
            self._show_me()
        if changed:
            self._runner.submit(
                self._api.me, success=self._read, failure=self._not_read, owner=self
            )
        # Back to where the person was: a closed child may leave no window active.
        self.activateWindow()
        self.mfa_button.setFocus()

    @Slot(object)
    def _read(self, me: Any) -> None:
        self._me = me
        self._show_me()
        self.me_changed.emit(me)

    @Slot(object)
    def _not_read(self, _error: Any) -> None:
        pass  # what the set-up or turning off answered is shown already

    def done(self, result: int) -> None:
        self.password_form.forget()
        super().done(result)
