"""Export Customers: the list as shown (filtered, sorted, columns in view order) to a CSV file.

The rows are turned into text a slice per event-loop turn and written by a TaskRunner worker
(desktop/models/customer_csv.py), so a million rows never freeze the window. `pick_path` is the
one place a file dialog opens; tests hand in their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView, QWidget

from desktop.models.customer_csv import (
    CsvChunks,
    ExportCanceled,
    csv_text,
    iso_day,
    separator_for,
    write_csv_chunks,
)
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.steps import StepRunner
from desktop.tasks import Task, TaskRunner

SLICE_ROWS = 2000  # rows turned into text per step; a few steps fit in one event-loop turn

PathPicker = Callable[[], str]  # the chosen path, or "" when the person canceled


class CustomerExport(QObject):
    state_changed = Signal(str)  # what the export is doing, in words
    finished = Signal(bool)  # True once the file is saved; False on failure or cancel

    def __init__(
        self,
        table: QTableView,
        model: CustomerTableModel,
        proxy: CustomerFilterModel,
        runner: TaskRunner,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._table = table
        self._model = model
        self._proxy = proxy
        self._runner = runner
        self._window = window
        self._steps = StepRunner(self)
        self._chunks: CsvChunks | None = None
        self._task: Task | None = None
        self._path = ""
        self._stopped_because = ""  # why the running export was stopped, in words
        self.error_box: QMessageBox | None = None
        self.pick_path: PathPicker = self._ask_path  # the seam tests replace
        # A reload renumbers the rows the export is reading: it stops rather than mix lists.
        model.modelAboutToBeReset.connect(self._list_replaced)

    def is_running(self) -> bool:
        return self._chunks is not None

    @Slot()
    def start(self) -> None:
        if self.is_running():
            return
        path = self.pick_path()
        if path:
            self.export_to(path)

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
        chunks = self._chunks = CsvChunks()
        # A writer left waiting when this object goes (the window closed) stops at once.
        self.destroyed.connect(chunks.cancel)
        self._path = path
        self._stopped_because = ""
        chunks.put(csv_text([titles], separator), 0)
        self._say(self.tr("Exporting %Ln customers…", "", len(rows)))
        self._task = self._runner.submit(
            write_csv_chunks,
            path,
            chunks,
            len(rows),
            progress=self._progressed,
            success=self._saved,
            failure=self._failed,
            owner=self,
        )
        self._steps.start(self._slices(rows.tolist(), columns, separator, chunks), run_now=False)

    def cancel(self, because: str = "") -> None:
        """Stops a running export; the writer then removes what it wrote."""
        self._stopped_because = because
        if self._chunks is not None:
            self._chunks.cancel()
        self._steps.cancel()

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

    # --- outcome -------------------------------------------------------------------------

    @Slot(object)
    def _progressed(self, news: tuple[int, int]) -> None:
        written, total = news
        locale = QLocale()
        self._say(
            self.tr("Exporting… %1 of %2 customers")
            .replace("%1", locale.toString(written))
            .replace("%2", locale.toString(total))
        )

    @Slot(object)
    def _saved(self, written: int) -> None:
        self._end()
        self._say(
            self.tr("Exported %Ln customers to %1.", "", written).replace(
                "%1", Path(self._path).name
            )
        )
        self.finished.emit(True)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, ExportCanceled):
            self._say(self._stopped_because or self.tr("Export stopped; nothing was saved."))
            self.finished.emit(False)
            return
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self._say(self.tr("Export failed; nothing was saved."))
        self._show_error(
            self.tr("The customers could not be saved to\n%1\n\n%2\n\nChoose another folder.")
            .replace("%1", self._path)
            .replace("%2", reason)
        )
        self.finished.emit(False)

    @Slot()
    def _list_replaced(self) -> None:
        if self.is_running():
            self.cancel(self.tr("The list was reloaded during the export; nothing was saved."))

    def _end(self) -> None:
        self._steps.cancel()  # a writer that failed early leaves no slice producer behind
        if self._chunks is not None:
            self._chunks.cancel()
            self.destroyed.disconnect(self._chunks.cancel)
        self._chunks = None
        self._task = None

    def _say(self, text: str) -> None:
        self.state_changed.emit(text)

    def _show_error(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Export Customers"), text, parent=self._window
        )
        box.setObjectName("exportErrorBox")
        box.setAccessibleName(self.tr("Export failed"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()  # window-modal, and nothing waits on it

    def _ask_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("customers-%1.csv").replace(
            "%1", QDate.currentDate().toString(Qt.DateFormat.ISODate)
        )
        path, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export Customers"),
            str(Path(folder) / name),
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path and not Path(path).suffix:
            path += ".csv"
        return path
