"""Driving the suspend/cancel flows like a person: open a customer, flip a switch, answer the
confirmation (which runs modally inside the switch's signal, so it is answered from a timer)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow

OPERATION_TIMEOUT_MS = 20_000


@dataclass
class Answer:
    """What happened to a confirmation: whether it was seen and acted on in time."""

    seen: bool = False
    notes: dict[str, Any] = field(default_factory=dict)


def when_shown(
    name: str,
    act: Callable[[QDialog, Answer], None],
    ready: Callable[[QDialog], bool] = lambda _d: True,
    timeout: float = 15.0,
) -> Answer:
    """Act on the top-level dialog called `name` once it is visible and ready.

    If it never gets ready, it is rejected, so a modal exec() cannot hang the test run.
    """
    answer = Answer()
    deadline = time.monotonic() + timeout

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == name and widget.isVisible() and isinstance(widget, QDialog):
                if ready(widget):
                    answer.seen = True
                    act(widget, answer)
                    return
                if time.monotonic() > deadline:
                    widget.reject()
                    return
        if time.monotonic() < deadline:
            QTimer.singleShot(25, poll)

    QTimer.singleShot(0, poll)
    return answer


def services_loaded(dialog: QDialog) -> bool:
    return dialog.services.services() is not None  # type: ignore[attr-defined]


def open_customer(qtbot: QtBot, window: MainWindow, customer_id: str) -> CustomerDialog:
    model = window.customers.model
    qtbot.waitUntil(lambda: model.row_of(customer_id) is not None, timeout=10_000)
    row = model.row_of(customer_id)
    assert row is not None
    before = list(window._dialogs)
    window.edit_customer(model.customer_at(row))
    qtbot.waitUntil(lambda: len(window._dialogs) > len(before), timeout=5_000)
    dialog = window._dialogs[-1]
    assert isinstance(dialog, CustomerDialog)
    qtbot.waitExposed(dialog)
    return dialog


def find(parent: QWidget, name: str) -> Any:
    widget = parent.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose_reason(dialog: QDialog, prefix: str, preset: str, text: str = "") -> None:
    combo = find(dialog, prefix)
    combo.setCurrentIndex(combo.findText(preset))
    if text:
        find(dialog, f"{prefix}Text").setText(text)


def screenshot_path(tmp_path: Path, name: str) -> Path:
    """docs/screenshots when PARTNER_DESK_SCREENSHOTS names a folder; else the test's tmp."""
    folder = os.environ.get("PARTNER_DESK_SCREENSHOTS")
    target = Path(folder) if folder else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    return target / name


def save_grab(widget: QWidget, path: Path) -> None:
    assert widget.grab().save(str(path)), f"could not write {path}"


def unnamed_controls(parent: QWidget) -> list[str]:
    """Controls a person can act on that lack an objectName or an accessible name."""
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox):
        for widget in parent.findChildren(kind):
            if isinstance(widget.parent(), QLineEdit):
                continue  # a line edit's own clear button: Qt names it for screen readers
            if not widget.objectName() or not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing
