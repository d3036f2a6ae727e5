"""The one way Partner Desk runs work off the GUI thread, with results back as Qt signals.

    task = runner.submit(api.get_customer, customer_id, success=self._show, owner=self)

`fn` runs on a QThreadPool thread and must not touch widgets. Its return value, exception or
progress reports come back through the Task's signals, on the GUI thread, in order. This module
is the only bridge between desktop/api (no Qt) and the windows.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QDeadlineTimer,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from desktop.api.errors import ForbiddenError, SessionExpiredError

log = logging.getLogger("partner_desk.tasks")

Reauthenticator = Callable[[], bool]
T = TypeVar("T")


class _Relay(QObject):
    """Carries a worker's news to its Task.

    It is a child of the Task, so only the GUI thread ever deletes it: when the worker drops its
    Python reference, the C++ object stays with its parent.
    """

    returned = Signal(object)
    raised = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], relay: _Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._relay = relay

    def run(self) -> None:
        relay = self._relay
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # nothing may escape into the pool thread
            outcome, value = relay.raised, exc
        else:
            outcome, value = relay.returned, result
        # The relay is gone only if the runner was torn down without drain(): nobody listens.
        with contextlib.suppress(RuntimeError):
            outcome.emit(value)


def _accepts_report(fn: Callable[..., Any]) -> bool:
    try:
        parameter = inspect.signature(fn).parameters.get("report")
    except (TypeError, ValueError):  # builtins and some C callables have no signature
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.KEYWORD_ONLY,
    )


def _reporter(relay: _Relay) -> Callable[[object], None]:
    """The `report` callable handed to fn: safe to call from the worker thread.

    It holds the relay only, never the Task, so a worker can never drop the Task's last
    reference and delete it off the GUI thread.
    """

    def report(value: object) -> None:
        with contextlib.suppress(RuntimeError):
            relay.progressed.emit(value)

    return report


_END = object()


def read_ahead(items: Iterable[T]) -> Iterator[T]:
    """The items of `items`, the next one read on a thread of its own while the caller works
    on the one it has: for a job whose items come over the network and each cost it CPU time
    (the customer list's pages), so the server's time and ours overlap instead of adding up.

    Call it inside `fn`, on the worker. An exception while reading reaches the caller when it
    asks for that item. When the caller stops early the reader stops after the item it is on.
    A plain thread, not the pool's: a pool job waiting on another pool job could wait forever.
    """
    ahead: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item: Any, error: BaseException | None = None) -> bool:
        while not stop.is_set():
            try:
                ahead.put((item, error), timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for item in items:
                if not hand_over(item):
                    return
        except BaseException as error:  # delivered to the caller, raised where it reads
            hand_over(None, error)
            return
        hand_over(_END)

    reader = threading.Thread(target=read, name="read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item, error = ahead.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item
    finally:
        stop.set()


class Task(QObject):
    """One submitted call. Its signals fire on the GUI thread, each at most once except progress.

    `succeeded(result)` or `failed(exception)`, then `finished()`. Nothing fires once the owner
    given to submit() is destroyed.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(object)
    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        owner: QObject | None,
        long_running: bool = False,
        endless: bool = False,
    ) -> None:
        super().__init__()
        self._runner = runner
        self.long_running = long_running or endless
        self.endless = endless
        self._fn = fn
        self._args = args
        self._kwargs = dict(kwargs)
        # Here, not at the top: the runner is made before the main window's first paint, and
        # PySide builds the `Qt` namespace's enums (~35 ms) when it is first imported.
        from PySide6.QtCore import Qt

        queued = Qt.ConnectionType.QueuedConnection
        self._relay = _Relay(self)
        self._relay.returned.connect(self._on_returned, queued)
        self._relay.raised.connect(self._on_raised, queued)
        self._relay.progressed.connect(self._on_progressed, queued)
        if _accepts_report(fn) and "report" not in self._kwargs:
            self._kwargs["report"] = _reporter(self._relay)
        self._owner: weakref.ref[QObject] | None = None
        self._owner_gone = False
        if owner is not None:
            self._owner = weakref.ref(owner)
            owner.destroyed.connect(self._on_owner_destroyed)
        self._done = False
        self.generation = 0  # the runner's sign-in generation when this run started
        self.reauthenticated = False  # re-run once after a new sign-in; never twice
        self.pending_error: BaseException | None = None

    @property
    def is_done(self) -> bool:
        return self._done

    def job(self) -> QRunnable:
        return _Job(self._fn, self._args, self._kwargs, self._relay)

    def alive(self) -> bool:
        """False once the owner is gone: then nothing may be delivered to it."""
        if self._owner_gone:
            return False
        if self._owner is None:
            return True
        owner = self._owner()
        return owner is not None and shiboken6.isValid(owner)

    @Slot()
    def _on_owner_destroyed(self) -> None:
        self._owner_gone = True

    @Slot(object)
    def _on_progressed(self, value: object) -> None:
        if not self._done and self.alive():
            self.progress.emit(value)

    @Slot(object)
    def _on_returned(self, value: object) -> None:
        try:
            if self.alive():
                self.succeeded.emit(value)
        finally:
            self._complete()

    @Slot(object)
    def _on_raised(self, error: BaseException) -> None:
        if isinstance(error, ForbiddenError):
            # Whoever asked, the role said no: what the user may do has changed (or was
            # misread), so the window re-reads it. Told even when the owner is gone.
            self._runner.refused.emit(error)
        if isinstance(error, SessionExpiredError) and self.alive():
            self.pending_error = error
            if self._runner.handle_session_expired(self):
                return  # the runner re-runs this task, or delivers the failure itself
        self.deliver_failure(error)

    def deliver_failure(self, error: BaseException) -> None:
        try:
            if self.alive():
                self.failed.emit(error)
        finally:
            self._complete()

    def _complete(self) -> None:
        self._done = True
        try:
            if self.alive():
                self.finished.emit()
        finally:
            self._runner.task_done(self)


class TaskRunner(QObject):
    """Runs blocking calls on a thread pool and delivers their outcome on the GUI thread.

    Create it and call submit() on the GUI thread. Call drain() before quitting, so no worker
    is still running when the objects it reports to are torn down.
    """

    busy_changed = Signal(bool)
    # A task's call was refused with 403 (ForbiddenError): every such failure, in one place.
    refused = Signal(object)

    # Long-running jobs (watching an operation until the backend is done) each hold a thread
    # for minutes; in a pool of their own they never starve the short calls of the windows.
    LONG_RUNNING_THREADS = 64
    # Jobs that run until their owner stops them (following the change feed): a few at most.
    ENDLESS_THREADS = 4

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A pool of our own, so drain() waits for this app's calls and nothing else.
        self._pool = pool if pool is not None else QThreadPool(self)
        self._long_pool = QThreadPool(self)
        self._long_pool.setMaxThreadCount(self.LONG_RUNNING_THREADS)
        self._endless_pool = QThreadPool(self)
        self._endless_pool.setMaxThreadCount(self.ENDLESS_THREADS)
        self._active: set[Task] = set()
        # Finished tasks kept until control is back in the event loop: a Task must not be
        # deleted inside its own slot.
        self._retired: list[Task] = []
        self._reauthenticator: Reauthenticator | None = None
        self._sign_in_generation = 0
        self._reauthenticating = False
        self._waiting_for_sign_in: list[Task] = []

    @property
    def active_count(self) -> int:
        return len(self._active)

    def set_reauthenticator(self, fn: Reauthenticator | None) -> None:
        """fn runs on the GUI thread when a task's session expired; True means signed in again."""
        self._reauthenticator = fn

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[Any], Any] | None = None,
        progress: Callable[[Any], Any] | None = None,
        owner: QObject | None = None,
        long_running: bool = False,
        endless: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run fn(*args, **kwargs) off the GUI thread.

        A keyword parameter `report` of fn receives a thread-safe callable whose argument
        arrives as `progress`. The keywords success, failure, progress, owner and long_running
        are the runner's own and are not passed to fn. long_running=True is for a job that
        waits for minutes (and must stop when asked): it runs beside the short calls.
        endless=True is for one that runs until its owner stops it (the change feed's
        follower): `drain` waits for it only when asked to, after it was told to stop.
        """
        task = Task(self, fn, args, kwargs, owner, long_running, endless)
        # Connected before the job starts, so even an instant result finds its listeners.
        if success is not None:
            task.succeeded.connect(success)
        if failure is not None:
            task.failed.connect(failure)
        if progress is not None:
            task.progress.connect(progress)
        self._active.add(task)
        if len(self._active) == 1:
            self.busy_changed.emit(True)
        self._start(task)
        return task

    def drain(self, timeout_ms: int = 30000, *, endless: bool = False) -> bool:
        """Wait until no job is running; False if some still are after timeout_ms.

        Endless jobs (which never end by themselves) only with `endless`, once they were
        told to stop. Results of jobs that finish meanwhile are queued, not delivered: this
        is for quitting.
        """
        deadline = QDeadlineTimer(timeout_ms)
        short_done = self._pool.waitForDone(deadline)
        long_done = self._long_pool.waitForDone(deadline)
        endless_done = not endless or self._endless_pool.waitForDone(deadline)
        return bool(short_done and long_done and endless_done)

    def _start(self, task: Task) -> None:
        task.generation = self._sign_in_generation
        pool = self._long_pool if task.long_running else self._pool
        (self._endless_pool if task.endless else pool).start(task.job())

    def task_done(self, task: Task) -> None:
        if task not in self._active:
            return
        self._active.discard(task)
        self._retired.append(task)
        QTimer.singleShot(0, self, self._release_retired)
        if not self._active:
            self.busy_changed.emit(False)

    @Slot()
    def _release_retired(self) -> None:
        self._retired.clear()

    def handle_session_expired(self, task: Task) -> bool:
        """Sign in again and re-run `task`; False when the failure is for the task to deliver."""
        if self._reauthenticator is None or task.reauthenticated:
            return False
        task.reauthenticated = True
        if task.generation < self._sign_in_generation:
            # It ran with the old token; the person has already signed in again since.
            self._start(task)
            return True
        self._waiting_for_sign_in.append(task)
        if self._reauthenticating:
            return True  # one password dialog at a time; its outcome applies to all waiting
        self._reauthenticating = True
        try:
            signed_in = bool(self._reauthenticator())
        except Exception:
            log.exception("signing in again failed")
            signed_in = False
        finally:
            self._reauthenticating = False
        waiting, self._waiting_for_sign_in = self._waiting_for_sign_in, []
        if signed_in:
            self._sign_in_generation += 1
        for waiter in waiting:
            if signed_in and waiter.alive():
                self._start(waiter)
            else:
                waiter.deliver_failure(waiter.pending_error or SessionExpiredError(""))
        return True
