"""Asks before quitting or signing out while an operation runs, and says what happens then.

Non-blocking (the box is opened, not exec'd): the window refuses the close, and closes again
itself once the person insists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.operation_status import doing_words
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.operations.center import OperationCenter

_NAMED = 3  # operations named in the question; more are counted


class LeaveGuard(QObject):
    def __init__(
        self,
        window: QWidget,
        center: OperationCenter,
        waiting: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._center = center
        # Customers a bulk action has confirmed but not sent yet: quitting would drop them.
        self._waiting = waiting or (lambda: 0)
        self._insisted = False
        self._box: QMessageBox | None = None

    def must_ask(self) -> bool:
        return (self._center.any_running() or self._waiting() > 0) and not self._insisted

    def ask(self, quitting: bool, then: Callable[[], object]) -> None:
        """Open the question; `then` runs once the person chooses to leave anyway."""
        if self._box is not None:
            self._box.raise_()
            return
        what = self._running_words()
        name, title, leave_text, stay_text, after = self._leaving_words(quitting)
        if waiting := self._waiting():
            what = " ".join(
                part
                for part in (
                    what,
                    self.tr(
                        "%n more customers are waiting their turn in a bulk action.", "", waiting
                    ),
                )
                if part
            )
            after += " " + self.tr("Those waiting are not sent: nothing happens to them.")
        box = QMessageBox(QMessageBox.Icon.Warning, title, what, parent=self._window)
        named(box, name, title)
        box.setInformativeText(after)
        leave = named(
            box.addButton(leave_text, QMessageBox.ButtonRole.DestructiveRole),
            "leaveAnywayButton",
            leave_text,
        )
        stay = named(
            box.addButton(stay_text, QMessageBox.ButtonRole.RejectRole), "stayButton", stay_text
        )
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)

        def answered() -> None:
            self._box = None
            box.deleteLater()
            if box.clickedButton() is leave:
                self._insisted = True
                then()

        box.finished.connect(answered)
        self._box = box
        box.open()

    def _running_words(self) -> str:
        """What is still running, the first few named ("" when only a bulk action waits)."""
        running = self._center.running()
        if not running:
            return ""
        if len(running) == 1:
            return self.tr("{doing} is still running.").format(
                doing=doing_words(running[0].kind, running[0].customer.name)
            )
        names = [doing_words(e.kind, e.customer.name) for e in running[:_NAMED]]
        if len(running) > _NAMED:
            names.append(self.tr("{n} more").format(n=len(running) - _NAMED))
        return self.tr("%n operations are still running: {which}.", "", len(running)).format(
            which="; ".join(names)
        )

    def _leaving_words(self, quitting: bool) -> tuple[str, str, str, str, str]:
        """The box's object name, title, leave and stay buttons, and what happens after."""
        if quitting:
            name, title = "quitWhileRunningBox", self.tr("Quit while an operation runs?")
            leave_text, stay_text = self.tr("Quit Anyway"), self.tr("Keep Partner Desk Open")
            after = self.tr(
                "If you quit now, the server still finishes it on its own. Partner Desk picks"
                " it up and shows the result the next time you sign in."
            )
        else:
            name, title = "signOutWhileRunningBox", self.tr("Sign out while an operation runs?")
            leave_text, stay_text = self.tr("Sign Out Anyway"), self.tr("Stay Signed In")
            after = self.tr(
                "If you sign out now, the server still finishes it on its own. Partner Desk"
                " picks it up and shows the result the next time you sign in."
            )
        return name, title, leave_text, stay_text, after
