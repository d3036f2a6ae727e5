"""OperationCenter and the runner under it: one operation per customer, watches that never
starve the windows' own calls, and a re-run after signing in again that sends the same key."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.operations.center import OperationCenter, OperationEnded
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.signin.reauth import ReauthDialog
from tests.desktop.operation_gui import OPERATION_TIMEOUT_MS
from tests.desktop.operation_support import FaultyServer, faulty_server
from tests.support.gui import AppHarness, MemoryKeyring

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    with faulty_server(tmp_path_factory.mktemp("center"), stalling=2) as running:
        yield running


@pytest.fixture
def center(qapp: QApplication, server: FaultyServer, tmp_path: Path) -> Iterator[OperationCenter]:
    from PySide6.QtCore import QSettings

    api = PartnerApi(server.url)
    api.login("demo", "demo")
    runner = TaskRunner()
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    center = OperationCenter(api, runner, settings)
    yield center
    center.shutdown()
    assert runner.drain(10_000)
    QApplication.processEvents()


def _customer(server: FaultyServer, account_number: str) -> Customer:
    record = server.customer(account_number)
    text = server.client().get(f"/customers/{record['id']}").text
    return Customer.model_validate_json(text)


def test_long_watches_never_starve_the_windows_short_calls(qtbot: QtBot) -> None:
    runner = TaskRunner(QThreadPool())
    runner._pool.setMaxThreadCount(2)
    gate = threading.Event()
    try:
        for _ in range(4):  # twice as many as the short pool has threads
            runner.submit(gate.wait, 30, long_running=True)
        with qtbot.waitSignal(runner.submit(lambda: "quick").succeeded, timeout=5_000) as got:
            pass
        assert got.args == ["quick"]
    finally:
        gate.set()
        assert runner.drain(10_000)


def test_one_operation_at_a_time_per_customer(
    qtbot: QtBot, center: OperationCenter, server: FaultyServer
) -> None:
    customer = _customer(server, server.stalling[0])
    assert center.start("suspend", customer, reason="Abuse")
    assert not center.start("suspend", customer, reason="Abuse")  # a second click, say
    assert center.is_running(customer.id) and center.any_running()
    qtbot.waitUntil(
        lambda: center.progress_text(customer.id) == "Waiting for the hosting backend…",
        timeout=10_000,
    )
    unfinished = server.client().get("/operations", params={"unfinished": "true"}).json()
    assert [op["customer_id"] for op in unfinished["items"]].count(customer.id) == 1
    with pytest.raises(ValueError):
        center.start("delete", customer)


def test_shutdown_stops_watching_and_starts_nothing_more(
    qtbot: QtBot, center: OperationCenter, server: FaultyServer
) -> None:
    customer = _customer(server, server.stalling[1])
    assert center.start("suspend", customer, reason="Fraud")
    with qtbot.waitSignal(center.running_changed, timeout=5_000):
        center.shutdown()
    assert not center.any_running()
    other = _customer(server, server.active.take())
    assert not center.start("suspend", other, reason="Fraud")


def test_signing_in_again_mid_operation_reruns_it_with_the_same_key(
    qtbot: QtBot, tmp_path: Path, server: FaultyServer
) -> None:
    harness = AppHarness(tmp_path, MemoryKeyring())
    try:
        window = harness.sign_in(qtbot, server.root)
        customer = _customer(server, server.active.take())
        center = window.operations

        def revoke_once_waiting(customer_id: str, text: str) -> None:
            if customer_id == customer.id and text == "Waiting for the hosting backend…":
                center.progress.disconnect(revoke_once_waiting)
                token = window.session.api.token
                requests.post(
                    f"{server.url}/auth/logout",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=10,
                )

        asked: list[bool] = []

        def answer_password() -> None:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ReauthDialog) and w.isVisible()
            ]
            if not shown:
                if not center.is_running(customer.id) and asked == []:
                    return  # over without asking: the assertion below says so
                QTimer.singleShot(25, answer_password)
                return
            asked.append(True)
            shown[0].findChild(QLineEdit, "reauthPassword").setText("demo")
            shown[0].findChild(QPushButton, "reauthSignInButton").click()

        center.progress.connect(revoke_once_waiting)
        with qtbot.waitSignal(center.finished, timeout=OPERATION_TIMEOUT_MS) as ended:
            assert center.start("suspend", customer, reason="Customer request")
            QTimer.singleShot(0, answer_password)
        assert ended.args[0].error is None, ended.args[0].error
        # One typed object carries the end: whose, which kind, and the customer read back.
        end = ended.args[0]
        assert isinstance(end, OperationEnded) and end.succeeded
        assert (end.customer_id, end.kind) == (customer.id, "suspend")
        assert end.customer is not None and end.customer.status == "suspended"
        assert asked == [True]
        client = server.client()
        assert client.get(f"/customers/{customer.id}").json()["status"] == "suspended"
        events = client.get(f"/customers/{customer.id}/events").json()["items"]
        assert [e["action"] for e in events].count("suspended") == 1
    finally:
        harness.close()
