"""Application set-up: the QApplication, the collaborators, and the sign-in/out cycle."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QLocale, QObject, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_NAME, __version__
from desktop.api.client import PartnerApi
from desktop.credentials import CredentialStore
from desktop.demo import DEMO_PASSWORD, DEMO_USER, DemoError, DemoServer
from desktop.operations import OperationCenter
from desktop.session import ApiFactory, SignedIn
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.reauth_dialog import ReauthDialog

log = logging.getLogger("partner_desk")


def api_factory(args: argparse.Namespace, settings: AppSettings) -> ApiFactory:
    ca_bundle = getattr(args, "ca_bundle", None) or settings.ca_bundle or None
    insecure = bool(getattr(args, "allow_insecure_http", False))

    def make(url: str) -> PartnerApi:
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
    ) -> None:
        super().__init__()
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
        operations = OperationCenter(session.api, self._runner, self._settings)
        self.window = MainWindow(session, self._runner, self._settings, operations=operations)
        operations.setParent(self.window)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.start()

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


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    configure_locale()

    settings = AppSettings()
    demo: DemoServer | None = None
    demo_url: str | None = None
    if args.demo or args.demo_reset:
        demo = DemoServer(reset=args.demo_reset)
        try:
            demo_url = demo.start()
        except DemoError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 1
    elif args.server:
        settings.last_server = args.server

    runner = TaskRunner()
    controller = AppController(
        api_factory(args, settings), runner, CredentialStore(), settings, demo_url
    )

    def shutdown() -> None:
        runner.drain(10_000)
        if demo is not None:
            demo.stop()

    app.aboutToQuit.connect(shutdown)
    controller.start()
    try:
        return app.exec()
    finally:
        if demo is not None:
            demo.stop()
