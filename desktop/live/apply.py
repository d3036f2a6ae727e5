"""ChangeApplier: what the change feed heard, applied to the customer table and told onwards.

A customer's change replaces exactly its row (`dataChanged` for that row; the filter then
shows, moves or hides it as the search, status and sort require); a customer not loaded yet
is added. The others are told by signal: the Overview takes `summary_changed`, the operation
center `operation_changed` (with the customer as the row has it, for its name), an open Edit
Customer dialog `customer_changed`. A burst (a colleague's bulk suspend of a thousand) is
applied a few changes per event-loop turn (desktop/steps.py), so the GUI thread is never held
past its budget, and the changes stay in commit order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from desktop.api.records import Customer, Operation, Summary
from desktop.steps import StepRunner

if TYPE_CHECKING:
    from desktop.api.live import Change
    from desktop.api.live_follow import ChangeBatch
    from desktop.models.customer_table import CustomerTableModel

# Well inside a frame at 60 Hz: the filter's own steps and painting share the turn.
STEP_BUDGET_MS = 6.0
# New customers in a row are added to the table together, up to this many at a time.
ADD_TOGETHER = 200


class ChangeApplier(QObject):
    customer_changed = Signal(object)  # Customer: its row now shows this
    summary_changed = Signal(object)  # Summary: GET /summary's figures as of the change
    operation_changed = Signal(object, object)  # Operation, the row's Customer (or None)
    applied = Signal()  # everything heard so far is applied

    def __init__(
        self,
        model: CustomerTableModel,
        parent: QObject | None = None,
        *,
        budget_ms: float = STEP_BUDGET_MS,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._queue: deque[Change] = deque()
        self._steps = StepRunner(self, budget_ms)
        self.applied_count = 0  # changes applied since made (benchmarks, tests)

    def pending(self) -> int:
        """Changes heard and not applied yet."""
        return len(self._queue)

    @Slot(object)
    def apply(self, batch: ChangeBatch) -> None:
        self._queue.extend(batch.changes)
        if not self._steps.running:
            # From the next turn: the slot that delivered the batch returns at once.
            self._steps.start(self._work(), run_now=False)

    def clear(self) -> None:
        """Forgets what is not applied yet (the list is being loaded again from a snapshot)."""
        self._queue.clear()
        self._steps.cancel()

    def _work(self) -> Iterator[None]:
        queue = self._queue
        while queue:
            change = queue.popleft()
            record = change.record
            if isinstance(record, Customer) and self._model.row_of(record.id) is None:
                self._add([record])
            elif isinstance(record, Customer):
                self._model.update_customer(record)
                self.customer_changed.emit(record)
            elif isinstance(record, Summary):
                if not any(c.event == "summary" for c in queue):  # a later one says it all
                    self.summary_changed.emit(record)
            elif isinstance(record, Operation):
                self.operation_changed.emit(record, self._shown_customer(record.customer_id))
            # Branding and staff changes, and records this client could not read: nothing
            # here shows them yet.
            self.applied_count += 1
            yield
        self.applied.emit()

    def _add(self, first: list[Customer]) -> None:
        # The new customers that follow in the queue go in with it: one insert, not many.
        queue, added = self._queue, first
        while queue and len(added) < ADD_TOGETHER:
            record = queue[0].record
            if not isinstance(record, Customer) or self._model.row_of(record.id) is not None:
                break
            if any(c.id == record.id for c in added):
                break  # a second change of one of them: after the insert, as an update
            added.append(record)
            queue.popleft()
            self.applied_count += 1
        self._model.append_page(added)
        for record in added:
            self.customer_changed.emit(record)

    def _shown_customer(self, customer_id: str) -> Customer | None:
        row = self._model.row_of(customer_id)
        if row is None:
            return None
        customer = self._model.customer_at(row)
        return customer if isinstance(customer, Customer) else None
