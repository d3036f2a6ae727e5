"""OperationCenter: every suspend, re-enable, cancel and restore the app is following.

It belongs to the signed-in session, not to a dialog, so an operation outlives the window it was
started from. Each operation is one TaskRunner task running `watch_operation` (desktop/api):
started once per confirmation with one Idempotency-Key, followed to its end, the customer read
back. The windows only listen:

    center.started(customer_id, kind)           a row shows its pending badge
    center.progress(customer_id, text)          "Waiting for the hosting backend…"
    center.overdue(customer_id)                 past the long bound; still watched
    center.finished(ended)                      an OperationEnded: how it ended, the customer
    center.running_changed()                    any_running() may have changed
    center.observed_changed(customer_id)        a colleague's operation on it began or ended
    center.connection.changed                   whether the server answers (read .state)

A colleague's operations come from the change feed (`observe`): shown, never watched here, and
never a reason to ask before quitting.

The words for each kind are desktop/operations/words.py's.

While the server cannot be reached, the words say so (never that it is waiting for the
backend, or that the server keeps working on it): the watch goes on asking with the same key.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.api.client import new_idempotency_key
from desktop.api.errors import ApiError
from desktop.api.operation_watch import WatchNews, WatchOutcome, WatchStopped, watch_operation
from desktop.api.records import Customer, Operation, OperationKind, is_operation_kind
from desktop.connection import ConnectionWatch
from desktop.operations.outbox import ConfirmedOperation, OperationOutbox
from desktop.operations.words import progress_words

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.settings import AppSettings
    from desktop.tasks import TaskRunner

log = logging.getLogger("partner_desk.operations")


@dataclass(frozen=True)
class OperationEnded:
    """How one operation ended: what `finished` carries to every window that follows it."""

    customer_id: str
    kind: OperationKind
    operation: Operation | None  # None when the server refused to start it
    customer: Customer | None  # as the server has it now; None if unknown or gone
    error: ApiError | None  # why it did not succeed; None when it did

    @property
    def succeeded(self) -> bool:
        return self.error is None and self.operation is not None and self.operation.succeeded

    @property
    def scheduled(self) -> bool:
        """Accepted for later (`at`): it runs at its time, on the server, watched by no one."""
        op = self.operation
        return self.error is None and op is not None and op.state == "scheduled"


@dataclass(frozen=True)
class ObservedOperation:
    """An operation someone else started, as the change feed last told of it."""

    operation: Operation
    customer: Customer | None  # as the list shows it (for its name); None if not loaded


@dataclass
class RunningOperation:
    customer: Customer  # as it was when the watch began: its name for the status bar
    kind: OperationKind
    idempotency_key: str | None  # None for one picked up after a restart
    operation: Operation | None = None  # known once the server accepted it
    progress: str = ""
    news: WatchNews | None = None  # the watch's last report: its words follow the connection
    overdue: bool = False
    timer: QTimer | None = None


def unfinished_with_customers(api: PartnerApi) -> list[tuple[Operation, Customer]]:
    """Runs in a worker: the partner's unfinished operations, each with its customer."""
    found = []
    for operation in api.unfinished_operations():
        found.append((operation, api.get_customer(operation.customer_id)))
    return found


class OperationCenter(QObject):
    started = Signal(str, str)  # customer id, kind
    progress = Signal(str, str)  # customer id, what is happening in words
    overdue = Signal(str)  # customer id
    finished = Signal(OperationEnded)
    running_changed = Signal()
    observed_changed = Signal(str)  # customer id

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        settings: AppSettings,
        parent: QObject | None = None,
        *,
        scope: str = "",
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._settings = settings
        # Confirmations survive the app (crash recovery); `scope` names the server and the
        # person. Without one (a dialog opened on its own) nothing is kept.
        self._outbox = OperationOutbox(settings, scope) if scope else None
        self._running: dict[str, RunningOperation] = {}
        self._observed: dict[str, ObservedOperation] = {}
        self._own: set[str] = set()  # ids of the operations this app started or watched
        # One event for every watch: set on quit or sign-out, and the workers end at once.
        self._stop = threading.Event()
        # Whether the server answers, from every call's outcome; the words below follow it.
        self.connection = ConnectionWatch(api, runner, self)
        self.connection.changed.connect(self._connection_changed)

    # --- asking ------------------------------------------------------------------------------

    def is_running(self, customer_id: str) -> bool:
        return customer_id in self._running

    def any_running(self) -> bool:
        return bool(self._running)

    def running(self) -> list[RunningOperation]:
        return list(self._running.values())

    def get(self, customer_id: str) -> RunningOperation | None:
        return self._running.get(customer_id)

    def progress_text(self, customer_id: str) -> str:
        entry = self._running.get(customer_id)
        return entry.progress if entry else ""

    def is_overdue(self, customer_id: str) -> bool:
        entry = self._running.get(customer_id)
        return entry is not None and entry.overdue

    def observed(self) -> list[ObservedOperation]:
        return list(self._observed.values())

    def observed_kind(self, customer_id: str) -> OperationKind | None:
        """The kind of a colleague's unfinished operation on this customer, if any."""
        seen = self._observed.get(customer_id)
        return seen.operation.kind if seen else None

    def is_busy(self, customer_id: str) -> bool:
        """An operation runs on this customer, this app's or a colleague's."""
        return customer_id in self._running or customer_id in self._observed

    @Slot(object, object)
    def observe(self, operation: Operation, customer: Customer | None = None) -> None:
        """The change feed told of `operation`: one of this app's is its watch's to follow."""
        customer_id = operation.customer_id
        if operation.id in self._own or customer_id in self._running or self._stop.is_set():
            return
        if not operation.under_way:  # ended, or scheduled for later: nothing runs now
            if self._observed.pop(customer_id, None) is not None:
                self.observed_changed.emit(customer_id)
            return
        known = self._observed.get(customer_id)
        self._observed[customer_id] = ObservedOperation(
            operation, customer or (known.customer if known else None)
        )
        if known is None or known.operation.kind != operation.kind:
            self.observed_changed.emit(customer_id)

    def forget_observed(self) -> None:
        """The feed lost track (its cursor expired): what it told of may have ended unheard."""
        seen, self._observed = self._observed, {}
        for customer_id in seen:
            self.observed_changed.emit(customer_id)

    # --- starting ----------------------------------------------------------------------------

    def start(self, kind: OperationKind, customer: Customer, **params: str) -> bool:
        """Start one confirmed operation; False when one already runs for this customer.

        params: `reason` for suspend; `reason` and `confirm_account_number` for cancel; `at`
        (suspend, unsuspend) and `resume_at` (suspend) as desktop.api's `wire_time` writes
        them, to schedule it: sent the same way, with its key, and ended (`scheduled`) as soon
        as the server accepts it.
        """
        if not is_operation_kind(kind):
            raise ValueError(f"unknown operation kind {kind!r}")
        if customer.id in self._running or self._stop.is_set():
            return False
        # Made once here, per confirmation: every retry, and a re-run after signing in
        # again, sends this same key, so the server can never act twice.
        key = new_idempotency_key()
        if self._outbox is not None:
            # Before anything is sent: killed from here on, the next sign-in sends it again.
            self._outbox.add(ConfirmedOperation(key, kind, customer, dict(params)))
        begin = self._start_call(kind, customer.id, key, params)
        entry = RunningOperation(customer, kind, key)
        entry.progress = self._words(kind, WatchNews("starting"))
        self._watch(entry, begin)
        return True

    def resume(self) -> None:
        """After sign-in: follow whatever the server still has pending (crash recovery).

        First the confirmations the last run may not have delivered, sent again with their
        own keys; then the server's unfinished operations not among them.
        """
        for confirmed in self._outbox.pending() if self._outbox is not None else []:
            customer = confirmed.customer
            if customer.id in self._running or self._stop.is_set():
                continue
            begin = self._start_call(
                confirmed.kind, customer.id, confirmed.idempotency_key, confirmed.params
            )
            entry = RunningOperation(customer, confirmed.kind, confirmed.idempotency_key)
            entry.progress = self._words(confirmed.kind, WatchNews("starting"))
            self._watch(entry, begin)
        self._runner.submit(
            unfinished_with_customers,
            self._api,
            success=self._resume_found,
            failure=self._resume_failed,
            owner=self,
        )

    def shutdown(self) -> None:
        """Stop watching (quit, sign out): the server finishes the operations on its own."""
        self._stop.set()
        self.connection.stop()
        entries, self._running = self._running, {}
        for entry in entries.values():
            if entry.timer is not None:
                entry.timer.stop()
        if entries:
            self.running_changed.emit()

    # --- internals ---------------------------------------------------------------------------

    def _start_call(
        self, kind: OperationKind, customer_id: str, key: str, params: dict[str, str]
    ) -> Callable[[], Operation]:
        # One request: the watch alone sends it again (desktop/api/retry.py).
        return partial(self._api.start_operation, customer_id, kind, dict(params), key)

    def _watch(self, entry: RunningOperation, begin: Callable[[], Operation] | Operation) -> None:
        customer_id = entry.customer.id
        self._running[customer_id] = entry
        if self._observed.pop(customer_id, None) is not None:
            self.observed_changed.emit(customer_id)  # watched here from now on
        bound = QTimer(self)
        bound.setSingleShot(True)
        bound.timeout.connect(partial(self._overdue, customer_id, entry))
        bound.start(self._settings.operation_bound_ms)
        entry.timer = bound
        self._runner.submit(
            watch_operation,
            self._api,
            begin,
            customer_id,
            stop=self._stop,
            progress=partial(self._progressed, customer_id, entry),
            success=partial(self._ended, customer_id, entry),
            failure=partial(self._crashed, customer_id, entry),
            owner=self,
            long_running=True,  # it may wait minutes for the backend; the windows must not
        )
        self.started.emit(customer_id, entry.kind)
        self.progress.emit(customer_id, entry.progress)
        self.running_changed.emit()

    def _current(self, customer_id: str, entry: RunningOperation) -> bool:
        # A watch whose entry was dropped (shutdown) or replaced reports to nobody.
        return self._running.get(customer_id) is entry

    def _progressed(self, customer_id: str, entry: RunningOperation, news: Any) -> None:
        if not self._current(customer_id, entry) or not isinstance(news, WatchNews):
            return
        if news.operation is not None:
            entry.operation = news.operation
            self._own.add(news.operation.id)
        entry.news = news
        self._reword(customer_id, entry)

    def _reword(self, customer_id: str, entry: RunningOperation) -> None:
        words = self._words(entry.kind, entry.news or WatchNews("starting"))
        if words != entry.progress:
            entry.progress = words
            self.progress.emit(customer_id, words)

    @Slot()
    def _connection_changed(self) -> None:
        for customer_id, entry in list(self._running.items()):
            self._reword(customer_id, entry)

    def _overdue(self, customer_id: str, entry: RunningOperation) -> None:
        if self._current(customer_id, entry):
            entry.overdue = True
            self.overdue.emit(customer_id)

    def _ended(self, customer_id: str, entry: RunningOperation, outcome: WatchOutcome) -> None:
        if self._current(customer_id, entry):
            self._finish(customer_id, entry, outcome.operation, outcome.customer, outcome.error)

    def _crashed(self, customer_id: str, entry: RunningOperation, error: BaseException) -> None:
        if isinstance(error, WatchStopped) or not self._current(customer_id, entry):
            return
        if not isinstance(error, ApiError):
            log.error("watching %s failed", customer_id, exc_info=error)
            error = ApiError(
                self.tr("Something unexpected went wrong ({what}).").format(
                    what=type(error).__name__
                )
            )
        self._finish(customer_id, entry, entry.operation, None, error)

    def _finish(
        self,
        customer_id: str,
        entry: RunningOperation,
        operation: Operation | None,
        customer: Customer | None,
        error: ApiError | None,
    ) -> None:
        ended = OperationEnded(customer_id, entry.kind, operation, customer, error)
        del self._running[customer_id]
        if operation is not None:
            self._own.add(operation.id)
        if self._outbox is not None and entry.idempotency_key is not None:
            self._outbox.remove(entry.idempotency_key)  # its end is known and shown
        if entry.timer is not None:
            entry.timer.stop()
            entry.timer.deleteLater()
        self.finished.emit(ended)
        self.running_changed.emit()

    @Slot(object)
    def _resume_found(self, found: list[tuple[Operation, Customer]]) -> None:
        for operation, customer in found:
            if customer.id in self._running or self._stop.is_set():
                continue
            entry = RunningOperation(customer, operation.kind, None, operation)
            self._own.add(operation.id)
            entry.news = WatchNews("waiting", operation)
            entry.progress = self._words(operation.kind, entry.news)
            self._watch(entry, operation)

    @Slot(object)
    def _resume_failed(self, error: BaseException) -> None:
        # Not fatal: the rows still show the server's state when the list loads.
        log.warning("could not ask the server for unfinished operations: %s", error)

    def _words(self, kind: OperationKind, news: WatchNews) -> str:
        state = self.connection.state
        return progress_words(kind, news.phase, state.since if state.offline else None)
