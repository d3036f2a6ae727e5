"""`--self-test`: the real start-up, end to end, judged by the app itself.

It starts a demo server from fresh data in a throwaway folder, signs in, opens the main window
and waits until customers are listed; then it quits with 0. Anything else (a demo server that
does not start, a failed sign-in, a failed load, or the time running out) quits with 1 and one
line that says which step failed. It is what an installer build runs to prove the bundle works.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from desktop.app import AppController
    from desktop.demo import DemoServer

DEFAULT_SECONDS = 120.0
PREFIX = "partner-desk self-test:"


def report(message: str, *, failed: bool = False) -> None:
    print(f"{PREFIX} {message}", file=sys.stderr if failed else sys.stdout, flush=True)


class SelfTest(QObject):
    """Made before the app's settings are read, so nothing of the person's own is touched."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds if seconds > 0 else DEFAULT_SECONDS
        self.data_dir = Path(tempfile.mkdtemp(prefix="partner-desk-self-test-"))
        # Window layout and last server go to the throwaway folder, on every OS (Windows'
        # native format is the registry, so the format is switched too).
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.data_dir / "settings")
        )
        self.stage = "starting the demo server"
        self.exit_code: int | None = None
        self._controller: AppController | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._out_of_time)

    def watch(self, controller: AppController, demo: DemoServer | None) -> None:
        """Called once the controller has started: the event loop does the rest."""
        self._controller = controller
        if demo is not None and demo.proc is not None:
            # The test that runs the bundle checks this process is gone afterwards.
            report(f"demo server pid {demo.proc.pid} at {demo.url}")
        self.stage = "signing in"
        if controller.login is not None:
            # Connected after the controller's own slot, so the window exists when this runs,
            # and before any page of customers can arrive (those come through the event loop).
            controller.login.signed_in.connect(self._signed_in)
        self._poll.start()
        self._deadline.start(int(self.seconds * 1000))

    def fail(self, message: str) -> int:
        self._finish(1, f"FAILED while {self.stage}: {message}")
        return 1

    def cleanup(self) -> None:
        """After the demo server has stopped: its database lives in the folder."""
        shutil.rmtree(self.data_dir, ignore_errors=True)

    @Slot()
    def _check(self) -> None:
        """A failed sign-in only shows its words in the dialog: look for them."""
        controller = self._controller
        if controller is None or controller.window is not None or controller.login is None:
            return
        if not controller.login.error.isHidden():
            self.fail(controller.login.error.text())

    @Slot(object)
    def _signed_in(self, _session: object) -> None:
        if self._controller is None or self._controller.window is None:
            self.fail("signed in, but no main window opened")
            return
        self._poll.stop()
        self.stage = "loading customers"
        page = self._controller.window.customers
        page.load_state.connect(self._load_state)
        self._load_state("")  # in case the list was complete already

    @Slot(str)
    def _load_state(self, words: str) -> None:
        if self._controller is None or self._controller.window is None:
            return
        page = self._controller.window.customers
        if not page.progress.isHidden():
            return  # still loading: the words are progress, not an outcome
        rows = page.model.rowCount()
        if rows > 0 and self._controller.window.isVisible():
            self._finish(0, f"OK: the main window lists {rows} customers")
        else:
            self.fail(words or "no customers were listed")

    @Slot()
    def _out_of_time(self) -> None:
        self.fail(f"no result after {self.seconds:g} s")

    def _finish(self, code: int, message: str) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        self._poll.stop()
        self._deadline.stop()
        report(message, failed=code != 0)
        app = QApplication.instance()
        if app is not None:
            app.exit(code)
