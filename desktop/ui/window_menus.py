"""The main window's menu bar, and what its entries do that no page does: Find, Export, Settings,
Copy Diagnostics, About.

A part of `MainWindow` (mixed in), which owns the pages and the session named here. Its words
keep the window's translation context ("MainWindow"), so they are spelled out with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Slot

from desktop import APP_NAME, __version__
from desktop.settings import AppSettings

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

    from desktop.log_file import AppLog
    from desktop.session import SignedIn
    from desktop.ui.account.entry import AccountEntry
    from desktop.ui.customers.page import CustomersPage
    from desktop.ui.permissions import Permissions
    from desktop.ui.theme import ThemeKeeper


class WindowMenus:
    """Mixed into MainWindow."""

    session: SignedIn
    customers: CustomersPage
    account: AccountEntry
    permissions: Permissions
    _settings: AppSettings
    _theme: ThemeKeeper | None
    _app_log: AppLog | None
    # The window's own.
    show_page: Callable[[QWidget], None]
    sign_out: Callable[[], None]
    create_customer: Callable[[], None]

    @property
    def _window(self) -> QMainWindow:
        return cast("QMainWindow", self)

    def _action(self, text: str, name: str, shortcut: Any = None, slot: Any = None) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self._window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        from PySide6.QtWidgets import QMenu

        menus = self._window.menuBar()
        self._build_file_menu(menus.addMenu(QCoreApplication.translate("MainWindow", "&File")))
        self._build_edit_menu(menus.addMenu(QCoreApplication.translate("MainWindow", "&Edit")))
        self._build_view_menu(menus.addMenu(QCoreApplication.translate("MainWindow", "&View")))
        self._build_help_menu(menus.addMenu(QCoreApplication.translate("MainWindow", "&Help")))
        for menu in menus.findChildren(QMenu):
            menu.setToolTipsVisible(True)  # an entry the role does not allow says who may

    def _build_file_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QKeySequence

        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Export Customers…"),
                "exportCustomersAction",
                "Ctrl+E",
                self.export_customers,
            )
        )
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "Sign &Out"),
                "signOutAction",
                None,
                self.sign_out,
            )
        )
        menu.addSeparator()
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Quit"),
                "quitAction",
                QKeySequence.StandardKey.Quit,
                self._window.close,
            )
        )

    def _build_edit_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Find Customer"),
                "findAction",
                QKeySequence.StandardKey.Find,
                self._find,
            )
        )
        new_customer = self._action(
            QCoreApplication.translate("MainWindow", "&New Customer"),
            "newCustomerAction",
            QKeySequence.StandardKey.New,
            self.create_customer,
        )
        # Disabled, its Ctrl+N too (WindowShortcuts keys only enabled actions), with who may.
        self.permissions.guard(new_customer, "customers.edit")
        menu.addAction(new_customer)
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Edit Customer"),
                "editCustomerAction",
                None,
                self.customers.open_selected,
            )
        )
        menu.addSeparator()
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Account…"),
                "accountAction",
                None,
                self.account.open,
            )
        )
        settings_action = self._action(
            QCoreApplication.translate("MainWindow", "&Settings…"),
            "settingsAction",
            "Ctrl+,",
            self.open_settings,
        )
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        menu.addAction(settings_action)

    def _build_view_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QKeySequence

        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Refresh"),
                "refreshAction",
                QKeySequence.StandardKey.Refresh,
                self.customers.refresh,
            )
        )

    def _build_help_menu(self, menu: QMenu) -> None:
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "Copy &Diagnostics"),
                "copyDiagnosticsAction",
                None,
                self.copy_diagnostics,
            )
        )
        menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&About Partner Desk"),
                "aboutAction",
                None,
                self.about,
            )
        )

    # --- what the entries do ---------------------------------------------------------------

    @Slot()
    def _find(self) -> None:
        self.show_page(self.customers)
        self.customers.focus_search()

    @Slot()
    def export_customers(self) -> None:
        self.show_page(self.customers)  # where the export says how it is going
        self.customers.exporter.start()

    @Slot()
    def about(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self._window,
            QCoreApplication.translate("MainWindow", "About {app}").format(app=APP_NAME),
            QCoreApplication.translate(
                "MainWindow",
                "<h3>{app} {version}</h3><p>Manage your customers' accounts.</p>"
                "<p>Qt {qt} · PySide6 {pyside}</p><p>Server: {server}</p>",
            ).format(
                app=APP_NAME,
                version=__version__,
                qt=qVersion(),
                pyside=pyside_version,
                server=self.session.api.server_label,
            ),
        )

    @Slot()
    def open_settings(self) -> None:
        from desktop.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self._settings, self._theme, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def copy_diagnostics(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from desktop.diagnostics import DiagnosticsFacts, diagnostics_report

        facts = DiagnosticsFacts(
            settings_path=self._settings.file_name,
            log_path=self._app_log.path if self._app_log else None,
            server_url=self.session.api.base_url,
            username=self.session.username,
            theme=self._settings.theme,
            language=self._settings.language,
            recent_problems=self._app_log.recent.lines if self._app_log else [],
        )
        QGuiApplication.clipboard().setText(diagnostics_report(facts))
        self._window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Diagnostics copied to the clipboard"), 5000
        )
