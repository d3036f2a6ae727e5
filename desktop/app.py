"""Application set-up: the QApplication, the collaborators, and the sign-in/out cycle."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from desktop import APP_NAME, __version__
from desktop.gc_tuning import freeze_startup_objects
from desktop.i18n import install_language
from desktop.icon import install_app_icon
from desktop.self_test import SelfTest
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import ThemeKeeper

# What the window does not need to be painted is imported after it was: requests, pydantic,
# numpy, keyring and the pages take several times as long to load as the frame takes to show.
# So is PySide's `Qt` namespace (~35 ms to build its enums) and the message box; the test
# tests/desktop/test_first_paint.py keeps it that way.
if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.credentials import CredentialStore
    from desktop.demo import DemoServer
    from desktop.log_file import AppLog
    from desktop.session import ApiFactory, SignedIn
    from desktop.ui.signin.dialog import LoginDialog

log = logging.getLogger("partner_desk")


def api_factory(args: argparse.Namespace, settings: AppSettings) -> ApiFactory:
    insecure = bool(getattr(args, "allow_insecure_http", False))

    def make(url: str) -> PartnerApi:
        from desktop.api.client import PartnerApi

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
        frame: MainWindow | None = None,
        demo: DemoServer | None = None,
    ) -> None:
        super().__init__()
        # The main window already on screen, waiting for the first sign-in (see `run`).
        self._frame = frame
        self._theme = theme
        self._app_log = app_log
        self._factory = factory
        self._runner = runner
        self._credentials = credentials
        self._settings = settings
        self._demo_url = demo_url
        self._demo = demo  # the demo server's process: its end is named, and it can restart
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        runner.set_reauthenticator(self._reauthenticate)

    def start(self) -> None:
        self.show_login(automatic=self._demo_url is not None)
        login = self.login
        if self._demo_url is None and login is not None and login.password.text():
            # Remember me kept the password in the system keyring last time: this start signs
            # in with it, as the person asked, without asking again (a second factor still asks).
            QTimer.singleShot(0, login.submit)

    def show_login(self, automatic: bool = False) -> None:
        from desktop.demo import DEMO_PASSWORD, DEMO_USER
        from desktop.ui.signin.dialog import LoginDialog

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
            if self._frame is not None:
                self._frame.close()
            QApplication.quit()

    @Slot(object)
    def open_main(self, session: SignedIn) -> None:
        if self.login is not None:
            self.login.deleteLater()
            self.login = None
        # One per signed-in session: its operations outlive any dialog, and end with sign-out.
        # Scoped to the server and the person: their unsent confirmations are sent on sign-in.
        from desktop.operations.center import OperationCenter

        scope = f"{session.api.base_url} {session.username}"
        operations = OperationCenter(session.api, self._runner, self._settings, scope=scope)
        if self._frame is not None:
            self.window, self._frame = self._frame, None
            self.window.attach(session, operations)
        else:
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
        self.window.account.password_changed.connect(self._password_changed)
        if self._demo is not None:
            self.window.connection.watch_demo(self._demo)
        self.window.start()
        # The app is built: what lives now lives until sign-out or quit (desktop/gc_tuning.py).
        freeze_startup_objects()

    @Slot(str)
    def _password_changed(self, password: str) -> None:
        if self.window is not None:
            session = self.window.session
            self._credentials.replace(session.server_url, session.username, password)

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
        from desktop.ui.signin.reauth import ReauthDialog

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
    from desktop import log_file

    try:
        return log_file.configure(level=level)
    except OSError as exc:
        logging.basicConfig(level=level)
        log.warning("no log file: %s", exc)
        return None


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    configure_locale()
    install_app_icon(app)

    # Before the settings are read: a self-test keeps its settings and data in a throwaway folder.
    self_test = SelfTest(args.self_test) if getattr(args, "self_test", None) else None
    settings = AppSettings()
    install_language(app, settings.language)  # before the first window or message box
    theme = ThemeKeeper(app, settings.theme)  # the Fusion style, light or dark
    if args.server and not (args.demo or args.demo_reset or self_test is not None):
        settings.last_server = args.server

    runner = TaskRunner()
    # The main window first, before the rest of the app is even imported: a person sees it at
    # once, saying what it waits for; the sign-in and the pages follow its first paint.
    frame = MainWindow(None, runner, settings, theme=theme)
    startup = Startup(args, frame, runner, settings, theme, self_test)
    frame.show()
    frame.first_painted.connect(startup.go_on)
    # A window that is never painted (started minimised) must still get on with it.
    QTimer.singleShot(1000, startup.go_on)
    app.aboutToQuit.connect(startup.shutdown)
    try:
        return app.exec()
    finally:
        startup.stop_demo()
        if self_test is not None:
            self_test.cleanup()


class Startup(QObject):
    """What follows the first paint of the main window: the demo server, the sign-in."""

    def __init__(
        self,
        args: argparse.Namespace,
        frame: MainWindow,
        runner: TaskRunner,
        settings: AppSettings,
        theme: ThemeKeeper,
        self_test: SelfTest | None,
    ) -> None:
        super().__init__(frame)
        self._args = args
        self._frame = frame
        self._runner = runner
        self._settings = settings
        self._theme = theme
        self._app_log: AppLog | None = None
        self._self_test = self_test
        self._started = False
        self.demo: DemoServer | None = None
        self.controller: AppController | None = None
        self._with_demo = bool(args.demo or args.demo_reset or self_test is not None)
        frame.show_waiting(
            self.tr("Starting the demo server…") if self._with_demo else self.tr("Signing in…")
        )

    @Slot()
    def go_on(self) -> None:
        if self._started:
            return
        self._started = True
        from PySide6.QtWidgets import QMessageBox

        from desktop.credentials import CredentialStore
        from desktop.demo import DemoError, DemoServer
        from desktop.ui.unhandled_errors import UnhandledErrorHook

        self._theme.settle()  # the OS's own colour scheme, now that the frame is on screen

        # After the first paint too: the log file and the error dialog cost more to set up
        # than showing the window does, and nothing has run yet that could fail or log.
        verbose = getattr(self._args, "verbose", False)
        self._app_log = start_logging(logging.DEBUG if verbose else logging.INFO)
        self._frame.set_app_log(self._app_log)
        log_path = str(self._app_log.path) if self._app_log else ""
        self._errors = UnhandledErrorHook(log_path, QApplication.instance())
        self._errors.install()

        demo_url: str | None = None
        if self._with_demo:
            data_dir = self._self_test.data_dir if self._self_test is not None else None
            self.demo = DemoServer(data_dir, reset=self._args.demo_reset)
            try:
                demo_url = self.demo.start()
            except DemoError as exc:
                if self._self_test is not None:  # nobody is there to close a message box
                    self._self_test.fail(str(exc))
                    return
                QMessageBox.critical(self._frame, APP_NAME, str(exc))
                QApplication.exit(1)
                return
            self._frame.show_waiting(self.tr("Signing in…"))
        self.controller = AppController(
            api_factory(self._args, self._settings),
            self._runner,
            CredentialStore(),
            self._settings,
            demo_url,
            theme=self._theme,
            app_log=self._app_log,
            frame=self._frame,
            demo=self.demo,
        )
        self.controller.start()
        if self._self_test is not None:
            self._self_test.watch(self.controller, self.demo)

    @Slot()
    def shutdown(self) -> None:
        # The change feed's follower too. A window closed by the person told it to stop; one
        # that is still open (the self-test's exit, a signal) tells it here, or its thread would
        # hold the process at exit, waiting on a stream that never ends.
        controller = getattr(self, "controller", None)
        if controller is not None and controller.window is not None:
            controller.window.live.stop()
        self._runner.drain(10_000, endless=True)
        self.stop_demo()

    def stop_demo(self) -> None:
        if self.demo is not None:
            self.demo.stop()
