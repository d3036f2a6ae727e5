"""Log into a customer's control panel, from the dialog and from the table's context menu, against
the real server: the one-time link reaches the browser (a URL handler stands in for it) and works
once; suspended and canceled customers are warned about first."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.models.customer_table import CustomerTableModel
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customers.page import CustomersPage
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
)
from tests.support.server import ApiClient, ServerProcess

pytestmark = OFFSCREEN_NOISE
LINK_MS = 15_000


class Browser(QObject):
    """Registered for http: receives what QDesktopServices.openUrl would hand to a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser(qapp: object) -> Iterator[Browser]:
    catcher = Browser()
    QDesktopServices.setUrlHandler("http", catcher, "open_url")
    yield catcher
    QDesktopServices.unsetUrlHandler("http")


def links_issued(client: ApiClient, customer_id: str) -> int:
    events = client.get(f"/customers/{customer_id}/events").json()["items"]
    return sum(1 for e in events if e["action"] == "login_link_issued")


def assert_one_time_link(server: ServerProcess, url: str, name: str) -> None:
    assert url.startswith(f"{server.root}/control-panel/login?token=")
    first = requests.get(url, timeout=10)
    assert first.status_code == 200
    assert f"Signed in to the control panel of {name}" in first.text
    again = requests.get(url, timeout=10)
    assert again.status_code == 410  # one time only


def click_login(qtbot: QtBot, dialog: CustomerDialog) -> QPushButton:
    button = find(dialog, "loginAsCustomerButton")
    assert isinstance(button, QPushButton) and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return button


def warning(dialog: CustomerDialog, name: str) -> QMessageBox:
    box = dialog.login_button.login.warning_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.objectName() == name
    return box


def test_the_button_opens_the_servers_one_time_link_in_the_browser(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
    server: ServerProcess,
    browser: Browser,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    button = click_login(qtbot, dialog)
    assert not button.isEnabled() and button.text() == "Opening Control Panel…"
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=LINK_MS)
    assert button.isEnabled() and button.text() == "Log into Control Panel"
    (url,) = browser.opened
    assert links_issued(client, customer.id) == 1
    assert_one_time_link(server, url, customer.name)
    note = find(dialog, "messageLabel").text()
    assert note == f"Opened {customer.name}'s control panel in your browser."


def test_a_suspended_customer_is_warned_about_first(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
    server: ServerProcess,
    browser: Browser,
) -> None:
    active = customers.take()
    started = client.post(
        f"/customers/{active.id}/suspend",
        json={"reason": "Unpaid invoices"},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert started.status_code == 202, started.text
    assert client.wait_operation(started.json()["id"])["state"] == "succeeded"
    customer = api.get_customer(active.id)
    assert customer.status == "suspended"
    dialog = open_dialog(qtbot, api, runner, customer)

    click_login(qtbot, dialog)
    box = warning(dialog, "loginSuspendedWarning")
    assert customer.name in box.text() and "suspended" in box.text()
    assert box.defaultButton() is find(box, "loginCancelButton")
    assert runner.active_count == 0  # nothing asked of the server before the answer
    qtbot.mouseClick(find(box, "loginCancelButton"), Qt.MouseButton.LeftButton)
    assert runner.active_count == 0
    assert browser.opened == []
    assert links_issued(client, customer.id) == 0

    click_login(qtbot, dialog)
    box = warning(dialog, "loginSuspendedWarning")
    qtbot.mouseClick(find(box, "loginContinueButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=LINK_MS)
    assert_one_time_link(server, browser.opened[0], customer.name)


def test_a_canceled_customer_is_warned_that_the_panel_is_blocked(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    browser: Browser,
) -> None:
    customer = customers.take("canceled")
    dialog = open_dialog(qtbot, api, runner, customer)
    click_login(qtbot, dialog)
    box = warning(dialog, "loginCanceledWarning")
    assert "blocks" in box.informativeText()
    qtbot.mouseClick(find(box, "loginContinueButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=LINK_MS)
    # What the warning said: the server refuses a canceled customer's panel.
    assert requests.get(browser.opened[0], timeout=10).status_code == 403


def test_a_failure_is_told_in_plain_words_and_the_button_comes_back(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    browser: Browser,
) -> None:
    # An id the server does not know stands for a customer deleted since the list was loaded.
    customer = customers.take().model_copy(update={"id": "c_gone_meanwhile"})
    dialog = open_dialog(qtbot, api, runner, customer)
    button = click_login(qtbot, dialog)
    qtbot.waitUntil(button.isEnabled, timeout=LINK_MS)
    assert find(dialog, "messageLabel").text() == (
        "Could not get a control panel link: This customer no longer exists, or is no longer yours."
    )
    assert browser.opened == []


def test_the_button_is_hidden_for_a_customer_not_created_yet(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, api, runner, None)
    assert not find(dialog, "loginAsCustomerButton").isVisible()


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path, api: PartnerApi, runner: TaskRunner) -> CustomersPage:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    customers_page = CustomersPage(api, runner, settings)
    qtbot.addWidget(customers_page)
    customers_page.resize(1100, 600)
    customers_page.show()
    qtbot.waitExposed(customers_page)
    customers_page.refresh()
    qtbot.waitUntil(lambda: not customers_page._loading, timeout=30_000)
    return customers_page


def right_click_row(page: CustomersPage, status: str) -> Customer:
    """Asks for the context menu on the first row of a customer with that status."""
    model = page.table.model()
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 0).data(CustomerTableModel.StatusRole) == status
    )
    index = model.index(row, CustomerTableModel.NAME)
    page.table.scrollTo(index)
    page.table.customContextMenuRequested.emit(page.table.visualRect(index).center())
    customer: Customer = index.data(CustomerTableModel.CustomerRole)
    return customer


def login_action(page: CustomersPage) -> QAction:
    action = page.findChild(QAction, "loginAsCustomerAction")
    assert isinstance(action, QAction)
    menu = page.context_menu.menu
    assert menu is not None and menu.isVisible() and action in menu.actions()
    return action


def test_the_context_menu_logs_into_that_rows_customer(
    qtbot: QtBot,
    page: CustomersPage,
    server: ServerProcess,
    client: ApiClient,
    browser: Browser,
) -> None:
    customer = right_click_row(page, "active")
    assert page.selected_id() == customer.id  # the menu acts on the row it was opened on
    action = login_action(page)
    assert action.text().replace("&", "") == "Log into Customer's Control Panel"
    page.context_menu.menu.close()
    action.trigger()
    assert not action.isEnabled()  # busy while the link is fetched
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=LINK_MS)
    assert action.isEnabled()
    assert_one_time_link(server, browser.opened[0], customer.name)
    assert links_issued(client, customer.id) >= 1


def test_the_context_menu_warns_about_a_suspended_customer(
    qtbot: QtBot, page: CustomersPage, browser: Browser
) -> None:
    customer = right_click_row(page, "suspended")
    action = login_action(page)
    page.context_menu.menu.close()
    action.trigger()
    box = page.context_menu.login.warning_box
    assert isinstance(box, QMessageBox) and box.objectName() == "loginSuspendedWarning"
    assert customer.name in box.text()
    qtbot.mouseClick(find(box, "loginCancelButton"), Qt.MouseButton.LeftButton)
    assert browser.opened == []


def test_the_context_menu_edits_that_rows_customer(qtbot: QtBot, page: CustomersPage) -> None:
    customer = right_click_row(page, "active")
    edit = page.findChild(QAction, "editCustomerContextAction")
    assert isinstance(edit, QAction)
    page.context_menu.menu.close()
    with qtbot.waitSignal(page.open_customer) as opened:
        edit.trigger()
    assert opened.args[0].id == customer.id
