"""Helpers for the live-change tests: a colleague over HTTP, and comparing the table with the
server row by row."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import CustomerTableModel
from desktop.ui.main_window import MainWindow
from tests.support.server import ApiClient

# Generous: the goal is a second; a loaded 2-core machine running other suites is slower.
LIVE_MS = 20_000


def live_status(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "statusConnection")
    assert isinstance(label, QLabel)
    return label


def wait_live(qtbot: QtBot, window: MainWindow) -> None:
    """The window follows the change feed (the status bar says Live)."""
    label = live_status(window)
    qtbot.waitUntil(lambda: label.text() == "Live", timeout=LIVE_MS)


def colleague(base_url: str, username: str = "admin") -> ApiClient:
    """A second staff member working at the same time, over plain HTTP."""
    return ApiClient(base_url).login(username, username)


def edit(client: ApiClient, customer_id: str, **changes: Any) -> dict[str, Any]:
    current = client.get(f"/customers/{customer_id}").json()
    answer = client.patch(
        f"/customers/{customer_id}",
        json=changes,
        headers={"If-Match": f'"{current["version"]}"'},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def operate(client: ApiClient, customer_id: str, kind: str, **body: str) -> dict[str, Any]:
    """Start `kind` and wait until the server has finished it."""
    answer = client.post(
        f"/customers/{customer_id}/{kind}",
        json=body,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 202, answer.text
    done = client.wait_operation(answer.json()["id"])
    assert done["state"] == "succeeded", done
    return done


def row_of(model: CustomerTableModel, customer_id: str) -> Any:
    row = model.row_of(customer_id)
    return None if row is None else model.row_at(row)


def shows(model: CustomerTableModel, customer_id: str, **values: Any) -> bool:
    row = row_of(model, customer_id)
    return row is not None and all(getattr(row, k) == v for k, v in values.items())


def server_rows(client: ApiClient) -> dict[str, tuple[int, str]]:
    """Every customer on the server: its version and status, by id."""
    found: dict[str, tuple[int, str]] = {}
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/customers", params=params).json()
        for item in page["items"]:
            found[item["id"]] = (item["version"], item["status"])
        cursor = page["next_cursor"]
        if cursor is None:
            return found


def table_rows(model: CustomerTableModel) -> dict[str, tuple[int, str]]:
    rows = (model.row_at(r) for r in range(model.rowCount()))
    return {row.id: (row.version, row.status) for row in rows}


def table_matches_server(model: CustomerTableModel, client: ApiClient) -> bool:
    return table_rows(model) == server_rows(client)
