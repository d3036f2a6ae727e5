"""`make screenshots`: the demo under Xvfb, saved as PNGs for the README and the user guide.

Starts the demo server, signs in, and grabs the real windows: the sign-in dialog, the main
window, searches (any field, one field, a status), the context menu and the control panel
warning, the Edit Customer dialog (with field errors, a conflict, canceled with Restore), its
Services and History tabs for a customer with a past, the re-enable confirmation, an export,
the Activity page, Settings and the Help menu. Menus are separate windows: those shots are
taken from the screen.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop.api.client import PartnerApi, new_idempotency_key
from desktop.api.errors import InvalidCredentialsError
from desktop.app import AppController, api_factory, configure_locale
from desktop.credentials import CredentialStore
from desktop.demo import DemoServer
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.conflict import ConflictDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.signin.dialog import LoginDialog
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


def save_screen(window: QWidget, path: Path) -> None:
    """The window's area of the screen, with any menu open over it (a menu is its own window)."""
    settle()
    top_left = window.mapToGlobal(QPoint(0, 0))
    screen = QApplication.primaryScreen()
    screen.grabWindow(0, top_left.x(), top_left.y(), window.width(), window.height()).save(
        str(path)
    )
    print(f"saved {path}")


def wait_for_operation(api: PartnerApi, operation: object) -> None:
    while not operation.finished:  # type: ignore[attr-defined]
        time.sleep(0.1)  # a script, not the app: nothing else waits on this thread
        operation = api.get_operation(operation.id)  # type: ignore[attr-defined]


def type_into(editor: QWidget, text: str) -> None:
    """As a person types: select what is there and replace it (the form follows edits only)."""
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)


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
    wait_for_operation(api, operation)
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
    if not suffix:
        shoot_reenable_confirm(window, customer, out / "reenable-confirm.png")


def shoot_reenable_confirm(window: MainWindow, customer: object, path: Path) -> None:
    """The confirmation the Suspend Customer switch asks for when it is turned Off."""
    from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog

    session = window.session
    dialog = SuspendConfirmDialog(session.api, window._runner, customer, False, window)
    dialog.show()
    settle(1500)  # the services it lists arrive from the server
    save(dialog, path)
    dialog.reject()
    dialog.deleteLater()


def shoot_login(url: str, path: Path, runner: TaskRunner, settings: AppSettings) -> None:
    """The sign-in dialog as a person sees it without --demo (filled in, not sent)."""
    dialog = LoginDialog(lambda u: PartnerApi(u), runner, CredentialStore(), settings)
    dialog.server.setText(url)
    dialog.username.setText("demo")
    dialog.password.setText("demo")
    dialog.show()
    save(dialog, path)
    dialog.reject()
    dialog.deleteLater()


def shoot_searches(window: MainWindow, out: Path) -> None:
    """One field (a phone typed with spaces), a status, the context menu and its warning."""
    page = window.customers
    page.field.setCurrentIndex(page.field.findData("phone"))
    page.search.setText("+385 1 23")
    wait_until(lambda: page.proxy.is_settled() and page.proxy.rowCount() < 300)
    save(window, out / "search-phone.png")
    page.show_status("suspended")
    wait_until(lambda: page.proxy.is_settled() and page.proxy.rowCount() < 300)
    page.table.selectRow(0)
    save(window, out / "status-filter.png")
    rect = page.table.visualRect(page.proxy.index(0, 1))
    page.context_menu.show_at(rect.center())
    menu = page.context_menu.menu
    assert menu is not None
    wait_until(menu.isVisible)
    save_screen(window, out / "context-menu.png")
    menu.hide()
    customer = page.proxy.customer_at(0)
    page.context_menu.login.start(customer.id, customer.name, customer.status)
    box = page.context_menu.login.warning_box
    assert box is not None
    save(box, out / "login-warning.png")
    box.reject()
    page.show_status(None)


def shoot_edit_problems(window: MainWindow, url: str, out: Path) -> None:
    """Fields checked as they are typed, then a save that meets someone else's change."""
    page = window.customers
    page.table.selectRow(2)
    page.open_selected()
    wait_until(lambda: bool(window._dialogs))
    dialog = window._dialogs[-1]
    customer = dialog.customer
    type_into(dialog.form.editor("email"), "info@kamen-auto")
    type_into(dialog.form.editor("phone"), "+385 1 44x")
    type_into(dialog.form.editor("website"), "kamen-auto.hr")
    save(dialog, out / "edit-customer-errors.png")
    dialog.done(0)  # straight out: the edits were only for the picture
    wait_until(lambda: not window._dialogs)

    page.open_selected()
    wait_until(lambda: bool(window._dialogs))
    dialog = window._dialogs[-1]
    other = PartnerApi(url)  # a colleague, saving first
    other.login("demo", "demo")
    other.update_customer(
        customer.id, {"phone": "+385 1 443 0000", "contact_name": "Ivana Grgić"}, customer.version
    )
    other.close()
    type_into(dialog.form.editor("phone"), "+385 1 443 8700")
    type_into(dialog.form.editor("email"), "accounts@kamen-auto.hr")
    dialog.save()
    wait_until(lambda: dialog.findChild(ConflictDialog) is not None)
    conflict = dialog.findChild(ConflictDialog)
    assert conflict is not None
    save(conflict, out / "conflict.png")
    conflict.reject()
    dialog.done(0)
    wait_until(lambda: not window._dialogs)


def shoot_canceled(window: MainWindow, url: str, out: Path) -> None:
    """A customer canceled a moment ago: its dialog offers Restore Customer and says until when."""
    api = PartnerApi(url)
    api.login("demo", "demo")
    customer = api.list_customers(status="active", limit=200).items[-1]
    wait_for_operation(
        api,
        api.cancel(
            customer.id,
            "Moved to another provider",
            customer.account_number,
            new_idempotency_key(),
        ),
    )
    customer = api.get_customer(customer.id)
    api.close()
    window.edit_customer(customer)
    wait_until(lambda: bool(window._dialogs))
    dialog = window._dialogs[-1]
    save(dialog, out / "edit-customer-canceled.png")
    dialog.reject()
    wait_until(lambda: not window._dialogs)


def shoot_export(window: MainWindow, out: Path) -> None:
    """The customers page once an export has been written (to a throwaway folder)."""
    page = window.customers
    target = Path(tempfile.mkdtemp(prefix="partner-desk-export-")) / "customers.csv"
    page.show_status("active")
    wait_until(lambda: page.proxy.is_settled() and page.proxy.rowCount() < 300)
    page.exporter.export_to(str(target))
    wait_until(lambda: not page.exporter.is_running())
    save(window, out / "export.png")
    page.show_status(None)


def shoot_activity(window: MainWindow, url: str, path: Path) -> None:
    """The Activity page, after a customer's past (give_a_past) and a colleague's failed
    sign-in, with the newest event selected."""
    api = PartnerApi(url)
    with contextlib.suppress(InvalidCredentialsError):
        api.login("agent", "not the password")
    api.close()
    page = window.activity
    window.show_page(page)
    wait_until(lambda: page.model.has_loaded() and not page.model.is_loading())
    page.table.selectRow(0)
    save(window, path)


def shoot_help_menu(window: MainWindow, path: Path) -> None:
    bar = window.menuBar()
    help_action = bar.actions()[-1]
    bar.setActiveAction(help_action)
    menu = help_action.menu()
    assert isinstance(menu, QMenu)
    wait_until(menu.isVisible)
    save_screen(window, path)
    menu.hide()


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
        shoot_searches(window, args.out)
        shoot_edit_problems(window, url, args.out)
        window.customers.table.selectRow(0)
        window.customers.open_selected()
        wait_until(lambda: bool(window._dialogs))
        dialog = window._dialogs[0]
        save(dialog, args.out / "edit-customer.png")
        dialog.reject()
        shoot_customer_tabs(window, url, args.out)
        wait_until(lambda: not window._dialogs)
        shoot_canceled(window, url, args.out)
        shoot_export(window, args.out)
        shoot_activity(window, url, args.out / "activity.png")
        shoot_help_menu(window, args.out / "help-menu.png")
        shoot_login(url, args.out / "login.png", runner, settings)
        shoot_settings(window, args.out / "settings.png")
        shoot_dark(window, theme, url, args.out)
        runner.drain(5000)
    finally:
        demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
