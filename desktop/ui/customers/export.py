"""Export Customers: the list as shown (filtered, sorted, columns in view order) to a CSV file.

The rows are turned into text a slice per event-loop turn and written by a TaskRunner worker
(the machinery every export shares, desktop/ui/csv_export.py), so a million rows never freeze
the window.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QDate, QLocale, Qt, Slot
from PySide6.QtWidgets import QTableView, QWidget

from desktop.models.customer_csv import CsvChunks, csv_text, iso_day, separator_for
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.tasks import TaskRunner
from desktop.ui.widgets.csv_export import CsvExport

SLICE_ROWS = 2000  # rows turned into text per step; a few steps fit in one event-loop turn


class CustomerExport(CsvExport):
    def __init__(
        self,
        table: QTableView,
        model: CustomerTableModel,
        proxy: CustomerFilterModel,
        runner: TaskRunner,
        window: QWidget,
    ) -> None:
        super().__init__(runner, window)
        self._table = table
        self._model = model
        self._proxy = proxy
        # A reload renumbers the rows the export is reading: it stops rather than mix lists.
        model.modelAboutToBeReset.connect(self._list_replaced)

    def export_to(self, path: str) -> None:
        if self.is_running():
            return
        header = self._table.horizontalHeader()
        columns = [
            header.logicalIndex(visual)
            for visual in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(visual))
        ]
        titles = [
            str(self._model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            for c in columns
        ]
        rows = self._proxy.visible_source_rows()
        # The separator follows the numbers Partner Desk shows: "1,5" means a ";" between cells.
        separator = separator_for(QLocale().decimalPoint())
        self.say(self.tr("Exporting %Ln customers…", "", len(rows)))
        chunks = self.begin(path, len(rows), csv_text([titles], separator))
        self.feed(self._slices(rows.tolist(), columns, separator, chunks))

    def _slices(
        self, rows: list[int], columns: list[int], separator: str, chunks: CsvChunks
    ) -> Iterator[None]:
        # The table's own words for each cell, except a status is written as it stands, not
        # "Suspending…" while an operation runs, and a date as ISO 8601, not "04/01/2023".
        row_at, text = self._model.row_at, self._model.cell_text
        created = CustomerTableModel.CREATED
        phones = [n for n, column in enumerate(columns) if column == CustomerTableModel.PHONE]
        for first in range(0, len(rows), SLICE_ROWS):
            if chunks.canceled():
                return
            part = rows[first : first + SLICE_ROWS]
            fields = [row_at(row) for row in part]
            cells = (
                [
                    iso_day(f.created_at) if c == created else text(f, c, pending=False)
                    for c in columns
                ]
                for f in fields
            )
            chunks.put(csv_text(cells, separator, phones), len(part))
            yield
        chunks.finish()

    # --- words ---------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Export Customers")

    def file_name(self) -> str:
        return self.tr("customers-%1.csv").replace(
            "%1", QDate.currentDate().toString(Qt.DateFormat.ISODate)
        )

    def progress_words(self, written: int, total: int) -> str:
        locale = QLocale()
        return (
            self.tr("Exporting… %1 of %2 customers")
            .replace("%1", locale.toString(written))
            .replace("%2", locale.toString(total))
        )

    def saved_words(self, written: int, file_name: str) -> str:
        return self.tr("Exported %Ln customers to %1.", "", written).replace("%1", file_name)

    def failure_words(self, path: str, reason: str) -> str:
        return (
            self.tr("The customers could not be saved to\n%1\n\n%2\n\nChoose another folder.")
            .replace("%1", path)
            .replace("%2", reason)
        )

    @Slot()
    def _list_replaced(self) -> None:
        if self.is_running():
            self.cancel(self.tr("The list was reloaded during the export; nothing was saved."))
