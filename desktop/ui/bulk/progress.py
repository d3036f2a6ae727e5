"""A bulk suspend or re-enable as it happens: a row per customer, an overall bar, then a summary.

Like the Edit Customer dialog while it suspends, this window cannot be closed until the server
has confirmed or refused every customer (or the rest passed the long bound and carry on in the
background): no close button, Esc, Alt+F4 or Ctrl+W, and Close is disabled. It ALWAYS unlocks
once the run settles, so a failure never traps the person here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.bulk.summary import BulkWords
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone

if TYPE_CHECKING:
    from desktop.ui.bulk.run import BulkRun

_NAME, _ACCOUNT, _STATE = range(3)
_VISIBLE_ROWS = 10  # more than this scroll
_TONES = {"succeeded": "success", "failed": "error"}


class BulkProgressDialog(QDialog):
    def __init__(self, run: BulkRun, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self._words = BulkWords(run)
        self._locked = False
        suspend = run.kind == "suspend"
        named(
            self,
            "bulkProgressDialog",
            self.tr("Bulk suspend") if suspend else self.tr("Bulk re-enable"),
        )
        self.setWindowTitle(
            self.tr("Suspend Customers") if suspend else self.tr("Re-enable Customers")
        )
        self.setModal(True)
        self.setSizeGripEnabled(True)

        self._build_header(run)
        self.bar = named(QProgressBar(), "bulkProgressBar", self.tr("Overall progress"))
        self.bar.setRange(0, max(1, run.sent_count()))
        self.bar.setValue(0)
        self.rows = self._build_rows(run)
        self.summary = named(muted(""), "bulkSummary", self.tr("Summary"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self._build_buttons())
        self.resize(640, self.minimumSizeHint().height())

        for index in range(len(run.items)):
            self._show_item(index)
        run.item_changed.connect(self._item_changed)
        run.settled.connect(self._settled)
        self._set_locked(not run.is_settled())
        self._show_summary()

    def _build_header(self, run: BulkRun) -> None:
        """What is happening (then what happened) and, for a suspension, the reason given."""
        self.title = named(
            heading(self._words.running_title(), self),
            "bulkProgressTitle",
            self.tr("What is happening"),
        )
        self.reason = named(muted(""), "bulkReason", self.tr("Reason"))
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setText(self.tr("Reason: {reason}").format(reason=run.reason))
        self.reason.setVisible(run.kind == "suspend")

    def _build_rows(self, run: BulkRun) -> QTreeWidget:
        """A row per customer: name, account, and its state as the server reports it."""
        rows = named(QTreeWidget(), "bulkProgressList", self.tr("Customers and their state"))
        rows.setColumnCount(3)
        rows.setHeaderLabels([self.tr("Customer"), self.tr("Account"), self.tr("State")])
        rows.setRootIsDecorated(False)
        rows.setUniformRowHeights(True)
        rows.setAlternatingRowColors(True)
        rows.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        rows.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to act on; the summary says it
        rows.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        header = rows.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_ACCOUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._items = [
            QTreeWidgetItem([item.customer.name, item.customer.account_number, ""])
            for item in run.items
        ]
        rows.addTopLevelItems(self._items)
        rows.setColumnWidth(_NAME, 220)
        shown = max(1, min(len(run.items), _VISIBLE_ROWS))
        rows.setMinimumHeight(
            header.sizeHint().height() + rows.sizeHintForRow(0) * shown + 2 * rows.frameWidth() + 2
        )
        return rows

    def _build_buttons(self) -> QDialogButtonBox:
        self.close_button = named(
            QPushButton(self.tr("Close")), "bulkCloseButton", self.tr("Close")
        )
        # The default once the run settles; never Enter's merely for having the focus.
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Ctrl+W / Cmd+W close it like the button does (and are refused the same way).
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        return buttons

    # --- closing -----------------------------------------------------------------------------

    def is_locked(self) -> bool:
        """True until every customer is confirmed or failed: the window refuses to close."""
        return self._locked

    def reject(self) -> None:
        # Close, Esc and the window's close button end up here; QDialog.closeEvent calls
        # reject() and keeps the window open if it is still visible afterwards.
        if self._locked:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button (if the window manager still shows one), Alt+F4, Cmd+W.
        if self._locked:
            event.ignore()
            return
        super().closeEvent(event)

    def abandon(self) -> None:
        """The main window is going (quit, sign-out): nothing is followed any more, so close."""
        self._set_locked(False)
        self.reject()

    def _set_locked(self, locked: bool) -> None:
        if locked == self._locked:
            return
        self._locked = locked
        visible, active = self.isVisible(), self.isActiveWindow()
        # Some window managers show the close button anyway; closeEvent refuses it then.
        self.setWindowFlag(Qt.WindowType.CustomizeWindowHint, locked)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, not locked)
        if visible:
            self.show()  # changing the flags hides a window
        if active:
            self.activateWindow()  # the keys go on reaching this dialog
        self.close_button.setEnabled(not locked)
        self.close_button.setToolTip(
            self.tr("This window stays open until the server confirms every customer.")
            if locked
            else ""
        )
        if not locked:
            self.close_button.setDefault(True)
            self.close_button.setFocus()

    # --- showing -----------------------------------------------------------------------------

    @Slot(int)
    def _item_changed(self, index: int) -> None:
        self._show_item(index)
        self._show_summary()

    @Slot()
    def _settled(self) -> None:
        self._set_locked(False)  # first, whatever happens below
        self._show_summary()

    def _show_item(self, index: int) -> None:
        item = self.run.items[index]
        row = self._items[index]
        text = self._words.state(item)
        row.setText(_NAME, item.customer.name)
        row.setText(_STATE, text)
        row.setToolTip(_STATE, text)
        row.setData(
            _STATE,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{name}: {state}").format(name=item.customer.name, state=text),
        )
        kind = _TONES.get(item.state)
        if kind is not None:
            row.setForeground(_STATE, QBrush(QColor(tone(kind, self.palette()))))
        elif item.state in ("waiting", "skipped"):
            row.setForeground(_STATE, self.palette().brush(QPalette.ColorRole.PlaceholderText))
        else:
            row.setForeground(_STATE, self.palette().brush(QPalette.ColorRole.Text))

    def _show_summary(self) -> None:
        done = self.run.count("succeeded", "failed", "unwatched")
        total = self.run.sent_count()
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("{done} of {total} done").format(done=done, total=total))
        if not self.run.is_settled():
            text = self.tr("This window stays open until the server confirms every customer.")
            self.title.setText(self._words.running_title())
        else:
            text = self._words.summary()
            self.title.setText(self._words.settled_title())
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)
        if not self.run.is_settled():
            colour = "palette(placeholder-text)"
        elif self.run.count("failed"):
            colour = tone("error")
        else:
            colour = tone("success")
        self.summary.setStyleSheet(f"color: {colour};")
        self._fit_height()

    def _fit_height(self) -> None:
        # Wrapped lines do not raise a window's minimum height; a longer summary would land
        # on top of the list. Grow just enough to show all of it.
        layout = self._layout
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        if needed > self.height():
            self.resize(self.width(), needed)
