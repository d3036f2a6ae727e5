"""The main window's view of the OperationCenter: the rows' pending badges and the status bar.

An operation whose dialog was closed (kept watching past the long bound, or picked up after a
restart) is still shown here until it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from desktop.operations.words import operation_words
from desktop.ui.failure_words import failure_reason
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.records import OperationKind
    from desktop.models.customer_table import CustomerTableModel
    from desktop.operations.center import OperationCenter, OperationEnded, RunningOperation

_RESULT_SHOWN_MS = 15_000  # how long "Acme d.o.o. suspended." stays in the status bar


def doing_words(kind: OperationKind, name: str) -> str:
    """ "Suspending Acme d.o.o." """
    return operation_words(kind).working_on.format(name=name)


class TableFollower(QObject):
    """Pending badge while an operation runs; the row re-drawn from the server's record after."""

    def __init__(self, center: OperationCenter, model: CustomerTableModel) -> None:
        super().__init__(model)
        self._model = model
        self._center = center
        center.started.connect(self._started)
        center.finished.connect(self._finished)
        center.observed_changed.connect(self._observed)

    @Slot(str, str)
    def _started(self, customer_id: str, kind: OperationKind) -> None:
        self._model.set_pending(customer_id, True, kind)

    @Slot(str)
    def _observed(self, customer_id: str) -> None:
        # A colleague's operation: the badge while it runs; the row itself follows the feed.
        if not self._center.is_running(customer_id):
            kind = self._center.observed_kind(customer_id)
            self._model.set_pending(customer_id, kind is not None, kind)

    @Slot(object)
    def _finished(self, ended: OperationEnded) -> None:
        if ended.customer is not None:
            self._model.update_customer(ended.customer)  # that one row, nothing else
        self._model.set_pending(ended.customer_id, False)


class OperationStatusLabel(QLabel):
    def __init__(self, center: OperationCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "operationStatus", self.tr("Operations in progress"))
        self._center = center
        self._names: dict[str, str] = {}  # customer id -> name, for one that is gone
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._refresh)
        center.running_changed.connect(self._refresh)
        center.progress.connect(self._refresh)
        center.observed_changed.connect(self._refresh)
        center.finished.connect(self._finished)
        self.hide()

    @Slot()
    def _refresh(self) -> None:
        running: list[RunningOperation] = self._center.running()
        for entry in running:
            self._names[entry.customer.id] = entry.customer.name
        if not running:
            if not self._fade.isActive():
                self._show_observed()
            return
        self._fade.stop()
        tip = ""
        if len(running) == 1:
            entry = running[0]
            doing = doing_words(entry.kind, entry.customer.name)
            text = self.tr("{doing}: {now}").format(doing=doing, now=entry.progress)
            if self._center.connection.state.offline:
                # Short: the connection's label beside it says since when; the rest is the tip.
                tip = text
                now = self.tr("the server cannot be reached")
                text = self.tr("{doing}: {now}").format(doing=doing, now=now)
        else:
            text = self.tr("%n operations running: {which}", "", len(running)).format(
                which=", ".join(doing_words(e.kind, e.customer.name) for e in running),
            )
        self._say(text, "", tip)

    @Slot(object)
    def _finished(self, ended: OperationEnded) -> None:
        name = self._names.pop(ended.customer_id, "")
        name = ended.customer.name if ended.customer else name
        if self._center.any_running():
            return  # the ones still running matter more; the dialog and the row say the rest
        words = operation_words(ended.kind)
        if ended.error is None:
            self._say(words.done.format(name=name), tone_style("success"))
        else:
            self._say(
                self.tr("{doing} failed: {reason}").format(
                    doing=doing_words(ended.kind, name), reason=failure_reason(ended.error)
                ),
                tone_style("error"),
            )
        self._fade.start(_RESULT_SHOWN_MS)

    def _show_observed(self) -> None:
        """Colleagues' operations, when this app runs none of its own."""
        seen = [s for s in self._center.observed() if s.customer is not None]
        if not seen:
            self.hide()
            return
        which = ", ".join(
            doing_words(s.operation.kind, s.customer.name) for s in seen if s.customer
        )
        text = self.tr("%n operations by colleagues: {which}", "", len(seen)).format(which=which)
        if len(seen) == 1:
            text = self.tr("{doing} (by a colleague)").format(doing=which)
        self._say(text, "")

    def _say(self, text: str, style: str, tip: str = "") -> None:
        self.setText(text)
        self.setToolTip(tip or text)
        self.setAccessibleDescription(text)
        self.setStyleSheet(style)
        self.show()
