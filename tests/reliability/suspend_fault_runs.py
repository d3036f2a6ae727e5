"""One suspend or re-enable run under one injected fault, and what it checks afterwards.

A run is what a person does: open the customer, flip the switch, confirm. Meanwhile the proxy
(tests/support/fault_proxy.py) breaks the operation's traffic in one way: the start request,
a poll of the operation, or the read-back of the customer. Afterwards:

- the server's status equals the switch in the dialog and the row in the table;
- exactly one operation exists for the one confirmation (asked of the server);
- the dialog refused to close while the operation ran, and closed (by itself) after its end,
  which the server confirms was a true end.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.exceptions import TimeoutError as WaitTimedOut
from pytestqt.qtbot import QtBot

from desktop.api.records import Customer, Operation
from desktop.operations.center import OperationEnded
from desktop.ui.customer.dialog import CustomerDialog
from tests.desktop.operation_gui import choose_reason, click, find, open_customer, when_shown
from tests.reliability.fault_client import PAST_READ_TIMEOUT, quick_api
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import ApiClient, ServerProcess

FAULT_KINDS = (
    "drop_before",
    "drop_after",
    "delay_before",
    "delay_after",
    "status_502",
    "status_503",
    "truncate",
    "server_restart",
    "client_kill",
)
# Which request of the operation a fault hits.
TARGETS = ("start", "poll", "read_back")
RUN_TIMEOUT_MS = 60_000


@dataclass
class Tally:
    runs: int = 0
    faults_injected: int = 0
    lost: int = 0
    doubled: int = 0
    ui_mismatches: int = 0
    failures: int = 0
    picked_up: int = 0  # operations a restarted client found on the server and followed
    by_fault: dict[str, int] = field(default_factory=dict)
    seconds_by_fault: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, run: str, text: str) -> None:
        self.problems.append(f"{run}: {text}")


class Backend:
    """The real server behind the proxy; kill -9 and start again on the same database and port."""

    def __init__(self, database_url: str, suspend_seconds: float) -> None:
        self._url = database_url
        self._suspend_seconds = suspend_seconds
        self.server = ServerProcess(database_url, suspend_seconds=suspend_seconds).start()
        self.port = self.server.bound_port
        self._restart: threading.Thread | None = None
        self.restarts = 0

    @property
    def root(self) -> str:
        return self.server.root

    def crash_and_restart(self) -> None:
        """kill -9 now; a new server comes up in the background (as a supervisor would)."""
        self.server.kill()
        self.restarts += 1

        def again() -> None:
            self.server = ServerProcess(
                self._url, suspend_seconds=self._suspend_seconds, port=self.port
            ).start()

        self._restart = threading.Thread(target=again, daemon=True)
        self._restart.start()

    def wait_up(self) -> None:
        if self._restart is not None:
            self._restart.join(90)
            assert not self._restart.is_alive(), "the server did not come back"
            self._restart = None

    def stop(self) -> None:
        self.wait_up()
        self.server.stop()


class Observer:
    """Asks the server directly (not through the proxy) what it holds."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self._client = ApiClient(backend.server.url).login()

    def get(self, path: str, **kwargs: Any) -> Any:
        for attempt in range(20):
            try:
                answer = self._client.get(path, **kwargs)
            except requests.ConnectionError:
                # A restarted server: pooled connections to the dead one are gone.
                self._client.http.close()
                time.sleep(0.1 * (attempt + 1))
                continue
            assert answer.status_code == 200, answer.text
            return answer.json()
        raise AssertionError(f"the server did not answer GET {path}")

    def customer(self, customer_id: str) -> dict[str, Any]:
        return dict(self.get(f"/customers/{customer_id}"))

    def operation_ids(self, customer_id: str) -> set[str]:
        """Every operation of the customer the server tells of: finished ones (from its events)
        and unfinished ones."""
        events = self.get(f"/customers/{customer_id}/events")["items"]
        ids = {e["details"].get("operation_id") for e in events} - {None}
        unfinished = self.get("/operations", params={"unfinished": "true"})["items"]
        return ids | {op["id"] for op in unfinished if op["customer_id"] == customer_id}

    def operation(self, op_id: str) -> dict[str, Any]:
        return dict(self.get(f"/operations/{op_id}"))

    def active_customers(self, count: int) -> list[str]:
        items = self.get("/customers", params={"status": "active", "limit": count})["items"]
        return [c["id"] for c in items]


def _start_path(customer_id: str) -> str:
    return rf"/customers/{customer_id}/(suspend|unsuspend)$"


def _target_fault(
    kind: str, target: str, customer_id: str, rng: random.Random, backend: Backend
) -> Fault:
    method, path = {
        "start": ("POST", _start_path(customer_id)),
        "poll": ("GET", r"/operations/op_"),
        "read_back": ("GET", rf"/customers/{customer_id}$"),
    }[target]
    count = rng.choice((1, 1, 2))
    if kind == "server_restart":
        return Fault("then", method, path, after=lambda _status: backend.crash_and_restart())
    if kind.startswith("status_"):
        return Fault("status", method, path, count, status=int(kind[-3:]), retry_after="1")
    if kind.startswith("delay_"):
        return Fault(kind, method, path, 1, seconds=PAST_READ_TIMEOUT)
    return Fault(kind, method, path, count)


def _try_to_close(qtbot: QtBot, dialog: CustomerDialog) -> bool:
    """Close, Esc and the window's close: True when all were refused."""
    dialog.reject()
    dialog.close()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    return dialog.isVisible() and dialog.is_operation_locked()


def _confirm(qtbot: QtBot, box: QDialog, _answer: object) -> None:
    if box.objectName() == "suspendConfirmDialog":
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, find(box, "confirmSuspendButton"))
    else:
        click(qtbot, find(box, "confirmReenableButton"))


def _shown_status(dialog: CustomerDialog) -> str:
    return "suspended" if dialog.suspend_toggle.isChecked() else "active"


@dataclass
class _Watching:
    """The run in progress in this client, for the center's signals."""

    name: str
    customer_id: str
    dialog: CustomerDialog
    ends: list[tuple[Operation | None, Customer | None, Any, bool]] = field(default_factory=list)
    refused: list[bool] = field(default_factory=list)


class SuspendFaultRuns:
    def __init__(
        self,
        qtbot: QtBot,
        harness: AppHarness,
        proxy: FaultProxy,
        backend: Backend,
        folder: Path,
        tally: Tally,
    ) -> None:
        self.qtbot = qtbot
        self.harness = harness
        self.proxy = proxy
        self.backend = backend
        self.folder = folder
        self.tally = tally
        self.observer = Observer(backend)
        self._watching: _Watching | None = None
        # Connected once: PySide6 does not reliably disconnect a closure.
        harness.window.operations.progress.connect(self._progressed)
        harness.window.operations.finished.connect(self._finished)

    @property
    def window(self) -> Any:
        return self.harness.window

    def run(self, number: int, fault_kind: str, customer_id: str, rng: random.Random) -> None:
        before = self.observer.customer(customer_id)
        kind = "suspend" if before["status"] == "active" else "unsuspend"
        target = rng.choice(TARGETS)
        name = f"run {number} ({kind}, {fault_kind} on {target}, {customer_id})"
        ops_before = self.observer.operation_ids(customer_id)
        injected_before = self.proxy.injected
        began = time.monotonic()
        try:
            if fault_kind == "client_kill":
                self._client_killed(name, customer_id, kind, rng)
            else:
                fault = _target_fault(fault_kind, target, customer_id, rng, self.backend)
                self._in_this_client(name, customer_id, fault)
        finally:
            self.proxy.disarm()
            self.backend.wait_up()
        self.tally.runs += 1
        self.tally.faults_injected += self.proxy.injected - injected_before
        self.tally.by_fault[fault_kind] = self.tally.by_fault.get(fault_kind, 0) + 1
        spent = self.tally.seconds_by_fault.get(fault_kind, 0.0) + time.monotonic() - began
        self.tally.seconds_by_fault[fault_kind] = round(spent, 1)
        self._check_one_operation(name, customer_id, kind, ops_before)

    # --- a fault on the wire or in the server ---------------------------------------------------

    def _progressed(self, customer_id: str, _text: str) -> None:
        watching = self._watching
        if watching is not None and customer_id == watching.customer_id and not watching.ends:
            watching.refused.append(_try_to_close(self.qtbot, watching.dialog))

    def _finished(self, ended: OperationEnded) -> None:
        watching = self._watching
        if watching is None or ended.customer_id != watching.customer_id:
            return
        # The moment the dialog lets go: the server must have ended the operation.
        operation = ended.operation
        true_end = operation is not None and self.observer.operation(operation.id)["state"] in (
            "succeeded",
            "failed",
        )
        watching.ends.append((operation, ended.customer, ended.error, true_end))

    def _in_this_client(self, name: str, customer_id: str, fault: Fault) -> None:
        qtbot, window, tally = self.qtbot, self.window, self.tally
        dialog = open_customer(qtbot, window, customer_id)
        toggle = find(dialog, "suspendToggle")
        watching = _Watching(name, customer_id, dialog)
        # What the switch shows as the dialog closes (by itself after a success).
        dialog.finished.connect(
            lambda _code: self._check_ui(name, customer_id, _shown_status(dialog))
        )
        ends, refused = watching.ends, watching.refused
        self._watching = watching
        try:
            self.proxy.arm(fault)
            when_shown(
                "suspendConfirmDialog" if not toggle.isChecked() else "reenableConfirmDialog",
                lambda box, answer: _confirm(qtbot, box, answer),
            )
            click(qtbot, toggle)
            if not ends:
                refused.append(_try_to_close(qtbot, dialog))
            qtbot.waitUntil(lambda: bool(ends), timeout=RUN_TIMEOUT_MS)
        finally:
            self._watching = None
        _operation, _customer, error, true_end = ends[0]
        if error is not None:
            tally.failures += 1
            tally.problem(name, f"ended with an error: {error}")
        if not true_end:
            tally.failures += 1
            tally.problem(name, "the dialog was let go before the server ended the operation")
        if not refused or not all(refused):
            tally.failures += 1
            tally.problem(name, f"the dialog did not refuse to close while running: {refused}")
        if error is None:
            # A success closes the dialog by itself.
            qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=10_000)
        else:
            qtbot.waitUntil(lambda: not dialog.is_operation_locked(), timeout=10_000)
            dialog.reject()
            if dialog in window._dialogs:
                tally.failures += 1
                tally.problem(name, "the dialog would not close after the end")
                dialog.set_operation_lock(False)
                dialog.reject()
        self._check_ui(name, customer_id, None)

    # --- the client killed mid-operation, and started again ------------------------------------

    def _client_killed(self, name: str, customer_id: str, kind: str, rng: random.Random) -> None:
        qtbot, tally = self.qtbot, self.tally
        # Whether the killed client's request was on its way to the server (it arrives after
        # the client died) or never got there.
        reaches_server = rng.random() < 0.5
        held = self.proxy.arm(Fault("hold", "POST", _start_path(customer_id)))
        folder = self.folder / f"client-{customer_id}-{tally.runs}"
        folder.mkdir(parents=True, exist_ok=True)
        child_log = folder / "app.log"
        with child_log.open("w") as log:
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.reliability.suspend_child",
                    self.proxy.root,
                    customer_id,
                    str(folder),
                ],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        try:
            assert child.stdout is not None
            line = child.stdout.readline().strip()
            assert line.startswith("confirmed"), (
                f"the app did not confirm: {line!r}\n{child_log.read_text()}"
            )
            assert held.holding.wait(30), "the killed app's request never left it"
        finally:
            child.kill()  # kill -9
            child.wait()
            if child.stdout:
                child.stdout.close()
        # The app is started again. It may ask for unfinished operations only once the fate of
        # the dead app's request is settled, so what it finds does not depend on timing.
        asked = self.proxy.arm(Fault("hold", "GET", r"/operations\?unfinished=true"))
        restarted = AppHarness(folder, MemoryKeyring(), factory=quick_api)
        try:
            restarted.start()
            restarted.fill_login(self.proxy.root, "demo", "demo")
            click(qtbot, find(restarted.login, "signInButton"))
            qtbot.waitUntil(lambda: restarted.controller.window is not None, timeout=15_000)
            window = restarted.window
            seen: list[str] = []
            window.operations.started.connect(
                lambda cid, _kind: seen.append(cid) if cid == customer_id else None
            )
            if window.operations.is_running(customer_id):
                seen.append(customer_id)
            qtbot.waitUntil(asked.holding.is_set, timeout=15_000)
            held.deliver = reaches_server
            held.release.set()
            if reaches_server:
                qtbot.waitUntil(lambda: self._start_answered(customer_id), timeout=30_000)
            unfinished = {
                op["id"]
                for op in self.observer.get("/operations", params={"unfinished": "true"})["items"]
                if op["customer_id"] == customer_id
            }
            asked.release.set()
            if unfinished and not self._eventually(lambda: bool(seen), 15_000):
                tally.failures += 1
                tally.problem(name, f"the restarted app did not pick up {sorted(unfinished)}")
            if seen:
                tally.picked_up += 1
            qtbot.waitUntil(lambda: not window.customers._loading, timeout=30_000)
            qtbot.waitUntil(
                lambda: (
                    not window.operations.is_running(customer_id) and self._settled(customer_id)
                ),
                timeout=RUN_TIMEOUT_MS,
            )
            dialog = open_customer(qtbot, window, customer_id)
            qtbot.waitUntil(lambda: dialog.suspend_toggle.isEnabled(), timeout=10_000)
            self._check_ui(name, customer_id, _shown_status(dialog), window)
            dialog.reject()
            if dialog in window._dialogs:
                tally.failures += 1
                tally.problem(name, "the restarted app's dialog would not close")
        finally:
            restarted.close()
        # The first app's table learns of it as a person's F5 would.
        self.window.customers.refresh()
        qtbot.waitUntil(lambda: not self.window.customers._loading, timeout=30_000)

    def _eventually(self, condition: Callable[[], bool], timeout_ms: int) -> bool:
        try:
            self.qtbot.waitUntil(condition, timeout=timeout_ms)
        except WaitTimedOut:
            return False
        return True

    def _start_answered(self, customer_id: str) -> bool:
        return any(
            r.method == "POST" and customer_id in r.path and r.status != 0 for r in self.proxy.log
        )

    def _settled(self, customer_id: str) -> bool:
        unfinished = self.observer.get("/operations", params={"unfinished": "true"})["items"]
        return all(op["customer_id"] != customer_id for op in unfinished)

    # --- checks ---------------------------------------------------------------------------------

    def _check_ui(
        self, name: str, customer_id: str, toggle_status: str | None, window: Any = None
    ) -> None:
        window = window or self.window
        on_server = self.observer.customer(customer_id)["status"]
        model = window.customers.model
        row = model.row_of(customer_id)
        in_table = model.customer_at(row).status if row is not None else None
        shown = {"table row": in_table}
        if toggle_status is not None:
            shown["switch"] = toggle_status
        wrong = {where: what for where, what in shown.items() if what != on_server}
        if wrong:
            self.tally.ui_mismatches += 1
            self.tally.problem(name, f"the server says {on_server}, the window shows {wrong}")

    def _check_one_operation(
        self, name: str, customer_id: str, kind: str, ops_before: set[str]
    ) -> None:
        new = sorted(self.observer.operation_ids(customer_id) - ops_before)
        if not new:
            self.tally.lost += 1
            self.tally.problem(name, "the confirmation left no operation on the server")
            return
        if len(new) > 1:
            self.tally.doubled += 1
            self.tally.problem(name, f"one confirmation made {len(new)} operations: {new}")
        for op_id in new:
            op = self.observer.operation(op_id)
            if op["kind"] != kind or op["state"] != "succeeded":
                self.tally.failures += 1
                self.tally.problem(name, f"operation {op_id} is {op['kind']} {op['state']}")
