"""An error nobody caught shows a dialog with details to copy, is logged, and the app lives on."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop import log_file
from desktop.log_file import AppLog
from desktop.ui.error_dialog import ErrorDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.unhandled_errors import UnhandledErrorHook

# pytest-qt would otherwise take slot exceptions for itself and fail the test: here the app's
# own hook is what is being tested.
pytestmark = [
    pytest.mark.qt_no_exception_capture,
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
]


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    configured = log_file.configure(tmp_path / "logs", console=False)
    yield configured
    configured.close()


@pytest.fixture
def hook(qapp: QApplication, app_log: AppLog) -> Iterator[UnhandledErrorHook]:
    errors = UnhandledErrorHook(str(app_log.path))
    errors.install()
    yield errors
    errors.uninstall()
    if errors.dialog is not None:
        errors.dialog.reject()  # the hook lets go of it and deletes it


def _dialog(hook: UnhandledErrorHook) -> ErrorDialog:
    assert hook.dialog is not None
    return hook.dialog


def test_an_error_in_a_slot_shows_the_dialog_and_the_window_keeps_working(
    qtbot: QtBot, hook: UnhandledErrorHook, app_log: AppLog, window: MainWindow
) -> None:
    broken = QAction("Broken", window)
    broken.setObjectName("brokenAction")

    def fail() -> None:
        raise RuntimeError("the slot broke; password=letmein")

    broken.triggered.connect(fail)
    window.addAction(broken)

    broken.trigger()
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5_000)

    dialog = _dialog(hook)
    assert dialog.objectName() == "unhandledErrorDialog"
    details = dialog.findChild(QPlainTextEdit, "unhandledErrorDetails").toPlainText()
    assert "RuntimeError: the slot broke" in details
    assert "in fail" in details  # the traceback, for support
    assert "letmein" not in details
    message = dialog.findChild(QLabel, "unhandledErrorMessage").text()
    assert "the slot broke" in message and str(app_log.path) in message

    qtbot.mouseClick(dialog.findChild(QPushButton, "unhandledErrorCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details

    # The window survived: it is shown and still does its work.
    assert window.isVisible()
    search = window.customers.search
    qtbot.keyClicks(search, "zzzz-nothing-matches")
    qtbot.waitUntil(lambda: window.customers.proxy.rowCount() == 0, timeout=5_000)

    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = app_log.path.read_text(encoding="utf-8")
    assert "unhandled error" in logged and "RuntimeError: the slot broke" in logged
    assert "letmein" not in logged

    qtbot.mouseClick(
        dialog.findChild(QPushButton, "unhandledErrorClose"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: hook.dialog is None, timeout=5_000)


def test_a_second_error_joins_the_open_dialog_instead_of_opening_another(
    qtbot: QtBot, hook: UnhandledErrorHook
) -> None:
    for n in (1, 2):
        try:
            raise ValueError(f"error number {n}")
        except ValueError as exc:
            hook.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.count == 2, timeout=5_000)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
    assert [d for d in dialogs if d.isVisible()] == [hook.dialog]
    details = _dialog(hook).details.toPlainText()
    assert "error number 1" in details and "error number 2" in details


def test_an_error_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, hook: UnhandledErrorHook
) -> None:
    def work() -> None:
        raise OSError("disk gone")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5_000)
    assert "OSError: disk gone" in _dialog(hook).details.toPlainText()
