"""A colleague's work reaches this app's table, Overview and status bar without F5 (issue 17):
the app signed in on the real server, a second staff member working over HTTP beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.desktop.live_support import (
    LIVE_MS,
    colleague,
    edit,
    live_status,
    operate,
    row_of,
    shows,
    table_matches_server,
    wait_live,
)
from tests.support.server import ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


def _active(window: MainWindow, skip: int = 0) -> str:
    model = window.customers.model
    found = [
        model.row_at(r).id for r in range(model.rowCount()) if model.row_at(r).status == "active"
    ]
    return found[skip]


def test_sign_in_loads_the_list_from_the_snapshot_and_then_says_live(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    assert window.live.feed.cursor is not None  # the snapshot's, followed since
    status = live_status(window)
    assert "as they happen" in status.toolTip()
    assert status.accessibleDescription() == status.toolTip()
    other = colleague(server.url)
    total = other.get("/customers").json()["total"]
    assert window.customers.model.rowCount() == total
    qtbot.waitUntil(lambda: table_matches_server(window.customers.model, other), timeout=LIVE_MS)


def test_a_colleagues_edit_suspend_cancel_and_new_customer_appear_without_f5(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    other = colleague(server.url)
    model = window.customers.model
    edited, suspended, canceled = _active(window, 0), _active(window, 1), _active(window, 2)

    edit(other, edited, email="live.edit@example.com")
    qtbot.waitUntil(lambda: shows(model, edited, email="live.edit@example.com"), timeout=LIVE_MS)

    with qtbot.waitSignal(window.operations.observed_changed, timeout=LIVE_MS):
        operate(other, suspended, "suspend", reason="Non-payment")
    qtbot.waitUntil(lambda: shows(model, suspended, status="suspended"), timeout=LIVE_MS)

    number = row_of(model, canceled).account_number
    operate(other, canceled, "cancel", reason="Moved away", confirm_account_number=number)
    qtbot.waitUntil(lambda: shows(model, canceled, status="canceled"), timeout=LIVE_MS)

    created = other.post("/customers", json={"name": "Live New d.o.o."}).json()
    qtbot.waitUntil(lambda: model.row_of(created["id"]) is not None, timeout=LIVE_MS)
    assert shows(model, created["id"], name="Live New d.o.o.")
    qtbot.waitUntil(lambda: window.customers.count.text() == "301 customers", timeout=LIVE_MS)

    # The Overview's figures follow the summary events, and the badges are gone again.
    summary = other.get("/summary").json()
    suspended_count = window.overview.suspended_count
    qtbot.waitUntil(
        lambda: suspended_count.text() == str(summary["customers"]["suspended"]),
        timeout=LIVE_MS,
    )
    assert window.operations.observed() == []
    assert model.pending_kind(suspended) == ""
    qtbot.waitUntil(lambda: table_matches_server(model, other), timeout=LIVE_MS)


def test_a_row_leaves_and_enters_the_filter_as_the_colleague_changes_it(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    page, other = window.customers, colleague(server.url)
    customer_id = _active(window, 5)
    page.status.setCurrentIndex(page.status.findData("active"))
    qtbot.waitUntil(page.proxy.is_settled, timeout=LIVE_MS)
    shown_before = page.proxy.rowCount()

    def visible() -> bool:
        return any(
            page.proxy.index(r, 0).data(window.customers.model.IdRole) == customer_id
            for r in range(page.proxy.rowCount())
        )

    assert visible()
    operate(other, customer_id, "suspend", reason="Non-payment")
    qtbot.waitUntil(lambda: not visible(), timeout=LIVE_MS)
    assert page.proxy.rowCount() == shown_before - 1
    operate(other, customer_id, "unsuspend")
    qtbot.waitUntil(visible, timeout=LIVE_MS)
    assert page.proxy.rowCount() == shown_before


def test_f5_applies_the_changes_since_the_list_was_read(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    wait_live(qtbot, window)
    other = colleague(server.url)
    feed = window.live.feed
    feed._end_follower()  # the stream is closed (as when it is lost): only F5 brings the change
    customer_id = _active(window, 7)
    edit(other, customer_id, contact_name="Changed While Away")
    page = window.customers
    loads: list[object] = []
    page.loaded.connect(lambda: loads.append(True))
    table = page.findChild(QTableView, "customerTable")
    qtbot.keyClick(table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not page._loading, timeout=LIVE_MS)
    assert shows(page.model, customer_id, contact_name="Changed While Away")
    assert loads == []  # the changes alone, not the whole list again
