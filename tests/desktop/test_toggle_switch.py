"""The Suspend Customer switch: a request when flipped, the server's state when told."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.switch import ToggleSwitch
from tests.desktop.customer_dialog_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def switch(qtbot: QtBot) -> ToggleSwitch:
    toggle = ToggleSwitch()
    toggle.setAccessibleName("Suspend Customer")
    qtbot.addWidget(toggle)
    toggle.show()
    qtbot.waitExposed(toggle)
    return toggle


def settled(switch: ToggleSwitch) -> bool:
    return not switch.is_animating()


def test_space_asks_for_the_other_state_and_snaps_back(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.setFocus()
    with qtbot.waitSignal(switch.toggle_requested) as asked:
        qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert asked.args == [True]
    assert not switch.isChecked()  # nobody confirmed: the server's state stands
    qtbot.waitUntil(lambda: settled(switch))
    assert switch.knob_position() == 0.0


def test_a_click_asks_too(qtbot: QtBot, switch: ToggleSwitch) -> None:
    with qtbot.waitSignal(switch.toggle_requested) as asked:
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton, pos=QPoint(10, switch.height() // 2))
    assert asked.args == [True]


def test_switching_off_asks_for_false(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.set_checked_from_server(True)
    switch.setFocus()
    with qtbot.waitSignal(switch.toggle_requested) as asked:
        qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert asked.args == [False]
    assert switch.isChecked()


def test_server_state_moves_the_knob_all_the_way(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.set_checked_from_server(True)
    assert switch.isChecked()
    assert switch.is_animating()  # it slides rather than jumps
    qtbot.waitUntil(lambda: settled(switch))
    assert switch.knob_position() == 1.0

    switch.set_checked_from_server(False)
    qtbot.waitUntil(lambda: settled(switch))
    assert not switch.isChecked()
    assert switch.knob_position() == 0.0


def test_a_listener_confirming_inside_the_signal_keeps_it_on(
    qtbot: QtBot, switch: ToggleSwitch
) -> None:
    switch.toggle_requested.connect(switch.set_checked_from_server)
    switch.setFocus()
    qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert switch.isChecked()
    qtbot.waitUntil(lambda: settled(switch))
    assert switch.knob_position() == 1.0


def test_the_knob_waits_in_the_asked_position_while_a_confirmation_is_open(
    qtbot: QtBot, switch: ToggleSwitch
) -> None:
    seen: list[float] = []

    def confirm(wanted: bool) -> None:
        # Stands in for a modal confirmation: events run inside the signal, then "Cancel".
        qtbot.waitUntil(lambda: settled(switch))
        seen.append(switch.knob_position())

    switch.toggle_requested.connect(confirm)
    switch.setFocus()
    qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert seen == [1.0]
    qtbot.waitUntil(lambda: settled(switch))
    assert switch.knob_position() == 0.0  # cancelled: back to the server's state


def test_a_disabled_switch_asks_nothing(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.setEnabled(False)
    with qtbot.assertNotEmitted(switch.toggle_requested):
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
        switch.click()  # what Space and accessibility "press" end up calling


def test_it_is_focusable_and_says_its_state(switch: ToggleSwitch) -> None:
    assert switch.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert switch.accessibleName() == "Suspend Customer: Off"
    assert switch.accessibleDescription() == "Off"
    switch.set_checked_from_server(True)
    assert switch.accessibleName() == "Suspend Customer: On"
    assert switch.accessibleDescription() == "On"


def test_it_paints_each_state_differently(qtbot: QtBot, switch: ToggleSwitch) -> None:
    off = switch.grab()
    assert not off.isNull()
    assert off.width() >= 40 and off.height() >= 20
    switch.set_checked_from_server(True)
    qtbot.waitUntil(lambda: settled(switch))
    on = switch.grab()
    assert not on.isNull()
    assert off.toImage() != on.toImage()


def test_a_hidden_switch_jumps_without_animating(qtbot: QtBot) -> None:
    toggle = ToggleSwitch()
    qtbot.addWidget(toggle)
    toggle.set_checked_from_server(True)
    assert not toggle.is_animating()
    assert toggle.knob_position() == 1.0
