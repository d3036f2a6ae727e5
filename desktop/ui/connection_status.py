"""The status bar's word on the server: Live, Connected, Reconnecting…, Offline since 14:02.

It says what the calls themselves found (desktop/connection.py), so it agrees with what an
operation's dialog says; with the change feed followed (desktop/live), Live while it streams,
and whenever it does not, that the list may be out of date. In demo mode the server is a child
process of the app: once that has exited, this says "Demo server stopped" and offers to start
it again on the same demo data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.failure_words import error_message, shown_message
from desktop.ui.widgets.clock import local_clock
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.connection import ConnectionWatch
    from desktop.demo import DemoServer
    from desktop.live.feed import LiveFeed
    from desktop.tasks import TaskRunner

_DEMO_LOOK_MS = 1_000  # how often the demo server's process is looked at (a cheap waitpid)


class ConnectionStatus(QWidget):
    def __init__(
        self, connection: ConnectionWatch, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._runner = runner
        self._demo: DemoServer | None = None
        self._live: LiveFeed | None = None
        self._restarting = False
        self._restart_problem = ""
        self.label = named(QLabel(), "statusConnection", self.tr("Connection"))
        self.restart = named(
            QPushButton(self.tr("Restart Demo Server")),
            "restartDemoServerButton",
            self.tr("Restart demo server"),
            self.tr("Starts the demo server again, with the demo data as it was."),
        )
        self.restart.setAutoDefault(False)
        self.restart.clicked.connect(self.restart_demo)
        self.restart.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.restart)
        self._demo_timer = QTimer(self)
        self._demo_timer.timeout.connect(self._show)
        connection.changed.connect(self._show)
        self._show()

    def watch_demo(self, demo: DemoServer) -> None:
        """Demo mode: name the demo server's own end, and offer to start it again."""
        self._demo = demo
        self._demo_timer.start(_DEMO_LOOK_MS)
        self._show()

    def set_live(self, feed: LiveFeed) -> None:
        """Follow the change feed too: Live while it streams, and what it means when not."""
        self._live = feed
        feed.state_changed.connect(self._show)
        self._show()

    def _demo_stopped(self) -> bool:
        return self._demo is not None and not self._restarting and self._demo.has_stopped()

    @Slot()
    def _show(self) -> None:
        if self._restarting:
            self._say(self.tr("Starting the demo server…"), "", "")
        elif self._demo_stopped():
            text = self.tr("Demo server stopped")
            why = self.tr(
                "The demo server that Partner Desk started on this computer has stopped. "
                "Restart it to go on: the demo data is kept."
            )
            if self._restart_problem:
                text = self.tr("Could not restart the demo server")
                why = self._restart_problem
            self._say(text, why, "error")
        else:
            self._show_connection()
        self.restart.setVisible(self._demo_stopped() or self._restarting)
        self.restart.setEnabled(not self._restarting)

    def _show_connection(self) -> None:
        state = self._connection.state
        reason = shown_message(state.reason)
        live = self._live.state if self._live is not None else "unavailable"
        # Only a feed once followed can fall behind; one that never was says nothing of it.
        stale = live not in ("unavailable", "off")
        if stale:
            stale_words = self.tr(
                "The customer list may be out of date: changes made by others since then"
                " appear once the connection is back."
            )
            reason = f"{reason}\n{stale_words}" if reason else stale_words
        if state.state == "offline":
            since = self.tr("Offline since {time}").format(time=local_clock(state.since))
            self._say(since, reason, "error")
        elif state.state == "reconnecting" or (state.connected and live == "reconnecting"):
            why = reason
            if self._live is not None and live == "reconnecting" and self._live.reason:
                why = f"{shown_message(self._live.reason)}\n{why}"
            self._say(self.tr("Reconnecting…"), why, "warning")
        elif state.connected and live == "live":
            self._say(
                self.tr("Live"),
                self.tr("Changes made by others appear here as they happen."),
                "",
            )
        elif state.connected:
            self._say(self.tr("Connected"), "", "")
        else:
            self._say(self.tr("Connecting…"), "", "")

    def _say(self, text: str, why: str, tone: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(why)
        self.label.setAccessibleDescription(why)
        self.label.setStyleSheet(tone_style(tone) if tone else "")

    @Slot()
    def restart_demo(self) -> None:
        demo = self._demo
        if demo is None or self._restarting or not demo.has_stopped():
            return
        self._restarting = True
        self._restart_problem = ""
        self._show()
        try:
            # Started here, on the GUI thread: the child's parent-death signal follows the
            # thread that started it, and a worker thread ends long before the app does.
            demo.restart()
        except OSError as exc:
            self._restart_failed(exc)
            return
        # Its start-up (a second or two) is waited for off the GUI thread.
        self._runner.submit(
            demo.wait_ready, success=self._restarted, failure=self._restart_failed, owner=self
        )

    @Slot(object)
    def _restarted(self, _url: object) -> None:
        self._restarting = False
        # Signed in again if the server no longer takes the token, as for any call; then the
        # watches waiting on it go on by themselves.
        self._connection.check_now(session=True)
        self._show()

    @Slot(object)
    def _restart_failed(self, error: BaseException) -> None:
        self._restarting = False
        self._restart_problem = error_message(error)
        self._show()
