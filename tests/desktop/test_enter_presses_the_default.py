"""Enter presses a dialog's default button and no other, wherever the focus is.

Every QPushButton in a QDialog is "auto default": while it has the focus it takes Enter for
itself. A person who tabbed past Take All Theirs or Cancel and pressed Enter to save got that
button instead; in Edit Customer, Enter on a focused Remove Service… asked to remove a service,
and on Try Again loaded the tab again. (The sign-in dialog's own case is
tests/desktop/test_signin_enter.py; the bulk progress dialog's Close is pinned in
test_bulk_operations.py's keyboard test.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.conflict import ConflictDialog, ConflictRow
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.settings.dialog import SettingsDialog
from tests.desktop.customer_dialog_support import CustomerPicker
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


def _customer_dialog(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, tab: str, customer_id: str | None = None
) -> CustomerDialog:
    """Edit Customer on the tab named `tab`, for an active customer or one of `customer_id`."""
    customer = CustomerPicker(api).take("active")
    if customer_id is not None:
        customer = customer.model_copy(update={"id": customer_id})
    dialog = CustomerDialog(api, runner, customer)
    _shown(qtbot, dialog)
    dialog.tabs.setCurrentWidget(find(dialog, tab))
    return dialog


def test_enter_on_remove_service_in_edit_customer_asks_nothing(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner
) -> None:
    dialog = _customer_dialog(qtbot, api, runner, "servicesTab")
    services = dialog.services_tab
    qtbot.waitUntil(lambda: services.model.rowCount() > 0, timeout=10_000)
    services.table.selectRow(0)
    assert find(dialog, "removeServiceButton").isEnabled()
    assert _takers_of_enter(dialog, "saveButton") == []
    _enter_on(qtbot, dialog, "removeServiceButton")
    assert services.confirm_box is None  # Save's, and Save is off while nothing changed


@pytest.mark.parametrize(
    ("tab", "retry"),
    [("servicesTab", "servicesRetryButton"), ("historyTab", "historyRetryButton")],
)
def test_enter_on_try_again_in_edit_customer_does_not_load_again(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, tab: str, retry: str
) -> None:
    # A customer the server does not know: the tab's load fails and offers Try Again.
    dialog = _customer_dialog(qtbot, api, runner, tab, customer_id="c_gone_from_the_server")
    button = find(dialog, retry)
    qtbot.waitUntil(button.isVisible, timeout=10_000)
    assert _takers_of_enter(dialog, "saveButton") == []
    asked: list[bool] = []
    button.clicked.connect(asked.append)
    _enter_on(qtbot, dialog, retry)
    assert asked == []
