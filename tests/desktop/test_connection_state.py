"""The connection state comes from the calls themselves: a server that dies is Offline at once,
an operation waiting on it says the server cannot be reached (never that it keeps working on
it), and a stopped demo server is named as such and can be started again, data and all."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.demo import DemoServer
from desktop.session import SignedIn
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    Answer,
    choose_reason,
    click,
    find,
    open_customer,
    when_shown,
)
from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import ApiClient, ServerProcess, seed_database

# A dialog closes the moment its operation ends: the next step need not wait for it.
pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]

SHOTS = Path("/tmp/shots")
WAITING = "Waiting for the hosting backend…"


def _seeded(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'partner.db'}"
    seed_database(url, customers=40)
    return url


def _status(window: QWidget) -> QLabel:
    label = find(window, "statusConnection")
    assert isinstance(label, QLabel)
    return label


def _an_active_customer(api_url: str) -> tuple[str, str]:
    items = ApiClient(api_url).login().get("/customers", params={"status": "active"}).json()
    first = items["items"][0]
    return str(first["id"]), str(first["name"])


def _suspend(qtbot: QtBot, dialog: CustomerDialog) -> None:
    def confirm(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, find(box, "confirmSuspendButton"))

    answer = when_shown("suspendConfirmDialog", confirm)
    click(qtbot, find(dialog, "suspendToggle"))
    assert answer.seen


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # a label that just changed is laid out anew first
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def test_a_call_to_a_server_that_died_says_offline_at_once_and_connected_when_it_is_back(
    qtbot: QtBot, harness: AppHarness, tmp_path: Path
) -> None:
    url = _seeded(tmp_path)
    server = ServerProcess(url).start()
    back: ServerProcess | None = None
    try:
        window = harness.sign_in(qtbot, server.root)
        status = _status(window)
        # Live: the list follows the server's change feed (issue 17).
        qtbot.waitUntil(lambda: status.text() == "Live", timeout=15_000)
        server.kill()  # kill -9: nothing is said to the app
        window.overview.reload()  # any call at all, not F5 on the customer list
        qtbot.waitUntil(lambda: status.text().startswith("Offline"), timeout=15_000)
        assert status.text().startswith("Offline since ")
        assert "Could not reach the server" in status.toolTip()
        assert status.accessibleDescription() == status.toolTip()
        # Back on the same address: the app finds out by itself, without F5.
        back = ServerProcess(url, port=server.bound_port).start()
        qtbot.waitUntil(lambda: status.text() == "Live", timeout=30_000)
    finally:
        server.stop()
        if back is not None:
            back.stop()


def test_a_suspend_in_flight_when_the_server_dies_says_it_cannot_be_reached(
    qtbot: QtBot, harness: AppHarness, tmp_path: Path
) -> None:
    url = _seeded(tmp_path)
    harness.settings.operation_bound_ms = 4_000  # past the long bound too, it stays true
    server = ServerProcess(url, suspend_seconds=120).start()
    back: ServerProcess | None = None
    try:
        window = harness.sign_in(qtbot, server.root)
        customer_id, name = _an_active_customer(server.url)
        dialog = open_customer(qtbot, window, customer_id)
        progress = find(dialog, "operationProgress")
        said: list[str] = []
        window.operations.progress.connect(lambda _cid, text: said.append(text))
        _suspend(qtbot, dialog)
        qtbot.waitUntil(lambda: progress.text() == WAITING, timeout=10_000)

        server.kill()
        qtbot.waitUntil(lambda: "cannot be reached" in progress.text(), timeout=15_000)
        # The dialog, the status bar and the operation's line in it say the same.
        assert _status(window).text().startswith("Offline since ")
        assert "cannot be reached" in find(window, "operationStatus").text()
        # Holding the person gains nothing now: they may go; the operation is still watched.
        qtbot.waitUntil(lambda: not dialog.is_operation_locked(), timeout=5_000)
        assert find(dialog, "keepWatchingButton").isVisible()
        assert window.operations.is_running(customer_id)
        qtbot.waitUntil(lambda: window.operations.is_overdue(customer_id), timeout=10_000)
        assert "cannot be reached" in progress.text()
        assert "keeps working" not in progress.text()
        assert not [text for text in said if "keeps working" in text]
        _shot(dialog, "suspend-server-unreachable-en")

        # The server comes back (on the same port) and takes the operation over.
        back = ServerProcess(url, port=server.bound_port, suspend_seconds=0.2)
        with qtbot.waitSignal(window.operations.finished, timeout=60_000) as ended:
            back.start()
        assert ended.args[0].error is None
        qtbot.waitUntil(lambda: _status(window).text() == "Live", timeout=30_000)
        result = find(dialog, "operationResult")
        assert result.text().startswith(f"{name} suspended at ")
    finally:
        server.stop()
        if back is not None:
            back.stop()


def test_a_stopped_demo_server_is_named_and_restarted_on_its_data(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "demo").mkdir()
    demo = DemoServer(tmp_path / "demo")
    demo.start()
    # The app as `partner-desk --demo` runs it: signed in by itself on the demo server.
    app = AppHarness(tmp_path / "app", MemoryKeyring(), demo=demo)
    app.settings.auto_close_ms = 0
    try:
        app.controller.start()
        qtbot.waitUntil(lambda: app.controller.window is not None, timeout=30_000)
        window = app.window
        qtbot.waitUntil(lambda: not window.customers._loading, timeout=30_000)
        window.show_page(window.customers)
        status = _status(window)
        restart = find(window, "restartDemoServerButton")
        assert isinstance(restart, QPushButton)
        qtbot.waitUntil(lambda: status.text() == "Live", timeout=15_000)
        assert not restart.isVisible()

        customer_id, name = _an_active_customer(f"{demo.url}/api/v1")
        dialog = open_customer(qtbot, window, customer_id)
        progress = find(dialog, "operationProgress")
        _suspend(qtbot, dialog)
        qtbot.waitUntil(lambda: progress.text() == WAITING, timeout=10_000)
        assert demo.proc is not None
        demo.proc.kill()  # the demo server dies right after the suspend was confirmed

        qtbot.waitUntil(lambda: status.text() == "Demo server stopped", timeout=10_000)
        assert "demo data" in status.toolTip()
        assert restart.isVisible() and restart.isEnabled()
        assert restart.accessibleName() == "Restart demo server"
        qtbot.waitUntil(lambda: "cannot be reached" in progress.text(), timeout=10_000)
        assert "keeps working" not in progress.text()
        _shot(window, "demo-stopped-en")
        _shot(dialog, "demo-stopped-dialog-en")

        with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
            click(qtbot, restart)
            qtbot.waitUntil(lambda: status.text() == "Live", timeout=30_000)
        assert not restart.isVisible()
        assert ended.args[0].error is None
        assert find(dialog, "operationResult").text().startswith(f"{name} suspended at ")
        # The same data folder: the customer the first server suspended is there, suspended.
        record = ApiClient(f"{demo.url}/api/v1").login().get(f"/customers/{customer_id}")
        assert record.json()["status"] == "suspended"
    finally:
        app.close()
        demo.stop()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


WORDS = {
    "en": ("Offline since ", "Demo server stopped", "Restart Demo Server"),
    "hr": (
        "Izvan mreže od ",
        "Demo poslužitelj je zaustavljen",
        "Ponovno pokreni demo poslužitelj",
    ),
}


def test_the_status_bar_says_offline_and_demo_stopped_in_the_persons_language(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    offline, stopped, restart_text = WORDS[language]
    url = f"http://127.0.0.1:{_closed_port()}"  # nothing listens there: every connect is refused
    api = PartnerApi(url)
    runner = TaskRunner()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(SignedIn(api, url, "demo", "Demo Partner", ""), runner, settings)
    qtbot.addWidget(window)
    try:
        window.resize(1200, 760)
        window.show()
        status = _status(window)
        window.overview.reload()
        qtbot.waitUntil(lambda: status.text().startswith(offline), timeout=15_000)
        _shot(window.statusBar(), f"status-offline-{language}")

        window.connection.watch_demo(DemoServer(tmp_path / "demo"))  # one that is not running
        qtbot.waitUntil(lambda: status.text() == stopped, timeout=5_000)
        restart = find(window, "restartDemoServerButton")
        assert restart.isVisible() and restart.text() == restart_text
        assert restart.accessibleName()
        _shot(window.statusBar(), f"status-demo-stopped-{language}")
        _shot(window, f"window-demo-stopped-{language}")
    finally:
        window.operations.shutdown()
        assert runner.drain(15_000)


def test_the_api_layer_says_offline_for_a_refused_connect_and_connected_for_any_answer(
    tmp_path: Path,
) -> None:
    """No Qt: the monitor hears every call's outcome, and a listener hears each change once."""
    port = _closed_port()
    api = PartnerApi(f"http://127.0.0.1:{port}")
    heard: list[str] = []
    api.connection.subscribe(lambda state: heard.append(state.state))
    with pytest.raises(Exception, match="Could not reach the server"):
        api.health()
    state = api.connection.current
    assert state.offline and "Could not reach the server" in state.reason
    with pytest.raises(Exception, match="Could not reach the server"):
        api.health()
    assert api.connection.current.since == state.since  # still offline since the first one
    url = _seeded(tmp_path)
    with ServerProcess(url, port=port):
        api.health()
    assert api.connection.current.connected
    assert heard == ["offline", "connected"]
    api.close()
