"""Long texts against the Edit Customer dialog, on the real server: every field takes exactly
what the server takes and says so when it cuts; a long name or domain is elided (the whole of it
in a tooltip) and the dialog, in English and Croatian, fits its screen with its controls inside."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.tasks import TaskRunner
from desktop.ui.customer.cancel_confirm import CancelConfirmDialog
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customer.form import FIELD_KEYS
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from server.schemas import CustomerCreate
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    click_save_and_wait,
    find,
    inside,
    open_dialog,
    server_customer,
    type_into,
)
from tests.support.server import ApiClient

pytestmark = OFFSCREEN_NOISE

SHOTS = "/tmp/shots"
# Words, as a real name has them; and one unbroken run, which no line can wrap.
WORDED = ("Jadranska Trikotaža i Pletionica Šibenik Holding d.o.o. " * 6)[:200]
UNBROKEN = "W" * 200
# 253 characters, the most a domain may have: four labels of 63 and less.
LONG_DOMAIN = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 58, "hr"])
CONTROLS = ("suspendToggle", "cancelToggle", "saveButton", "closeButton", "loginAsCustomerButton")


def _server_limits() -> dict[str, int]:
    """Each field's max_length in the server's schema (server/schemas.py), keyed as the form."""
    schema = CustomerCreate.model_json_schema()

    def longest(spec: dict[str, Any]) -> int | None:
        for option in [spec, *spec.get("anyOf", [])]:
            if "maxLength" in option:
                return int(option["maxLength"])
        return None

    limits: dict[str, int] = {}
    for key, spec in schema["properties"].items():
        if (most := longest(spec)) is not None:
            limits[key] = most
    for key, spec in schema["$defs"]["Address"]["properties"].items():
        if (most := longest(spec)) is not None:
            limits[f"address.{key}"] = most
    return limits


def _created(client: ApiClient, **fields: Any) -> Customer:
    answer = client.post("/customers", json=fields)
    assert answer.status_code == 201, answer.text
    return Customer.model_validate_json(answer.text)


def test_every_text_field_takes_what_the_server_takes(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, api, runner, None)
    limits = _server_limits()
    lines = [key for key in FIELD_KEYS if isinstance(dialog.form.editor(key), QLineEdit)]
    assert lines and set(lines) <= set(limits)
    for key in lines:
        editor = dialog.form.editor(key)
        assert isinstance(editor, QLineEdit)
        assert editor.maxLength() == limits[key], key


def test_a_paste_longer_than_the_server_takes_is_cut_and_said_and_saved_as_shown(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker, client: ApiClient
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    editor = find(dialog, "field_name")
    error = find(dialog, "error_name")
    pasted = ("Adriatic Holiday Rentals and Yachting " * 9)[:300]
    QApplication.clipboard().setText(pasted)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    shown = editor.text()
    assert shown == pasted[:200]
    assert error.isVisible()
    assert "200" in error.text() and "not" in error.text(), error.text()
    assert "200" in editor.accessibleDescription()
    dialog.grab().save(f"{SHOTS}/fit_pasted_too_long_en.png")
    assert find(dialog, "saveButton").isEnabled()  # a notice, not a problem: it may be saved

    saved = click_save_and_wait(qtbot, dialog)
    assert saved.name == shown.strip()
    assert server_customer(client, customer.id)["name"] == shown.strip()
    assert editor.text() == shown.strip()
    assert find(dialog, "customerTitle").text() == shown.strip()


def test_typing_at_the_limit_is_refused_with_a_word_and_the_word_goes_with_room(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())
    editor = find(dialog, "field_postal_code")
    error = find(dialog, "error_postal_code")
    type_into(qtbot, editor, "1" * 19)
    assert not error.isVisible()
    qtbot.keyClicks(editor, "23")  # the 20th is taken, the 21st is not
    assert editor.text() == "1" * 19 + "2"
    assert error.isVisible() and "20" in error.text()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert not error.isVisible()  # room again: nothing to say


@pytest.mark.parametrize("name", [WORDED, UNBROKEN], ids=["words", "unbroken"])
def test_a_customer_with_a_200_character_name_opens_inside_the_screen(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    client: ApiClient,
    language: str,
    name: str,
) -> None:
    assert len(name) == 200
    customer = _created(client, name=name, domain=LONG_DOMAIN, contact_name=name)
    dialog = CustomerDialog(api, runner, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    frame = dialog.frameGeometry()
    assert frame.width() <= screen.width(), (frame, screen)
    assert frame.height() <= screen.height(), (frame, screen)
    assert screen.contains(frame), (frame, screen)
    assert dialog.minimumSizeHint().width() <= screen.width()  # it can be made narrower too
    for control in CONTROLS:
        widget = find(dialog, control)
        assert widget.isVisible() and inside(dialog, widget), control

    title = find(dialog, "customerTitle")
    assert title.text() == name  # the whole name, for screen readers
    assert title.toolTip() == name  # and for the mouse
    assert title.width() < title.fontMetrics().horizontalAdvance(name)  # drawn cut short
    assert "…" in dialog.windowTitle() and len(dialog.windowTitle()) < 100
    subtitle = find(dialog, "customerSubtitle")
    assert LONG_DOMAIN in subtitle.toolTip()
    kind = "words" if name == WORDED else "unbroken"
    dialog.grab().save(f"{SHOTS}/fit_long_name_{kind}_{language}.png")


def test_the_pasted_too_long_word_in_croatian(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    before = QLocale()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_language(app, "hr")
    try:
        dialog = open_dialog(qtbot, api, runner, customers.take())
        editor = find(dialog, "field_name")
        QApplication.clipboard().setText("Ž" * 300)
        editor.setFocus()
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        error = find(dialog, "error_name")
        assert error.isVisible() and "200" in error.text()
        assert "characters" not in error.text(), error.text()  # said in Croatian
        dialog.grab().save(f"{SHOTS}/fit_pasted_too_long_hr.png")
    finally:
        i18n.remove_language(app)
        QLocale.setDefault(before)


@pytest.mark.parametrize("name", [WORDED, UNBROKEN], ids=["words", "unbroken"])
@pytest.mark.parametrize("which", ["suspend", "cancel"])
def test_the_confirmations_of_a_200_character_name_fit_the_screen(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    client: ApiClient,
    language: str,
    name: str,
    which: str,
) -> None:
    customer = _created(client, name=name, domain=LONG_DOMAIN)
    dialog: QDialog = (
        SuspendConfirmDialog(api, runner, customer, True)
        if which == "suspend"
        else CancelConfirmDialog(api, runner, customer)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width(), (dialog.frameGeometry(), screen)
    assert screen.contains(dialog.frameGeometry())
    title = find(dialog, "confirmTitle")
    assert name in title.toolTip() or name in title.text()  # the whole name is still there
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            assert inside(dialog, button), button.objectName()
    kind = "words" if name == WORDED else "unbroken"
    dialog.grab().save(f"{SHOTS}/fit_confirm_{which}_{kind}_{language}.png")
    dialog.reject()
