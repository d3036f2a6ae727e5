"""`make screenshots`: the demo under Xvfb, saved as PNGs for the README and the user guide.

Starts the demo server, signs in, and grabs the real windows: the main window, a search, the
Edit Customer dialog, and its Services and History tabs for a customer with a past.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.api.client import PartnerApi, new_idempotency_key
from desktop.app import AppController, api_factory, configure_locale
from desktop.credentials import CredentialStore
from desktop.demo import DemoServer
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.theme import ThemeKeeper


def wait_until(condition: object, timeout_ms: int = 20_000) -> None:
    loop = QEventLoop()
    waited = 0
    while not condition() and waited < timeout_ms:  # type: ignore[operator]
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    if not condition():  # type: ignore[operator]
        raise SystemExit("screenshots: the app did not reach the expected state")


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(f"saved {path}")


def give_a_past(api: PartnerApi) -> str:
    """An active customer with a few services, edited, visited, trimmed and then suspended."""
    customer = next(
        c
        for c in api.list_customers(status="active", limit=50).items
        if len(api.list_services(c.id)) >= 4
    )
    services = api.list_services(customer.id)
    changed = {"email": f"accounts@{customer.domain}", "phone": "+385 1 6400 200"}
    api.update_customer(customer.id, changed, customer.version)
    api.login_link(customer.id)
    api.remove_service(customer.id, services[-1].id)
    operation = api.suspend(
        customer.id, "Invoice 2025-114 unpaid for 60 days", new_idempotency_key()
    )
    while not operation.finished:
        time.sleep(0.1)  # a script, not the app: nothing else waits on this thread
        operation = api.get_operation(operation.id)
    return customer.id


def shoot_customer_tabs(window: MainWindow, url: str, out: Path, suffix: str = "") -> None:
    api = PartnerApi(url)
    api.login("demo", "demo")
    customer = api.get_customer(give_a_past(api))
    api.close()
    window.edit_customer(customer)
    wait_until(lambda: len(window._dialogs) == 1)
    dialog = window._dialogs[0]
    dialog.resize(1040, 620)
    if suffix:
        save(dialog, out / f"edit-customer-suspended{suffix}.png")
    dialog.tabs.setCurrentWidget(dialog.services_tab)
    wait_until(lambda: not dialog.services_tab.is_busy())
    dialog.services_tab.table.selectRow(0)
    save(dialog, out / f"services-tab{suffix}.png")
    dialog.tabs.setCurrentWidget(dialog.history_tab)
    wait_until(lambda: not dialog.history_tab.is_loading())
    save(dialog, out / f"history-tab{suffix}.png")
    dialog.reject()


def shoot_settings(window: MainWindow, path: Path) -> None:
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    save(dialog, path)
    dialog.reject()


def shoot_dark(window: MainWindow, theme: ThemeKeeper, url: str, out: Path) -> None:
    """The same screens in the dark theme, as a person whose OS is dark sees them."""
    theme.apply("dark")
    window.sidebar.setCurrentRow(window.pages.indexOf(window.customers))
    save(window, out / "main-window-dark.png")
    window.customers.table.selectRow(0)
    window.customers.open_selected()
    wait_until(lambda: bool(window._dialogs))
    dialog = window._dialogs[-1]
    save(dialog, out / "edit-customer-dark.png")
    dialog.reject()
    wait_until(lambda: not window._dialogs)
    shoot_settings(window, out / "settings-dark.png")
    shoot_customer_tabs(window, url, out, suffix="-dark")
    window.sidebar.setCurrentRow(window.pages.indexOf(window.branding))
    save(window, out / "branding-dark.png")
    window.sidebar.setCurrentRow(window.pages.indexOf(window.overview))
    save(window, out / "overview-dark.png")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setOrganizationName("Partner Desk Screenshots")
    app.setApplicationName("Partner Desk")
    theme = ThemeKeeper(app, "light")  # the README's screens are light whatever the OS says
    configure_locale()
    demo = DemoServer(Path(tempfile.mkdtemp(prefix="partner-desk-shots-")))
    url = demo.start()
    try:
        settings = AppSettings()
        runner = TaskRunner()
        controller = AppController(
            api_factory(argparse.Namespace(), settings),
            runner,
            CredentialStore(),
            settings,
            url,
            theme=theme,
        )
        controller.start()
        wait_until(lambda: controller.window is not None)
        window = controller.window
        assert window is not None
        window.resize(1280, 780)
        wait_until(lambda: window.customers.model.rowCount() >= 300)
        overview = window.overview  # the page shown first after sign-in
        wait_until(lambda: overview.summary() is not None and not overview.is_loading())
        save(window, args.out / "overview.png")
        window.show_page(window.customers)
        save(window, args.out / "main-window.png")
        window.customers.search.setText("adria")
        wait_until(lambda: window.customers.proxy.rowCount() < 300)
        save(window, args.out / "search.png")
        window.customers.search.clear()
        window.customers.table.selectRow(0)
        window.customers.open_selected()
        wait_until(lambda: bool(window._dialogs))
        dialog = window._dialogs[0]
        save(dialog, args.out / "edit-customer.png")
        dialog.reject()
        shoot_customer_tabs(window, url, args.out)
        wait_until(lambda: not window._dialogs)
        shoot_settings(window, args.out / "settings.png")
        shoot_dark(window, theme, url, args.out)
        runner.drain(5000)
    finally:
        demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
