"""Loading My Customers: the snapshot (or every page) on a worker, shown as it arrives on the
first load; a reload is read aside and swapped in at the end, keeping the selected customer and
the scroll; a load that fails says why, keeping any rows shown. With the change feed followed
(desktop/live), F5 asks only for the changes since the list was read, and a reload happens only
when the server no longer keeps those (410). A part of `CustomersPage`, which owns the widgets
named here; its words keep the page's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, SignalInstance, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.prepared_rows import PreparedRows
from desktop.tasks import TaskRunner
from desktop.ui.customers.calls import LoadedList, LoadedPage, load_customers
from desktop.ui.customers.table_view import CustomerTableView
from desktop.ui.failure_words import error_message
from desktop.ui.widgets.callout import Callout

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.live.feed import LiveFeed


class CustomerLoading:
    """Mixed into CustomersPage."""

    _api: PartnerApi
    _runner: TaskRunner
    _loading: bool
    _catching_up: bool  # F5 asked the feed for the changes since the list was read
    _refresh_buffer: PreparedRows | None
    _restore: tuple[str | None, int]
    _restore_pending: bool
    model: CustomerTableModel
    proxy: CustomerFilterModel
    table: CustomerTableView
    refresh_button: QPushButton
    progress: QProgressBar
    notice: Callout
    empty: QLabel
    load_state: SignalInstance
    loaded: SignalInstance
    list_cursor: SignalInstance
    live: LiveFeed | None
    # The page's own (CustomerSelection's and the empty state's).
    selected_id: Callable[[], str | None]
    select_id: Callable[..., bool]
    _update_empty_state: Callable[..., None]

    def attach_live(self, feed: LiveFeed) -> None:
        """F5 then catches up with the feed; its 410 loads the list again, view kept."""
        self.live = feed
        feed.caught_up.connect(self._caught_up)
        feed.catch_up_failed.connect(self._load_failed)
        feed.expired.connect(self.reload)

    @Slot()
    def refresh(self) -> None:
        """F5: the changes since the list was read, or the whole list again."""
        if self._loading:
            return
        live = self.live
        if live is not None and self.model.rowCount() > 0 and live.catch_up():
            self._loading = self._catching_up = True
            self._restore = (self.selected_id(), self.table.verticalScrollBar().value())
            self.refresh_button.setEnabled(False)
            self.load_state.emit(QCoreApplication.translate("CustomersPage", "Updating…"))
            return
        self.reload()

    @Slot()
    def reload(self) -> None:
        """The whole list again, from a fresh snapshot (or every page)."""
        if self._loading and not self._catching_up:
            return
        self._loading, self._catching_up = True, False
        first = self.model.rowCount() == 0
        self._refresh_buffer = None if first else PreparedRows.empty()
        self._restore = (self.selected_id(), self.table.verticalScrollBar().value())
        self.refresh_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(QCoreApplication.translate("CustomersPage", "Loading customers…"))
        self.progress.show()
        self.load_state.emit(QCoreApplication.translate("CustomersPage", "Loading customers…"))
        self._runner.submit(
            load_customers,
            self._api,
            progress=self._page_arrived,
            success=self._loaded,
            failure=self._load_failed,
            owner=cast(QObject, self),  # the page
        )

    @Slot(object)
    def _page_arrived(self, page: LoadedPage) -> None:
        if self._refresh_buffer is None:
            self.model.append_page(page.rows)  # the first load shows rows as pages arrive
            loaded = self.model.rowCount()
        else:
            self._refresh_buffer.extend(page.rows)
            loaded = len(self._refresh_buffer)
        self.progress.setRange(0, max(page.total, 1))
        self.progress.setValue(min(loaded, page.total))
        self.progress.setFormat(
            QCoreApplication.translate("CustomersPage", "Loading customers… {n} of {total}").format(
                n=loaded, total=page.total
            )
        )
        self._update_empty_state()

    @Slot(object)
    def _loaded(self, result: LoadedList) -> None:
        if self._refresh_buffer is not None:
            self._restore_pending = True
            self.model.reset(self._refresh_buffer)
            self._refresh_buffer = None
            # A large reload is indexed over several event-loop turns; restore once it settles.
            if self.proxy.is_settled():
                self._restore_view()
        self.notice.hide()
        self._finish_loading()
        self.load_state.emit(QCoreApplication.translate("CustomersPage", "Connected"))
        self.loaded.emit()
        self.list_cursor.emit(result.cursor)  # the feed is followed from here

    @Slot(int)
    def _caught_up(self, _count: int) -> None:
        if self._catching_up:
            self._catching_up = False
            self.notice.hide()
            self._finish_loading()
            self.load_state.emit(QCoreApplication.translate("CustomersPage", "Connected"))

    @Slot(object)
    def _load_failed(self, error: Exception) -> None:
        # A catch-up that failed (F5 with the feed) keeps the rows as they were, as a reload.
        refreshing = self._refresh_buffer is not None or self._catching_up
        self._catching_up = False
        self._refresh_buffer = None
        self._finish_loading()
        message = error_message(error)
        self.load_state.emit(
            QCoreApplication.translate("CustomersPage", "Offline: {msg}").format(msg=message)
        )
        if self.model.rowCount() == 0:
            self.empty.setText(
                QCoreApplication.translate(
                    "CustomersPage", "Could not load customers: {msg}\nPress F5 to try again."
                ).format(msg=message)
            )
            self._update_empty_state(failed=True)
            return
        if refreshing:
            text = QCoreApplication.translate(
                "CustomersPage",
                "Could not refresh the list: {msg} It shows the customers as they were before."
                " Press F5 to try again.",
            ).format(msg=message)
        else:
            text = QCoreApplication.translate(
                "CustomersPage",
                "Could not load every customer: {msg} The first {n} are shown."
                " Press F5 to try again.",
            ).format(msg=message, n=self.model.rowCount())
        self.notice.caption.setText(text)
        self.notice.caption.setAccessibleDescription(text)
        self.notice.show()

    def _finish_loading(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.progress.hide()
        self._update_empty_state()

    @Slot()
    def _restore_view(self) -> None:
        if not self._restore_pending:
            return
        self._restore_pending = False
        selected, scroll = self._restore
        if selected:
            self.select_id(selected, scroll_to=False)
        self.table.verticalScrollBar().setValue(scroll)
