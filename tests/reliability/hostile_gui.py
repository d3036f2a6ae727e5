"""What the GUI suite of hostile answers watches: a heartbeat that proves the GUI thread keeps
running, every text a person can see, and every failure a task delivers."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.api.errors import ApiError
from desktop.api.operation_watch import WatchStopped
from desktop.tasks import Task, TaskRunner
from desktop.ui.branding.logo_check import LogoRejected

# What only a Python error, never a message written for a person, looks like.
TRACEBACK_MARKS = (
    "Traceback",
    'File "',
    "Something unexpected went wrong",
    "Error(",
    "Exception",
    "OverflowError",
    "RecursionError",
    "UnicodeEncodeError",
    "InvalidOperation",
    "KeyError",
    "TypeError",
    "AttributeError",
    "<class ",
)


class Heartbeat(QObject):
    """Ticks on the GUI thread; an impostor's trickle sends its next piece only after a tick.

    So a GUI thread stuck waiting on the network would stop the trickle, and the case would
    never settle: no clock is read, and a frozen window shows as `frozen`, not as a slow test.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        self.frozen = 0
        self._ticked = threading.Condition()
        self._timer = QTimer(self)
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        with self._ticked:
            self.ticks += 1
            self._ticked.notify_all()

    def pace(self) -> None:
        """Called on the impostor's thread: wait for the next tick of the GUI thread."""
        with self._ticked:
            seen = self.ticks
            # The bound only keeps a frozen GUI from holding the run forever.
            if not self._ticked.wait_for(lambda: self.ticks > seen, timeout=20.0):
                self.frozen += 1

    def stop(self) -> None:
        self._timer.stop()


class FailureWatch:
    """Every exception a task of `runner` delivers; only the documented family is allowed.

    That is the api's errors, a watch stopped on purpose, and LogoRejected: the logo calls
    check what the server sends as they check a file chosen to upload, and say why in words
    ("The logo on the server is damaged and cannot be shown.")."""

    def __init__(self, runner: TaskRunner) -> None:
        self.foreign: list[BaseException] = []
        self.count = 0
        original = runner.submit

        def submit(*args: object, **kwargs: object) -> Task:
            task = original(*args, **kwargs)  # type: ignore[arg-type]
            task.failed.connect(self._failed)
            return task

        runner.submit = submit  # type: ignore[method-assign]

    def _failed(self, error: BaseException) -> None:
        self.count += 1
        if not isinstance(error, ApiError | WatchStopped | LogoRejected):
            self.foreign.append(error)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps columnCount() private: one column
        columns = 1
    for row in range(min(model.rowCount(parent), 500)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield value
            if column == 0 and columns > 1 and model.hasChildren(index):
                yield from _model_texts(model, index)


def shown_texts() -> list[str]:
    """Every text of every visible window: labels, buttons, fields, tables, titles, tips."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            texts += [widget.windowTitle(), widget.toolTip()]
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                texts.append(widget.text())
            if isinstance(widget, QPlainTextEdit | QTextEdit):
                texts.append(widget.toPlainText())
            if isinstance(widget, QComboBox):
                texts.append(widget.currentText())
            if isinstance(widget, QMessageBox):
                texts += [widget.informativeText(), widget.detailedText()]
            if isinstance(widget, QMainWindow) and widget.statusBar() is not None:
                texts.append(widget.statusBar().currentMessage())
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                texts += list(_model_texts(widget.model(), QModelIndex()))
    return [text for text in texts if text]


def markup_shown(marks: tuple[str, ...]) -> list[str]:
    """Labels that render a server's text as rich text: `marks` are the tags it sent, which
    an escaped text would show as &lt;b&gt;... and never contain."""
    found = []
    for top in QApplication.topLevelWidgets():
        for label in [top, *top.findChildren(QLabel)]:
            if not isinstance(label, QLabel) or label.textFormat() == Qt.TextFormat.PlainText:
                continue
            text = label.text()
            if any(mark in text for mark in marks):
                found.append(f"{label.objectName() or type(label).__name__}: {text[:200]}")
    return found


class Dismisser(QObject):
    """Answers the dialogs nobody in a test would: the password prompt of an expired session,
    and message boxes (after their texts are kept for the checks)."""

    def __init__(self, keep: tuple[str, ...]) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.dismissed = 0
        self._keep = keep
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._sweep)
        self._timer.start()

    def _sweep(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and widget.isModal()
                and widget.objectName() not in self._keep
            ):
                self.texts += shown_texts()
                self.dismissed += 1
                widget.reject()

    def stop(self) -> None:
        self._timer.stop()
