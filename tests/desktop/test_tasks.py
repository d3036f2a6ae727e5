"""TaskRunner: work off the GUI thread, outcomes back on it, nothing lost and nothing crashing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, QThreadPool, Slot
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import PartnerApi, SessionExpiredError
from desktop.tasks import Task, TaskRunner, read_ahead
from tests.support.server import ServerProcess, seed_database

WAIT_MS = 10_000


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.drain(WAIT_MS)
    QApplication.processEvents()


def _gate() -> threading.Event:
    """Holds a worker until the test lets it go; it never waits longer than the test would."""
    return threading.Event()


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


class Recorder(QObject):
    """Collects what a task delivers, noting whether each arrived on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, Any, bool]] = []

    @Slot(object)
    def succeeded(self, value: object) -> None:
        self.events.append(("succeeded", value, _on_gui_thread()))

    @Slot(object)
    def failed(self, error: object) -> None:
        self.events.append(("failed", error, _on_gui_thread()))

    @Slot(object)
    def progressed(self, value: object) -> None:
        self.events.append(("progress", value, _on_gui_thread()))

    def watch(self, task: Task) -> Task:
        task.finished.connect(lambda: self.events.append(("finished", None, _on_gui_thread())))
        return task


# -- delivery ------------------------------------------------------------------------------------


def test_the_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    worker_threads: list[QThread] = []

    def work(a: int, b: int, *, scale: int) -> int:
        worker_threads.append(QThread.currentThread())
        return (a + b) * scale

    got = Recorder()
    task = runner.submit(work, 2, 3, scale=10, success=got.succeeded, failure=got.failed)
    got.watch(task)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert got.events == [("succeeded", 50, True), ("finished", None, True)]
    assert worker_threads and worker_threads[0] is not QApplication.instance().thread()  # type: ignore[union-attr]
    assert task.is_done


def test_an_exception_comes_back_as_failed_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    problem = ValueError("no such thing")

    def work() -> None:
        raise problem

    got = Recorder()
    task = got.watch(runner.submit(work, success=got.succeeded, failure=got.failed))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert got.events == [("failed", problem, True), ("finished", None, True)]


def test_even_system_exit_in_a_worker_is_only_a_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    def work() -> None:
        raise SystemExit(3)

    with qtbot.waitSignal(runner.submit(work).failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], SystemExit)


def test_progress_arrives_in_order_before_the_result(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(count: int, report: Callable[[object], None]) -> str:
        for i in range(count):
            report(i)
        return "done"

    got = Recorder()
    task = runner.submit(work, 5, success=got.succeeded, progress=got.progressed)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert got.events == [("progress", i, True) for i in range(5)] + [("succeeded", "done", True)]


def test_report_is_only_given_to_functions_that_take_it(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(*args: object, **kwargs: object) -> tuple[tuple[object, ...], dict[str, object]]:
        return args, kwargs

    with qtbot.waitSignal(runner.submit(work, 1, x=2).succeeded, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args[0] == ((1,), {"x": 2})


def test_an_instant_result_is_not_lost(qtbot: QtBot, runner: TaskRunner) -> None:
    got = Recorder()
    tasks = [runner.submit(int, str(i), success=got.succeeded) for i in range(50)]
    qtbot.waitUntil(lambda: all(t.is_done for t in tasks), timeout=WAIT_MS)
    assert sorted(value for _, value, _ in got.events) == list(range(50))


def test_busy_changes_once_for_a_burst_of_work(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = _gate()
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    tasks = [runner.submit(gate.wait, 5) for _ in range(3)]
    assert runner.active_count == 3
    assert busy == [True]
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=WAIT_MS)
    assert busy == [True, False]
    assert all(t.is_done for t in tasks)


# -- owners that go away -------------------------------------------------------------------------


class Panel(QWidget):
    """A widget whose slot would fail loudly if called after it was deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[object] = []

    @Slot(object)
    def show_result(self, value: object) -> None:
        self.setWindowTitle(str(value))  # touches the C++ object
        self.shown.append(value)


def test_results_for_a_deleted_owner_are_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = _gate()
    panel = Panel()
    calls: list[object] = []
    task = runner.submit(
        lambda: gate.wait(5) and "late",
        success=lambda value: calls.append(value) or panel.show_result(value),
        failure=calls.append,
        owner=panel,
    )
    task.finished.connect(lambda: calls.append("finished"))
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=WAIT_MS)
    assert calls == []
    assert task.is_done


def test_a_garbage_collected_owner_drops_its_results_too(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = _gate()
    calls: list[object] = []
    panel: Panel | None = Panel()
    assert panel is not None
    task = runner.submit(gate.wait, 5, success=calls.append, owner=panel)
    panel = None  # the only reference: Python deletes the widget here
    gate.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=WAIT_MS)
    assert calls == []


def test_a_living_owner_gets_its_result(qtbot: QtBot, runner: TaskRunner) -> None:
    panel = Panel()
    task = runner.submit(lambda: "hello", success=panel.show_result, owner=panel)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert panel.shown == ["hello"]
    assert panel.windowTitle() == "hello"


# -- quitting ------------------------------------------------------------------------------------


def test_drain_waits_for_running_work(qapp: QApplication) -> None:
    runner = TaskRunner()
    finished: list[bool] = []

    def slow() -> None:
        time.sleep(0.3)  # the worker's own work, not a wait on Qt
        finished.append(True)

    runner.submit(slow)
    assert runner.drain(WAIT_MS)
    assert finished == [True]
    QApplication.processEvents()


def test_drain_gives_up_after_its_timeout(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = _gate()
    runner.submit(gate.wait, 10)
    assert not runner.drain(50)
    gate.set()
    assert runner.drain(WAIT_MS)


def test_a_shared_pool_can_be_handed_in(qtbot: QtBot, qapp: QApplication) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner = TaskRunner(pool)
    with qtbot.waitSignal(runner.submit(lambda: QThread.currentThread()).succeeded) as blocker:
        pass
    assert blocker.args[0] is not qapp.thread()
    assert pool.waitForDone(WAIT_MS)


# -- signing in again ----------------------------------------------------------------------------


class ExpiresOnce:
    """A call whose first `expired` runs fail as if the token had run out."""

    def __init__(self, expired: int = 1) -> None:
        self.runs = 0
        self.expired = expired
        self.lock = threading.Lock()

    def __call__(self) -> str:
        with self.lock:
            self.runs += 1
            run = self.runs
        if run <= self.expired:
            raise SessionExpiredError("Your session has expired. Sign in again.", status=401)
        return f"run {run}"


def test_an_expired_session_signs_in_again_and_reruns(qtbot: QtBot, runner: TaskRunner) -> None:
    asked: list[bool] = []

    def sign_in_again() -> bool:
        assert _on_gui_thread()
        asked.append(True)
        return True

    runner.set_reauthenticator(sign_in_again)
    call = ExpiresOnce()
    got = Recorder()
    task = got.watch(runner.submit(call, success=got.succeeded, failure=got.failed))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert asked == [True]
    assert call.runs == 2
    assert got.events == [("succeeded", "run 2", True), ("finished", None, True)]


def test_declining_to_sign_in_delivers_the_expiry(qtbot: QtBot, runner: TaskRunner) -> None:
    runner.set_reauthenticator(lambda: False)
    call = ExpiresOnce()
    with qtbot.waitSignal(runner.submit(call).failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], SessionExpiredError)
    assert call.runs == 1


def test_a_task_is_rerun_only_once(qtbot: QtBot, runner: TaskRunner) -> None:
    asked: list[bool] = []
    runner.set_reauthenticator(lambda: asked.append(True) or True)
    call = ExpiresOnce(expired=5)
    with qtbot.waitSignal(runner.submit(call).failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], SessionExpiredError)
    assert call.runs == 2
    assert asked == [True]


def test_without_a_reauthenticator_the_expiry_is_delivered(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    with qtbot.waitSignal(runner.submit(ExpiresOnce()).failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], SessionExpiredError)


def test_a_failing_reauthenticator_delivers_the_expiry(qtbot: QtBot, runner: TaskRunner) -> None:
    def broken() -> bool:
        raise RuntimeError("dialog crashed")

    runner.set_reauthenticator(broken)
    with qtbot.waitSignal(runner.submit(ExpiresOnce()).failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], SessionExpiredError)


def test_tasks_expiring_together_share_one_sign_in(qtbot: QtBot, runner: TaskRunner) -> None:
    first, second = ExpiresOnce(), ExpiresOnce()
    gate = _gate()
    asked: list[bool] = []

    def second_call() -> str:
        gate.wait(5)
        return second()

    def sign_in_again() -> bool:
        # Like a modal dialog: an event loop runs while the person types, and the second
        # task's expiry arrives meanwhile.
        asked.append(True)
        gate.set()
        qtbot.waitUntil(lambda: second.runs == 1, timeout=WAIT_MS)
        qtbot.wait(100)
        return True

    runner.set_reauthenticator(sign_in_again)
    one = runner.submit(first)
    two = runner.submit(second_call)
    qtbot.waitUntil(lambda: one.is_done and two.is_done, timeout=WAIT_MS)
    assert asked == [True]
    assert (first.runs, second.runs) == (2, 2)


def test_results_of_a_deleted_owner_skip_the_sign_in(qtbot: QtBot, runner: TaskRunner) -> None:
    asked: list[bool] = []
    runner.set_reauthenticator(lambda: asked.append(True) or True)
    gate = _gate()
    panel = Panel()
    call = ExpiresOnce()

    def work() -> str:
        gate.wait(5)
        return call()

    task = runner.submit(work, owner=panel)
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=WAIT_MS)
    assert asked == []


# -- with the real client ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    path: Path = tmp_path_factory.mktemp("tasks") / "partner.sqlite3"
    url = f"sqlite:///{path}"
    seed_database(url)
    with ServerProcess(url) as server:
        yield server


def test_an_api_call_runs_in_the_background(
    qtbot: QtBot, runner: TaskRunner, live_server: ServerProcess
) -> None:
    api = PartnerApi(live_server.root)
    api.login("demo", "demo")
    with qtbot.waitSignal(runner.submit(api.list_customers, limit=5).succeeded) as blocker:
        pass
    assert len(blocker.args[0].items) == 5


def test_a_revoked_token_is_renewed_by_signing_in_again(
    qtbot: QtBot, runner: TaskRunner, live_server: ServerProcess
) -> None:
    api = PartnerApi(live_server.root)
    api.login("demo", "demo")
    PartnerApi(live_server.root, token=api.token).logout()  # revoked behind the app's back

    def sign_in_again() -> bool:
        api.login("demo", "demo")  # the password dialog would do this through the runner
        return True

    runner.set_reauthenticator(sign_in_again)
    with qtbot.waitSignal(runner.submit(api.me).succeeded, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args[0].username == "demo"


def test_read_ahead_reads_the_next_item_while_the_caller_works_on_this_one() -> None:
    second_started = threading.Event()

    def pages() -> Iterator[int]:
        yield 0
        second_started.set()
        yield 1
        yield 2

    seen = []
    for item in read_ahead(pages()):
        if item == 0:
            # The reader is already on the next page while this one is still being handled.
            assert second_started.wait(10)
        seen.append(item)
    assert seen == [0, 1, 2]


def test_read_ahead_raises_a_reading_error_where_that_item_was_due() -> None:
    def pages() -> Iterator[int]:
        yield 0
        raise ConnectionError("page 2 failed")

    got = []
    with pytest.raises(ConnectionError, match="page 2 failed"):
        for item in read_ahead(pages()):
            got.append(item)
    assert got == [0]


def test_read_ahead_stops_reading_when_the_caller_stops() -> None:
    read: list[int] = []
    finished = threading.Event()

    def pages() -> Iterator[int]:
        try:
            for i in range(1000):
                read.append(i)
                yield i
        finally:
            finished.set()

    items = read_ahead(pages())
    assert next(items) == 0
    items.close()
    # The reader lets go of the pages once it sees the caller stopped (their `finally` runs
    # when they are dropped), having read at most the item it was on and one queued.
    assert finished.wait(10)
    assert len(read) <= 3
