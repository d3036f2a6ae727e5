"""The app shows what the signed-in user's role may do (issue 16): each of the four seeded users
sees exactly the permission matrix of API.md in the existing windows, every control the role
does not allow disabled with the sentence saying who may; a role changed on the server while
the person works ends in a 403 shown in those words, and /me is read again so every control
follows at once. Real server, real HTTP; role changes are made on staff users of the tests'
own, never on the seeded ones (other tests of this module sign in as them)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.operations.outbox import OperationOutbox
from desktop.ui.bulk.run import BulkRun
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.permissions import who_may
from tests.desktop.bulk_support import open_bulk, select, shown_progress
from tests.desktop.customer_dialog_support import CustomerPicker, type_into
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    Answer,
    choose_reason,
    click,
    find,
    open_customer,
    when_shown,
)
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess

# The matrix of API.md, for the permissions the existing windows act on.
ALLOWED = {
    "owner": {
        "customers.edit",
        "customers.suspend",
        "customers.login_link",
        "services.remove",
        "customers.cancel",
        "branding.edit",
    },
    "admin": {
        "customers.edit",
        "customers.suspend",
        "customers.login_link",
        "services.remove",
        "customers.cancel",
        "branding.edit",
    },
    "agent": {"customers.edit", "customers.suspend", "customers.login_link"},
    "viewer": set(),
}
SEEDED = {  # user name -> (password, role, display name)
    "demo": ("demo", "owner", "Demo Owner"),
    "admin": ("admin", "admin", "Ada Admin"),
    "agent": ("agent", "agent", "Ante Agent"),
    "viewer": ("viewer", "viewer", "Vesna Viewer"),
}
PASSWORD = "Tamno-plavo-more-42"
_staff_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def owner(server: ServerProcess) -> ApiClient:
    """Plain HTTP as demo, the owner: the one who adds and demotes the tests' own staff."""
    return ApiClient(server.url).login()


@pytest.fixture(scope="module")
def canceled(owner: ApiClient, customers: CustomerPicker) -> dict[str, Any]:
    """A customer canceled just now: Restore is open to it for 14 days."""
    customer = customers.take("active")
    answer = owner.post(
        f"/customers/{customer.id}/cancel",
        json={"reason": "Customer request", "confirm_account_number": customer.account_number},
        headers={"Idempotency-Key": f"perm-cancel-{customer.id}"},
    )
    assert answer.status_code == 202, answer.text
    assert owner.wait_operation(answer.json()["id"])["state"] == "succeeded"
    return dict(owner.get(f"/customers/{customer.id}").json())


def new_agent(owner: ApiClient, name: str) -> tuple[str, str]:
    """A staff user of the test's own, an agent: (user name, id)."""
    username = f"perm{next(_staff_numbers)}"
    answer = owner.post(
        "/staff",
        json={
            "username": username,
            "display_name": name,
            "email": f"{username}@example.com",
            "role": "agent",
            "password": PASSWORD,
        },
    )
    assert answer.status_code == 201, answer.text
    return username, answer.json()["id"]


def demote(owner: ApiClient, staff_id: str, role: str = "viewer") -> None:
    answer = owner.patch(f"/staff/{staff_id}", json={"role": role})
    assert answer.status_code == 200, answer.text


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def shows(control: QWidget | QAction, role: str, permission: str) -> None:
    """Enabled when the role may; else disabled, its tooltip saying who may."""
    allowed = permission in ALLOWED[role]
    assert control.isEnabled() is allowed, (control.objectName(), role)
    if not allowed:
        assert control.toolTip() == who_may(permission), control.objectName()


def with_services(owner: ApiClient, customers: CustomerPicker) -> Any:
    """The next active customer that has a service to remove."""
    while True:
        customer = customers.take("active")
        if owner.get(f"/customers/{customer.id}/services").json()["items"]:
            return customer


def services_shown(dialog: CustomerDialog) -> bool:
    return dialog.services_tab.model.rowCount() > 0


@pytest.mark.parametrize("username", list(SEEDED))
def test_each_seeded_user_sees_exactly_the_matrix(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    customers: CustomerPicker,
    canceled: dict[str, Any],
    owner: ApiClient,
    username: str,
) -> None:
    password, role, display_name = SEEDED[username]
    window = harness.sign_in(qtbot, server.root, username, password)
    assert window.permissions.role == role
    status_user = find(window, "statusUser")
    assert status_user.text() == f"Signed in as {display_name} ({role})"

    # My Customers, its menus and its context menu.
    shows(find(window, "newCustomerButton"), role, "customers.edit")
    shows(action(window, "newCustomerAction"), role, "customers.edit")
    active = with_services(owner, customers)
    select(qtbot, window, [active.id])
    qtbot.waitUntil(lambda: window.customers._bulk_check.isActive() is False)
    shows(find(window, "bulkSuspendButton"), role, "customers.suspend")
    assert not find(window, "bulkReenableButton").isEnabled()  # nobody selected is suspended
    shows(action(window, "loginAsCustomerAction"), role, "customers.login_link")
    assert find(window, "editCustomerButton").isEnabled()  # everyone may look
    before = len(window._dialogs)
    window.customers.table.setFocus()
    qtbot.keyClick(window.customers.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window._dialogs) == before + ("customers.edit" in ALLOWED[role])
    for dialog in window._dialogs[before:]:
        dialog.close()

    # Branding: everyone sees the logo, owner and admin change it.
    window.show_page(window.branding)
    qtbot.waitUntil(
        lambda: window.branding.is_loaded and not window.branding.is_busy, timeout=10_000
    )
    shows(find(window, "uploadLogoButton"), role, "branding.edit")
    if "branding.edit" not in ALLOWED[role]:
        assert find(window, "removeLogoButton").toolTip() == who_may("branding.edit")

    # Edit Customer on an active customer with services.
    dialog = open_customer(qtbot, window, active.id)
    shows(find(dialog, "suspendToggle"), role, "customers.suspend")
    shows(find(dialog, "cancelToggle"), role, "customers.cancel")
    shows(find(dialog, "loginAsCustomerButton"), role, "customers.login_link")
    name = find(dialog, "field_name")
    type_into(qtbot, name, "Renamed in a test")
    shows(find(dialog, "saveButton"), role, "customers.edit")
    if "customers.edit" in ALLOWED[role]:
        assert not find(dialog, "readOnlyNote").isVisible()
        assert not name.isReadOnly()
        type_into(qtbot, name, active.name)  # nothing to save again: closes without asking
    dialog.tabs.setCurrentWidget(dialog.services_tab)
    qtbot.waitUntil(lambda: services_shown(dialog), timeout=10_000)
    dialog.services_tab.table.selectRow(0)
    shows(find(dialog, "removeServiceButton"), role, "services.remove")
    dialog.close()

    # A canceled customer: Restore is customers.cancel.
    dialog = open_customer(qtbot, window, canceled["id"])
    restore = find(dialog, "restoreCustomerButton")
    assert restore.isVisible()
    shows(restore, role, "customers.cancel")
    dialog.close()


def test_a_viewer_sees_the_customer_read_only_and_says_why(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, customers: CustomerPicker
) -> None:
    window = harness.sign_in(qtbot, server.root, "viewer", "viewer")
    # Ctrl+N, from the search box too: the disabled New Customer opens nothing.
    for where in (window.customers.table, window.customers.search):
        where.setFocus()
        qtbot.keyClick(where, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window._dialogs == []
    customer = customers.take("active")
    dialog = open_customer(qtbot, window, customer.id)

    note = find(dialog, "readOnlyNote")
    assert note.isVisible()
    assert note.text() == "Read-only: Only an owner, admin or agent can add or edit customers."
    editors = [
        w for w in dialog.form.findChildren(QLineEdit) if w.objectName().startswith("field_")
    ]
    assert editors and all(editor.isReadOnly() for editor in editors)
    assert not find(dialog, "field_country").isEnabled()
    name = find(dialog, "field_name")
    assert name.text() == customer.name  # shown, selectable, copyable
    type_into(qtbot, name, "Not mine to change")
    assert name.text() == customer.name
    assert not dialog.form.is_dirty()
    save = find(dialog, "saveButton")
    assert not save.isEnabled()
    assert save.toolTip() == who_may("customers.edit")
    dialog.save()  # Ctrl+S
    assert not dialog.is_saving()
    dialog.close()
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)


def test_a_role_changed_meanwhile_is_a_refused_save_in_words_then_every_control_follows(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    owner: ApiClient,
    customers: CustomerPicker,
) -> None:
    username, staff_id = new_agent(owner, "Ana Kovač")
    window = harness.sign_in(qtbot, server.root, username, PASSWORD)
    assert find(window, "statusUser").text() == "Signed in as Ana Kovač (agent)"
    customer = customers.take("active")
    dialog = open_customer(qtbot, window, customer.id)
    type_into(qtbot, find(dialog, "field_contact_name"), "Someone New")
    save = find(dialog, "saveButton")
    assert save.isEnabled()
    assert find(dialog, "suspendToggle").isEnabled()

    demote(owner, staff_id)  # the owner makes her a viewer while the dialog is open
    with qtbot.waitSignal(window.permissions.changed, timeout=15_000):
        click(qtbot, save)

    # The 403 where a failed save is always told, in the tooltip's words.
    assert find(dialog, "messageLabel").text() == (
        "Not saved: Only an owner, admin or agent can add or edit customers."
    )
    assert owner.get(f"/customers/{customer.id}").json()["contact_name"] == customer.contact_name
    # /me read again: everything follows without reopening anything.
    assert window.permissions.role == "viewer"
    assert find(window, "statusUser").text() == "Signed in as Ana Kovač (viewer)"
    assert find(dialog, "readOnlyNote").isVisible()
    assert find(dialog, "field_name").isReadOnly()
    assert not save.isEnabled()
    assert save.toolTip() == who_may("customers.edit")
    shows(find(dialog, "suspendToggle"), "viewer", "customers.suspend")
    shows(find(dialog, "loginAsCustomerButton"), "viewer", "customers.login_link")
    shows(find(window, "newCustomerButton"), "viewer", "customers.edit")
    shows(action(window, "newCustomerAction"), "viewer", "customers.edit")
    shows(action(window, "loginAsCustomerAction"), "viewer", "customers.login_link")

    # Made an agent again: the same controls come back, the edits still there to save.
    demote(owner, staff_id, "agent")
    with qtbot.waitSignal(window.permissions.changed, timeout=15_000):
        window.permissions.reload()
    assert not find(dialog, "readOnlyNote").isVisible()
    assert save.isEnabled()
    assert find(dialog, "suspendToggle").isEnabled()
    assert find(window, "newCustomerButton").isEnabled()
    assert find(window, "statusUser").text() == "Signed in as Ana Kovač (agent)"


def test_a_suspend_refused_with_403_ends_as_a_failure_in_words_and_is_not_sent_again(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    owner: ApiClient,
    customers: CustomerPicker,
) -> None:
    username, staff_id = new_agent(owner, "Marko Horvat")
    window = harness.sign_in(qtbot, server.root, username, PASSWORD)
    customer = customers.take("active")
    dialog = open_customer(qtbot, window, customer.id)
    toggle = find(dialog, "suspendToggle")
    assert toggle.isEnabled()
    demote(owner, staff_id)

    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, find(box, "confirmSuspendButton"))

    answer = when_shown("suspendConfirmDialog", confirm)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
        click(qtbot, toggle)
    assert answer.seen
    assert ended.args[0].error.required == "customers.suspend"

    # A clear failure where an operation's failure shows, in the tooltip's words.
    sentence = "Only an owner, admin or agent can suspend or re-enable a customer."
    assert find(dialog, "operationResult").text() == (
        f"Could not suspend {customer.name}: {sentence}"
    )
    assert not dialog.is_operation_locked()
    qtbot.waitUntil(lambda: window.permissions.role == "viewer", timeout=15_000)
    assert not toggle.isEnabled()
    assert toggle.toolTip() == who_may("customers.suspend")
    # Nothing left to send again, now or after a restart, and nothing ran on the server.
    assert not window.operations.any_running()
    scope = f"{window.session.api.base_url} {username}"
    assert OperationOutbox(harness.settings, scope).pending() == []
    assert owner.get(f"/customers/{customer.id}").json()["status"] == "active"
    mine = [
        op for op in owner.get("/operations").json()["items"] if op["customer_id"] == customer.id
    ]
    assert mine == []
    window.operations.resume()  # what the next sign-in does
    qtbot.wait(300)
    assert not window.operations.any_running()
    dialog.close()


def test_a_bulk_suspend_refused_with_403_sends_no_more(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    owner: ApiClient,
    customers: CustomerPicker,
) -> None:
    username, staff_id = new_agent(owner, "Iva Babić")
    window = harness.sign_in(qtbot, server.root, username, PASSWORD)
    window.bulk.at_once = 1  # one at a time: the first refusal comes before any other is sent
    picked = [customers.take("active") for _ in range(4)]
    select(qtbot, window, [c.id for c in picked])
    confirm = open_bulk(qtbot, window, "suspend")
    choose_reason(confirm, "bulkSuspendReason", "Non-payment")
    demote(owner, staff_id)
    click(qtbot, find(confirm, "confirmBulkSuspendButton"))
    progress = shown_progress(qtbot, window)
    run: BulkRun = progress.run
    qtbot.waitUntil(run.is_complete, timeout=OPERATION_TIMEOUT_MS)

    sentence = "Only an owner, admin or agent can suspend or re-enable a customer."
    assert [item.state for item in run.items] == ["failed"] * 4
    assert run.items[0].detail == sentence
    assert [item.detail for item in run.items[1:]] == [f"Not sent: {sentence}"] * 3
    for customer in picked:
        assert owner.get(f"/customers/{customer.id}").json()["status"] == "active"
    qtbot.waitUntil(lambda: window.permissions.role == "viewer", timeout=15_000)
    shows(find(window, "bulkSuspendButton"), "viewer", "customers.suspend")
    progress.reject()


def test_the_refusal_and_the_role_are_in_croatian(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, croatian: None
) -> None:
    window = harness.sign_in(qtbot, server.root, "viewer", "viewer")
    assert find(window, "statusUser").text() == "Prijavljeni ste kao Vesna Viewer (promatrač)"
    button = find(window, "newCustomerButton")
    assert button.toolTip() == (
        "Samo vlasnik, administrator ili agent može dodavati ili uređivati korisnike."
    )

    from desktop.api.errors import ForbiddenError
    from desktop.ui.failure_words import failure_reason

    refused: list[BaseException] = []
    with qtbot.waitSignal(harness.runner.refused, timeout=10_000):
        harness.runner.submit(window.session.api.delete_logo, failure=refused.append, owner=window)
    qtbot.waitUntil(lambda: bool(refused), timeout=5_000)
    assert isinstance(refused[0], ForbiddenError)
    assert failure_reason(refused[0]) == "Samo vlasnik ili administrator može promijeniti logotip."
