"""Bulk suspend and re-enable from the customer list, end to end against the real server: the
toolbar buttons, the one confirmation, what is sent (or not), the progress dialog that refuses to
close while the server works, the summary, the rows, and quitting half-way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.api.records import Operation
from desktop.models.money import money_text
from desktop.models.search.columns import ACCOUNT
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.clock import local_clock
from tests.desktop.bulk_support import (
    billable_loaded,
    open_bulk,
    operations_for,
    row_states,
    select,
    shown_progress,
)
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    choose_reason,
    click,
    find,
    save_grab,
    screenshot_path,
    unnamed_controls,
)
from tests.desktop.operation_support import FaultyServer, faulty_server
from tests.support.gui import AppHarness

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

REFUSED = "The hosting backend refused the change"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    folder = tmp_path_factory.mktemp("bulk-operations")
    with faulty_server(folder, failing=1, stalling=3, suspend_seconds=0.3) as running:
        yield running


def _customers(server: FaultyServer, numbers: list[str]) -> list[dict[str, Any]]:
    return [server.customer(number) for number in numbers]


def _monthly_total(server: FaultyServer, ids: list[str]) -> str:
    client = server.client()
    total = Decimal(0)
    currency = ""
    for customer_id in ids:
        for service in client.get(f"/customers/{customer_id}/services").json()["items"]:
            total += Decimal(service["monthly_price"])
            currency = service["currency"]
    return money_text(total, currency)


def _finished_clock(op: dict[str, Any]) -> str:
    finished_at = Operation.model_validate_json(json.dumps(op)).finished_at
    assert finished_at is not None
    return local_clock(finished_at)


def _wait_settled(qtbot: QtBot, window: MainWindow) -> None:
    progress = window.bulk.progress
    assert progress is not None
    qtbot.waitUntil(lambda: not progress.is_locked(), timeout=OPERATION_TIMEOUT_MS)


def _close_shortcut(dialog: Any) -> QShortcut:
    (shortcut,) = [
        s
        for s in dialog.findChildren(QShortcut)
        if s.key().matches(QKeySequence(QKeySequence.StandardKey.Close))
        == QKeySequence.SequenceMatch.ExactMatch
    ]
    return shortcut


def test_bulk_suspend_sends_one_operation_each_and_names_the_one_that_failed(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    numbers = [server.active.take() for _ in range(3)] + [server.failing[0]]
    customers = _customers(server, numbers)
    ids = [c["id"] for c in customers]
    failing = customers[3]
    select(qtbot, window, ids)
    assert not find(window, "bulkReenableButton").isEnabled()  # nobody selected is suspended

    confirm = open_bulk(qtbot, window, "suspend")
    assert find(confirm, "bulkConfirmTitle").text() == "Suspend 4 customers?"
    names = find(confirm, "bulkCustomerList")
    listed = [names.item(i).text() for i in range(names.count())]
    # Top to bottom as the table shows them (sorted by account number).
    by_account = sorted(customers, key=lambda c: c["account_number"])
    assert listed == [f"{c['name']}  ·  Account {c['account_number']}" for c in by_account]
    assert confirm.findChild(object, "bulkSkippedList") is None
    button = find(confirm, "confirmBulkSuspendButton")
    assert button.text() == "Suspend 4 Accounts"
    assert not button.isEnabled()  # a reason is required
    qtbot.waitUntil(lambda: billable_loaded(confirm), timeout=10_000)
    assert _monthly_total(server, ids) in find(confirm, "bulkBillableTotal").text()
    assert unnamed_controls(confirm) == []
    choose_reason(confirm, "bulkSuspendReason", "Non-payment", "Q3 invoices")
    assert button.isEnabled()

    model = window.customers.model
    suspended_when_each_ended: list[int] = []
    window.operations.finished.connect(
        lambda *_: suspended_when_each_ended.append(
            sum(model.customer_at(model.row_of(i)).status == "suspended" for i in ids)
        )
    )
    click(qtbot, button)
    progress = shown_progress(qtbot, window)

    # Running: nothing closes it.
    assert progress.is_locked()
    assert not progress.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    assert not find(progress, "bulkCloseButton").isEnabled()
    assert progress.close() is False
    progress.reject()
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    _close_shortcut(progress).activated.emit()
    assert progress.isVisible()
    assert unnamed_controls(progress) == []
    pending = [model.pending_kind(i) for i in ids]
    assert "suspend" in pending  # the rows show their badges as each one starts

    _wait_settled(qtbot, window)
    assert progress.isVisible()
    assert progress.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    close = find(progress, "bulkCloseButton")
    assert close.isEnabled()

    # On the server: three suspended with the one reason, the failing one untouched, and
    # exactly one operation per customer.
    client = server.client()
    for customer in customers:
        record = client.get(f"/customers/{customer['id']}").json()
        ops = operations_for(server, customer["id"])
        assert [op["kind"] for op in ops] == ["suspend"], customer["name"]
        if customer is failing:
            assert record["status"] == "active"
            assert ops[0]["state"] == "failed"
        else:
            assert record["status"] == "suspended"
            assert record["suspension_reason"] == "Non-payment: Q3 invoices"
            assert ops[0]["state"] == "succeeded"

    states = row_states(progress)
    for customer in customers:
        (op,) = operations_for(server, customer["id"])
        if customer is failing:
            assert states[customer["name"]].startswith(f"Failed: {REFUSED}")
        else:
            assert states[customer["name"]] == f"Suspended at {_finished_clock(op)}"
    assert find(progress, "bulkProgressTitle").text() == "Suspended 3 of 4 customers"
    summary = find(progress, "bulkSummary").text()
    assert "1 failed" in summary
    assert f"Could not suspend {failing['name']}: {REFUSED}" in summary
    bar = find(progress, "bulkProgressBar")
    assert (bar.value(), bar.maximum()) == (4, 4)

    # The rows changed one by one, as each operation ended (through the center's own path,
    # or sooner, through the change feed, the moment the server had it: never later).
    assert len(suspended_when_each_ended) == 4
    assert suspended_when_each_ended == sorted(suspended_when_each_ended)
    assert suspended_when_each_ended[-1] == 3
    for customer in customers:
        row = model.row_of(customer["id"])
        expected = "active" if customer is failing else "suspended"
        assert model.customer_at(row).status == expected
        assert model.pending_kind(customer["id"]) == ""

    click(qtbot, close)
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)
    assert not progress.isVisible()


def test_bulk_reenable_skips_the_customer_that_is_not_suspended(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    suspended = _customers(server, [server.suspended.take(), server.suspended.take()])
    active = server.customer(server.active.take())
    select(qtbot, window, [c["id"] for c in [*suspended, active]])
    assert find(window, "bulkSuspendButton").isEnabled()  # the active one could be suspended

    confirm = open_bulk(qtbot, window, "unsuspend")
    assert confirm.objectName() == "bulkReenableConfirmDialog"
    assert find(confirm, "bulkConfirmTitle").text() == "Re-enable 2 customers?"
    assert confirm.findChild(object, "bulkSuspendReason") is None  # no reason to give
    skipped = find(confirm, "bulkSkippedList")
    assert [skipped.item(i).text() for i in range(skipped.count())] == [
        f"{active['name']}: not suspended"
    ]
    button = find(confirm, "confirmBulkReenableButton")
    assert button.isEnabled() and button.text() == "Re-enable 2 Accounts"
    assert unnamed_controls(confirm) == []
    click(qtbot, button)
    progress = shown_progress(qtbot, window)
    assert row_states(progress)[active["name"]] == "Skipped: not suspended"
    _wait_settled(qtbot, window)

    client = server.client()
    for customer in suspended:
        record = client.get(f"/customers/{customer['id']}").json()
        assert record["status"] == "active" and record["suspended_at"] is None
        (op,) = operations_for(server, customer["id"])
        assert (op["kind"], op["state"]) == ("unsuspend", "succeeded")
        assert row_states(progress)[customer["name"]] == f"Re-enabled at {_finished_clock(op)}"
        row = window.customers.model.row_of(customer["id"])
        assert window.customers.model.customer_at(row).status == "active"
    assert operations_for(server, active["id"]) == []
    assert find(progress, "bulkProgressTitle").text() == "Re-enabled 2 of 2 customers"
    assert find(progress, "bulkSummary").text() == "1 skipped."
    qtbot.keyClick(progress, Qt.Key.Key_Escape)  # unlocked: Esc closes it like Close does
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)


@pytest.mark.parametrize("how", ["cancel button", "escape key"])
def test_cancel_in_the_bulk_confirmation_sends_nothing(
    qtbot: QtBot, server: FaultyServer, how: str, window: MainWindow
) -> None:
    customers = _customers(server, [server.active.take(), server.active.take()])
    client = server.client()
    events_before = {
        c["id"]: client.get(f"/customers/{c['id']}/events").json()["items"] for c in customers
    }
    select(qtbot, window, [c["id"] for c in customers])
    confirm = open_bulk(qtbot, window, "suspend")
    choose_reason(confirm, "bulkSuspendReason", "Abuse")  # even with a reason chosen
    if how == "cancel button":
        click(qtbot, find(confirm, "cancelBulkButton"))
    else:
        qtbot.keyClick(confirm, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.bulk.confirmation is None, timeout=5_000)
    assert window.bulk.progress is None
    assert not window.operations.any_running()
    qtbot.wait(300)  # long enough for anything sent to have arrived
    for customer in customers:
        assert operations_for(server, customer["id"]) == []
        after = client.get(f"/customers/{customer['id']}").json()
        assert after["status"] == "active" and after["version"] == customer["version"]
        assert (
            client.get(f"/customers/{customer['id']}/events").json()["items"]
            == (events_before[customer["id"]])
        )


def test_a_selection_skips_suspended_canceled_and_busy_customers_with_the_reason(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    active = server.customer(server.active.take())
    suspended = server.customer(server.suspended.take())
    canceled = server.customer(server.canceled.take())
    busy = server.customer(server.stalling[0])  # its suspension never ends
    # Seeded canceled customers come with the operation that canceled them.
    canceled_ops = operations_for(server, canceled["id"])
    model = window.customers.model
    record = model.customer_at(model.row_of(busy["id"]))
    assert window.operations.start("suspend", record, reason="Fraud")

    select(qtbot, window, [])
    assert not find(window, "bulkSuspendButton").isEnabled()
    assert not find(window, "bulkReenableButton").isEnabled()
    select(qtbot, window, [suspended["id"], canceled["id"], busy["id"]])
    assert not find(window, "bulkSuspendButton").isEnabled()  # nobody it applies to
    assert find(window, "bulkReenableButton").isEnabled()
    select(qtbot, window, [active["id"], suspended["id"], canceled["id"], busy["id"]])
    assert find(window, "bulkSuspendButton").isEnabled()

    confirm = open_bulk(qtbot, window, "suspend")
    assert find(confirm, "bulkConfirmTitle").text() == "Suspend 1 customer?"
    skipped = find(confirm, "bulkSkippedList")
    assert sorted(skipped.item(i).text() for i in range(skipped.count())) == sorted(
        [
            f"{suspended['name']}: already suspended",
            f"{canceled['name']}: canceled",
            f"{busy['name']}: another operation on this customer is still running",
        ]
    )
    choose_reason(confirm, "bulkSuspendReason", "Customer request")
    click(qtbot, find(confirm, "confirmBulkSuspendButton"))
    progress = shown_progress(qtbot, window)
    states = row_states(progress)
    assert states[suspended["name"]] == "Skipped: already suspended"
    assert states[canceled["name"]] == "Skipped: canceled"
    assert states[busy["name"]] == ("Skipped: another operation on this customer is still running")
    _wait_settled(qtbot, window)
    assert server.client().get(f"/customers/{active['id']}").json()["status"] == "suspended"
    assert operations_for(server, suspended["id"]) == []
    assert operations_for(server, canceled["id"]) == canceled_ops
    assert len(operations_for(server, busy["id"])) == 1  # only the one started before
    assert find(progress, "bulkSummary").text() == "3 skipped."
    assert window.operations.is_running(busy["id"])  # the bulk dialog never waited for it


def test_the_whole_bulk_confirmation_works_by_keyboard_alone(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customers = _customers(server, [server.active.take(), server.active.take()])
    select(qtbot, window, [c["id"] for c in customers])
    button = find(window, "bulkSuspendButton")
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2_000)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.bulk.confirmation is not None, timeout=5_000)
    confirm = window.bulk.confirmation
    assert confirm is not None
    qtbot.waitExposed(confirm)
    confirm.activateWindow()
    qtbot.waitUntil(confirm.isActiveWindow, timeout=2_000)

    combo = find(confirm, "bulkSuspendReason")
    assert QApplication.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first reason: Non-payment
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    text = find(confirm, "bulkSuspendReasonText")
    assert QApplication.focusWidget() is text
    qtbot.keyClicks(text, "keyboard only")
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    # Then when (Now, or On a date; a re-enable by itself), then the confirm button.
    assert QApplication.focusWidget() is find(confirm, "scheduleNow")
    ok = find(confirm, "confirmBulkSuspendButton")
    for _ in range(4):
        if QApplication.focusWidget() is ok:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ok
    # Shift+Tab from the reason reaches the lists, to read the names.
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is find(confirm, "bulkCustomerList")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is combo
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)  # Enter confirms from the text field

    progress = shown_progress(qtbot, window)
    progress.activateWindow()  # as the window manager does with a new window
    qtbot.waitUntil(progress.isActiveWindow, timeout=2_000)
    _wait_settled(qtbot, window)
    close = find(progress, "bulkCloseButton")
    # Done: Close has the focus and is the default, so Enter closes the window. (The offscreen
    # platform does not re-activate a window whose flags changed; a window manager does.)
    assert progress.focusWidget() is close and close.isDefault()
    qtbot.keyClick(progress, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)
    for customer in customers:
        record = server.client().get(f"/customers/{customer['id']}").json()
        assert record["status"] == "suspended"
        assert record["suspension_reason"] == "Non-payment: keyboard only"


def test_past_the_long_bound_the_bulk_dialog_unlocks_and_says_what_still_runs(
    qtbot: QtBot, harness: AppHarness, server: FaultyServer
) -> None:
    harness.settings.operation_bound_ms = 1_000
    window = harness.sign_in(qtbot, server.root)
    window.bulk.at_once = 1  # the stalled one must not hold the next back
    stalled = server.customer(server.stalling[1])
    healthy = server.customer(server.active.take())
    select(qtbot, window, [stalled["id"], healthy["id"]])
    confirm = open_bulk(qtbot, window, "suspend")
    choose_reason(confirm, "bulkSuspendReason", "Fraud")
    click(qtbot, find(confirm, "confirmBulkSuspendButton"))
    progress = shown_progress(qtbot, window)
    assert progress.is_locked()
    _wait_settled(qtbot, window)

    states = row_states(progress)
    assert states[stalled["name"]] == "Suspending… taking longer than usual"
    assert states[healthy["name"]].startswith("Suspended at ")
    assert find(progress, "bulkProgressTitle").text() == "1 of 2 suspended so far"
    assert f"Taking longer than usual: {stalled['name']}." in find(progress, "bulkSummary").text()
    assert window.operations.is_running(stalled["id"])  # still followed, by the center
    click(qtbot, find(progress, "bulkCloseButton"))
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)
    assert window.customers.model.pending_kind(stalled["id"]) == "suspend"


def test_quitting_during_a_bulk_run_asks_and_says_what_is_not_sent(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    window.bulk.at_once = 1
    stalled = server.customer(server.stalling[2])
    waiting = _customers(server, [server.active.take(), server.active.take()])
    # Newest accounts first: the stalled one (among the last numbers) is sent first.
    window.customers.table.sortByColumn(ACCOUNT, Qt.SortOrder.DescendingOrder)
    select(qtbot, window, [stalled["id"]] + [c["id"] for c in waiting])
    confirm = open_bulk(qtbot, window, "suspend")
    choose_reason(confirm, "bulkSuspendReason", "Non-payment")
    click(qtbot, find(confirm, "confirmBulkSuspendButton"))
    progress = shown_progress(qtbot, window)
    qtbot.waitUntil(lambda: window.operations.is_running(stalled["id"]), timeout=5_000)
    assert window.bulk.waiting_count() == 2

    assert window.close() is False
    box = _message_box(qtbot, window)
    assert f"Suspending {stalled['name']}" in box.text()
    assert "2 more customers are waiting their turn" in box.text()
    assert "Those waiting are not sent" in box.informativeText()
    click(qtbot, find(box, "stayButton"))
    assert window.isVisible() and progress.isVisible() and progress.is_locked()

    assert window.close() is False
    box = _message_box(qtbot, window)
    click(qtbot, find(box, "leaveAnywayButton"))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    assert not progress.isVisible()
    assert not window.operations.any_running()
    qtbot.wait(300)
    for customer in waiting:
        assert operations_for(server, customer["id"]) == []  # never sent, as it said
    assert len(operations_for(server, stalled["id"])) == 1  # the server carries on with it


def test_screenshots_of_the_bulk_confirmation_progress_and_summary(
    qtbot: QtBot, server: FaultyServer, tmp_path: Path, window: MainWindow
) -> None:
    window.bulk.at_once = 2  # some wait their turn in the picture
    numbers = [server.active.take() for _ in range(4)] + [server.failing[0]]
    numbers.append(server.suspended.take())
    ids = [c["id"] for c in _customers(server, numbers)]
    select(qtbot, window, ids)
    confirm = open_bulk(qtbot, window, "suspend")
    choose_reason(confirm, "bulkSuspendReason", "Non-payment", "Q3 invoices overdue")
    qtbot.waitUntil(lambda: billable_loaded(confirm), timeout=10_000)
    confirm.adjustSize()
    save_grab(confirm, screenshot_path(tmp_path, "bulk-confirm.png"))

    click(qtbot, find(confirm, "confirmBulkSuspendButton"))
    progress = shown_progress(qtbot, window)
    grabbed: list[Path] = []

    def mid_run(_index: int) -> None:
        # One done, the next two under way, the rest waiting their turn.
        run = progress.run
        if not grabbed and run.count("succeeded") == 1 and run.count("running") == 2:
            grabbed.append(screenshot_path(tmp_path, "bulk-progress.png"))
            save_grab(progress, grabbed[0])

    progress.run.item_changed.connect(mid_run)
    _wait_settled(qtbot, window)
    assert grabbed
    save_grab(progress, screenshot_path(tmp_path, "bulk-summary.png"))
    states = list(row_states(progress).values())
    assert sum(s.startswith("Suspended at ") for s in states) == 4
    assert sum(s.startswith("Failed: ") for s in states) == 1
    assert states.count("Skipped: already suspended") == 1


def _message_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    name = "quitWhileRunningBox"
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, name)), timeout=5_000
    )
    (box,) = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    return box
