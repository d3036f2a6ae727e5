"""Errors nobody caught (sys.excepthook, Qt slots, Python threads): logged, then shown.

PySide6 hands an exception raised in a slot or an overridden virtual to sys.excepthook and
carries on, so one hook covers both; a thread's error is sent to the GUI thread first.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication

from desktop.log_file import redact
from desktop.ui.error_dialog import ErrorDialog

log = logging.getLogger("partner_desk.unhandled")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class UnhandledErrorHook(QObject):
    _arrived = Signal(str, str)  # summary, details: crosses from any thread to the GUI thread

    def __init__(self, log_path: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_path = log_path
        self.dialog: ErrorDialog | None = None
        self._showing = False
        self._previous: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook
        self._previous = self._previous_thread_hook = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()  # Ctrl+C in the terminal that started the app means stop
            return
        log.error("unhandled error", exc_info=(kind, error, tb))
        details = redact("".join(traceback.format_exception(kind, error, tb)))
        summary = redact(f"{kind.__name__}: {error}")
        # Queued, also on the GUI thread: the dialog opens after the failing slot has returned,
        # never in the middle of a paint or a half-finished layout.
        self._arrived.emit(summary, details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self._showing:
            return  # an error while showing the error: logged already, never a loop of dialogs
        self._showing = True
        try:
            if self.dialog is None:
                # No parent: the window that failed may be closed while this stays open.
                self.dialog = ErrorDialog()
                self.dialog.finished.connect(self._forget)
            self.dialog.add_error(summary, details, self._log_path)
            self.dialog.show()
            self.dialog.raise_()
        finally:
            self._showing = False

    @Slot()
    def _forget(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
