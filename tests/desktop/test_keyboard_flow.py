"""The whole suspend flow by keyboard alone: key events to whatever has the focus, no mouse, no
method calls or setFocus once the window is shown. From the signed-in window: Ctrl+F, type part
of a name, Down into the table, Enter opens the customer, Tab to the Suspend Customer switch,
Space, pick a reason and confirm with the keys, wait for the server; then re-enable likewise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import CustomerTableModel
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.switch import ToggleSwitch
from tests.desktop.a11y_support import cell_text, focused, press, tab_to
from tests.desktop.operation_gui import OPERATION_TIMEOUT_MS, Answer, when_shown
from tests.desktop.operation_support import FaultyServer, faulty_server

# A dialog closes the moment its operation ends: the next step need not wait for it.
pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    folder = tmp_path_factory.mktemp("keyboard-flow")
    with faulty_server(folder, suspend_seconds=0.3) as running:
        yield running


def status_heard(window: MainWindow, customer_id: str) -> str:
    """What a screen reader says for the customer's status cell."""
    model = window.customers.model
    row = model.row_of(customer_id)
    assert row is not None
    index = window.customers.proxy.mapFromSource(model.index(row, CustomerTableModel.STATUS))
    return cell_text(window.customers.table, index)


def open_by_keyboard(qtbot: QtBot, window: MainWindow) -> CustomerDialog:
    """Enter on the table's current row; the Edit Customer dialog takes the focus."""
    assert focused() is window.customers.table
    before = len(window._dialogs)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window._dialogs) > before, timeout=5_000)
    dialog = window._dialogs[-1]
    assert isinstance(dialog, CustomerDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    assert focused().objectName() == "field_name"  # typing starts in the first field
    return dialog


def flip_and_confirm(qtbot: QtBot, window: MainWindow, confirmation: str, choose: bool) -> Answer:
    """Tab to the switch, Space; in the confirmation Down picks the first reason, Enter confirms."""
    tab_to(qtbot, "suspendToggle")

    def by_keyboard(box: QDialog, answer: Answer) -> None:
        try:
            qtbot.waitUntil(box.isActiveWindow, timeout=5_000)
            answer.notes["first_focus"] = focused().objectName()
            if choose:
                press(qtbot, Qt.Key.Key_Down)
            answer.notes["confirm_enabled"] = box.confirm.isEnabled()  # type: ignore[attr-defined]
            press(qtbot, Qt.Key.Key_Return)
        finally:
            if box.isVisible():  # the keys did not confirm: let the test fail, not hang
                answer.notes["left_open"] = True
                box.reject()

    answer = when_shown(confirmation, by_keyboard)
    with qtbot.waitSignal(window.operations.started, timeout=OPERATION_TIMEOUT_MS):
        press(qtbot, Qt.Key.Key_Space)
    assert answer.seen
    return answer


def wait_until_closed_and_back_in_the_table(
    qtbot: QtBot, window: MainWindow, dialog: CustomerDialog
) -> None:
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=OPERATION_TIMEOUT_MS)
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    assert focused() is window.customers.table  # where the person was, on the same row


def test_suspend_and_reenable_by_keyboard_alone(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    page = window.customers
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

    qtbot.keySequence(focused(), QKeySequence(QKeySequence.StandardKey.Find))
    assert focused() is page.search
    qtbot.keyClicks(focused(), customer["name"][: max(4, len(customer["name"]) - 3)])
    loaded = page.model.rowCount()
    qtbot.waitUntil(lambda: 1 <= page.proxy.rowCount() < loaded, timeout=5_000)
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.table
    for _ in range(page.proxy.rowCount()):  # Down through the matches to the one wanted
        if page.selected_id() == customer["id"]:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert page.selected_id() == customer["id"]

    dialog = open_by_keyboard(qtbot, window)
    assert dialog.customer is not None and dialog.customer.id == customer["id"]
    answer = flip_and_confirm(qtbot, window, "suspendConfirmDialog", choose=True)
    assert answer.notes == {"first_focus": "suspendReason", "confirm_enabled": True}
    # The server works; the dialog waits for it, and the table says so in words.
    assert dialog.is_operation_locked() and dialog.isVisible()
    assert status_heard(window, customer["id"]) == "Active, Suspending…"
    wait_until_closed_and_back_in_the_table(qtbot, window, dialog)
    assert server.client().get(f"/customers/{customer['id']}").json()["status"] == "suspended"
    assert status_heard(window, customer["id"]) == "Suspended"
    assert page.selected_id() == customer["id"]

    dialog = open_by_keyboard(qtbot, window)
    answer = flip_and_confirm(qtbot, window, "reenableConfirmDialog", choose=False)
    assert answer.notes == {"first_focus": "confirmReenableButton", "confirm_enabled": True}
    assert dialog.is_operation_locked() and dialog.isVisible()
    assert status_heard(window, customer["id"]) == "Suspended, Re-enabling…"
    wait_until_closed_and_back_in_the_table(qtbot, window, dialog)
    assert server.client().get(f"/customers/{customer['id']}").json()["status"] == "active"
    assert status_heard(window, customer["id"]) == "Active"


def test_alt_m_asks_and_escape_sends_nothing_and_gives_the_focus_back_to_the_switch(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    page = window.customers
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keySequence(focused(), QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.keyClicks(focused(), customer["account_number"])
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=5_000)
    press(qtbot, Qt.Key.Key_Down)
    dialog = open_by_keyboard(qtbot, window)
    toggle = dialog.suspend_toggle

    def escape(box: QDialog, answer: Answer) -> None:
        qtbot.waitUntil(box.isActiveWindow, timeout=5_000)
        press(qtbot, Qt.Key.Key_Down)  # even with a reason chosen
        press(qtbot, Qt.Key.Key_Escape)
        answer.notes["closed"] = not box.isVisible()

    answer = when_shown("suspendConfirmDialog", escape)
    # The label's mnemonic flips the switch as a click would (so it asks first, too).
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "closed" in answer.notes, timeout=OPERATION_TIMEOUT_MS)
    assert answer.notes == {"closed": True}
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    assert focused() is toggle and not toggle.isChecked()
    assert not window.operations.any_running()
    assert server.client().get(f"/customers/{customer['id']}").json()["status"] == "active"


@pytest.mark.parametrize("on", [False, True], ids=["off", "on"])
def test_the_switch_shows_where_the_keyboard_focus_is(qtbot: QtBot, on: bool) -> None:
    switch = ToggleSwitch()
    switch.setAccessibleName("Suspend Customer")
    qtbot.addWidget(switch)
    switch.set_checked_from_server(on)  # hidden: it jumps, nothing slides during the grabs
    switch.show()
    qtbot.waitExposed(switch)
    switch.activateWindow()
    qtbot.waitUntil(switch.isActiveWindow, timeout=5_000)
    switch.clearFocus()
    without = switch.grab().toImage()
    switch.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(switch.hasFocus, timeout=5_000)
    with_focus = switch.grab().toImage()
    assert with_focus != without
    # The ring stands apart from the track: a pixel left of the track's middle, between the
    # two, keeps the background, and one further out is painted.
    middle = switch.height() // 2
    assert with_focus.pixelColor(3, middle) == without.pixelColor(3, middle)
    assert with_focus.pixelColor(1, middle) != without.pixelColor(1, middle)
