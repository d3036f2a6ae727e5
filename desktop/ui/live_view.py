"""The main window's side of the change feed: who hears what (desktop/live does the work).

Made in `MainWindow.attach`, once the pages and the status bar exist. The customer list's load
hands the feed its snapshot's cursor; the feed's changes go to the table (ChangeApplier), the
Overview (`summary`), the operation center (`operation`, for the status bar and the rows'
badges) and every open Edit Customer dialog; the status bar's connection word follows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.live.apply import ChangeApplier
from desktop.live.feed import LiveFeed

if TYPE_CHECKING:
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.dialog import CustomerDialog
    from desktop.ui.main_window import MainWindow


class LiveView(QObject):
    def __init__(self, window: MainWindow, runner: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        api = window.session.api
        center = window.operations
        self.feed = LiveFeed(api, runner, center.connection, self)
        self.applier = ChangeApplier(window.customers.model, self)
        self.feed.changes.connect(self.applier.apply)
        page = window.customers
        page.attach_live(self.feed)
        page.list_cursor.connect(self.feed.follow)
        self.applier.summary_changed.connect(window.overview.show_summary)
        self.applier.operation_changed.connect(center.observe)
        self.feed.expired.connect(center.forget_observed)
        window.connection.set_live(self.feed)

    def follow_dialog(self, dialog: CustomerDialog) -> None:
        """An Edit Customer dialog shows its customer's changes as they arrive."""
        from desktop.ui.customer.live_news import CustomerLiveNews

        dialog.live_news = CustomerLiveNews(  # type: ignore[attr-defined]
            dialog,
            self.applier,
            self._window.session.api,
            self._runner,
            self._window.operations,
        )

    def stop(self) -> None:
        """Sign-out or quit: the stream is closed now, not at its next keep-alive."""
        self.feed.stop()
