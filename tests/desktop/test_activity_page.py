"""The Activity page against the real server: the partner's log newest first, a page at a time
as the table scrolls, every filter, "who suspended this customer" in two clicks, the customer
opened from a row, the export of every page, and the section closed to agents and viewers."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QListWidgetItem
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import CustomerTableModel
from desktop.ui.activity import calls
from desktop.ui.activity.customer_picker import ID_ROLE
from desktop.ui.activity.model import ActivityTableModel
from desktop.ui.activity.page import ActivityPage
from desktop.ui.activity.words import CUSTOMER_ACTIONS, TEAM_ACTIONS, ActivityWords
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.a11y_support import focused, press
from tests.desktop.customer_dialog_support import OFFSCREEN_NOISE, server_customer
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess

pytestmark = OFFSCREEN_NOISE
LOAD_MS = 15_000
M = ActivityTableModel
UPDATES = 24  # edits of one customer: enough events for several small pages


@pytest.fixture(scope="module")
def scene(server: ServerProcess) -> dict[str, Any]:
    """Who did what, before any window opens: edits by demo, a failed sign-in of agent's, a
    colleague added, and a suspension by admin with its reason."""
    demo = ApiClient(server.url).login()
    active = [c for c in demo.get("/customers", params={"limit": 50}).json()["items"]]
    active = [c for c in active if c["status"] == "active"]
    edited, suspended = active[0], active[1]
    for n in range(UPDATES):
        version = server_customer(demo, edited["id"])["version"]
        answer = demo.patch(
            f"/customers/{edited['id']}",
            json={"contact_name": f"Contact {n}"},
            headers={"If-Match": f'"{version}"'},
        )
        assert answer.status_code == 200, answer.text
    wrong = demo.http.post(
        f"{server.url}/auth/login", json={"username": "agent", "password": "wrong"}, timeout=30
    )
    assert wrong.status_code == 401
    added = demo.post(
        "/staff",
        json={
            "username": "mara",
            "display_name": "Mara Kos",
            "email": "mara@example.hr",
            "role": "agent",
            "password": "long enough passphrase 42",
        },
    )
    assert added.status_code == 201, added.text
    admin = ApiClient(server.url).login("admin", "admin")
    started = admin.post(
        f"/customers/{suspended['id']}/suspend",
        json={"reason": "Invoice 2026-17 unpaid"},
        headers={"Idempotency-Key": "activity-page-suspend"},
    )
    assert started.status_code == 202, started.text
    assert admin.wait_operation(started.json()["id"])["state"] == "succeeded"
    return {"edited": edited, "suspended": suspended, "demo": demo}


def server_log(client: ApiClient, **params: str) -> list[dict[str, Any]]:
    """Every event the server has for these filters, newest first, all pages."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            "/activity", params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})}
        ).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def open_activity(qtbot: QtBot, window: MainWindow) -> ActivityPage:
    page = window.activity
    window.show_page(page)
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: ActivityPage) -> None:
    model = page.model
    qtbot.waitUntil(
        lambda: (model.has_loaded() or model.failure() is not None) and not model.is_loading(),
        timeout=LOAD_MS,
    )


def column(page: ActivityPage, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    model = page.model
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_the_owner_sees_every_event_newest_first_in_words(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow
) -> None:
    page = open_activity(qtbot, window)
    items = column(page, 0, M.ItemRole)
    ids = [item.id for item in items]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    # The newest: this window's own sign-in.
    assert (items[0].actor, column(page, M.WHAT)[0]) == ("demo", "Signed in")
    rows = list(
        zip(
            column(page, M.WHO),
            column(page, M.WHAT),
            column(page, M.CUSTOMER),
            column(page, M.DETAILS),
            strict=True,
        )
    )
    name = scene["suspended"]["name"]
    assert ("admin", "Suspended", name, "Reason: Invoice 2026-17 unpaid") in rows
    assert ("agent", "Sign-in failed", "", "Wrong password") in rows
    added = "Staff member: Mara Kos (mara); Role: agent; Email: mara@example.hr"
    assert ("demo", "Staff member added", "", added) in rows
    edits = [r for r in rows if r[1] == "Details changed"]
    assert edits and edits[0][2] == scene["edited"]["name"]
    assert edits[0][3].startswith("Contact: ")


def test_scrolling_to_the_end_fetches_the_next_page(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calls, "PAGE_SIZE", 4)
    window.resize(900, 520)
    page = open_activity(qtbot, window)
    model, table = page.model, page.table
    total = len(server_log(scene["demo"]))
    # The view asks for pages until it is full, then waits for the person to scroll.
    qtbot.waitUntil(lambda: not model.canFetchMore() or table.verticalScrollBar().maximum() > 0)
    settle(qtbot, page)
    shown = model.rowCount()
    assert shown % 4 == 0 and shown < total and not model.at_end()
    assert "more as you scroll" in page.count.text()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > shown, timeout=LOAD_MS)
    while not model.at_end():
        settle(qtbot, page)
        table.scrollToBottom()
        QApplication.processEvents()
    settle(qtbot, page)
    ids = [item.id for item in column(page, 0, M.ItemRole)]
    assert len(ids) == total and ids == sorted(set(ids), reverse=True)
    assert page.count.text() == f"All {total} events"


def test_each_filter_asks_the_server_again_from_the_first_page(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow
) -> None:
    page = open_activity(qtbot, window)
    filters = page.filters
    qtbot.waitUntil(lambda: filters.actor.findData("admin") >= 0, timeout=LOAD_MS)

    filters.actor.setCurrentIndex(filters.actor.findData("admin"))
    settle(qtbot, page)
    assert set(column(page, M.WHO)) == {"admin"}
    assert "Suspended" in column(page, M.WHAT)

    filters.actor.setCurrentIndex(0)
    filters.choose_action("auth.login_failed")
    settle(qtbot, page)
    assert set(column(page, M.WHAT, M.ActionRole)) == {"auth.login_failed"}
    assert "agent" in column(page, M.WHO)

    filters.choose_action("")
    edited = scene["edited"]
    picker = filters.customer
    picker.setFocus()
    qtbot.keyClicks(picker, edited["name"])
    qtbot.waitUntil(lambda: picker.suggestions.rowCount() > 0, timeout=LOAD_MS)
    row = next(
        r
        for r in range(picker.suggestions.rowCount())
        if picker.suggestions.item(r).data(ID_ROLE) == edited["id"]
    )
    picker._completer.activated[QModelIndex].emit(picker.suggestions.index(row, 0))
    qtbot.waitUntil(lambda: picker.picked_id() == edited["id"], timeout=LOAD_MS)
    settle(qtbot, page)
    assert set(column(page, M.CUSTOMER)) == {edited["name"]}
    assert page.model.rowCount() == len(server_log(scene["demo"], customer_id=edited["id"]))
    picker.drop()
    settle(qtbot, page)

    today = QDate.currentDate()
    filters.since.setDate(today.addDays(1))
    filters.since_on.setChecked(True)
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.state.heading.text() == "No activity found"
    filters.since.setDate(today)
    settle(qtbot, page)
    assert page.model.rowCount() > UPDATES
    filters.since_on.setChecked(False)
    filters.until.setDate(today.addDays(-1))
    filters.until_on.setChecked(True)
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    page.clear_button.click()
    settle(qtbot, page)
    assert not filters.until_on.isChecked() and page.model.rowCount() > UPDATES


def test_show_activity_on_a_customer_then_suspended_says_who_suspended_it(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow
) -> None:
    customers = window.customers
    suspended = scene["suspended"]
    proxy = customers.proxy
    index = next(
        proxy.index(r, 0)
        for r in range(proxy.rowCount())
        if proxy.index(r, 0).data(CustomerTableModel.CustomerRole).id == suspended["id"]
    )
    customers.table.scrollTo(index)
    menu = customers.context_menu
    menu.show_at(customers.table.visualRect(index).center())
    assert menu.menu is not None and menu.activity_action in menu.menu.actions()
    # Click one: the customer's "Show Activity".
    menu.activity_action.trigger()
    menu.menu.hide()
    page = window.activity
    assert window.pages.currentWidget() is page
    settle(qtbot, page)
    assert page.filters.customer.text() == suspended["name"]
    assert set(column(page, M.CUSTOMER)) == {suspended["name"]}
    # Click two: What > Suspended.
    page.filters.choose_action("suspended")
    settle(qtbot, page)
    assert column(page, M.WHO) == ["admin"]
    assert column(page, M.DETAILS) == ["Reason: Invoice 2026-17 unpaid"]


def test_double_click_or_enter_on_an_event_opens_its_customer(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow
) -> None:
    page = open_activity(qtbot, window)
    table = page.table
    ids = column(page, 0, M.CustomerIdRole)
    row = ids.index(scene["suspended"]["id"])
    table.scrollTo(page.model.index(row, M.WHAT))
    rect = table.visualRect(page.model.index(row, M.WHAT))
    assert table.viewport().rect().contains(rect.center())
    # As a person double-clicks: a press and release first (the view opens only what was
    # pressed), then the double click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(window._dialogs) == 1, timeout=LOAD_MS)
    dialog = window._dialogs[0]
    assert isinstance(dialog, CustomerDialog)
    assert dialog.customer is not None and dialog.customer.id == scene["suspended"]["id"]
    dialog.reject()
    qtbot.waitUntil(lambda: not window._dialogs, timeout=LOAD_MS)

    # A sign-in is about nobody's customer: Enter on it opens nothing and says why.
    team_row = ids.index(None)
    table.activateWindow()
    table.setFocus()
    table.setCurrentIndex(page.model.index(team_row, 0))
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert page.status.text() == "This event is about the team, not a customer."
    edited_row = ids.index(scene["edited"]["id"])
    table.setCurrentIndex(page.model.index(edited_row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: len(window._dialogs) == 1, timeout=LOAD_MS)
    assert window._dialogs[0].customer.id == scene["edited"]["id"]
    window._dialogs[0].reject()


def test_export_writes_every_event_of_the_filter_not_only_those_shown(
    qtbot: QtBot,
    scene: dict[str, Any],
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(calls, "PAGE_SIZE", 4)
    monkeypatch.setattr(calls, "EXPORT_PAGE_SIZE", 5)
    target = tmp_path / "activity"  # no suffix: ".csv" is added
    asked: list[str] = []

    def save_as(parent: object, title: str, *args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(title)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    page = open_activity(qtbot, window)
    assert page.model.rowCount() < len(server_log(scene["demo"]))
    with qtbot.waitSignal(page.exporter.finished, timeout=LOAD_MS) as outcome:
        page.export_button.click()
    assert outcome.args == [True] and asked == ["Export Activity"]
    with (tmp_path / "activity.csv").open(encoding="utf-8-sig", newline="") as source:
        written = list(csv.reader(source))
    expected = server_log(scene["demo"])
    assert written[0] == ["When", "Who", "What", "Customer", "Details"]
    assert len(written) == len(expected) + 1
    assert [r[1] for r in written[1:]] == [e["actor"] for e in expected]
    assert written[1][2] == page.model.index(0, M.WHAT).data()
    assert ["admin", "Suspended", scene["suspended"]["name"], "Reason: Invoice 2026-17 unpaid"] in [
        r[1:] for r in written
    ]
    assert page.status.text().startswith(f"Exported {len(expected)} events to activity.csv")


@pytest.mark.parametrize("role", ["agent", "viewer"])
def test_agents_and_viewers_see_the_section_disabled_with_who_may(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, role: str
) -> None:
    window = harness.sign_in(qtbot, server.root, role, role)
    items = [window.sidebar.item(r) for r in range(window.sidebar.count())]
    item: QListWidgetItem = next(i for i in items if i.text() == "Activity")
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.toolTip() == "Only an owner or admin can see the activity log."
    action = window.customers.context_menu.activity_action
    assert not action.isEnabled()
    assert action.toolTip() == "Only an owner or admin can see the activity log."
    assert window.activity.model.rowCount() == 0 and not window.activity.model.is_loading()


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    running = FaultProxy(server.root).start()
    yield running
    running.stop()


def test_a_failed_page_keeps_the_rows_and_offers_to_try_again(
    qtbot: QtBot,
    scene: dict[str, Any],
    harness: AppHarness,
    proxy: FaultProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calls, "PAGE_SIZE", 4)
    window = harness.sign_in(qtbot, proxy.root)
    window.resize(900, 520)
    proxy.arm(Fault("status", "GET", r"/activity\?.*cursor=", status=500))
    page = open_activity(qtbot, window)
    qtbot.waitUntil(lambda: page.model.failure() is not None, timeout=LOAD_MS)
    shown = page.model.rowCount()
    assert shown == 4 and page.stack.currentWidget() is page.table
    assert page.page_problem.isVisible()
    assert page.page_problem.caption.text().startswith("More events could not be loaded")
    page.retry_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() > shown, timeout=LOAD_MS)
    assert page.model.failure() is None and not page.page_problem.isVisible()


def test_a_page_asked_for_under_an_older_filter_is_dropped(
    qtbot: QtBot, scene: dict[str, Any], harness: AppHarness, proxy: FaultProxy
) -> None:
    window = harness.sign_in(qtbot, proxy.root)
    page = open_activity(qtbot, window)
    held = proxy.arm(Fault("hold", "GET", r"/activity\?.*actor=admin"))
    qtbot.waitUntil(lambda: page.filters.actor.findData("admin") >= 0, timeout=LOAD_MS)
    page.filters.actor.setCurrentIndex(page.filters.actor.findData("admin"))
    assert held.holding.wait(10)
    page.filters.actor.setCurrentIndex(page.filters.actor.findData("agent"))
    settle(qtbot, page)
    assert set(column(page, M.WHO)) == {"agent"}
    held.release.set()  # the admin page arrives now, too late
    qtbot.wait(300)
    assert harness.runner.drain(10_000)
    QApplication.processEvents()
    assert set(column(page, M.WHO)) == {"agent"}


def test_croatian_words(
    qtbot: QtBot, croatian: None, scene: dict[str, Any], window: MainWindow
) -> None:
    page = open_activity(qtbot, window)
    assert page.filters.actor.itemText(0) == "Bilo tko"
    whats = column(page, M.WHAT)
    assert "Suspendiran" in whats and "Neuspjela prijava" in whats


def test_team_events_are_worded_and_an_unknown_action_is_shown_as_the_server_spells_it(
    qapp: QApplication,
) -> None:
    words = ActivityWords()
    assert all(words.known_action(a) for a in (*CUSTOMER_ACTIONS, *TEAM_ACTIONS))
    assert words.action("suspended") == "Suspended"  # the History tab's words
    assert words.action("auth.login_failed") == "Sign-in failed"
    assert words.action("plan.changed") == "plan.changed"
    assert words.details("plan.changed", {"reason": "whatever it means"}) == []
    changed = {"username": "mara", "fields": ["role"], "changes": {"role": "admin"}}
    assert words.details("staff.updated", changed) == ["Staff member: mara", "Role: admin"]
    assert words.details("staff.disabled", {"user_id": "u_1", "username": "mara"}) == [
        "Staff member: mara"
    ]
    assert words.details("partner.updated", {"changes": {"require_mfa": True}}) == [
        "Two-factor sign-in required of everyone"
    ]
    assert words.details("auth.login", {"second_factor": "recovery_code"}) == [
        "With a recovery code"
    ]
    assert words.details("auth.login", {}) == []
    assert words.details("auth.mfa_failed", {"during": "sign-in"}) == ["While signing in"]
    assert words.details("auth.recovery_code_used", {"remaining": 9}) == ["9 recovery codes left"]
    assert words.details("auth.login_failed", {"reason": "account_disabled"}) == [
        "The account is disabled"
    ]


def test_tab_goes_from_the_buttons_through_the_filters_to_the_table(
    qtbot: QtBot, scene: dict[str, Any], window: MainWindow
) -> None:
    page = open_activity(qtbot, window)
    page.filters.since_on.setChecked(True)  # a date is a stop only while its box is ticked
    page.filters.until_on.setChecked(True)
    settle(qtbot, page)
    window.activateWindow()
    page.clear_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.clear_button.hasFocus)
    names = [focused().objectName()]
    while len(names) < 11:
        press(qtbot, Qt.Key.Key_Tab)
        # Tab inside a date goes day, month, year first, as in every Qt date field.
        if focused().objectName() != names[-1]:
            names.append(focused().objectName())
    assert names == [
        "activityClearFiltersButton",
        "activityRefreshButton",
        "activityExportButton",
        "activityFilterActor",
        "activityFilterAction",
        "activityFilterCustomer",
        "activityFilterFromOn",
        "activityFilterFrom",
        "activityFilterToOn",
        "activityFilterTo",
        "activityTable",
    ]
