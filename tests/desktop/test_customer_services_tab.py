"""The Services tab against the real server: listed with the server's total, removed with a
confirmation, and failures told in plain words with nothing lost."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customer.services_tab import ServicesTab
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
    signed_in_api,
)
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = OFFSCREEN_NOISE
LOAD_MS = 15_000


def with_services(api: PartnerApi, customers: CustomerPicker, status: str = "active") -> Customer:
    """The next customer of that status billed for at least two services."""
    while True:
        customer = customers.take(status)
        if len(api.list_services(customer.id)) >= 2:
            return customer


def show_services(qtbot: QtBot, dialog: CustomerDialog) -> ServicesTab:
    tab = find(dialog, "servicesTab")
    assert isinstance(tab, ServicesTab)
    find(dialog, "customerTabs").setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
    return tab


def table_rows(tab: ServicesTab) -> list[tuple[str, str]]:
    table = find(tab, "servicesTable")
    assert isinstance(table, QTableView)
    model = table.model()
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def server_services(client: ApiClient, customer_id: str) -> list[dict[str, str]]:
    answer = client.get(f"/customers/{customer_id}/services")
    assert answer.status_code == 200, answer.text
    items: list[dict[str, str]] = answer.json()["items"]
    return items


def billable(client: ApiClient, status: str = "active") -> Decimal:
    return Decimal(client.get("/summary").json()["monthly_billable"][status])


def test_services_load_only_when_the_tab_is_first_shown(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, with_services(api, customers))
    tab = find(dialog, "servicesTab")
    assert runner.active_count == 0  # the General tab is what opens: nothing fetched yet
    find(dialog, "customerTabs").setCurrentWidget(tab)
    assert tab.is_busy()
    assert find(tab, "servicesStateTitle").text() == "Loading services…"
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
    assert tab.stack.currentWidget() is find(tab, "servicesTable")


def test_services_are_listed_with_the_servers_prices_and_total(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = with_services(api, customers)
    tab = show_services(qtbot, open_dialog(qtbot, api, runner, customer))
    on_server = server_services(client, customer.id)
    assert table_rows(tab) == [(s["name"], f"{s['monthly_price']} EUR") for s in on_server]
    total = sum(Decimal(s["monthly_price"]) for s in on_server)
    assert find(tab, "billableTotal").text() == f"Monthly total: {total:.2f} EUR"
    assert not find(tab, "billableWhileSuspended").isVisible()
    remove = find(tab, "removeServiceButton")
    assert isinstance(remove, QPushButton)
    assert not remove.isEnabled()  # nothing selected yet
    assert remove.accessibleName() == "Remove service"


def test_a_suspended_customer_is_told_the_services_stay_billable(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = with_services(api, customers, "suspended")
    tab = show_services(qtbot, open_dialog(qtbot, api, runner, customer))
    assert find(tab, "billableWhileSuspended").isVisible()


def test_removing_a_service_asks_then_stops_its_billing_on_the_server(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = with_services(api, customers)
    dialog = open_dialog(qtbot, api, runner, customer)
    tab = show_services(qtbot, dialog)
    before = server_services(client, customer.id)
    target = before[0]
    summary_before = billable(client)
    table = find(tab, "servicesTable")
    table.selectRow(0)
    remove = find(tab, "removeServiceButton")
    assert remove.isEnabled()

    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    box = tab.confirm_box
    assert isinstance(box, QMessageBox) and box.objectName() == "removeServiceConfirm"
    words = f"{box.text()} {box.informativeText()}"
    assert target["name"] in words
    assert f"{target['monthly_price']} EUR a month" in words
    assert "Billing" in words and "stops" in words
    with qtbot.waitSignal(dialog.services_changed, timeout=LOAD_MS) as changed:
        qtbot.mouseClick(find(box, "confirmRemoveServiceButton"), Qt.MouseButton.LeftButton)
        assert remove.text() == "Removing…" and not remove.isEnabled()
    assert changed.args == [customer.id]

    after = server_services(client, customer.id)
    assert [s["id"] for s in after] == [s["id"] for s in before[1:]]
    assert table_rows(tab) == [(s["name"], f"{s['monthly_price']} EUR") for s in after]
    total = sum(Decimal(s["monthly_price"]) for s in after)
    assert find(tab, "billableTotal").text() == f"Monthly total: {total:.2f} EUR"
    assert billable(client) == summary_before - Decimal(target["monthly_price"])
    note = find(tab, "servicesNote")
    assert note.text() == f"Removed {target['name']}; billing for it has stopped."


def test_keep_service_sends_nothing(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = with_services(api, customers)
    tab = show_services(qtbot, open_dialog(qtbot, api, runner, customer))
    before = server_services(client, customer.id)
    find(tab, "servicesTable").selectRow(1)
    qtbot.mouseClick(find(tab, "removeServiceButton"), Qt.MouseButton.LeftButton)
    box = tab.confirm_box
    assert box is not None
    assert box.defaultButton() is find(box, "keepServiceButton")  # Enter does the safe thing
    qtbot.mouseClick(find(box, "keepServiceButton"), Qt.MouseButton.LeftButton)
    assert runner.active_count == 0
    assert server_services(client, customer.id) == before
    assert len(table_rows(tab)) == len(before)


def test_a_service_removed_elsewhere_meanwhile_reloads_the_list(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = with_services(api, customers)
    tab = show_services(qtbot, open_dialog(qtbot, api, runner, customer))
    target = server_services(client, customer.id)[0]
    gone = client.delete(f"/customers/{customer.id}/services/{target['id']}")
    assert gone.status_code == 204
    find(tab, "servicesTable").selectRow(0)
    qtbot.mouseClick(find(tab, "removeServiceButton"), Qt.MouseButton.LeftButton)
    assert tab.confirm_box is not None
    qtbot.mouseClick(find(tab.confirm_box, "confirmRemoveServiceButton"), Qt.MouseButton.LeftButton)
    note = find(tab, "servicesNote")
    qtbot.waitUntil(lambda: "no longer there" in note.text(), timeout=LOAD_MS)
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
    names = [name for name, _price in table_rows(tab)]
    assert names == [s["name"] for s in server_services(client, customer.id)]


def test_a_lost_server_is_told_in_plain_words_and_the_list_is_kept(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner
) -> None:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    seed_database(url, customers=12, partners=1)
    server = ServerProcess(url).start()
    own_api = signed_in_api(server)
    try:
        page = own_api.list_customers(status="active")
        customer = next(c for c in page.items if len(own_api.list_services(c.id)) >= 2)
        tab = show_services(qtbot, open_dialog(qtbot, own_api, runner, customer))
        rows = table_rows(tab)
        total = find(tab, "billableTotal").text()
        server.stop()

        find(tab, "servicesTable").selectRow(0)
        qtbot.mouseClick(find(tab, "removeServiceButton"), Qt.MouseButton.LeftButton)
        assert tab.confirm_box is not None
        qtbot.mouseClick(
            find(tab.confirm_box, "confirmRemoveServiceButton"), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
        note = find(tab, "servicesNote").text()
        assert note.startswith(f"{rows[0][0]} was not removed and is still billed.")
        assert "Could not reach the server" in note
        assert "Traceback" not in note
        assert table_rows(tab) == rows
        assert find(tab, "billableTotal").text() == total
        assert find(tab, "removeServiceButton").isEnabled()  # try again once it is back

        tab.reload()
        qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
        assert find(tab, "servicesStateTitle").text() == "Could not load the services"
        assert "Could not reach the server" in find(tab, "servicesStateText").text()
        assert find(tab, "servicesRetryButton").isVisible()
        assert not find(tab, "billableTotal").isVisible()  # no total rather than a wrong one
    finally:
        own_api.close()
        server.stop()


def test_a_new_customer_has_no_services_to_load(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, api, runner, None)
    tab = find(dialog, "servicesTab")
    find(dialog, "customerTabs").setCurrentWidget(tab)
    assert runner.active_count == 0
    assert find(tab, "servicesStateTitle").text() == "No services yet"
    assert isinstance(find(tab, "billableTotal"), QLabel)
    assert not find(tab, "billableTotal").isVisible()


def test_a_cancellation_seen_by_the_dialog_empties_the_list(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = with_services(api, customers)
    dialog = open_dialog(qtbot, api, runner, customer)
    tab = show_services(qtbot, dialog)
    started = client.post(
        f"/customers/{customer.id}/cancel",
        json={"reason": "Closed the business", "confirm_account_number": customer.account_number},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert started.status_code == 202, started.text
    assert client.wait_operation(started.json()["id"])["state"] == "succeeded"
    tab.set_customer(api.get_customer(customer.id))  # as the dialog does when the server answers
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=LOAD_MS)
    assert table_rows(tab) == []
    assert find(tab, "servicesStateTitle").text() == "No billable services"
    assert "Cancelling removed every service" in find(tab, "servicesStateText").text()
    assert find(tab, "billableTotal").text() == "Monthly total: nothing billed"
