"""The api's connection state (desktop/api/connection.py) as a Qt signal on the GUI thread.

    watch = ConnectionWatch(api, runner, parent)
    watch.changed.connect(...)      # then read watch.state

Each call's outcome reaches the monitor on the worker that made it; this hands the news to
the GUI thread. While the server is not answering, it asks again now and then (GET /health,
which needs no sign-in), so "Reconnecting…" is true and the app sees by itself that the server
is back, whether or not anything else is calling.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.connection import ConnectionState
    from desktop.tasks import TaskRunner

# Between two checks of a server that does not answer: soon at first, then less often.
_FIRST_CHECK_MS = 1_000
_LONGEST_CHECK_MS = 15_000


class ConnectionWatch(QObject):
    changed = Signal()  # the state may have changed: read `state`
    _heard = Signal()  # from any thread; queued to the GUI thread

    def __init__(self, api: PartnerApi, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt

        self._api = api
        self._runner = runner
        self._stopped = False
        self._checking = False
        self._pause_ms = _FIRST_CHECK_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._heard.connect(self._on_heard, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = api.connection.subscribe(self._tell)
        unsubscribe = self._unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())
        self._on_heard()  # a call failed before this existed: the checks start now

    @property
    def state(self) -> ConnectionState:
        return self._api.connection.current

    def _tell(self, _state: ConnectionState) -> None:
        # On the worker that made the call; this object may be gone by then.
        with contextlib.suppress(RuntimeError):
            self._heard.emit()

    @Slot()
    def _on_heard(self) -> None:
        if self.state.connected or self.state.state == "unknown":
            self._timer.stop()
            self._pause_ms = _FIRST_CHECK_MS
        elif not self._timer.isActive() and not self._checking and not self._stopped:
            self._timer.start(self._pause_ms)
        self.changed.emit()

    @Slot()
    def check_now(self, session: bool = False) -> None:
        """Ask the server now; `session` asks as the signed-in person (GET /me), so a token the
        server no longer takes leads to signing in again, as any call would."""
        if self._stopped:
            return
        self._timer.stop()
        self._checking = True
        call = self._api.me if session and self._api.token else self._api.health
        self._runner.submit(call, success=self._checked, failure=self._checked, owner=self)

    @Slot(object)
    def _checked(self, _outcome: object) -> None:
        # The outcome itself reached the monitor already; only when to ask next is decided here.
        self._checking = False
        if self.state.connected or self._stopped:
            return
        self._pause_ms = min(self._pause_ms * 2, _LONGEST_CHECK_MS)
        self._timer.start(self._pause_ms)

    def stop(self) -> None:
        """No more checks (quit, sign out)."""
        self._stopped = True
        self._timer.stop()
