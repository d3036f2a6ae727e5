"""The customer list as a CSV file for spreadsheet programs, for any number of rows.

The rows are read and turned into CSV text on the GUI thread a slice at a time (the table's
rows live there), and handed through `CsvChunks` to `write_csv_chunks`, which runs on the
TaskRunner and is the only code that touches the disk: a slow or failing drive never holds up
the window. The cells are the text the table shows, except that a status is its word even while
an operation on that customer is running, and a date is ISO 8601 (2025-03-01), which every
spreadsheet reads as a date whatever its language. Where numbers are written with a decimal
comma (Croatian, German, ...) spreadsheets expect cells separated by semicolons, as Excel does
for its own CSV files there.
"""

from __future__ import annotations

import csv
import io
import os
import queue
import re
import threading
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime
from pathlib import Path

# A cell starting with one of these is a formula to a spreadsheet program (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# An international phone number as the server allows it (server/validation.py): a plus, then
# digits and separators. No function or reference can be spelt with these.
_INTERNATIONAL_PHONE = re.compile(r"\+[0-9][0-9 ()./-]*")
# How long the writer waits for text before deciding its window is gone: a slice arrives
# every event-loop turn, so a silence this long means nobody will send the rest.
_IDLE_LIMIT_S = 15.0
_POLL_S = 0.2


class ExportCanceled(Exception):
    """The export was stopped before its last row; nothing was saved."""


def spreadsheet_safe(text: str, *, phone: bool = False) -> str:
    """A leading apostrophe on a cell a spreadsheet would run as a formula.

    Only a phone number in the Phone column stays as it is ("+385 1 234 5678"): anywhere else a
    leading "+" or "-" is a formula ("-2+3" would arrive as -1).
    """
    if not text.startswith(_FORMULA_STARTS):
        return text
    if phone and _INTERNATIONAL_PHONE.fullmatch(text):
        return text
    return "'" + text


def separator_for(decimal_point: str) -> str:
    """The cell separator spreadsheets expect where numbers are written with `decimal_point`."""
    return ";" if decimal_point == "," else ","


def iso_day(moment: datetime) -> str:
    """The day of an instant where the person is (as the table shows it), in ISO 8601."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the server's times are UTC
    return moment.astimezone().date().isoformat()


def csv_text(
    rows: Iterable[Iterable[str]], separator: str = ",", phone_columns: Collection[int] = ()
) -> str:
    """Rows as CSV lines (quoted where needed, CRLF as RFC 4180 and spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator)
    writer.writerows(
        [spreadsheet_safe(cell, phone=n in phone_columns) for n, cell in enumerate(row)]
        for row in rows
    )
    return out.getvalue()


class CsvChunks:
    """Text from the GUI thread to the writer: put() slices, then finish() or cancel()."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[str, int] | None] = queue.SimpleQueue()
        self._canceled = threading.Event()

    def put(self, text: str, rows: int) -> None:
        self._queue.put((text, rows))

    def finish(self) -> None:
        self._queue.put(None)

    def cancel(self) -> None:
        self._canceled.set()

    def canceled(self) -> bool:
        return self._canceled.is_set()

    def next(self) -> tuple[str, int] | None:
        """Runs in the writer: the next slice, None at the end; raises once canceled."""
        idle = 0.0
        while True:
            if self._canceled.is_set():
                raise ExportCanceled
            try:
                return self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                idle += _POLL_S
                if idle >= _IDLE_LIMIT_S:
                    raise ExportCanceled from None


def write_csv_chunks(
    path: str,
    chunks: CsvChunks,
    total: int,
    report: Callable[[object], None] | None = None,
) -> int:
    """Runs in a worker: writes every slice (UTF-8 with a BOM); returns the rows written.

    The rows go to a file beside the target first, which then replaces it: a failure half-way
    never leaves a truncated export under the chosen name, nor destroys an earlier one.
    """
    target = Path(path)
    partial = target.with_name(f".{target.name}.part")
    written = 0
    try:
        # The BOM tells Excel the file is UTF-8; without it "Čakovec" arrives garbled.
        with partial.open("w", encoding="utf-8-sig", newline="") as out:
            while (chunk := chunks.next()) is not None:
                text, rows = chunk
                out.write(text)
                written += rows
                if report is not None:
                    report((written, total))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written
