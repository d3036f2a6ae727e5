"""The app a partner's staff open every day, driven like a person would, against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.errors import NotFoundError
from desktop.models.customer_table import CustomerTableModel
from desktop.ui.customers import calls as customers_calls
from desktop.ui.main_window import MainWindow
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('gui') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        yield proc


def _settled(qtbot: QtBot, harness: AppHarness) -> None:
    proxy = harness.window.customers.proxy
    qtbot.waitUntil(proxy.is_settled, timeout=10_000)


def test_sign_in_loads_every_customer_and_counts_match_the_server(
    qtbot: QtBot, server: ServerProcess, window: MainWindow
) -> None:
    assert window.objectName() == "mainWindow"
    total = ApiClient(server.url).login().get("/customers").json()["total"]
    table = window.findChild(QTableView, "customerTable")
    assert table.model().rowCount() == total == 300
    assert window.findChild(QLabel, "customerCount").text() == "300 customers"
    # The display name and the role, from /me.
    assert window.findChild(QLabel, "statusUser").text() == "Signed in as Demo Owner (owner)"
    # Live once the change feed streams (the list came from its snapshot).
    status = window.findChild(QLabel, "statusConnection")
    qtbot.waitUntil(lambda: status.text() == "Live", timeout=15_000)


def test_wrong_password_shows_the_servers_message(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    harness.start()
    harness.fill_login(server.root, "demo", "not the password")
    qtbot.mouseClick(
        harness.login.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton
    )
    error = harness.login.findChild(QLabel, "signInError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "Wrong user name or password."
    assert harness.controller.window is None


def test_too_many_attempts_says_when_to_try_again(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    harness.start()
    button = harness.login.findChild(QPushButton, "signInButton")
    error = harness.login.findChild(QLabel, "signInError")
    for _ in range(6):
        harness.fill_login(server.root, "nobody-throttled", "wrong")
        qtbot.waitUntil(button.isEnabled, timeout=10_000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: button.text() != "Signing in…", timeout=10_000)
    assert "Try again in" in error.text()
    assert not button.isEnabled()
    assert button.text().startswith("Try again in")


def test_without_a_keyring_the_dialog_says_memory_only(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    app = AppHarness(tmp_path, keyring=None)  # tests run with keyring's "fail" backend
    try:
        dialog = app.start()
        note = dialog.findChild(QLabel, "keyringNote")
        assert "memory" in note.text().lower()
        assert not dialog.remember.isEnabled()
        app.controller.login = None
        dialog.close()
        window = app.sign_in(qtbot, server.root)
        assert "memory" in window.findChild(QLabel, "statusUser").toolTip().lower()
    finally:
        app.close()


@pytest.mark.parametrize(
    ("text", "field", "status"),
    [
        ("adria", None, None),
        ("10001", "account_number", None),
        ("info@", "email", None),
        ("+385 1 2", "phone", None),
        ("385-1-2", None, None),
        (".com", "domain", None),
        ("digital", "name", None),
        ("", None, "suspended"),
        ("a", None, "active"),
    ],
)
def test_search_as_you_type_matches_the_servers_search(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    text: str,
    field: str | None,
    status: str | None,
) -> None:
    window = harness.sign_in(qtbot, server.root)
    page = window.customers
    combo = page.findChild(QComboBox, "searchField")
    combo.setCurrentIndex(combo.findData(field))
    status_combo = page.findChild(QComboBox, "statusFilter")
    status_combo.setCurrentIndex(status_combo.findData(status))
    search = page.findChild(QLineEdit, "customerSearch")
    qtbot.keyClicks(search, text)
    _settled(qtbot, harness)
    params = {"q": text, "limit": 1}
    if field:
        params["field"] = field
    if status:
        params["status"] = status
    expected = ApiClient(server.url).login().get("/customers", params=params).json()["total"]
    assert page.proxy.rowCount() == expected
    count = page.findChild(QLabel, "customerCount").text()
    assert count == (f"{expected} of 300 customers" if expected != 300 else "300 customers")


def test_no_match_says_what_to_do(qtbot: QtBot, harness: AppHarness, server: ServerProcess) -> None:
    window = harness.sign_in(qtbot, server.root)
    qtbot.keyClicks(window.customers.search, "zzzz-no-such-customer")
    _settled(qtbot, harness)
    empty = window.customers.findChild(QLabel, "emptyState")
    assert window.customers.stack.currentWidget() is empty
    assert "No customer matches" in empty.text()


def test_sort_by_name_orders_rows(qtbot: QtBot, harness: AppHarness, server: ServerProcess) -> None:
    window = harness.sign_in(qtbot, server.root)
    table = window.customers.table
    table.sortByColumn(CustomerTableModel.NAME, Qt.SortOrder.DescendingOrder)
    _settled(qtbot, harness)
    model = table.model()
    names = [model.index(r, CustomerTableModel.NAME).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_refresh_keeps_selection_and_scroll(qtbot: QtBot, window: MainWindow) -> None:
    page = window.customers
    window.resize(1000, 600)
    target = page.proxy.index(150, 0).data(CustomerTableModel.CustomerRole)
    assert page.select_id(target.id)
    scroll = page.table.verticalScrollBar().value()
    assert scroll > 0
    qtbot.mouseClick(page.findChild(QPushButton, "refreshButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page._loading, timeout=30_000)
    assert page.selected_id() == target.id
    assert page.table.verticalScrollBar().value() == scroll


def test_enter_opens_the_selected_customer(qtbot: QtBot, window: MainWindow) -> None:
    page = window.customers
    page.table.setFocus()
    page.table.selectRow(0)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window._dialogs), timeout=5_000)
    dialog = window._dialogs[0]
    assert dialog.objectName() == "customerDialog"
    first = page.proxy.index(0, 0).data(CustomerTableModel.CustomerRole)
    assert first.name in dialog.windowTitle() or dialog.customer.id == first.id


def test_edit_and_save_updates_only_that_row(
    qtbot: QtBot, server: ServerProcess, window: MainWindow
) -> None:
    page = window.customers
    page.table.selectRow(3)
    page.open_selected()
    qtbot.waitUntil(lambda: bool(window._dialogs), timeout=5_000)
    dialog = window._dialogs[0]
    customer = dialog.customer
    email = dialog.findChild(QLineEdit, "field_email")
    email.clear()
    qtbot.keyClicks(email, "billing@saved-from-test.hr")
    changed: list[tuple[QModelIndex, QModelIndex]] = []
    page.model.dataChanged.connect(lambda a, b, *_: changed.append((a, b)))
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    row = page.model.row_of(customer.id)
    qtbot.waitUntil(
        lambda: page.model.customer_at(row).email == "billing@saved-from-test.hr", timeout=10_000
    )
    assert changed and all(a.row() == b.row() == row for a, b in changed)
    on_server = ApiClient(server.url).login().get(f"/customers/{customer.id}").json()
    assert on_server["email"] == "billing@saved-from-test.hr"


def test_expired_session_asks_for_the_password_and_repeats_the_save(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    from desktop.ui.signin.reauth import ReauthDialog

    window = harness.sign_in(qtbot, server.root)
    page = window.customers
    page.table.selectRow(5)
    page.open_selected()
    qtbot.waitUntil(lambda: bool(window._dialogs), timeout=5_000)
    dialog = window._dialogs[0]
    customer = dialog.customer
    contact = dialog.findChild(QLineEdit, "field_contact_name")
    contact.clear()
    qtbot.keyClicks(contact, "Typed Before Expiry")
    # The session ends behind the app's back (as after 12 hours).
    token = window.session.api.token
    r = requests.post(
        f"{server.url}/auth/logout", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert r.status_code == 204

    def answer_reauth() -> None:
        reauth = next(w for w in _top_levels() if isinstance(w, ReauthDialog))
        reauth.findChild(QLineEdit, "reauthPassword").setText("demo")
        reauth.findChild(QPushButton, "reauthSignInButton").click()

    from PySide6.QtCore import QTimer

    def poll() -> None:
        if any(isinstance(w, ReauthDialog) and w.isVisible() for w in _top_levels()):
            answer_reauth()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            ApiClient(server.url).login().get(f"/customers/{customer.id}").json()["contact_name"]
            == "Typed Before Expiry"
        ),
        timeout=20_000,
    )
    assert contact.text() == "Typed Before Expiry"


def _top_levels() -> list[object]:
    from PySide6.QtWidgets import QApplication

    return list(QApplication.topLevelWidgets())


def test_sign_out_returns_to_sign_in_and_revokes_the_token(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root)
    token = window.session.api.token
    window.sign_out()
    qtbot.waitUntil(lambda: harness.controller.login is not None, timeout=5_000)
    harness.runner.drain(10_000)
    r = requests.get(f"{server.url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 401


def test_a_refresh_that_fails_keeps_the_list_shown_and_says_why(
    qtbot: QtBot, harness: AppHarness, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'lost.sqlite3'}"
    seed_database(url)
    server = ServerProcess(url).start()
    try:
        window = harness.sign_in(qtbot, server.root)
    finally:
        server.stop()  # the server goes away while the list is open
    page = window.customers
    table = page.findChild(QTableView, "customerTable")
    notice = page.findChild(QLabel, "refreshNotice")
    assert not notice.isVisible()
    qtbot.mouseClick(page.findChild(QPushButton, "refreshButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page._loading, timeout=60_000)
    # The rows loaded before are still what the person sees, with the reason beside them.
    assert table.isVisible()
    assert table.model().rowCount() == 300
    assert notice.isVisible()
    assert notice.text().startswith("Could not refresh the list:")
    assert "Press F5 to try again" in notice.text()
    assert notice.accessibleDescription() == notice.text()
    assert window.findChild(QLabel, "statusConnection").text().startswith("Offline since ")
    assert page.findChild(QPushButton, "refreshButton").isEnabled()
    # Back on the same address: F5 brings the list up to date and the notice goes.
    with ServerProcess(url, port=server.bound_port):
        qtbot.keyClick(table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: not page._loading and not notice.isVisible(), timeout=60_000)
        # The change feed is followed again too (it says Live once its stream is back).
        status = window.findChild(QLabel, "statusConnection")
        qtbot.waitUntil(lambda: status.text() == "Live", timeout=30_000)
    assert table.model().rowCount() == 300


def test_a_first_load_cut_short_keeps_the_rows_it_got_and_says_why(
    qtbot: QtBot, harness: AppHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cut.sqlite3'}"
    seed_database(url)
    server = ServerProcess(url).start()
    monkeypatch.setattr(customers_calls, "PAGE_SIZE", 20)  # 15 pages of the 300
    pages = PartnerApi.iter_customer_pages

    def no_snapshot(api: PartnerApi, *args: Any, **kwargs: Any) -> Iterator[Any]:
        raise NotFoundError("")  # a server without the snapshot: the list comes page by page
        yield

    monkeypatch.setattr(PartnerApi, "snapshot", no_snapshot)

    def first_page_then_gone(api: PartnerApi, *args: Any, **kwargs: Any) -> Iterator[Any]:
        walk = pages(api, *args, **kwargs)
        yield next(walk)
        server.stop()  # the server goes away after the first page
        yield from walk

    monkeypatch.setattr(PartnerApi, "iter_customer_pages", first_page_then_gone)
    try:
        window = harness.sign_in(qtbot, server.root)
    finally:
        server.stop()
    page = window.customers
    shown = page.findChild(QTableView, "customerTable").model().rowCount()
    assert 20 <= shown < 300
    notice = page.findChild(QLabel, "refreshNotice")
    assert notice.isVisible()
    assert notice.text().startswith("Could not load every customer:")
    assert f"The first {shown} are shown." in notice.text()
