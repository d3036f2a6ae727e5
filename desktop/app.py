"""Application set-up: the QApplication, the collaborators, and the sign-in/out cycle."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QLocale, QObject, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_NAME, __version__, log_file
from desktop.api.client import PartnerApi
from desktop.credentials import CredentialStore
from desktop.demo import DEMO_PASSWORD, DEMO_USER, DemoError, DemoServer
from desktop.gc_tuning import freeze_startup_objects
from desktop.i18n import install_language
from desktop.icon import install_app_icon
from desktop.log_file import AppLog
from desktop.operations import OperationCenter
from desktop.self_test import SelfTest
from desktop.session import ApiFactory, SignedIn
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.reauth_dialog import ReauthDialog
from desktop.ui.theme import ThemeKeeper
from desktop.ui.unhandled_errors import UnhandledErrorHook

log = logging.getLogger("partner_desk")


def api_factory(args: argparse.Namespace, settings: AppSettings) -> ApiFactory:
    insecure = bool(getattr(args, "allow_insecure_http", False))

    def make(url: str) -> PartnerApi:
        # Read at each sign-in: a CA bundle chosen in Settings is used from the next one.
        ca_bundle = getattr(args, "ca_bundle", None) or settings.ca_bundle or None
        return PartnerApi(url, ca_bundle=ca_bundle, allow_insecure_http=insecure)

    return make


class AppController(QObject):
    """Sign in → main window → sign out → sign in again, until the person quits."""

    def __init__(
        self,
        factory: ApiFactory,
        runner: TaskRunner,
        credentials: CredentialStore,
        settings: AppSettings,
        demo_url: str | None = None,
        *,
        theme: ThemeKeeper | None = None,
        app_log: AppLog | None = None,
    ) -> None:
        super().__init__()
        self._theme = theme
        self._app_log = app_log
        self._factory = factory
        self._runner = runner
        self._credentials = credentials
        self._settings = settings
        self._demo_url = demo_url
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        runner.set_reauthenticator(self._reauthenticate)

    def start(self) -> None:
        self.show_login(automatic=self._demo_url is not None)

    def show_login(self, automatic: bool = False) -> None:
        self.login = LoginDialog(self._factory, self._runner, self._credentials, self._settings)
        self.login.signed_in.connect(self.open_main)
        self.login.rejected.connect(self._login_abandoned)
        if self._demo_url and automatic:
            self.login.start_automatic(self._demo_url, DEMO_USER, DEMO_PASSWORD)
        elif self._demo_url:
            self.login.server.setText(self._demo_url)
            self.login.username.setText(DEMO_USER)
        self.login.show()

    @Slot()
    def _login_abandoned(self) -> None:
        if self.window is None:
            QApplication.quit()

    @Slot(object)
    def open_main(self, session: SignedIn) -> None:
        if self.login is not None:
            self.login.deleteLater()
            self.login = None
        # One per signed-in session: its operations outlive any dialog, and end with sign-out.
        # Scoped to the server and the person: their unsent confirmations are sent on sign-in.
        scope = f"{session.api.base_url} {session.username}"
        operations = OperationCenter(session.api, self._runner, self._settings, scope=scope)
        self.window = MainWindow(
            session,
            self._runner,
            self._settings,
            operations=operations,
            theme=self._theme,
            app_log=self._app_log,
        )
        operations.setParent(self.window)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.start()
        # The app is built: what lives now lives until sign-out or quit (desktop/gc_tuning.py).
        freeze_startup_objects()

    @Slot()
    def sign_out(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        api = window.session.api
        self._runner.submit(api.logout)  # the token stops working on the server too
        self.show_login()  # first, so closing the window is not closing the last window
        window.operations.shutdown()  # the person chose to sign out anyway: stop watching
        window.close()
        window.deleteLater()

    def _reauthenticate(self) -> bool:
        if self.window is None:
            return False
        session = self.window.session
        dialog = ReauthDialog(session.api, self._runner, session.username, self._parent_widget())
        accepted = dialog.exec() == ReauthDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def _parent_widget(self) -> QWidget | None:
        return QApplication.activeWindow() or self.window


def configure_locale() -> None:
    """Dates and numbers follow the system's locale; a bare "C" locale reads as English."""
    if QLocale.system().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def start_logging(level: int) -> AppLog | None:
    """The rotating log file; a folder that cannot be written still leaves the console."""
    try:
        return log_file.configure(level=level)
    except OSError as exc:
        logging.basicConfig(level=level)
        log.warning("no log file: %s", exc)
        return None


def run(args: argparse.Namespace) -> int:
    app_log = start_logging(logging.DEBUG if getattr(args, "verbose", False) else logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    configure_locale()
    install_app_icon(app)

    # Before the settings are read: a self-test keeps its settings and data in a throwaway folder.
    self_test = SelfTest(args.self_test) if getattr(args, "self_test", None) else None
    settings = AppSettings()
    install_language(app, settings.language)  # before the first window or message box
    theme = ThemeKeeper(app, settings.theme)
    errors = UnhandledErrorHook(str(app_log.path) if app_log else "", app)
    errors.install()
    demo: DemoServer | None = None
    demo_url: str | None = None
    if args.demo or args.demo_reset or self_test is not None:
        data_dir = self_test.data_dir if self_test is not None else None
        demo = DemoServer(data_dir, reset=args.demo_reset)
        try:
            demo_url = demo.start()
        except DemoError as exc:
            if self_test is not None:  # nobody is there to close a message box
                self_test.cleanup()
                return self_test.fail(str(exc))
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 1
    elif args.server:
        settings.last_server = args.server

    runner = TaskRunner()
    controller = AppController(
        api_factory(args, settings),
        runner,
        CredentialStore(),
        settings,
        demo_url,
        theme=theme,
        app_log=app_log,
    )

    def shutdown() -> None:
        runner.drain(10_000)
        if demo is not None:
            demo.stop()

    app.aboutToQuit.connect(shutdown)
    controller.start()
    if self_test is not None:
        self_test.watch(controller, demo)
    try:
        return app.exec()
    finally:
        if demo is not None:
            demo.stop()
        if self_test is not None:
            self_test.cleanup()
