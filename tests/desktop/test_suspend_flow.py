"""Suspend, re-enable, cancel and restore from the Edit Customer dialog, end to end against the
real server: the confirmation, what is sent (or not), the row, the dialog, the server's state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop.api.records import Customer
from desktop.models.money import money_text
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.clock import local_clock, local_date
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    Answer,
    choose_reason,
    click,
    find,
    open_customer,
    save_grab,
    screenshot_path,
    services_loaded,
    unnamed_controls,
    when_shown,
)
from tests.desktop.operation_support import FaultyServer, faulty_server
from tests.support.gui import AppHarness

# A dialog closes the moment its operation ends: the next step need not wait for it.
pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    folder = tmp_path_factory.mktemp("suspend-flow")
    with faulty_server(folder, failing=1, stalling=1, suspend_seconds=0.3) as running:
        yield running


def _changed_rows(window: object) -> list[int]:
    rows: list[int] = []
    model = window.customers.model  # type: ignore[attr-defined]
    model.dataChanged.connect(
        lambda first, last, *_: rows.extend(range(first.row(), last.row() + 1))
    )
    return rows


def _record(server: FaultyServer, customer_id: str) -> Customer:
    return Customer.model_validate_json(server.client().get(f"/customers/{customer_id}").text)


def _services_total(server: FaultyServer, customer_id: str) -> tuple[int, str]:
    items = server.client().get(f"/customers/{customer_id}/services").json()["items"]
    total = sum((Decimal(s["monthly_price"]) for s in items), Decimal(0))
    return len(items), money_text(total, items[0]["currency"]) if items else ""


def test_suspend_end_to_end_updates_only_that_row_and_closes_by_itself(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    dialog = open_customer(qtbot, window, customer["id"])
    toggle = find(dialog, "suspendToggle")
    assert toggle.isEnabled() and not toggle.isChecked()
    rows = _changed_rows(window)

    def confirm(box: QDialog, answer: Answer) -> None:
        answer.notes["title"] = find(box, "confirmTitle").text()
        answer.notes["account"] = find(box, "confirmAccount").text()
        answer.notes["services"] = find(box, "billableServices").topLevelItemCount()
        answer.notes["total"] = find(box, "servicesTotal").text()
        answer.notes["enabled_without_reason"] = find(box, "confirmSuspendButton").isEnabled()
        answer.notes["unnamed"] = unnamed_controls(box)
        confirm_button = find(box, "confirmSuspendButton")
        choose_reason(box, "suspendReason", "Other")
        answer.notes["other_without_words"] = confirm_button.isEnabled()
        find(box, "suspendReasonText").setText("   ")
        answer.notes["other_with_blanks"] = confirm_button.isEnabled()
        find(box, "suspendReasonText").setText("")
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, confirm_button)

    answer = when_shown("suspendConfirmDialog", confirm, ready=services_loaded)
    results: list[str] = []
    window.operations.finished.connect(
        lambda *_: results.append(find(dialog, "operationResult").text())
    )
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        click(qtbot, toggle)
        assert answer.seen
        assert dialog.is_operation_locked()
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)

    count, total = _services_total(server, customer["id"])
    assert customer["name"] in answer.notes["title"]
    assert customer["account_number"] in answer.notes["account"]
    assert answer.notes["services"] == count
    assert total in answer.notes["total"]
    assert answer.notes["enabled_without_reason"] is False
    assert answer.notes["other_without_words"] is False
    assert answer.notes["other_with_blanks"] is False
    assert answer.notes["unnamed"] == []

    on_server = server.client().get(f"/customers/{customer['id']}").json()
    assert on_server["status"] == "suspended"
    assert on_server["suspension_reason"] == "Non-payment"
    read_back = _record(server, customer["id"])
    assert read_back.suspended_at is not None
    assert results == [f"{customer['name']} suspended at {local_clock(read_back.suspended_at)}."]

    model = window.customers.model
    row = model.row_of(customer["id"])
    assert model.customer_at(row).status == "suspended"
    assert model.pending_kind(customer["id"]) == ""
    assert rows and set(rows) == {row}  # that row and no other


@pytest.mark.parametrize("how", ["cancel button", "escape key"])
def test_cancel_in_the_confirmation_sends_nothing(
    qtbot: QtBot, server: FaultyServer, how: str, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    events_before = server.client().get(f"/customers/{customer['id']}/events").json()["items"]
    dialog = open_customer(qtbot, window, customer["id"])
    toggle = find(dialog, "suspendToggle")

    def dismiss(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Abuse")  # even with a reason chosen
        if how == "cancel button":
            click(qtbot, find(box, "cancelSuspendButton"))
        else:
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    answer = when_shown("suspendConfirmDialog", dismiss)
    click(qtbot, toggle)
    assert answer.seen
    assert not toggle.isChecked()
    assert not window.operations.any_running()
    assert not dialog.is_operation_locked()
    qtbot.wait(300)  # long enough for anything sent to have arrived
    client = server.client()
    unfinished = client.get("/operations", params={"unfinished": "true"}).json()["items"]
    assert customer["id"] not in [op["customer_id"] for op in unfinished]
    after = client.get(f"/customers/{customer['id']}").json()
    assert after["status"] == "active" and after["version"] == customer["version"]
    assert client.get(f"/customers/{customer['id']}/events").json()["items"] == events_before


def test_reenable_end_to_end(
    qtbot: QtBot, server: FaultyServer, tmp_path: Path, window: MainWindow
) -> None:
    customer = server.customer(server.suspended.take())
    dialog = open_customer(qtbot, window, customer["id"])
    toggle = find(dialog, "suspendToggle")
    assert toggle.isChecked() and toggle.isEnabled()

    def confirm(box: QDialog, answer: Answer) -> None:
        answer.notes["title"] = find(box, "confirmTitle").text()
        save_grab(box, tmp_path / "reenable-confirm.png")
        click(qtbot, find(box, "confirmReenableButton"))

    answer = when_shown("reenableConfirmDialog", confirm, ready=services_loaded)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        click(qtbot, toggle)
    assert customer["name"] in answer.notes["title"]
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)
    on_server = server.client().get(f"/customers/{customer['id']}").json()
    assert on_server["status"] == "active" and on_server["suspended_at"] is None
    row = window.customers.model.row_of(customer["id"])
    assert window.customers.model.customer_at(row).status == "active"


def test_a_refused_suspension_shows_the_reason_and_the_true_state_and_unlocks(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = server.customer(server.failing[0])
    dialog = open_customer(qtbot, window, customer["id"])
    toggle = find(dialog, "suspendToggle")

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Other", "Testing a refusal")
        click(qtbot, find(box, "confirmSuspendButton"))

    when_shown("suspendConfirmDialog", confirm)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
        click(qtbot, toggle)
    assert ended.args[0].error is not None  # the error
    result = find(dialog, "operationResult")
    assert result.isVisible()
    assert result.text().startswith(f"Could not suspend {customer['name']}: ")
    assert "backend refused the change" in result.text()
    assert not toggle.isChecked() and toggle.isEnabled()  # the server's state, read back
    assert not dialog.is_operation_locked()
    assert dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    assert find(dialog, "closeButton").isEnabled()
    assert dialog.isVisible()  # a failure never closes the dialog by itself
    assert server.client().get(f"/customers/{customer['id']}").json()["status"] == "active"
    row = window.customers.model.row_of(customer["id"])
    assert window.customers.model.customer_at(row).status == "active"
    assert window.customers.model.pending_kind(customer["id"]) == ""
    dialog.reject()
    assert not dialog.isVisible()


def test_cancel_and_restore_end_to_end(
    qtbot: QtBot, server: FaultyServer, tmp_path: Path, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    client = server.client()
    services_before = client.get(f"/customers/{customer['id']}/services").json()["items"]
    count, total = _services_total(server, customer["id"])
    dialog = open_customer(qtbot, window, customer["id"])
    cancel_toggle = find(dialog, "cancelToggle")
    assert cancel_toggle.isEnabled() and not cancel_toggle.isChecked()

    def confirm(box: QDialog, answer: Answer) -> None:
        button = find(box, "confirmCancelButton")
        typed = find(box, "cancelConfirmAccountNumber")
        answer.notes["services"] = find(box, "billableServices").topLevelItemCount()
        answer.notes["total"] = find(box, "servicesTotal").text()
        answer.notes["unnamed"] = unnamed_controls(box)
        steps = [button.isEnabled()]
        choose_reason(box, "cancelReason", "Customer request")
        steps.append(button.isEnabled())  # a reason alone is not enough
        typed.setText(customer["account_number"][:-1])
        steps.append(button.isEnabled())  # nor almost the account number
        typed.setText(customer["account_number"] + "9")
        steps.append(button.isEnabled())  # nor a longer one
        typed.setText(customer["account_number"] + " ")
        steps.append(button.isEnabled())  # a space after it (a paste) is not a different number
        typed.setText(customer["account_number"])
        steps.append(button.isEnabled())
        answer.notes["steps"] = steps
        save_grab(box, screenshot_path(tmp_path, "cancel-confirm.png"))
        click(qtbot, button)

    answer = when_shown("cancelConfirmDialog", confirm, ready=services_loaded)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
        click(qtbot, cancel_toggle)
    assert answer.seen
    assert ended.args[0].error is None
    assert answer.notes["steps"] == [False, False, False, False, True, True]
    assert answer.notes["services"] == count and total in answer.notes["total"]
    assert answer.notes["unnamed"] == []
    assert unnamed_controls(find(dialog, "statusPanel")) == []

    canceled = client.get(f"/customers/{customer['id']}").json()
    assert canceled["status"] == "canceled"
    assert client.get(f"/customers/{customer['id']}/services").json()["items"] == []
    # The dialog stays to say until when it can be undone, and offers to undo it.
    assert dialog in window._dialogs and dialog.isVisible()
    assert cancel_toggle.isChecked() and not cancel_toggle.isEnabled()
    deadline = _record(server, customer["id"]).canceled_at
    assert deadline is not None
    assert local_date(deadline + timedelta(days=14)) in find(dialog, "restoreDeadline").text()
    restore = find(dialog, "restoreCustomerButton")
    assert restore.isVisible() and restore.isEnabled()
    save_grab(dialog, tmp_path / "canceled.png")
    row = window.customers.model.row_of(customer["id"])
    assert window.customers.model.customer_at(row).status == "canceled"

    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
        click(qtbot, restore)
    assert ended.args[0].error is None
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)
    restored = client.get(f"/customers/{customer['id']}").json()
    assert restored["status"] == "active" and restored["canceled_at"] is None
    services_after = client.get(f"/customers/{customer['id']}/services").json()["items"]
    assert sorted(s["name"] for s in services_after) == sorted(s["name"] for s in services_before)
    assert window.customers.model.customer_at(row).status == "active"


def test_the_toggle_and_the_confirmation_work_by_keyboard_alone(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = server.customer(server.active.take())
    dialog = open_customer(qtbot, window, customer["id"])
    toggle = find(dialog, "suspendToggle")
    assert toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    toggle.setFocus()
    qtbot.waitUntil(toggle.hasFocus, timeout=2_000)

    def by_keyboard(box: QDialog, answer: Answer) -> None:
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow, timeout=2_000)
        combo = find(box, "suspendReason")
        answer.notes["starts_on_reason"] = QApplication.focusWidget() is combo
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first reason: Non-payment
        qtbot.keyClick(combo, Qt.Key.Key_Tab)
        text = find(box, "suspendReasonText")
        answer.notes["tab_reaches_text"] = QApplication.focusWidget() is text
        qtbot.keyClicks(text, "three invoices overdue")
        confirm = find(box, "confirmSuspendButton")
        for _ in range(4):
            if QApplication.focusWidget() is confirm:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        answer.notes["tab_reaches_confirm"] = QApplication.focusWidget() is confirm
        qtbot.keyClick(confirm, Qt.Key.Key_Return)

    answer = when_shown("suspendConfirmDialog", by_keyboard)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert answer.notes == {
        "starts_on_reason": True,
        "tab_reaches_text": True,
        "tab_reaches_confirm": True,
    }
    on_server = server.client().get(f"/customers/{customer['id']}").json()
    assert on_server["status"] == "suspended"
    assert on_server["suspension_reason"] == "Non-payment: three invoices overdue"


def test_screenshots_of_the_confirmation_and_the_running_state(
    qtbot: QtBot, harness: AppHarness, server: FaultyServer, tmp_path: Path
) -> None:
    harness.settings.auto_close_ms = 60_000  # stay open for the picture
    window = harness.sign_in(qtbot, server.root)

    stalled = server.customer(server.stalling[0])
    dialog = open_customer(qtbot, window, stalled["id"])

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Non-payment", "Three invoices overdue")
        box.adjustSize()
        save_grab(box, screenshot_path(tmp_path, "suspend-confirm.png"))
        click(qtbot, find(box, "confirmSuspendButton"))

    answer = when_shown("suspendConfirmDialog", confirm, ready=services_loaded)
    click(qtbot, find(dialog, "suspendToggle"))
    assert answer.seen
    progress = find(dialog, "operationProgress")
    qtbot.waitUntil(lambda: progress.text() == "Waiting for the hosting backend…", timeout=10_000)
    save_grab(dialog, screenshot_path(tmp_path, "suspend-running.png"))
    # A stalled backend never ends: stop watching, as quitting would, and let the dialog go.
    window.operations.shutdown()
    dialog.set_operation_lock(False)
    dialog.reject()


def test_screenshot_of_the_confirmed_state(
    qtbot: QtBot, harness: AppHarness, server: FaultyServer, tmp_path: Path
) -> None:
    harness.settings.auto_close_ms = 60_000
    window = harness.sign_in(qtbot, server.root)
    customer = server.customer(server.active.take())
    dialog = open_customer(qtbot, window, customer["id"])

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, find(box, "confirmSuspendButton"))

    when_shown("suspendConfirmDialog", confirm)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        click(qtbot, find(dialog, "suspendToggle"))
    assert find(dialog, "suspendToggle").isChecked()
    qtbot.wait(200)  # the knob's slide
    save_grab(dialog, screenshot_path(tmp_path, "suspend-confirmed.png"))
