"""Enter presses a dialog's default button and no other, wherever the focus is.

Every QPushButton in a QDialog is "auto default": while it has the focus it takes Enter for
itself. A person who tabbed past Take All Theirs or Cancel and pressed Enter to save got that
button instead. (The sign-in dialog's own case is tests/desktop/test_signin_enter.py; the bulk
progress dialog's Close is pinned in test_bulk_operations.py's keyboard test.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.settings import AppSettings
from desktop.ui.customer.conflict import ConflictDialog, ConflictRow
from desktop.ui.settings.dialog import SettingsDialog
from tests.desktop.operation_gui import find

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


def _shown(qtbot: QtBot, dialog: QDialog) -> list[int]:
    """Show the dialog as a window manager would; returns the list its answers go to."""
    qtbot.addWidget(dialog)
    answers: list[int] = []
    dialog.finished.connect(answers.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2_000)
    return answers


def _enter_on(qtbot: QtBot, dialog: QDialog, name: str) -> None:
    widget = find(dialog, name)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2_000)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _takers_of_enter(dialog: QDialog, default: str) -> list[str]:
    """Buttons besides the default that would take Enter while focused."""
    return [
        b.objectName()
        for b in dialog.findChildren(QPushButton)
        if b.autoDefault() and b.objectName() != default
    ]


@pytest.mark.parametrize(
    "focused",
    [
        "keepAllMineButton",
        "takeAllTheirsButton",
        "cancelConflictButton",
        "conflict_theirs_city",
        "saveMergedButton",
    ],
)
def test_enter_in_the_conflict_dialog_saves_the_merge_wherever_the_focus_is(
    qtbot: QtBot, focused: str
) -> None:
    row = ConflictRow("address.city", "City", "Osijek", "Split", theirs_changed=True)
    dialog = ConflictDialog("Ana Horvat", [row], [])
    answers = _shown(qtbot, dialog)
    assert _takers_of_enter(dialog, "saveMergedButton") == []
    _enter_on(qtbot, dialog, focused)
    assert answers == [QDialog.DialogCode.Accepted]
    assert dialog.choices() == {"address.city": "mine"}  # Enter chose nothing by itself


@pytest.mark.parametrize(
    "focused", ["settingsCaBrowse", "settingsCancelButton", "settingsServerUrl", "settingsTheme"]
)
def test_enter_in_settings_saves_wherever_the_focus_is(
    qtbot: QtBot, tmp_path: Path, focused: str
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(settings)
    answers = _shown(qtbot, dialog)
    # Checked first: Enter on an auto-default Browse would open a file chooser and wait there.
    assert _takers_of_enter(dialog, "settingsOkButton") == []
    find(dialog, "settingsServerUrl").setText("https://partner.example.com")
    _enter_on(qtbot, dialog, focused)
    assert answers == [QDialog.DialogCode.Accepted]
    assert settings.last_server == "https://partner.example.com"
