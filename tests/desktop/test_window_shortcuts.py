"""The main window's shortcuts work whichever control of My Customers has the keyboard focus.

On the Linux desktops' key scheme (X11), a line edit claims Ctrl+E (end of line) and Ctrl+K for
itself, so Export did nothing while the cursor was in the search box. The offscreen platform
the suite runs on uses the Windows key scheme, where nothing claims those keys: the last test
runs this module again on a real X server (Xvfb), where it does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.support.server import ServerProcess, seed_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

ROOT = Path(__file__).resolve().parents[2]
_X11_RUN = "PARTNER_DESK_X11_SHORTCUTS"  # set in the run under Xvfb, so it does not recurse
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
# The page's controls a person puts the focus in: the search box, the two filter pickers, the
# table, and one of the buttons above it.
WIDGETS = ["customerSearch", "searchField", "statusFilter", "customerTable", "refreshButton"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('keys') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url) as proc:
        yield proc


@pytest.fixture
def window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(window.customers.proxy.is_settled, timeout=10_000)
    window.customers.focus_results()  # a current row, as a person who clicked one has
    # Window shortcuts answer in the active window; without a window manager nobody makes it so.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def _focus(qtbot: QtBot, window: MainWindow, name: str) -> QWidget:
    widget = window.customers.findChild(QWidget, name)
    assert widget is not None and widget.isVisible()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=5_000)
    return widget


def _dialog(window: MainWindow, kind: str) -> QDialog | None:
    found = [d for d in window.findChildren(QDialog) if d.isVisible() and type(d).__name__ == kind]
    return found[0] if found else None


def _close(qtbot: QtBot, window: MainWindow, kind: str) -> None:
    dialog = _dialog(window, kind)
    assert dialog is not None
    dialog.reject()
    qtbot.waitUntil(lambda: _dialog(window, kind) is None, timeout=5_000)
    # Back to the window, as the window manager does when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def _press_and_see(
    qtbot: QtBot,
    window: MainWindow,
    widget_name: str,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
    action_name: str,
    done: Callable[[], bool],
) -> None:
    widget = _focus(qtbot, window, widget_name)
    action = window.findChild(QAction, action_name)
    assert action is not None and action.isEnabled()
    with qtbot.waitSignal(action.triggered, timeout=2_000, raising=False) as fired:
        qtbot.keyClick(widget, key, modifier)
    sequence = action.shortcut().toString()
    assert fired.signal_triggered, f"{sequence} did nothing from {widget_name}"
    qtbot.waitUntil(done, timeout=15_000)


@pytest.mark.parametrize("widget_name", WIDGETS)
def test_every_window_shortcut_works_from_each_control_of_the_list(
    qtbot: QtBot, window: MainWindow, widget_name: str
) -> None:
    customers = window.customers
    asked: list[str] = []
    # The save dialog's answer: "canceled", so nothing is written; that it was asked is enough.
    customers.exporter.pick_path = lambda: asked.append("asked") or ""
    _press_and_see(
        qtbot, window, widget_name, Qt.Key.Key_E, CTRL, "exportCustomersAction", lambda: bool(asked)
    )

    _press_and_see(
        qtbot,
        window,
        widget_name,
        Qt.Key.Key_N,
        CTRL,
        "newCustomerAction",
        lambda: _dialog(window, "CustomerDialog") is not None,
    )
    _close(qtbot, window, "CustomerDialog")

    _press_and_see(
        qtbot,
        window,
        widget_name,
        Qt.Key.Key_Comma,
        CTRL,
        "settingsAction",
        lambda: _dialog(window, "SettingsDialog") is not None,
    )
    _close(qtbot, window, "SettingsDialog")

    _press_and_see(qtbot, window, widget_name, Qt.Key.Key_F5, NONE, "refreshAction", lambda: True)
    qtbot.waitUntil(lambda: not customers._loading, timeout=30_000)

    _press_and_see(
        qtbot,
        window,
        widget_name,
        Qt.Key.Key_F,
        CTRL,
        "findAction",
        lambda: QApplication.focusWidget() is customers.search,
    )


def test_enter_in_the_table_opens_the_current_customer(qtbot: QtBot, window: MainWindow) -> None:
    customers = window.customers
    table = _focus(qtbot, window, "customerTable")
    current = table.currentIndex()  # type: ignore[attr-defined]
    assert current.isValid()
    with qtbot.waitSignal(customers.open_customer, timeout=2_000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args[0].id == customers.selected_id()
    qtbot.waitUntil(lambda: _dialog(window, "CustomerDialog") is not None, timeout=5_000)
    _close(qtbot, window, "CustomerDialog")


@pytest.mark.skipif(bool(os.environ.get(_X11_RUN)), reason="this is the run under X11")
def test_the_same_keys_under_the_linux_desktops_key_scheme() -> None:
    if QGuiApplication.platformName() == "xcb":
        pytest.skip("this run is on X11 already")
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        pytest.skip("needs xvfb-run (Debian: xvfb, as `make screenshots` installs)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", **{_X11_RUN: "1"})
    run = subprocess.run(
        [
            xvfb,
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            __file__,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    if "Could not load the Qt platform plugin" in run.stderr + run.stdout:
        pytest.skip("Qt's X11 platform cannot load here (see README: its libraries)")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
