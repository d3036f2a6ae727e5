"""Runs a long job as a generator of short steps, a few per event-loop turn.

The GUI thread stays responsive because no turn runs steps for longer than the budget; a new
job replaces the running one, which is how a keystroke supersedes the search it interrupts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer


class StepRunner(QObject):
    def __init__(self, parent: QObject | None = None, budget_ms: float = 12.0) -> None:
        super().__init__(parent)
        self.budget_ms = budget_ms
        self._steps: Iterator[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)

    @property
    def running(self) -> bool:
        return self._steps is not None

    def start(self, steps: Iterator[None], run_now: bool = True) -> None:
        """Replaces any running job; with run_now the first slice runs before this returns."""
        self._steps = steps
        if run_now:
            self._run_slice()
        elif not self._timer.isActive():
            self._timer.start()

    def cancel(self) -> None:
        self._steps = None
        self._timer.stop()

    def _run_slice(self) -> None:
        steps = self._steps
        if steps is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + self.budget_ms / 1000
        try:
            while True:
                next(steps)
                # A step may start another job (through a signal it emitted): that one wins.
                if self._steps is not steps or time.perf_counter() >= deadline:
                    break
        except StopIteration:
            if self._steps is steps:
                self._steps = None
                self._timer.stop()
            return
        except BaseException:
            if self._steps is steps:
                self.cancel()
            raise
        if self._steps is not None and not self._timer.isActive():
            self._timer.start()
