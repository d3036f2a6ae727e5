"""The Edit/New Customer dialog against the real reference server: edit, validate, save, close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.errors import ValidationError
from desktop.tasks import TaskRunner
from desktop.ui.widgets.screen_fit import FormScroll
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    SAVE_TIMEOUT_MS,
    CustomerPicker,
    click_save_and_wait,
    find,
    inside,
    open_dialog,
    server_customer,
    signed_in_api,
    type_into,
)
from tests.support.server import ApiClient, ServerProcess

pytestmark = OFFSCREEN_NOISE

FIELD_NAMES = (
    "field_name",
    "field_account_number",
    "field_contact_name",
    "field_email",
    "field_phone",
    "field_street",
    "field_city",
    "field_region",
    "field_postal_code",
    "field_country",
    "field_domain",
    "field_alias_domains",
    "field_website",
)


def test_every_field_has_its_object_and_accessible_name(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    assert dialog.objectName() == "customerDialog"
    for name in (*FIELD_NAMES, "saveButton", "closeButton", "suspendToggle", "customerTabs"):
        widget = find(dialog, name)
        assert widget.accessibleName(), f"{name} has no accessible name"
    for name in FIELD_NAMES:
        error = find(dialog, name.replace("field_", "error_"))
        assert isinstance(error, QLabel)
        assert not error.isVisible()


def test_opened_customer_fills_the_form(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    assert find(dialog, "field_name").text() == customer.name
    assert find(dialog, "field_email").text() == customer.email
    assert find(dialog, "field_city").text() == customer.address.city
    assert find(dialog, "field_country").currentText().endswith(f"({customer.address.country})")
    assert find(dialog, "field_alias_domains").toPlainText().split() == list(customer.alias_domains)
    assert not find(dialog, "saveButton").isEnabled()
    assert customer.name in dialog.windowTitle()


def test_changed_email_is_saved_and_the_version_goes_up(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_email"), "billing@example.org")
    assert find(dialog, "saveButton").isEnabled()

    saved = click_save_and_wait(qtbot, dialog)

    on_server = server_customer(client, customer.id)
    assert on_server["email"] == "billing@example.org"
    assert on_server["version"] == customer.version + 1
    assert saved.version == customer.version + 1
    assert dialog.customer == saved
    assert not find(dialog, "saveButton").isEnabled()  # nothing left to save
    assert "Saved" in find(dialog, "messageLabel").text()


def test_only_the_changed_fields_are_sent(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_phone"), "+385 91 555 0101")
    type_into(qtbot, find(dialog, "field_city"), "Pula")
    click_save_and_wait(qtbot, dialog)

    latest = client.get(f"/customers/{customer.id}/events").json()["items"][0]
    assert latest["action"] == "updated"
    assert set(latest["details"]["changes"]) == {"phone", "address.city"}


def test_country_is_picked_by_typing_its_name(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = next(c for c in iter(customers.take, None) if c.address.country != "SI")
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_country"), "Slovenia")
    assert not find(dialog, "error_country").isVisible()
    click_save_and_wait(qtbot, dialog)

    on_server = server_customer(client, customer.id)
    assert on_server["address"]["country"] == "SI"
    assert on_server["address"]["street"] == customer.address.street
    assert find(dialog, "field_country").currentText() == "Slovenia (SI)"


def test_alias_domains_take_commas_and_new_lines(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    editor = find(dialog, "field_alias_domains")
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "One.example, two.example")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "three.example")
    click_save_and_wait(qtbot, dialog)

    aliases = server_customer(client, customer.id)["alias_domains"]
    assert aliases == ["one.example", "two.example", "three.example"]


@pytest.mark.parametrize(
    ("field", "text", "message", "fixed"),
    [
        ("email", "ana@", "email address", "ana@example.com"),
        ("email", "ana@@example.com", "email address", "ana@example.com"),
        ("phone", "12 34", "6 to 15 digits", "+385 (1) 234-5678"),
        ("phone", "+385 1 234 5678 ext 9", "digits, spaces", "+385 1 234 5678"),
        ("domain", "not a domain", "domain name", "ok.example"),
        ("domain", "example", "domain name", "ok.example"),
        ("website", "ftp://example.com", "web address", "https://example.com/shop"),
        ("website", "example.com", "web address", "http://example.com"),
        ("country", "Narnia", "country", "Japan"),
        ("alias_domains", "good.example, bad_domain", "bad_domain", "good.example"),
        ("name", "", "required", "Fixed Name d.o.o."),
        ("account_number", "10 00", "letters, digits or dashes", "ACC-1"),
    ],
)
def test_invalid_input_is_shown_beside_the_field_and_blocks_save(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    field: str,
    text: str,
    message: str,
    fixed: str,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    editor = find(dialog, f"field_{field}")
    error = find(dialog, f"error_{field}")

    type_into(qtbot, editor, text)

    assert error.isVisible()
    assert message in error.text()
    assert editor.accessibleDescription() == error.text()  # screen readers hear it too
    assert not find(dialog, "saveButton").isEnabled()
    # The message sits right under its own field, not in some far-away summary.
    assert error.parentWidget() is editor.parentWidget()
    assert error.geometry().top() >= editor.geometry().bottom()
    assert abs(error.geometry().left() - editor.geometry().left()) <= 2

    type_into(qtbot, editor, fixed)
    assert not error.isVisible()
    assert find(dialog, "saveButton").isEnabled()


def test_a_pasted_nul_character_is_caught_before_sending(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    editor = find(dialog, "field_contact_name")
    editor.selectAll()
    QApplication.clipboard().setText("Ana\x00Horvat")
    editor.paste()
    assert "NUL" in find(dialog, "error_contact_name").text()
    assert not find(dialog, "saveButton").isEnabled()


def test_server_field_errors_land_beside_their_fields(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_city"), "Osijek")
    # The local rules match the server's, so a real 422 is provoked directly, then handed to
    # the dialog the way the TaskRunner would.
    with pytest.raises(ValidationError) as refused:
        api.update_customer(
            customer.id, {"email": "x", "address": {"country": "ZZ"}}, customer.version
        )
    dialog.saver.show_failure(refused.value)

    assert "email address" in find(dialog, "error_email").text()
    assert "country code" in find(dialog, "error_country").text()
    assert find(dialog, "field_city").text() == "Osijek"  # the edit is still there
    assert not find(dialog, "saveButton").isEnabled()


def test_duplicate_account_number_is_shown_at_the_field(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer, other = customers.take(), customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_account_number"), other.account_number)
    type_into(qtbot, find(dialog, "field_contact_name"), "Kept Contact")
    qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    error = find(dialog, "error_account_number")
    qtbot.waitUntil(error.isVisible, timeout=SAVE_TIMEOUT_MS)
    assert "already used" in error.text().lower()
    assert find(dialog, "field_contact_name").text() == "Kept Contact"
    assert server_customer(client, customer.id)["account_number"] == customer.account_number


def test_saving_shows_a_progress_note_and_locks_the_form(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    type_into(qtbot, find(dialog, "field_contact_name"), "Iva Peric")
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)
        assert dialog.is_saving()
        assert "Saving" in find(dialog, "messageLabel").text()
        assert find(dialog, "saveProgress").isVisible()
        assert not find(dialog, "field_email").isEnabled()
        dialog.reject()  # refused while the answer is on its way
        assert dialog.isVisible()
    assert not dialog.is_saving()
    assert find(dialog, "field_email").isEnabled()


def test_close_without_edits_closes_at_once(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    qtbot.mouseClick(find(dialog, "closeButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_close_with_unsaved_edits_asks_first(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    type_into(qtbot, find(dialog, "field_phone"), "+385 1 999 8888")

    qtbot.mouseClick(find(dialog, "closeButton"), Qt.MouseButton.LeftButton)
    box = _question_shown(dialog)
    qtbot.mouseClick(find(box, "keepEditingButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert find(dialog, "field_phone").text() == "+385 1 999 8888"

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc asks the same question
    box = _question_shown(dialog)
    qtbot.mouseClick(find(box, "discardButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_window_close_button_asks_too(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    type_into(qtbot, find(dialog, "field_region"), "Istria")
    assert not dialog.close()
    assert dialog.isVisible()
    qtbot.mouseClick(find(_question_shown(dialog), "discardButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_ctrl_s_saves(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    type_into(qtbot, find(dialog, "field_postal_code"), "HR-52199")
    # The offscreen platform has no active window to route key shortcuts to; the shortcut
    # itself is what Ctrl+S (Cmd+S on macOS) fires.
    (shortcut,) = [
        s
        for s in dialog.findChildren(QShortcut)
        if s.key().matches(QKeySequence(QKeySequence.StandardKey.Save))
        == QKeySequence.SequenceMatch.ExactMatch
    ]
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS):
        shortcut.activated.emit()
    assert server_customer(client, customer.id)["address"]["postal_code"] == "HR-52199"


def _question_shown(dialog: QDialog) -> QMessageBox:
    # An answered box lingers until deleteLater runs; the one that matters is the visible one.
    shown = [
        box for box in dialog.findChildren(QMessageBox, "discardChangesBox") if box.isVisible()
    ]
    assert len(shown) == 1
    return shown[0]


def test_status_panel_shows_a_suspended_customer(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take("suspended")
    dialog = open_dialog(qtbot, api, runner, customer)
    toggle = find(dialog, "suspendToggle")
    assert toggle.isChecked()
    assert toggle.isEnabled()  # On -> Off asks to re-enable (tests/desktop/test_suspend_flow.py)
    assert toggle.accessibleName() == "Suspend Customer: On"
    assert find(dialog, "cancelToggle").accessibleName() == "Cancel Customer: Off"
    assert not find(dialog, "cancelToggle").isChecked()
    assert find(dialog, "statusLabel").text() == "Suspended"
    assert find(dialog, "suspendedSinceLabel").isVisible()
    if customer.suspension_reason:
        assert customer.suspension_reason in find(dialog, "suspensionReasonLabel").text()


def test_status_panel_shows_an_active_customer(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    assert not find(dialog, "suspendToggle").isChecked()
    assert find(dialog, "statusLabel").text() == "Active"
    assert not find(dialog, "suspendedSinceLabel").isVisible()


def test_the_dialog_has_general_services_and_history_tabs(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    tabs = find(dialog, "customerTabs")
    assert isinstance(tabs, QTabWidget)
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "General",
        "Services",
        "History",
    ]
    assert [tabs.widget(i).objectName() for i in (1, 2)] == ["servicesTab", "historyTab"]


def test_new_customer_is_created_and_then_shown(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, client: ApiClient
) -> None:
    dialog = open_dialog(qtbot, api, runner, None)
    assert dialog.windowTitle() == "New Customer"
    assert not find(dialog, "saveButton").isEnabled()
    assert not find(dialog, "error_name").isVisible()  # a blank form is not an error yet

    type_into(qtbot, find(dialog, "field_email"), "hello@novi.example")
    assert "required" in find(dialog, "error_name").text()
    assert not find(dialog, "saveButton").isEnabled()
    type_into(qtbot, find(dialog, "field_name"), "Novi Klijent d.o.o.")
    type_into(qtbot, find(dialog, "field_country"), "hr")
    type_into(qtbot, find(dialog, "field_domain"), "Novi.Example")

    created = click_save_and_wait(qtbot, dialog)

    on_server = server_customer(client, created.id)
    assert on_server["name"] == "Novi Klijent d.o.o."
    assert on_server["email"] == "hello@novi.example"
    assert on_server["domain"] == "novi.example"
    assert on_server["address"]["country"] == "HR"
    assert created.account_number  # assigned by the server
    assert dialog.customer == created
    assert find(dialog, "field_account_number").text() == created.account_number
    assert "Novi Klijent" in dialog.windowTitle()
    assert find(dialog, "saveButton").text() == "Save"
    assert find(dialog, "statusLabel").text() == "Active"


def test_new_customer_with_a_used_account_number_is_told_at_the_field(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    taken = customers.take()
    dialog = open_dialog(qtbot, api, runner, None)
    type_into(qtbot, find(dialog, "field_name"), "Twin Ltd")
    type_into(qtbot, find(dialog, "field_account_number"), taken.account_number)
    qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    error = find(dialog, "error_account_number")
    qtbot.waitUntil(error.isVisible, timeout=SAVE_TIMEOUT_MS)
    assert "already used" in error.text().lower()
    assert dialog.customer is None  # still a new customer
    assert find(dialog, "field_name").text() == "Twin Ltd"

    type_into(qtbot, find(dialog, "field_account_number"), "")
    created = click_save_and_wait(qtbot, dialog)
    assert created.account_number != taken.account_number


def test_network_failure_keeps_the_edits(
    qtbot: QtBot, server: ServerProcess, runner: TaskRunner, customers: CustomerPicker
) -> None:
    # A second server on the same database, so it can be stopped without harming the others.
    doomed = ServerProcess(server.database_url).start()
    try:
        api = signed_in_api(doomed)
        dialog = open_dialog(qtbot, api, runner, customers.take())
        type_into(qtbot, find(dialog, "field_email"), "kept@example.com")
    finally:
        doomed.stop()
    qtbot.mouseClick(find(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    note = find(dialog, "messageLabel")
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=SAVE_TIMEOUT_MS)
    assert "Could not reach the server" in note.text()
    assert "edits are kept" in note.text()
    assert find(dialog, "field_email").text() == "kept@example.com"
    assert find(dialog, "saveButton").isEnabled()  # try again once the network is back
    api.close()


SHOTS = Path("/tmp/shots")


def test_screenshots_show_every_field_unclipped(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    SHOTS.mkdir(exist_ok=True)
    dialog = open_dialog(qtbot, api, runner, customers.take("suspended"))
    shot = dialog.grab()
    assert not shot.isNull()
    shot.save(str(SHOTS / "customer_dialog.png"))
    # The test screen is 800 px wide: the form's columns stack and it scrolls up and down.
    scroll = dialog.findChild(FormScroll)
    for name in FIELD_NAMES:
        field = find(dialog, name)

        def seen(field: QWidget = field) -> bool:
            # Scrolled to the field's top (ensureWidgetVisible shows only its text cursor),
            # once the layout has settled.
            top = field.mapTo(scroll.widget(), field.rect().topLeft()).y()
            scroll.verticalScrollBar().setValue(top - 8)
            return inside(scroll.viewport(), field)

        qtbot.waitUntil(seen)
        assert inside(dialog, field), f"{name} is cut off"

    type_into(qtbot, find(dialog, "field_email"), "ana@")
    type_into(qtbot, find(dialog, "field_phone"), "12")
    type_into(qtbot, find(dialog, "field_website"), "ftp://example.com")
    type_into(qtbot, find(dialog, "field_country"), "Narnia")
    type_into(qtbot, find(dialog, "field_alias_domains"), "good.example, bad_domain")
    alias_error = find(dialog, "error_alias_domains")
    # Wrapped error lines get their height when the layout next runs.
    qtbot.waitUntil(
        lambda: (
            alias_error.isVisible()
            and alias_error.height() >= alias_error.heightForWidth(alias_error.width())
            and dialog.form.height() >= dialog.form.minimumSizeHint().height()
        )
    )
    dialog.grab().save(str(SHOTS / "customer_dialog_errors.png"))
    for name in ("error_email", "error_phone", "error_website", "error_country"):
        error = find(dialog, name)
        assert error.isVisible() and error.width() > 100, f"{name} is squeezed"

    find(dialog, "customerTabs").setCurrentIndex(1)
    dialog.grab().save(str(SHOTS / "customer_dialog_services.png"))

    new = open_dialog(qtbot, api, runner, None)
    new.grab().save(str(SHOTS / "customer_dialog_new.png"))
