"""Two people edit one customer: a 412 shows both versions, merges per field, loses nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QRadioButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.tasks import TaskRunner
from desktop.ui.customer.conflict import ConflictDialog
from desktop.ui.customer.dialog import CustomerDialog
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    SAVE_TIMEOUT_MS,
    CustomerPicker,
    find,
    open_dialog,
    server_customer,
    type_into,
)
from tests.support.server import ApiClient

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(scope="module")
def other_person(client: ApiClient) -> ApiClient:
    """A second partner user's session, changing customers behind the dialog's back."""
    return client


def change_behind_its_back(
    client: ApiClient, customer: Customer, body: dict[str, Any]
) -> dict[str, Any]:
    answer = client.patch(
        f"/customers/{customer.id}", json=body, headers={"If-Match": f'"{customer.version}"'}
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def save_into_conflict(qtbot: QtBot, dialog: CustomerDialog) -> ConflictDialog:
    qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.findChild(ConflictDialog, "conflictDialog") is not None,
        timeout=SAVE_TIMEOUT_MS,
    )
    conflict = dialog.findChild(ConflictDialog, "conflictDialog")
    assert conflict is not None
    qtbot.waitExposed(conflict)
    return conflict


def choice(conflict: ConflictDialog, side: str, field: str) -> QRadioButton:
    button = conflict.findChild(QRadioButton, f"conflict_{side}_{field}")
    assert button is not None, f"no {side} choice for {field}"
    return button


def test_conflict_shows_both_values_and_saves_the_per_field_merge(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    other_person: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_email"), "mine@example.com")
    type_into(qtbot, find(dialog, "field_contact_name"), "My Contact")
    type_into(qtbot, find(dialog, "field_city"), "Rovinj")
    theirs = change_behind_its_back(
        other_person,
        customer,
        {
            "email": "theirs@example.com",
            "contact_name": "Their Contact",
            "phone": "+385 1 777 0000",
        },
    )

    conflict = save_into_conflict(qtbot, dialog)
    Path("/tmp/shots").mkdir(exist_ok=True)

    # Field by field: the person's edit beside the server's current value; mine by default.
    assert choice(conflict, "mine", "email").text() == "mine@example.com"
    assert choice(conflict, "theirs", "email").text() == "theirs@example.com"
    assert choice(conflict, "mine", "contact_name").text() == "My Contact"
    assert choice(conflict, "theirs", "contact_name").text() == "Their Contact"
    assert choice(conflict, "mine", "city").text() == "Rovinj"
    assert choice(conflict, "theirs", "city").text() == customer.address.city
    assert all(choice(conflict, "mine", f).isChecked() for f in ("email", "contact_name", "city"))
    assert "Phone" in find(conflict, "conflictAlsoChanged").text()

    conflict.grab().save("/tmp/shots/customer_dialog_conflict.png")
    qtbot.mouseClick(choice(conflict, "theirs", "contact_name"), Qt.MouseButton.LeftButton)
    assert conflict.choices() == {"email": "mine", "contact_name": "theirs", "address.city": "mine"}
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS) as saved:
        qtbot.mouseClick(find(conflict, "saveMergedButton"), Qt.MouseButton.LeftButton)

    on_server = server_customer(other_person, customer.id)
    assert on_server["email"] == "mine@example.com"
    assert on_server["contact_name"] == "Their Contact"
    assert on_server["phone"] == "+385 1 777 0000"  # their other change survives
    assert on_server["address"]["city"] == "Rovinj"
    assert on_server["version"] == theirs["version"] + 1  # saved against the NEW version
    assert saved.args[0].version == on_server["version"]
    assert find(dialog, "field_contact_name").text() == "Their Contact"
    assert not find(dialog, "saveButton").isEnabled()


def test_keep_all_mine_overwrites_every_conflicting_field(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    other_person: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_email"), "mine2@example.com")
    type_into(qtbot, find(dialog, "field_domain"), "mine2.example")
    change_behind_its_back(
        other_person, customer, {"email": "theirs2@example.com", "domain": "theirs2.example"}
    )

    conflict = save_into_conflict(qtbot, dialog)
    qtbot.mouseClick(find(conflict, "takeAllTheirsButton"), Qt.MouseButton.LeftButton)
    assert set(conflict.choices().values()) == {"theirs"}
    qtbot.mouseClick(find(conflict, "keepAllMineButton"), Qt.MouseButton.LeftButton)
    assert set(conflict.choices().values()) == {"mine"}
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(find(conflict, "saveMergedButton"), Qt.MouseButton.LeftButton)

    on_server = server_customer(other_person, customer.id)
    assert (on_server["email"], on_server["domain"]) == ("mine2@example.com", "mine2.example")


def test_take_all_theirs_leaves_nothing_to_save(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    other_person: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_phone"), "+385 1 555 1111")
    theirs = change_behind_its_back(other_person, customer, {"phone": "+385 1 555 2222"})

    conflict = save_into_conflict(qtbot, dialog)
    qtbot.mouseClick(find(conflict, "takeAllTheirsButton"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS) as shown:
        qtbot.mouseClick(find(conflict, "saveMergedButton"), Qt.MouseButton.LeftButton)

    assert shown.args[0].version == theirs["version"]  # nothing was sent
    assert server_customer(other_person, customer.id)["version"] == theirs["version"]
    assert find(dialog, "field_phone").text() == "+385 1 555 2222"
    assert not find(dialog, "saveButton").isEnabled()


def test_cancelling_the_conflict_keeps_every_edit(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    other_person: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_website"), "https://mine.example")
    theirs = change_behind_its_back(other_person, customer, {"website": "https://theirs.example"})

    conflict = save_into_conflict(qtbot, dialog)
    qtbot.mouseClick(find(conflict, "cancelConflictButton"), Qt.MouseButton.LeftButton)

    assert conflict.result() == QDialog.DialogCode.Rejected
    assert find(dialog, "field_website").text() == "https://mine.example"
    assert "Nothing was saved" in find(dialog, "messageLabel").text()
    assert find(dialog, "saveButton").isEnabled()
    assert server_customer(other_person, customer.id)["website"] == theirs["website"]


def test_same_change_on_both_sides_needs_no_choice(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    other_person: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_email"), "same@example.com")
    theirs = change_behind_its_back(other_person, customer, {"email": "same@example.com"})

    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS) as shown:
        qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    assert dialog.findChild(ConflictDialog) is None
    assert shown.args[0].version == theirs["version"]
    assert not find(dialog, "saveButton").isEnabled()
