"""A partner that requires two-factor: a user without it sets it up before the window opens.

The sign-in answered `mfa_setup_required`; every call but `/me`, the set-up and sign-out would
be refused, so the set-up dialog comes first, over the sign-in dialog, and the main window is
not built until two-factor is on. Leaving the set-up signs out.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.session import SignedIn
from desktop.tasks import TaskRunner


class SetupGate(QObject):
    passed = Signal(object)  # the SignedIn, two-factor on: the window may open
    abandoned = Signal()  # the person left the set-up: signed out

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._window = parent

    def require(self, session: SignedIn) -> None:
        from desktop.ui.account.setup_dialog import MfaSetupDialog

        dialog = MfaSetupDialog(
            session.api, self._runner, session.username, required=True, parent=self._window
        )
        dialog.finished.connect(lambda _result: self._ended(dialog, session))
        dialog.open()

    def _ended(self, dialog: QWidget, session: SignedIn) -> None:
        enabled = bool(getattr(dialog, "enabled", False))
        dialog.deleteLater()
        if enabled:
            me = session.me.model_copy(update={"mfa_enabled": True}) if session.me else None
            self.passed.emit(dataclasses.replace(session, me=me, mfa_setup_required=False))
            return
        api = session.api
        self._runner.submit(
            api.logout, success=lambda _done: api.close(), failure=lambda _error: api.close()
        )
        self.abandoned.emit()
