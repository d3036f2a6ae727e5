"""While an operation runs: the dialog refuses to close, the long bound hands it to the status
bar, quitting asks first, lost answers change nothing, and a restart picks the operation up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    Answer,
    choose_reason,
    click,
    find,
    open_customer,
    when_shown,
)
from tests.desktop.operation_support import FaultyServer, faulty_server
from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.scripted_http import LossyProxy

# A dialog closes the moment its operation ends: the next step need not wait for it.
pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    folder = tmp_path_factory.mktemp("operation-lock")
    with faulty_server(folder, stalling=6, suspend_seconds=0.3) as running:
        yield running


def _suspend(qtbot: QtBot, dialog: CustomerDialog, reason: str = "Non-payment") -> None:
    """Flip the switch and confirm; returns once the operation has started."""

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", reason)
        click(qtbot, find(box, "confirmSuspendButton"))

    answer = when_shown("suspendConfirmDialog", confirm)
    click(qtbot, find(dialog, "suspendToggle"))
    assert answer.seen


def _unfinished_for(server: FaultyServer, customer_id: str) -> bool:
    items = server.client().get("/operations", params={"unfinished": "true"}).json()["items"]
    return customer_id in [op["customer_id"] for op in items]


def _stalled(server: FaultyServer, n: int) -> dict[str, object]:
    return server.customer(server.stalling[n])


def test_the_dialog_cannot_be_closed_while_the_suspension_runs(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = _stalled(server, 0)
    dialog = open_customer(qtbot, window, str(customer["id"]))
    assert dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    _suspend(qtbot, dialog)

    assert dialog.is_operation_locked()
    assert not dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    assert dialog.isVisible()  # re-shown after the flags changed
    assert dialog.close() is False  # closeEvent ignored
    assert dialog.isVisible()
    dialog.reject()  # what Esc and the Close button do
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    (close_shortcut,) = [
        s
        for s in dialog.findChildren(QShortcut)
        if s.key().matches(QKeySequence(QKeySequence.StandardKey.Close))
        == QKeySequence.SequenceMatch.ExactMatch
    ]
    close_shortcut.activated.emit()  # Ctrl+W / Cmd+W
    assert dialog.isVisible()
    for name in ("closeButton", "saveButton", "suspendToggle", "cancelToggle"):
        assert not find(dialog, name).isEnabled(), name

    progress = find(dialog, "operationProgress")
    assert progress.isVisible()
    assert progress.text() == "Asking the server to suspend…"
    qtbot.waitUntil(lambda: progress.text() == "Waiting for the hosting backend…", timeout=10_000)
    assert dialog.isVisible() and dialog.is_operation_locked()

    model = window.customers.model
    assert model.pending_kind(str(customer["id"])) == "suspend"
    row = model.row_of(str(customer["id"]))
    assert model.index(row, model.STATUS).data() == "Suspending…"
    status = find(window, "operationStatus")
    assert status.isVisible() and str(customer["name"]) in status.text()


def test_past_the_long_bound_the_dialog_offers_to_keep_watching_in_the_background(
    qtbot: QtBot, harness: AppHarness, server: FaultyServer
) -> None:
    harness.settings.operation_bound_ms = 1_000
    window = harness.sign_in(qtbot, server.root)
    customer = _stalled(server, 1)
    customer_id = str(customer["id"])
    dialog = open_customer(qtbot, window, customer_id)
    _suspend(qtbot, dialog)
    assert dialog.is_operation_locked()

    keep = find(dialog, "keepWatchingButton")
    qtbot.waitUntil(lambda: window.operations.is_overdue(customer_id), timeout=10_000)
    assert keep.isVisible() and keep.isEnabled()
    # Unlocked: it may close now; the operation goes on being watched.
    assert not dialog.is_operation_locked()
    assert dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    assert find(dialog, "closeButton").isEnabled()
    assert not find(dialog, "suspendToggle").isEnabled()  # still no second operation
    assert "longer than usual" in find(dialog, "operationProgress").text()

    click(qtbot, keep)
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)
    assert window.operations.is_running(customer_id)
    status = find(window, "operationStatus")
    assert status.isVisible()
    # Stalled operations of earlier tests are picked up at sign-in too: this one is among them.
    assert f"Suspending {customer['name']}" in status.text()
    assert window.customers.model.pending_kind(customer_id) == "suspend"

    # Opened again, the customer shows the operation without locking the dialog.
    again = open_customer(qtbot, window, customer_id)
    assert not find(again, "suspendToggle").isEnabled()
    assert find(again, "operationProgress").isVisible()
    assert not again.is_operation_locked()


def _message_box(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, name)), timeout=5_000
    )
    (box,) = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    return box


def test_quitting_while_an_operation_runs_asks_first(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customer = _stalled(server, 2)
    dialog = open_customer(qtbot, window, str(customer["id"]))
    _suspend(qtbot, dialog)

    assert window.close() is False
    box = _message_box(qtbot, window, "quitWhileRunningBox")
    assert f"Suspending {customer['name']}" in box.text()
    assert "still running" in box.text()
    assert "server still finishes it" in box.informativeText()
    assert "next time you sign in" in box.informativeText()
    click(qtbot, find(box, "stayButton"))
    assert window.isVisible() and window.operations.any_running()

    assert window.close() is False
    box = _message_box(qtbot, window, "quitWhileRunningBox")
    click(qtbot, find(box, "leaveAnywayButton"))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    # The locked Edit Customer dialog let go too: otherwise the app could never quit.
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert not dialog.is_operation_locked()
    assert not window.operations.any_running()  # stopped watching; the server carries on
    # The suspension was sent before the window went; the server goes on with it.
    qtbot.waitUntil(lambda: _unfinished_for(server, str(customer["id"])), timeout=5_000)


def test_signing_out_while_an_operation_runs_asks_first(
    qtbot: QtBot, harness: AppHarness, server: FaultyServer
) -> None:
    window = harness.sign_in(qtbot, server.root)
    customer = _stalled(server, 3)
    dialog = open_customer(qtbot, window, str(customer["id"]))
    _suspend(qtbot, dialog)

    window.sign_out()
    box = _message_box(qtbot, window, "signOutWhileRunningBox")
    click(qtbot, find(box, "stayButton"))
    assert harness.controller.window is window

    window.sign_out()
    box = _message_box(qtbot, window, "signOutWhileRunningBox")
    click(qtbot, find(box, "leaveAnywayButton"))
    qtbot.waitUntil(lambda: harness.controller.login is not None, timeout=5_000)
    assert harness.controller.window is None


def test_a_connection_lost_after_the_post_arrived_still_makes_exactly_one_operation(
    qtbot: QtBot, harness: AppHarness, tmp_path: Path
) -> None:
    # A server of its own: no operation of another test polls through the proxy meanwhile.
    with faulty_server(tmp_path / "server") as server:
        _lose_answers(qtbot, harness, server)


def _lose_answers(qtbot: QtBot, harness: AppHarness, server: FaultyServer) -> None:
    proxy = LossyProxy(server.root).start()
    try:
        window = harness.sign_in(qtbot, proxy.root)
        customer = server.customer(server.active.take())
        customer_id = str(customer["id"])
        dialog = open_customer(qtbot, window, customer_id)
        texts: list[str] = []

        def progressed(cid: str, text: str) -> None:
            if text == "Waiting for the hosting backend…" and text not in texts:
                proxy.drop["GET"] = 4  # more than the transport retries on its own
            texts.append(text)

        window.operations.progress.connect(progressed)
        proxy.drop["POST"] = 1  # the server gets the suspend; its answer is lost
        with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
            _suspend(qtbot, dialog, "Customer request")
        assert ended.args[0].error is None
    finally:
        proxy.stop()
    assert "Reconnecting…" in texts
    operation_ids = {
        json.loads(body)["id"]
        for method, path, status, body in proxy.forwarded
        if method == "POST" and path.endswith(f"/customers/{customer_id}/suspend") and status == 202
    }
    assert len(operation_ids) == 1
    assert proxy.count("POST", f"/api/v1/customers/{customer_id}/suspend") == 2
    events = server.client().get(f"/customers/{customer_id}/events").json()["items"]
    assert [e["action"] for e in events].count("suspended") == 1
    assert server.client().get(f"/customers/{customer_id}").json()["status"] == "suspended"


def test_after_a_restart_the_unfinished_operation_is_picked_up_and_finished(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with faulty_server(tmp_path / "server", suspend_seconds=8.0) as slow:
        first = AppHarness(tmp_path / "first", MemoryKeyring())
        customer = slow.customer(slow.active.take())
        customer_id = str(customer["id"])
        try:
            window = first.sign_in(qtbot, slow.root)
            dialog = open_customer(qtbot, window, customer_id)
            _suspend(qtbot, dialog)
            progress = find(dialog, "operationProgress")
            qtbot.waitUntil(
                lambda: progress.text() == "Waiting for the hosting backend…", timeout=10_000
            )
        finally:
            first.close()  # the app goes away mid-operation, without waiting for it
        unfinished = slow.client().get("/operations", params={"unfinished": "true"}).json()
        assert customer_id in [op["customer_id"] for op in unfinished["items"]]

        second = AppHarness(tmp_path / "second", MemoryKeyring())
        second.settings.auto_close_ms = 0
        try:
            window = second.sign_in(qtbot, slow.root)
            model = window.customers.model
            qtbot.waitUntil(lambda: model.pending_kind(customer_id) == "suspend", timeout=10_000)
            row = model.row_of(customer_id)
            assert model.index(row, model.STATUS).data() == "Suspending…"
            dialog = open_customer(qtbot, window, customer_id)
            toggle = find(dialog, "suspendToggle")
            assert not toggle.isEnabled() and not toggle.isChecked()
            progress = find(dialog, "operationProgress")
            assert progress.isVisible()
            assert progress.text() == "Waiting for the hosting backend…"
            qtbot.waitUntil(
                lambda: not window.operations.is_running(customer_id), timeout=OPERATION_TIMEOUT_MS
            )
            assert toggle.isChecked() and toggle.isEnabled()
            assert (
                find(dialog, "operationResult")
                .text()
                .startswith(f"{customer['name']} suspended at ")
            )
            assert model.customer_at(row).status == "suspended"
            assert model.pending_kind(customer_id) == ""
            assert dialog in window._dialogs  # not started here: it does not close by itself
        finally:
            second.close()
        assert slow.client().get(f"/customers/{customer_id}").json()["status"] == "suspended"
