"""What every export to CSV shares: the file the person picks, rows turned into text a slice per
event-loop turn (StepRunner), the file written by a TaskRunner worker (desktop/models/
customer_csv.py's CsvChunks and write_csv_chunks), progress, the outcome, and a clear message
when the file cannot be written.

A kind of export (the customer list, the activity log) is a subclass: it gathers its rows,
calls `begin` and `feed`, and says in its own words what it is doing. `pick_path` is the one
place a file dialog opens; tests hand in their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.models.customer_csv import CsvChunks, ExportCanceled, write_csv_chunks
from desktop.steps import StepRunner
from desktop.tasks import Task, TaskRunner

PathPicker = Callable[[], str]  # the chosen path, or "" when the person canceled


def ask_csv_path(window: QWidget, title: str, file_name: str) -> str:
    """The Save dialog, in the person's Documents folder; "" when canceled; ".csv" added when
    the name has no suffix."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(
        window,
        title,
        str(Path(folder) / file_name),
        QCoreApplication.translate("CsvExport", "CSV files (*.csv);;All files (*)"),
    )
    if path and not Path(path).suffix:
        path += ".csv"
    return path


class CsvExport(QObject):
    state_changed = Signal(str)  # what the export is doing, in words
    finished = Signal(bool)  # True once the file is saved; False on failure or cancel

    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._steps = StepRunner(self)
        self._chunks: CsvChunks | None = None
        self._task: Task | None = None
        self._path = ""
        self._stopped_because = ""  # why the running export was stopped, in words
        self.error_box: QMessageBox | None = None
        self.pick_path: PathPicker = self._ask_path  # the seam tests replace

    # --- a kind of export's words ---------------------------------------------------------

    def title(self) -> str:
        """The Save dialog's and the error box's title ("Export Customers")."""
        raise NotImplementedError

    def file_name(self) -> str:
        """The name the Save dialog suggests."""
        raise NotImplementedError

    def progress_words(self, written: int, total: int) -> str:
        raise NotImplementedError

    def saved_words(self, written: int, file_name: str) -> str:
        raise NotImplementedError

    def failure_words(self, path: str, reason: str) -> str:
        """The error box's text when the file could not be written to `path`."""
        raise NotImplementedError

    def export_to(self, path: str) -> None:
        """Gathers the rows, then `begin` and `feed`."""
        raise NotImplementedError

    # --- running ----------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._chunks is not None

    @Slot()
    def start(self) -> None:
        if self.is_running():
            return
        path = self.pick_path()
        if path:
            self.export_to(path)

    def begin(self, path: str, total: int, header: str) -> CsvChunks:
        """The writer started on `path` for `total` rows, `header` (CSV text) its first line."""
        chunks = self._chunks = CsvChunks()
        # A writer left waiting when this object goes (the window closed) stops at once.
        self.destroyed.connect(chunks.cancel)
        self._path = path
        self._stopped_because = ""
        chunks.put(header, 0)
        self._task = self._runner.submit(
            write_csv_chunks,
            path,
            chunks,
            total,
            progress=self._progressed,
            success=self._saved,
            failure=self._failed,
            owner=self,
        )
        return chunks

    def feed(self, slices: Iterator[None]) -> None:
        """`slices` puts the rows into the chunks, a slice per step, and finishes them."""
        self._steps.start(slices, run_now=False)

    def cancel(self, because: str = "") -> None:
        """Stops a running export; the writer then removes what it wrote."""
        self._stopped_because = because
        if self._chunks is not None:
            self._chunks.cancel()
        self._steps.cancel()

    # --- outcome -----------------------------------------------------------------------------

    @Slot(object)
    def _progressed(self, news: tuple[int, int]) -> None:
        written, total = news
        self.say(self.progress_words(written, total))

    @Slot(object)
    def _saved(self, written: int) -> None:
        self._end()
        self.say(self.saved_words(written, Path(self._path).name))
        self.finished.emit(True)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, ExportCanceled):
            self.say(self._stopped_because or self.tr("Export stopped; nothing was saved."))
            self.finished.emit(False)
            return
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.say(self.tr("Export failed; nothing was saved."))
        self.show_error(self.failure_words(self._path, reason))
        self.finished.emit(False)

    def _end(self) -> None:
        self._steps.cancel()  # a writer that failed early leaves no slice producer behind
        if self._chunks is not None:
            self._chunks.cancel()
            self.destroyed.disconnect(self._chunks.cancel)
        self._chunks = None
        self._task = None

    def say(self, text: str) -> None:
        self.state_changed.emit(text)

    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.title(), text, parent=self._window)
        box.setObjectName("exportErrorBox")
        box.setAccessibleName(self.tr("Export failed"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()  # window-modal, and nothing waits on it

    def _ask_path(self) -> str:
        return ask_csv_path(self._window, self.title(), self.file_name())
