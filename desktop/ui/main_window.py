"""The main window: sidebar, pages, menus and the status bar.

It is built in two steps so that it is on screen at once: the frame (sidebar, an empty page
saying the app is signing in) needs only QtWidgets, and is shown while the app loads the rest
and signs in; `attach` then builds the pages, menus and status bar for the signed-in session.
The heavy modules (requests, pydantic, numpy, the pages) are imported in `attach`, and so is
PySide's `Qt` namespace (the frame names its few enum values by key, see `set_keys`). The menu
bar and what only its entries do are `WindowMenus` (window_menus.py).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.branding.sidebar_logo import SidebarLogo
from desktop.ui.widgets.naming import named, set_keys
from desktop.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from desktop.log_file import AppLog
    from desktop.operations.center import OperationCenter
    from desktop.session import SignedIn
    from desktop.ui.activity.page import ActivityPage
    from desktop.ui.branding.page import BrandingPage
    from desktop.ui.bulk.actions import BulkOperations
    from desktop.ui.customers.page import CustomersPage
    from desktop.ui.leave_guard import LeaveGuard
    from desktop.ui.live_view import LiveView
    from desktop.ui.overview.page import OverviewPage
    from desktop.ui.staff.page import StaffPage
    from desktop.ui.theme import ThemeKeeper


class MainWindow(WindowMenus, QMainWindow):
    sign_out_requested = Signal()
    first_painted = Signal()  # once, just after the first paint: the rest can load

    session: SignedIn
    operations: OperationCenter
    bulk: BulkOperations
    customers: CustomersPage
    branding: BrandingPage
    overview: OverviewPage
    staff: StaffPage
    activity: ActivityPage
    live: LiveView

    def __init__(
        self,
        session: SignedIn | None,
        runner: TaskRunner,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        operations: OperationCenter | None = None,
        theme: ThemeKeeper | None = None,
        app_log: AppLog | None = None,
    ) -> None:
        """The frame; with a session, its pages too (else `attach` adds them after sign-in)."""
        super().__init__(parent)
        self._theme = theme
        self._app_log = app_log
        self._runner = runner
        self._settings = settings
        self._dialogs: list[QWidget] = []
        self._attached = False
        self._painted = False
        named(self, "mainWindow", APP_NAME)
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)

        self.pages = QStackedWidget()
        self._waiting = named(QLabel(self.tr("Signing in…")), "startupMessage", self.tr("Status"))
        set_keys(self._waiting, "alignment", "AlignCenter")
        self.pages.addWidget(self._waiting)
        self.splitter = QSplitter()  # horizontal
        self.splitter.addWidget(self._build_sidebar())
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1000])
        self.setCentralWidget(self.splitter)
        if geometry := self._settings.geometry("main"):
            self.restoreGeometry(geometry)
        if splitter := self._settings.geometry("main_splitter"):
            self.splitter.restoreState(splitter)
        if session is not None:
            self.attach(session, operations)

    def _build_sidebar(self) -> QWidget:
        """The sections, under the partner's logo and name."""
        self.sidebar = named(QListWidget(), "sidebar", self.tr("Sections"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        set_keys(self.sidebar, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        for label in (self.tr("Overview"), self.tr("My Customers"), self.tr("Branding")):
            item = QListWidgetItem(label)
            item.setSizeHint(QSize(180, 36))
            self.sidebar.addItem(item)
        self.sidebar.setCurrentRow(0)

        self.partner_label = named(QLabel(), "partnerName", self.tr("Partner"))
        self.partner_label.setWordWrap(True)
        self.logo_label = SidebarLogo("sidebarLogo", self.tr("Partner logo"))
        side = QWidget()
        side.setObjectName("sidebarPanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 16, 12, 12)
        side_layout.addWidget(self.logo_label)
        side_layout.addWidget(self.partner_label)
        side_layout.addSpacing(8)
        side_layout.addWidget(self.sidebar, 1)
        side.setMinimumWidth(170)
        return side

    def set_app_log(self, app_log: AppLog | None) -> None:
        """The log file, once started (after the first paint): Copy Diagnostics names it."""
        self._app_log = app_log

    def show_waiting(self, text: str) -> None:
        """What the frame says while it waits for a sign-in (or a demo server to start)."""
        self._waiting.setText(text)

    def attach(self, session: SignedIn, operations: OperationCenter | None = None) -> None:
        """Builds the pages, menus and status bar for a signed-in session (once)."""
        import html

        from desktop.operations.center import OperationCenter
        from desktop.ui.branding.page import BrandingPage
        from desktop.ui.bulk.actions import BulkOperations
        from desktop.ui.customers.page import CustomersPage
        from desktop.ui.leave_guard import LeaveGuard
        from desktop.ui.operation_status import TableFollower
        from desktop.ui.overview.page import OverviewPage

        assert not self._attached, "a window serves one session"
        self._attached = True
        runner, settings = self._runner, self._settings
        self.session = session
        from desktop.ui.permissions import Permissions

        # What this user's role may do: every page disables what it does not allow.
        self.permissions = Permissions(session.me, session.api, runner, self)
        self.permissions.changed.connect(self._show_sections_allowed)
        # Suspensions and cancellations outlive the dialog they were started from.
        self.operations = operations or OperationCenter(session.api, runner, settings, self)
        self.permissions.follow_operations(self.operations)  # a suspend refused: read /me
        self.bulk = BulkOperations(self, self.operations, session.api, runner, self.permissions)
        self._leave_guard: LeaveGuard = LeaveGuard(self, self.operations, self.bulk.waiting_count)
        self.setWindowTitle(f"{session.partner_name} — {APP_NAME}")

        self.customers = CustomersPage(session.api, runner, settings, permissions=self.permissions)
        self.branding = BrandingPage(
            session.api, runner, session.partner_name, permissions=self.permissions
        )
        self.overview = OverviewPage(session.api, runner)
        self.pages.removeWidget(self._waiting)
        self._waiting.deleteLater()
        self.pages.addWidget(self.overview)  # first: the book at a glance after sign-in
        self.pages.addWidget(self.customers)
        self.pages.addWidget(self.branding)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.setCurrentIndex(max(self.sidebar.currentRow(), 0))
        from desktop.ui.staff.page import StaffPage

        # The team, for those who manage it: listed for everyone, disabled with the reason.
        self.staff = StaffPage(session.api, runner, self.permissions)
        self.add_section(self.tr("Staff"), self.staff, permission="staff.manage")
        from desktop.ui.activity.page import ActivityPage

        # Who did what across the partner: owners and admins (listed, disabled, for others).
        self.activity = ActivityPage(session.api, runner)
        self.add_section(self.tr("Activity"), self.activity, permission="activity.read")
        self.activity.open_customer.connect(self.edit_customer)
        self.customers.context_menu.activity_requested.connect(self.show_customer_activity)

        # Escaped: the name is the server's text, and this label renders markup.
        self.partner_label.setText(f"<b>{html.escape(session.partner_name)}</b>")
        self.branding.logo_changed.connect(self.logo_label.show_logo)

        self._build_status_bar()
        from desktop.ui.account.entry import AccountEntry

        # Edit > Account… and a click on the user's name open the Account dialog.
        self.account = AccountEntry(self, session, runner, self.permissions, self.user_status)
        self._build_menus()
        from desktop.ui.window_shortcuts import WindowShortcuts

        # Ctrl+E and the rest work from the search box too (a line edit claims some keys).
        self._shortcuts = WindowShortcuts(self)
        self.customers.open_customer.connect(self.edit_customer)
        self.customers.new_customer.connect(self.create_customer)
        self.customers.bulk_requested.connect(self.bulk.request)
        # The figures change when a status changes or the list is read again.
        self.operations.finished.connect(self.overview.reload)
        self.customers.loaded.connect(self.overview.reload)
        self.overview.show_suspended.connect(self.show_suspended_customers)
        self.overview.show_scheduled.connect(partial(self.show_suspended_customers, "scheduled"))
        TableFollower(self.operations, self.customers.model)
        from desktop.ui.live_view import LiveView

        # A colleague's work, as it happens: the list follows the server's change feed.
        self.live = LiveView(self, runner)
        if columns := self._settings.geometry("customer_columns"):
            self.customers.table.restore_columns(columns)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: what follows runs once this paint is done, not inside it (and not at
            # all if the window is gone by then: the timer is the window's).
            QTimer.singleShot(0, self, self.first_painted.emit)

    def _build_status_bar(self) -> None:
        from desktop.ui.operation_status import OperationStatusLabel

        bar = self.statusBar()
        self.server_status = named(
            QLabel(self.tr("Server: {s}").format(s=self.session.api.server_label)),
            "statusServer",
            self.tr("Server"),
        )
        self.user_status = named(QLabel(), "statusUser", self.tr("Signed-in user"))
        self.user_status.setToolTip(self.session.secret_kept)
        self._show_user()
        self.permissions.changed.connect(self._show_user)
        from desktop.ui.connection_status import ConnectionStatus

        # What every call found, not what the customer list's last load did.
        self.connection = ConnectionStatus(self.operations.connection, self._runner)
        bar.addWidget(self.server_status)
        bar.addWidget(self.user_status)
        self.operation_status = OperationStatusLabel(self.operations)
        bar.addPermanentWidget(self.operation_status)
        bar.addPermanentWidget(self.connection)

    @Slot()
    def _show_user(self) -> None:
        from desktop.ui.permissions import role_name

        me = self.permissions.me
        if me is None:  # an older server: no role to name
            text = self.tr("Signed in as {u}").format(u=self.session.username)
        else:
            text = self.tr("Signed in as {name} ({role})").format(
                name=me.shown_name, role=role_name(me.role)
            )
        self.user_status.setText(text)
        self.user_status.setAccessibleDescription(text)

    def add_section(self, label: str, page: QWidget, permission: str | None = None) -> None:
        """A page of its own in the sidebar; one the role does not allow stays listed, disabled,
        with a tooltip saying who may open it (never hidden without a word)."""
        from PySide6.QtCore import Qt  # after the first paint (see the module's docstring)

        item = QListWidgetItem(label)
        item.setSizeHint(QSize(180, 36))
        item.setData(Qt.ItemDataRole.UserRole, permission)
        self.sidebar.addItem(item)
        self.pages.addWidget(page)
        self._show_sections_allowed()

    @Slot()
    def _show_sections_allowed(self) -> None:
        from PySide6.QtCore import Qt

        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            permission = item.data(Qt.ItemDataRole.UserRole)
            if not permission:
                continue
            allowed = self.permissions.may(permission)
            flags = item.flags()
            item.setFlags(
                flags | Qt.ItemFlag.ItemIsEnabled if allowed else flags & ~Qt.ItemFlag.ItemIsEnabled
            )
            item.setToolTip(self.permissions.reason(permission))
            if not allowed and self.sidebar.currentRow() == row:
                self.sidebar.setCurrentRow(0)

    def show_page(self, page: QWidget) -> None:
        self.sidebar.setCurrentRow(self.pages.indexOf(page))

    @Slot(object)
    def show_customer_activity(self, customer: Any) -> None:
        """The Activity page, showing only what happened to `customer`."""
        if self.permissions.may("activity.read"):
            self.activity.show_customer(customer)
            self.show_page(self.activity)

    @Slot()
    def show_suspended_customers(self, status: str = "suspended") -> None:
        self.show_page(self.customers)
        self.customers.show_status(status)  # "scheduled" from the Overview's Show Scheduled

    def start(self) -> None:
        self.show()
        self.customers.refresh()
        self.overview.reload()
        self.branding.load()  # the sidebar shows the logo from the start
        self.operations.resume()  # operations left running when the app last stopped

    @Slot(object)
    def edit_customer(self, customer: Any) -> None:
        self._open_dialog(customer)

    @Slot()
    def create_customer(self) -> None:
        if self.permissions.may("customers.edit"):  # its button and menu entry say who may
            self._open_dialog(None)

    def _open_dialog(self, customer: Any) -> None:
        from desktop.ui.customer.dialog import CustomerDialog

        dialog = CustomerDialog(
            self.session.api,
            self._runner,
            customer,
            self,
            operations=self.operations,
            settings=self._settings,
            permissions=self.permissions,
        )
        dialog.customer_saved.connect(self.customers.customer_changed)
        self.live.follow_dialog(dialog)
        dialog.services_changed.connect(self.overview.reload)  # billing changed
        dialog.finished.connect(lambda _code, d=dialog: self._forget_dialog(d))
        self._dialogs.append(dialog)
        dialog.open()

    def _forget_dialog(self, dialog: QWidget) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()
        # Back to where the person was (the table, on the same row): a dialog that closed by
        # itself after re-creating its window (the operation lock) may leave no window active.
        active = QApplication.activeWindow()
        if self.isVisible() and (active is None or active is dialog or not active.isVisible()):
            self.activateWindow()

    @Slot()
    def sign_out(self) -> None:
        if self._leave_guard.must_ask():
            self._leave_guard.ask(False, self.sign_out_requested.emit)
            return
        self.sign_out_requested.emit()

    # --- remembered layout ---------------------------------------------------------------

    def save_layout(self) -> None:
        self._settings.set_geometry("main", self.saveGeometry())
        self._settings.set_geometry("main_splitter", self.splitter.saveState())
        if self._attached:
            self._settings.set_geometry(
                "customer_columns", self.customers.table.horizontalHeader().saveState()
            )
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._attached:
            # Closed before a sign-in finished: nothing runs yet, so the app simply ends.
            self.save_layout()
            super().closeEvent(event)
            QApplication.quit()
            return
        if self._leave_guard.must_ask():
            event.ignore()
            self._leave_guard.ask(True, self.close)
            return
        self.operations.shutdown()  # the server finishes them; the next sign-in picks them up
        self.live.stop()
        self.bulk.close_dialogs()
        # The person chose to leave: a dialog still waiting on the server lets go, or the
        # app could never quit.
        for dialog in list(self._dialogs):
            if getattr(dialog, "is_operation_locked", lambda: False)():
                dialog.set_operation_lock(False)  # type: ignore[attr-defined]
            dialog.close()
        self.save_layout()
        super().closeEvent(event)
