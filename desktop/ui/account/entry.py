"""Where the Account dialog opens from: Edit > Account…, and a click on the signed-in user's name
in the status bar (the label stays a QLabel named statusUser; the menu is the keyboard's way)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.session import SignedIn
    from desktop.ui.account.dialog import AccountDialog
    from desktop.ui.permissions import Permissions


class AccountEntry(QObject):
    # The person's new password: the app keeps it where the old one was (keyring or memory),
    # so Remember me's next start signs in with it.
    password_changed = Signal(str)

    def __init__(
        self,
        window: QWidget,
        session: SignedIn,
        runner: TaskRunner,
        permissions: Permissions,
        user_label: QLabel,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._runner = runner
        self._permissions = permissions
        self._dialog: AccountDialog | None = None
        # The team began to require two-factor while this person works: their calls are refused
        # until it is set up, so the set-up comes to them instead of only the refusals.
        runner.refused.connect(self._refused)
        user_label.installEventFilter(self)
        user_label.setCursor(Qt.CursorShape.PointingHandCursor)
        tip = self.tr("Click for your account: password and two-factor sign-in.")
        kept = user_label.toolTip()
        user_label.setToolTip(f"{kept}\n{tip}" if kept else tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.open()
            return True
        return super().eventFilter(watched, event)

    @Slot(object)
    def _refused(self, error: object) -> None:
        from desktop.api.errors import MfaSetupRequiredError

        if not isinstance(error, MfaSetupRequiredError) or self._dialog is not None:
            return
        self.open()
        if self._dialog is not None and not self._dialog.mfa_enabled:
            self._dialog.mfa_button.click()

    @property
    def dialog(self) -> AccountDialog | None:
        return self._dialog

    @Slot()
    def open(self) -> None:
        from desktop.ui.account.dialog import AccountDialog

        if self._dialog is not None:  # one at a time: the open one comes forward
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        dialog = AccountDialog(
            self._session.api,
            self._runner,
            self._permissions.me,
            self._session.username,
            self._window,
        )
        dialog.me_changed.connect(self._permissions.set_me)
        dialog.password_form.password_changed.connect(self.password_changed)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self._dialog = dialog
        dialog.open()

    def _closed(self, dialog: AccountDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
