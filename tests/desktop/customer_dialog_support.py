"""Helpers for the Customer dialog tests: a seeded real server, typing like a person, waiting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.widgets.country_picker import CountryPicker
from tests.support.server import ApiClient, ServerProcess, seed_database

SAVE_TIMEOUT_MS = 15000

# The offscreen platform warns that it cannot resize-hint, raise or grab (every dialog
# with a layout); it says nothing about the code under test.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@contextmanager
def seeded_server(folder: Path) -> Iterator[ServerProcess]:
    url = f"sqlite:///{folder / 'partner.db'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as server:
        yield server


def signed_in_api(server: ServerProcess) -> PartnerApi:
    api = PartnerApi(server.url)
    api.login("demo", "demo")
    return api


def raw_client(server: ServerProcess) -> ApiClient:
    """Plain HTTP, for changing things behind the dialog's back and for checking the server."""
    return ApiClient(server.url).login()


class CustomerPicker:
    """Hands every test its own customers, so tests sharing one server never collide."""

    def __init__(self, api: PartnerApi) -> None:
        page = api.list_customers(limit=300)
        self._by_status: dict[str, Iterator[Customer]] = {
            status: iter([c for c in page.items if c.status == status])
            for status in ("active", "suspended", "canceled")
        }

    def take(self, status: str = "active") -> Customer:
        return next(self._by_status[status])


def open_dialog(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customer: Customer | None
) -> CustomerDialog:
    dialog = CustomerDialog(api, runner, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def find(dialog: QWidget, name: str) -> Any:
    widget = dialog.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def inside(outer: QWidget, widget: QWidget) -> bool:
    """`widget` drawn whole within `outer`: not cut off by its edges."""
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    bottom_right = widget.mapTo(outer, widget.rect().bottomRight())
    return outer.rect().contains(top_left) and outer.rect().contains(bottom_right)


def type_into(qtbot: QtBot, editor: QWidget, text: str) -> None:
    """Replace the editor's text by typing, as a person would (so textEdited fires)."""
    target = editor.lineEdit() if isinstance(editor, CountryPicker) else editor
    assert isinstance(target, QLineEdit | QPlainTextEdit)
    target.setFocus()
    target.selectAll()
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(target, text)


def click_save_and_wait(qtbot: QtBot, dialog: CustomerDialog) -> Customer:
    save = find(dialog, "saveButton")
    assert save.isEnabled()
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS) as saved:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    customer = saved.args[0]
    assert isinstance(customer, Customer)
    return customer


def server_customer(client: ApiClient, customer_id: str) -> dict[str, Any]:
    answer = client.get(f"/customers/{customer_id}")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
