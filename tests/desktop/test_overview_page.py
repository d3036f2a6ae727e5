"""The Overview page against a real server: the server's figures, and they follow changes."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.models.customer_table import StatusRole
from desktop.models.money import money_text
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.overview.page import OverviewPage
from desktop.ui.widgets.chart import BarChart
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('overview') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        yield proc


def _server_summary(server: ServerProcess) -> dict[str, Any]:
    summary: dict[str, Any] = ApiClient(server.url).login().get("/summary").json()
    return summary


def _shown(window: MainWindow, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _wait_for_figures(qtbot: QtBot, page: OverviewPage) -> None:
    qtbot.waitUntil(
        lambda: not page.is_loading() and page.summary() is not None, timeout=TIMEOUT_MS
    )


def _expect(window: MainWindow, summary: dict[str, Any]) -> None:
    locale = QLocale()
    counts, billed = summary["customers"], summary["monthly_billable"]
    active, suspended = Decimal(billed["active"]), Decimal(billed["suspended"])
    assert _shown(window, "overviewActiveCount") == locale.toString(counts["active"])
    assert _shown(window, "overviewSuspendedCount") == locale.toString(counts["suspended"])
    assert _shown(window, "overviewCanceledCount") == locale.toString(counts["canceled"])
    assert _shown(window, "overviewBillableTotal") == money_text(active + suspended, "EUR")
    suspended_money = money_text(suspended, "EUR")
    assert _shown(window, "overviewSuspendedBilled") == f"{suspended_money} a month"
    chart = window.findChild(BarChart, "overviewBillableChart")
    assert [bar.text for bar in chart.bars()] == [money_text(active, "EUR"), suspended_money]
    # A screen reader hears the figures the bars stand for.
    assert chart.accessibleDescription() == (
        f"Active: {money_text(active, 'EUR')}; Suspended: {suspended_money}"
    )
    people = window.findChild(BarChart, "overviewCustomersChart")
    assert people.accessibleDescription() == (
        f"Active: {locale.toString(counts['active'])}; "
        f"Suspended: {locale.toString(counts['suspended'])}"
    )


def test_overview_comes_first_after_sign_in_with_the_servers_figures(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root, on_customers=False)
    assert window.sidebar.item(0).text() == "Overview"
    assert window.pages.currentWidget() is window.overview
    _wait_for_figures(qtbot, window.overview)
    summary = _server_summary(server)
    assert summary["customers"]["suspended"] > 0
    assert Decimal(summary["monthly_billable"]["suspended"]) > 0
    _expect(window, summary)
    assert window.overview.stack.currentWidget() is window.overview.content


def test_one_click_lands_on_the_suspended_customers(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root, on_customers=False)
    _wait_for_figures(qtbot, window.overview)
    customers = window.customers
    customers.findChild(QLineEdit, "customerSearch").setText("zzz-left-over")  # cleared on click
    button = window.findChild(QPushButton, "overviewShowSuspendedButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is customers
    assert window.findChild(QComboBox, "statusFilter").currentData() == "suspended"
    assert customers.findChild(QLineEdit, "customerSearch").text() == ""
    qtbot.waitUntil(customers.proxy.is_settled, timeout=TIMEOUT_MS)
    proxy = customers.proxy
    statuses = {proxy.index(row, 0).data(StatusRole) for row in range(proxy.rowCount())}
    assert statuses == {"suspended"}
    assert proxy.rowCount() == _server_summary(server)["customers"]["suspended"]


def test_the_figures_follow_a_suspend(
    qtbot: QtBot, server: ServerProcess, window: MainWindow
) -> None:
    _wait_for_figures(qtbot, window.overview)
    raw = ApiClient(server.url).login()
    before = raw.get("/summary").json()
    candidates = raw.get("/customers", params={"status": "active", "limit": 50}).json()["items"]
    chosen, monthly = next(
        (c, sum(Decimal(s["monthly_price"]) for s in services))
        for c in candidates
        if (services := raw.get(f"/customers/{c['id']}/services").json()["items"])
    )
    customer = window.session.api.get_customer(chosen["id"])
    assert window.operations.start("suspend", customer, reason="Unpaid invoice")

    expected = money_text(Decimal(before["monthly_billable"]["suspended"]) + monthly, "EUR")
    qtbot.waitUntil(
        lambda: _shown(window, "overviewSuspendedBilled") == f"{expected} a month",
        timeout=TIMEOUT_MS,
    )
    _wait_for_figures(qtbot, window.overview)
    after = _server_summary(server)
    assert after["customers"]["suspended"] == before["customers"]["suspended"] + 1
    _expect(window, after)


def test_a_failed_load_says_why_and_try_again_loads_the_figures(
    qtbot: QtBot, server: ServerProcess, runner: TaskRunner
) -> None:
    api = PartnerApi(server.url)  # not signed in yet: the server refuses
    page = OverviewPage(api, runner)
    qtbot.addWidget(page)
    page.reload()
    title = page.findChild(QLabel, "overviewStateTitle")
    retry = page.findChild(QPushButton, "overviewRetryButton")
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=TIMEOUT_MS)
    assert page.stack.currentWidget() is page.state
    assert title.text() == "The overview could not be loaded"
    assert "Sign in again" in page.findChild(QLabel, "overviewStateText").text()
    assert not retry.isHidden()

    api.login("demo", "demo")
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    _wait_for_figures(qtbot, page)
    assert page.stack.currentWidget() is page.content
    api.close()


def test_no_customers_shows_an_empty_state(
    qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, runner: TaskRunner
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('overview-empty') / 'api.sqlite3'}"
    seed_database(url, customers=0)
    with ServerProcess(url) as empty_server:
        api = PartnerApi(empty_server.url)
        api.login("demo", "demo")
        page = OverviewPage(api, runner)
        qtbot.addWidget(page)
        page.reload()
        _wait_for_figures(qtbot, page)
        assert page.stack.currentWidget() is page.state
        assert page.findChild(QLabel, "overviewStateTitle").text() == "No customers yet"
        assert page.findChild(QWidget, "overviewRetryButton").isHidden()
        api.close()


def test_ctrl_f_from_the_overview_goes_to_the_customer_search(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root, on_customers=False)
    start = QApplication.focusWidget()
    assert start is not None, "after sign-in the keyboard must be somewhere"
    qtbot.keyClick(start, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.customers
    assert QApplication.focusWidget() is window.findChild(QLineEdit, "customerSearch")
