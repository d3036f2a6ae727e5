"""The Overview's "3 suspensions scheduled this week": the suspensions whose time falls within
the next 7 days, read from GET /operations?state=scheduled.

/summary counts customers with anything scheduled, not when; a suspension due in the coming days
is the one a partner acts on (a payment may still come), so it is counted here, in the
background, each time the page's figures are read or change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner

WEEK = timedelta(days=7)


def due_this_week(operations: Iterable[Any], now: datetime) -> int:
    """Scheduled suspensions whose time is from now to 7 days ahead."""
    end = now + WEEK
    return sum(
        1
        for op in operations
        if op.kind == "suspend"
        and op.state == "scheduled"
        and op.scheduled_for is not None
        and now <= op.scheduled_for <= end
    )


class ScheduledWeek(QLabel):
    """The line; hidden until read, and when it cannot be read (the rest of the page stands)."""

    counted = Signal(int)  # the count shown, after each reading

    def __init__(self, api: PartnerApi, runner: TaskRunner) -> None:
        super().__init__()
        named(self, "overviewScheduledWeek", self.tr("Suspensions scheduled this week"))
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self._api = api
        self._runner = runner
        self._loading = False
        self._again = False  # asked again while reading: what was read may be older
        self._count: int | None = None
        self.hide()

    def count(self) -> int | None:
        """The suspensions due this week, as last read; None before the first reading."""
        return self._count

    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        self._runner.submit(
            self._api.scheduled_operations,
            success=self._read,
            failure=self._failed,
            owner=self,
        )

    def _read(self, operations: list[Any]) -> None:
        self._show(due_this_week(operations, datetime.now(UTC)))
        self._done()

    def _failed(self, _error: BaseException) -> None:
        # Not worth a failure of the page: the customer count beside it still says enough.
        self._count = None
        self.hide()
        self._done()

    def _done(self) -> None:
        self._loading = False
        if self._again:
            self.reload()

    def _show(self, count: int) -> None:
        self._count = count
        if count:
            text = self.tr("%n suspensions scheduled this week", "", count)
        else:
            text = self.tr("No suspension is scheduled this week.")
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        self.counted.emit(count)
