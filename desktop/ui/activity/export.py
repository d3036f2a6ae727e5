"""Export Activity: every event of the filter shown, not only the pages scrolled to, as CSV.

Every page is read first, on a worker (calls.read_all); then the rows are worded as the table
words them and written by the machinery every export shares (desktop/ui/csv_export.py). The
time is written as spreadsheets read a date and time (2026-03-10 14:02:05, the person's zone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Slot
from PySide6.QtWidgets import QWidget

from desktop.api.team_records import ActivityItem
from desktop.models.customer_csv import CsvChunks, csv_text, separator_for
from desktop.tasks import Task, TaskRunner
from desktop.ui.activity import calls
from desktop.ui.activity.model import COLUMN_COUNT, WHEN, ActivityTableModel, export_time
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.csv_export import CsvExport

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

SLICE_ROWS = 2000  # rows worded per step; a few steps fit in one event-loop turn


class ActivityExport(CsvExport):
    def __init__(
        self, model: ActivityTableModel, api: PartnerApi, runner: TaskRunner, window: QWidget
    ) -> None:
        super().__init__(runner, window)
        self._model = model
        self._api = api
        self._reading: Task | None = None

    def is_running(self) -> bool:
        return self._reading is not None or super().is_running()

    def export_to(self, path: str) -> None:
        if self.is_running():
            return
        self.say(self.tr("Reading the activity log…"))
        self._reading = self._runner.submit(
            calls.read_all,
            self._api,
            self._model.chosen,
            calls.EXPORT_PAGE_SIZE,
            progress=self._read_so_far,
            success=lambda items: self._write(path, items),
            failure=self._not_read,
            owner=self,
        )

    def cancel(self, because: str = "") -> None:
        if self._reading is not None:
            # The pages still on their way are dropped; nothing was written yet.
            self._reading.succeeded.disconnect()
            self._reading.failed.disconnect()
            self._reading = None
            self.say(because or self.tr("Export stopped; nothing was saved."))
            self.finished.emit(False)
            return
        super().cancel(because)

    @Slot(object)
    def _read_so_far(self, count: int) -> None:
        self.say(self.tr("Reading the activity log… %Ln events so far", "", count))

    def _write(self, path: str, items: list[ActivityItem]) -> None:
        self._reading = None
        separator = separator_for(QLocale().decimalPoint())
        header = csv_text([self._model.column_titles()], separator)
        self.say(self.tr("Exporting %Ln events…", "", len(items)))
        chunks = self.begin(path, len(items), header)
        self.feed(self._slices(items, separator, chunks))

    def _slices(
        self, items: list[ActivityItem], separator: str, chunks: CsvChunks
    ) -> Iterator[None]:
        text = self._model.text_of
        for first in range(0, len(items), SLICE_ROWS):
            if chunks.canceled():
                return
            part = items[first : first + SLICE_ROWS]
            cells = (
                [export_time(item) if c == WHEN else text(item, c) for c in range(COLUMN_COUNT)]
                for item in part
            )
            chunks.put(csv_text(cells, separator), len(part))
            yield
        chunks.finish()

    @Slot(object)
    def _not_read(self, error: BaseException) -> None:
        self._reading = None
        self.say(self.tr("Export failed; nothing was saved."))
        self.show_error(
            self.tr("The activity log could not be read from the server:\n%1").replace(
                "%1", failure_reason(error)
            )
        )
        self.finished.emit(False)

    # --- words ---------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Export Activity")

    def file_name(self) -> str:
        return self.tr("activity-%1.csv").replace(
            "%1", QDate.currentDate().toString(Qt.DateFormat.ISODate)
        )

    def progress_words(self, written: int, total: int) -> str:
        locale = QLocale()
        return (
            self.tr("Exporting… %1 of %2 events")
            .replace("%1", locale.toString(written))
            .replace("%2", locale.toString(total))
        )

    def saved_words(self, written: int, file_name: str) -> str:
        return self.tr("Exported %Ln events to %1.", "", written).replace("%1", file_name)

    def failure_words(self, path: str, reason: str) -> str:
        return (
            self.tr("The activity could not be saved to\n%1\n\n%2\n\nChoose another folder.")
            .replace("%1", path)
            .replace("%2", reason)
        )
