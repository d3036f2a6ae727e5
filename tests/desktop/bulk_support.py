"""Driving a bulk suspend or re-enable like a person: select rows, press the toolbar button,
answer the confirmation, watch the progress dialog; and asking the server what happened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.ui.bulk.confirm import BulkConfirmDialog
from desktop.ui.bulk.progress import BulkProgressDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.operation_gui import click, find
from tests.desktop.operation_support import FaultyServer

ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def select(qtbot: QtBot, window: MainWindow, customer_ids: list[str]) -> None:
    """Select exactly these customers' rows, as Ctrl+click would."""
    page = window.customers
    for customer_id in customer_ids:
        qtbot.waitUntil(lambda c=customer_id: page.model.row_of(c) is not None, timeout=10_000)
    selection = page.table.selectionModel()
    selection.clearSelection()
    for customer_id in customer_ids:
        index = page.proxy.index_of_id(customer_id)
        assert index.isValid()
        selection.select(index, ROWS)
    qtbot.wait(1)  # the buttons also follow the model once per burst of changes


def open_bulk(qtbot: QtBot, window: MainWindow, kind: str) -> BulkConfirmDialog:
    """Press Suspend Selected (or Re-enable Selected); returns the confirmation shown."""
    name = "bulkSuspendButton" if kind == "suspend" else "bulkReenableButton"
    button = find(window, name)
    assert button.isEnabled()
    click(qtbot, button)
    return shown_confirmation(qtbot, window)


def shown_confirmation(qtbot: QtBot, window: MainWindow) -> BulkConfirmDialog:
    qtbot.waitUntil(lambda: window.bulk.confirmation is not None, timeout=5_000)
    dialog = window.bulk.confirmation
    assert isinstance(dialog, BulkConfirmDialog)
    qtbot.waitExposed(dialog)
    return dialog


def shown_progress(qtbot: QtBot, window: MainWindow) -> BulkProgressDialog:
    qtbot.waitUntil(lambda: window.bulk.progress is not None, timeout=5_000)
    dialog = window.bulk.progress
    assert isinstance(dialog, BulkProgressDialog)
    qtbot.waitExposed(dialog)
    return dialog


def billable_loaded(dialog: QDialog) -> bool:
    billable = dialog.billable  # type: ignore[attr-defined]
    return billable is None or billable.is_loaded()


def row_states(dialog: BulkProgressDialog) -> dict[str, str]:
    """Customer name -> the State column, as shown."""
    rows = find(dialog, "bulkProgressList")
    return {
        rows.topLevelItem(i).text(0): rows.topLevelItem(i).text(2)
        for i in range(rows.topLevelItemCount())
    }


def operations_for(server: FaultyServer, customer_id: str) -> list[dict[str, Any]]:
    """Every operation the server has for this customer (GET /operations, finished or not)."""
    items = server.client().get("/operations").json()["items"]
    return [op for op in items if op["customer_id"] == customer_id]
