"""The suspend and cancel confirmations against the real server: a customer with no services is
told so in one sentence, and the typed account number may carry stray spaces."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.tasks import TaskRunner
from desktop.ui.customer.cancel_confirm import CancelConfirmDialog
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
    server_customer,
)
from tests.desktop.operation_gui import Answer, choose_reason, click, when_shown
from tests.support.server import ApiClient

pytestmark = OFFSCREEN_NOISE

SHOTS = "/tmp/shots"
LOAD_MS = 15_000
OPERATION_MS = 20_000


def _without_services(client: ApiClient, customers: CustomerPicker, status: str) -> Customer:
    """The next customer of that status, its every service removed over HTTP first."""
    customer = customers.take(status)
    items = client.get(f"/customers/{customer.id}/services").json()["items"]
    assert items, "the seed gives this customer services to remove"
    for service in items:
        answer = client.delete(f"/customers/{customer.id}/services/{service['id']}")
        assert answer.status_code == 204, answer.text
    assert client.get(f"/customers/{customer.id}/services").json()["items"] == []
    return Customer.model_validate_json(client.get(f"/customers/{customer.id}").text)


def _words_shown(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


@pytest.mark.parametrize("suspend", [True, False], ids=["suspend", "re-enable"])
def test_a_customer_without_services_is_told_so_in_one_sentence(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    client: ApiClient,
    customers: CustomerPicker,
    language: str,
    suspend: bool,
) -> None:
    customer = _without_services(client, customers, "active" if suspend else "suspended")
    dialog = SuspendConfirmDialog(api, runner, customer, suspend)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.services.services() == [], timeout=LOAD_MS)

    words = " ".join(_words_shown(dialog)).lower()
    if language == "en":
        assert "stay billable" not in words and "run again" not in words, words
        assert "billed until you remove" not in words, words
    notes = [note for note in dialog.findChildren(QLabel, "noServicesNote") if note.isVisible()]
    assert len(notes) == 1, _words_shown(dialog)
    assert not find(dialog, "billableServices").isVisible()
    assert not find(dialog, "servicesState").isVisible()  # said once, in the note
    sentence = notes[0].text()
    assert sentence.count(".") == 1 and sentence.endswith("."), sentence
    if language == "en":
        assert "no services" in sentence and "nothing" in sentence, sentence
    else:
        assert "usluga" in sentence, sentence
    kind = "suspend" if suspend else "reenable"
    dialog.grab().save(f"{SHOTS}/confirm_no_services_{kind}_{language}.png")
    dialog.reject()


def test_the_typed_account_number_may_have_spaces_around_it(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take()
    dialog = CancelConfirmDialog(api, runner, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_reason(dialog, "cancelReason", "Customer request")
    typed = find(dialog, "cancelConfirmAccountNumber")
    confirm = find(dialog, "confirmCancelButton")
    for text in (f"{customer.account_number} ", f"  {customer.account_number}\t"):
        typed.setText(text)
        assert confirm.isEnabled(), text
        assert dialog.typed_account_number() == customer.account_number
        assert not find(dialog, "cancelProblem").isVisible()
    typed.setText(f"{customer.account_number}9 ")
    assert not confirm.isEnabled()  # a different number is still refused
    dialog.reject()


def test_a_cancel_confirmed_with_a_trailing_space_cancels_on_the_server(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker, client: ApiClient
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "cancelReason", "Customer request")
        typed = find(box, "cancelConfirmAccountNumber")
        typed.setFocus()
        qtbot.keyClicks(typed, customer.account_number + " ")
        click(qtbot, find(box, "confirmCancelButton"))

    answer = when_shown("cancelConfirmDialog", confirm)
    click(qtbot, find(dialog, "cancelToggle"))
    assert answer.seen
    result = find(dialog, "operationResult")
    qtbot.waitUntil(result.isVisible, timeout=OPERATION_MS)
    assert "canceled" in result.text(), result.text()
    assert server_customer(client, customer.id)["status"] == "canceled"
