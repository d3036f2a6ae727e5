"""The History tab against the real server: every change in words, newest first, and fresh
whenever the tab is shown or the dialog saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.models.history_model import HistoryTableModel
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customer.history_tab import HistoryTab
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
    server_customer,
    type_into,
)
from tests.support.server import ApiClient

pytestmark = OFFSCREEN_NOISE
LOAD_MS = 15_000
H = HistoryTableModel


def patch(client: ApiClient, customer_id: str, changes: dict[str, str]) -> None:
    version = server_customer(client, customer_id)["version"]
    answer = client.patch(
        f"/customers/{customer_id}", json=changes, headers={"If-Match": f'"{version}"'}
    )
    assert answer.status_code == 200, answer.text


def show_history(qtbot: QtBot, dialog: CustomerDialog) -> HistoryTab:
    tab = find(dialog, "historyTab")
    assert isinstance(tab, HistoryTab)
    find(dialog, "customerTabs").setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=LOAD_MS)
    return tab


def rows(tab: HistoryTab) -> list[tuple[str, str, str]]:
    table = find(tab, "historyTable")
    assert isinstance(table, QTableView)
    model = table.model()
    return [
        (
            model.index(r, H.WHO).data(),
            model.index(r, H.WHAT).data(),
            model.index(r, H.DETAILS).data(),
        )
        for r in range(model.rowCount())
    ]


def test_history_shows_edits_removals_and_links_newest_first(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    service = client.get(f"/customers/{customer.id}/services").json()["items"][0]
    patch(client, customer.id, {"email": "billing@history-test.hr", "phone": "+385 1 777 0000"})
    assert client.delete(f"/customers/{customer.id}/services/{service['id']}").status_code == 204
    assert client.post(f"/customers/{customer.id}/login-link").status_code == 200

    tab = show_history(qtbot, open_dialog(qtbot, api, runner, customer))
    shown = rows(tab)
    assert shown[:3] == [
        ("demo", "Control panel link issued", shown[0][2]),
        ("demo", "Service removed", f"{service['name']}, {service['monthly_price']} EUR a month"),
        (
            "demo",
            "Details changed",
            f"Email: {customer.email} → billing@history-test.hr\n"
            f"Phone: {customer.phone} → +385 1 777 0000",
        ),
    ]
    assert shown[0][2].startswith("Valid until ")
    events = client.get(f"/customers/{customer.id}/events").json()["items"]
    assert len(shown) == len(events)
    table = find(tab, "historyTable")
    times = [table.model().index(r, H.WHEN).data(H.EventRole).at for r in range(len(shown))]
    assert times == sorted(times, reverse=True)
    assert find(tab, "historySummary").text() == f"{len(events)} events, newest first"


def test_showing_the_tab_again_fetches_what_happened_meanwhile(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    tab = show_history(qtbot, dialog)
    before = len(rows(tab))
    find(dialog, "customerTabs").setCurrentIndex(0)
    patch(client, customer.id, {"contact_name": "Meanwhile Changed"})
    show_history(qtbot, dialog)
    shown = rows(tab)
    assert len(shown) == before + 1
    assert shown[0][1] == "Details changed"
    assert shown[0][2] == f"Contact: {customer.contact_name} → Meanwhile Changed"


def test_saving_the_dialog_refreshes_the_history(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_city"), "Dubrovnik")
    tab = show_history(qtbot, dialog)
    with qtbot.waitSignal(dialog.customer_saved, timeout=LOAD_MS):
        qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(rows(tab)) and "Dubrovnik" in rows(tab)[0][2], timeout=LOAD_MS)
    assert rows(tab)[0][2] == f"City: {customer.address.city} → Dubrovnik"


def test_a_failed_load_says_why_and_offers_to_try_again(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    # The server knows nothing of this id: its 404 stands for a customer deleted meanwhile.
    customer = customers.take().model_copy(update={"id": "c_gone_meanwhile"})
    dialog = open_dialog(qtbot, api, runner, customer)
    tab = show_history(qtbot, dialog)
    assert find(tab, "historyStateTitle").text() == "Could not load the history"
    assert (
        find(tab, "historyStateText").text()
        == "This customer no longer exists, or is no longer yours."
    )
    retry = find(tab, "historyRetryButton")
    assert retry.isVisible() and retry.accessibleName() == "Try again"
