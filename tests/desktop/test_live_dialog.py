"""An open Edit Customer dialog follows a colleague's changes (issue 17): the new values in the
fields the person has not touched, what they typed kept, a callout saying who changed what,
the switch following the server, and a suspend confirmation that is told and sends nothing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.customer_dialog_support import find, type_into
from tests.desktop.live_support import LIVE_MS, colleague, edit, operate, wait_live
from tests.desktop.operation_gui import Answer, click, open_customer, when_shown
from tests.support.server import ServerProcess

pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]


def _active(window: MainWindow, skip: int) -> str:
    model = window.customers.model
    found = [
        model.row_at(r).id for r in range(model.rowCount()) if model.row_at(r).status == "active"
    ]
    return found[skip]


def _callout(dialog: CustomerDialog) -> Any:
    return find(dialog, "liveChangeText")


def test_a_colleagues_edit_shows_in_untouched_fields_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    customer_id = _active(window, 0)
    dialog = open_customer(qtbot, window, customer_id)
    type_into(qtbot, dialog.form.editor("phone"), "+385 1 999 0000")
    other = colleague(server.url)
    edit(other, customer_id, email="colleague@example.com")

    email = dialog.form.editor("email")
    qtbot.waitUntil(lambda: email.text() == "colleague@example.com", timeout=LIVE_MS)
    callout = _callout(dialog)
    qtbot.waitUntil(
        lambda: callout.text().startswith("admin changed Support email at "), timeout=LIVE_MS
    )
    assert callout.isVisible()
    assert "What you typed" not in callout.text()  # the phone was not changed by the colleague
    assert dialog.form.editor("phone").text() == "+385 1 999 0000"
    assert dialog.form.changes() == {"phone": "+385 1 999 0000"}
    # Save sends the person's phone on top of the colleague's version: no conflict, both kept.
    with qtbot.waitSignal(dialog.customer_saved, timeout=LIVE_MS):
        click(qtbot, find(dialog, "saveButton"))
    now = other.get(f"/customers/{customer_id}").json()
    assert (now["email"], now["phone"]) == ("colleague@example.com", "+385 1 999 0000")
    # The dialog's own save comes back through the feed too, and says nothing new.
    before = callout.text()
    qtbot.wait(300)
    assert callout.text() == before


def test_a_field_both_changed_keeps_the_typed_text_and_says_so(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    customer_id = _active(window, 1)
    dialog = open_customer(qtbot, window, customer_id)
    type_into(qtbot, dialog.form.editor("contact_name"), "Typed Here")
    edit(colleague(server.url), customer_id, contact_name="Theirs", website="https://live.example")
    callout = _callout(dialog)
    qtbot.waitUntil(lambda: "What you typed in Contact is kept" in callout.text(), timeout=LIVE_MS)
    assert dialog.form.editor("contact_name").text() == "Typed Here"
    assert dialog.form.editor("website").text() == "https://live.example"
    assert callout.accessibleDescription() == callout.text()


def test_a_colleagues_suspend_moves_the_switch_and_says_who(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    customer_id = _active(window, 2)
    dialog = open_customer(qtbot, window, customer_id)
    toggle = dialog.suspend_toggle
    assert not toggle.isChecked()
    operate(colleague(server.url), customer_id, "suspend", reason="Non-payment")
    qtbot.waitUntil(toggle.isChecked, timeout=LIVE_MS)
    callout = _callout(dialog)
    qtbot.waitUntil(lambda: callout.text().startswith("Suspended by admin at "), timeout=LIVE_MS)
    assert find(dialog, "statusLabel").text() == "Suspended"


def test_a_suspend_confirmation_is_told_and_sends_nothing_when_a_colleague_was_first(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    customer_id = _active(window, 3)
    dialog = open_customer(qtbot, window, customer_id)
    other = colleague(server.url)

    def meanwhile(box: QDialog, answer: Answer) -> None:
        operate(other, customer_id, "suspend", reason="Non-payment")
        problem = find(box, "reasonProblem")
        qtbot.waitUntil(lambda: "Nothing is sent from here" in problem.text(), timeout=LIVE_MS)
        qtbot.waitUntil(lambda: problem.text().startswith("Suspended by admin"), timeout=LIVE_MS)
        confirm = find(box, "confirmSuspendButton")
        answer.notes["enabled"] = confirm.isEnabled()
        click(qtbot, confirm)  # off: nothing happens
        answer.notes["still_open"] = box.isVisible()
        box.reject()

    answer = when_shown("suspendConfirmDialog", meanwhile)
    click(qtbot, find(dialog, "suspendToggle"))
    assert answer.seen
    assert answer.notes == {"enabled": False, "still_open": True}
    assert not window.operations.is_running(customer_id)
    assert dialog.suspend_toggle.isChecked()  # the server's state, not a wish
    events = other.get(f"/customers/{customer_id}/events").json()["items"]
    assert [e["actor"] for e in events if e["action"] == "suspended"] == ["admin"]
