"""One confirmed bulk suspend or re-enable, sent customer by customer through the OperationCenter.

Each customer is one ordinary operation (its own Idempotency-Key, its own watch, the table row
updated by the center's listeners), so a bulk run is nothing the single flow does not do. At most
`at_once` are followed at a time: the server is not flooded, and the watches leave threads for
other work. Scheduled (`at`), each ends as soon as the server accepts it: a success, with
its time. One past the long bound stops counting against that limit: a stalled backend must
not hold the rest back.

    run.item_changed(index)   an entry's state changed
    run.settled()             nothing waits and nothing runs inside the long bound: may close
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal, Slot

from desktop.api.errors import ForbiddenError
from desktop.ui.failure_words import failure_reason

if TYPE_CHECKING:
    from desktop.api.records import Customer
    from desktop.operations.center import OperationCenter, OperationEnded
    from desktop.ui.bulk.plan import BulkPlan

State = Literal["waiting", "running", "succeeded", "failed", "skipped", "unwatched"]
ENDED: tuple[State, ...] = ("succeeded", "failed", "unwatched")

AT_ONCE = 3  # operations followed at the same time


@dataclass
class BulkItem:
    customer: Customer  # replaced by the server's record once the operation ends
    state: State
    detail: str = ""  # why it failed or was skipped, in words
    finished_at: datetime | None = None
    overdue: bool = False
    scheduled_for: datetime | None = None  # accepted for later: when it runs


class BulkRun(QObject):
    item_changed = Signal(int)
    settled = Signal()

    def __init__(
        self,
        center: OperationCenter,
        plan: BulkPlan,
        reason: str = "",
        at_once: int = AT_ONCE,
        parent: QObject | None = None,
        *,
        when: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = plan.kind
        self.reason = reason
        self.when = dict(when or {})  # `at` and `resume_at`, as the wire takes them; {} for now
        self._center = center
        self._at_once = max(1, at_once)
        self.items = [
            BulkItem(e.customer, "skipped" if e.skipped else "waiting", e.skipped)
            for e in plan.entries
        ]
        self._queue = deque(i for i, item in enumerate(self.items) if item.state == "waiting")
        self._by_id = {item.customer.id: i for i, item in enumerate(self.items)}
        self._started = False
        self._settled = False
        center.finished.connect(self._finished)
        center.overdue.connect(self._overdue)
        center.running_changed.connect(self._running_changed)

    # --- asking ------------------------------------------------------------------------------

    def sent_count(self) -> int:
        """Customers the operation is (or was to be) sent for: everyone not skipped."""
        return sum(1 for item in self.items if item.state != "skipped")

    def count(self, *states: State) -> int:
        return sum(1 for item in self.items if item.state in states)

    def waiting_count(self) -> int:
        """Confirmed but not sent yet: lost if the app quits now."""
        return len(self._queue)

    def is_settled(self) -> bool:
        return self._settled

    def is_complete(self) -> bool:
        """Every customer confirmed, failed or skipped: nothing left to follow."""
        return self._started and self.count("waiting", "running") == 0

    # --- running -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._fill()

    def _fill(self) -> None:
        params = {"reason": self.reason} if self.kind == "suspend" else {}
        params.update(self.when)
        while self._queue and self._following() < self._at_once:
            index = self._queue.popleft()
            item = self.items[index]
            if self._center.start(self.kind, item.customer, **params):
                item.state = "running"
            elif self._center.is_running(item.customer.id):
                # Started elsewhere since the confirmation: one operation at a time.
                item.state = "skipped"
                item.detail = self.tr("another operation on this customer is still running")
            else:
                item.state = "failed"
                item.detail = self.tr("Not sent: Partner Desk is signing out or quitting.")
            self.item_changed.emit(index)
        self._check_settled()

    def _following(self) -> int:
        return sum(1 for item in self.items if item.state == "running" and not item.overdue)

    def _check_settled(self) -> None:
        if self._settled or not self._started or self._queue or self._following():
            return
        self._settled = True
        self.settled.emit()

    def _mine(self, customer_id: str) -> int | None:
        index = self._by_id.get(customer_id)
        if index is None or self.items[index].state != "running":
            return None  # not in this batch, or not started by it
        return index

    # --- the center's news -------------------------------------------------------------------

    @Slot(object)
    def _finished(self, ended: OperationEnded) -> None:
        index = self._mine(ended.customer_id)
        if index is None:
            return
        item = self.items[index]
        if ended.customer is not None:
            item.customer = ended.customer
        if ended.scheduled and ended.operation is not None:
            # Accepted for its time: all this run asked of the server; it runs there later.
            item.state = "succeeded"
            item.scheduled_for = ended.operation.scheduled_for
        elif ended.succeeded and ended.operation is not None:
            item.state = "succeeded"
            item.finished_at = ended.operation.finished_at
        else:
            item.state = "failed"
            error = ended.error
            item.detail = failure_reason(error) if error else self.tr("The server gave no reason.")
            if isinstance(error, ForbiddenError):
                self._refuse_waiting(item.detail)
        self.item_changed.emit(index)
        self._fill()

    def _refuse_waiting(self, reason: str) -> None:
        # The role no longer allows it (changed since the confirmation): every customer still
        # waiting would be refused alike, so none of them is sent.
        while self._queue:
            index = self._queue.popleft()
            self.items[index].state = "failed"
            self.items[index].detail = self.tr("Not sent: {reason}").format(reason=reason)
            self.item_changed.emit(index)

    @Slot(str)
    def _overdue(self, customer_id: str) -> None:
        index = self._mine(customer_id)
        if index is None:
            return
        self.items[index].overdue = True
        self.item_changed.emit(index)
        self._fill()

    @Slot()
    def _running_changed(self) -> None:
        # The center stopped watching without an end (quit, sign-out): say so, and never hold
        # the window on an operation nobody follows any more.
        changed = False
        for index, item in enumerate(self.items):
            if item.state == "running" and not self._center.is_running(item.customer.id):
                item.state = "unwatched"
                item.detail = self.tr("No longer followed; the server finishes it on its own.")
                self.item_changed.emit(index)
                changed = True
        if changed:
            self._fill()  # what still waits is not sent now: each says so
