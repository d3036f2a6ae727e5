"""A close attempt while the server suspends the customer (a real server, with a suspend that
takes its time): the dialog stays open and says why, in English and Croatian."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.tasks import TaskRunner
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
)
from tests.desktop.operation_gui import Answer, choose_reason, click, when_shown
from tests.support.server import ServerProcess, seed_database

pytestmark = OFFSCREEN_NOISE

SHOTS = "/tmp/shots"
OPERATION_MS = 30_000
WHY = {
    "en": "The server is suspending this customer; this window closes by itself when it is done.",
    "hr": "Poslužitelj suspendira ovog korisnika; ovaj će se prozor sam zatvoriti kad završi.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # A suspension that takes seconds: the close attempts land while it runs.
    folder = tmp_path_factory.mktemp("close-attempt")
    url = f"sqlite:///{folder / 'partner.db'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=3) as running:
        yield running


def test_a_close_attempt_during_a_suspension_is_refused_and_said(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    language: str,
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take())

    def confirm(box: QDialog, _answer: Answer) -> None:
        combo = find(box, "suspendReason")
        combo.setCurrentIndex(1)  # the first preset, in either language
        choose_reason(box, "suspendReason", combo.currentText())
        click(qtbot, find(box, "confirmSuspendButton"))

    answer = when_shown("suspendConfirmDialog", confirm)
    click(qtbot, find(dialog, "suspendToggle"))
    assert answer.seen
    assert dialog.is_operation_locked()
    # Where the window manager honours it, the close button is gone.
    assert not dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
    note = find(dialog, "messageLabel")
    assert note.text() != WHY[language]  # nothing said before anyone tried

    assert dialog.close() is False  # the window's X, Alt+F4: closeEvent refuses
    assert dialog.isVisible()
    assert note.isVisible() and note.text() == WHY[language]
    assert note.accessibleDescription() == WHY[language]
    dialog.grab().save(f"{SHOTS}/close_attempt_{language}.png")

    note.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc says the same
    assert dialog.isVisible() and note.text() == WHY[language]
    note.clear()
    (close_shortcut,) = [
        s
        for s in dialog.findChildren(QShortcut)
        if s.key().matches(QKeySequence(QKeySequence.StandardKey.Close))
        == QKeySequence.SequenceMatch.ExactMatch
    ]
    close_shortcut.activated.emit()  # Ctrl+W / Cmd+W
    assert dialog.isVisible() and note.text() == WHY[language]

    # Once the server is done the word goes: it no longer describes the window.
    qtbot.waitUntil(lambda: not dialog.is_operation_locked(), timeout=OPERATION_MS)
    assert note.text() != WHY[language]
    assert dialog.windowFlags() & Qt.WindowType.WindowCloseButtonHint
