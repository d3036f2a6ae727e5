"""Every control a person can act on has an objectName and an accessible name.

Tests and screen readers find controls the same way; a control without a name is invisible
to both. The walk covers the signed-in main window and the Edit Customer dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import ServerProcess, seed_database

ACTIONABLE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSpinBox,
    QAbstractSlider,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url) as proc:
        yield proc


def _checked(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, ACTIONABLE)
        and not isinstance(w, QTabBar)
        and not w.objectName().startswith("qt_")
        and not _inside_compound(w, root)
    ]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, ACTIONABLE) or isinstance(widget, QTabBar):
            continue
        # Parts Qt builds inside a compound control (a combo's line edit and popup, a table's
        # scroll bars, the clear button of a line edit) are reached through their owner.
        if widget.objectName().startswith("qt_") or _inside_compound(widget, root):
            continue
        if not widget.objectName() or not widget.accessibleName():
            missing.append(
                f"{type(widget).__name__} objectName={widget.objectName()!r} "
                f"text={getattr(widget, 'text', lambda: '')()!r}"
            )
    return missing


def _inside_compound(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QComboBox | QAbstractItemView | QAbstractSpinBox | QLineEdit):
            return True
        if parent.objectName().startswith("qt_scrollarea"):
            return isinstance(widget, QAbstractSlider)
        parent = parent.parentWidget()
    return (
        isinstance(widget, QAbstractSlider)
        and widget.parentWidget() is not None
        and (widget.parentWidget().objectName().startswith("qt_"))
    )


def test_every_control_of_the_main_window_and_dialog_is_named(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    harness = AppHarness(tmp_path, MemoryKeyring())
    try:
        login = harness.start()
        assert _unnamed(login) == []
        login.close()
        harness.controller.login = None
        window = harness.sign_in(qtbot, server.root)
        assert _unnamed(window) == []
        assert len(_checked(window)) >= 8  # the walk really reached the controls
        window.customers.table.selectRow(0)
        window.customers.open_selected()
        qtbot.waitUntil(lambda: bool(window._dialogs), timeout=5_000)
        dialog = window._dialogs[0]
        tabs = dialog.findChild(QWidget, "customerTabs")
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
        assert _unnamed(dialog) == []
        assert len(_checked(dialog)) >= 20
    finally:
        harness.close()
