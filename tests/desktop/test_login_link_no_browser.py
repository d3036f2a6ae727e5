"""Log into Control Panel where no browser can be started, against the real server.

The link the server issued is not wasted: a message offers Copy Link, and the copied link works
once. Qt names the address it could not open in a warning; the token in it reaches neither
stderr, nor Qt's message handler, nor the log. And the open dialog's History shows the issued
link at once, without Refresh.

The offscreen platform opens no URL at all ("This plugin does not support
QPlatformServices::openUrl() for '…'"), so with no URL handler registered it is a computer
without a browser, warning included.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.models.history_model import HistoryTableModel
from desktop.tasks import TaskRunner
from desktop.ui.customer.dialog import CustomerDialog
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    find,
    open_dialog,
)
from tests.support.server import ServerProcess

pytestmark = OFFSCREEN_NOISE
LINK_MS = 15_000
ROOT = Path(__file__).resolve().parents[2]


def token_of(url: str) -> str:
    token = QUrl(url).query().removeprefix("token=")
    assert len(token) >= 16, url
    return token


def ask_for_link(qtbot: QtBot, dialog: CustomerDialog) -> QDialog:
    button = find(dialog, "loginAsCustomerButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    login = dialog.login_button.login

    def shown() -> bool:
        box = getattr(login, "link_box", None)
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown, timeout=LINK_MS)
    assert button.isEnabled()  # no longer busy
    box: QDialog = login.link_box
    return box


def test_without_a_browser_the_link_can_be_copied_and_works_once(
    qtbot: QtBot,
    qtlog: QtLoggingPlugin,
    capfd: pytest.CaptureFixture[str],
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    server: ServerProcess,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    box = ask_for_link(qtbot, dialog)
    assert box.objectName() == "noBrowserBox"
    text = find(box, "noBrowserText").text()
    assert f"No web browser could be started to open {customer.name}'s control panel." in text
    more = find(box, "noBrowserMore").text()
    assert "works once" in more and "expires" in more
    copy = find(box, "copyLoginLinkButton")
    assert isinstance(copy, QPushButton) and copy.accessibleName() == "Copy the control panel link"
    assert copy.isDefault()
    assert find(box, "closeNoBrowserButton").accessibleName() == "Close"

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    url = QGuiApplication.clipboard().text()
    assert url.startswith(f"{server.root}/control-panel/login?token=")
    assert box.isVisible()  # the box stays, saying it is done
    assert copy.text() == "Copied"
    copied = find(box, "noBrowserCopied")
    assert copied.isVisible() and "Paste it into your browser" in copied.text()
    first = requests.get(url, timeout=10)
    assert first.status_code == 200 and customer.name in first.text
    assert requests.get(url, timeout=10).status_code == 410  # still one time only

    # Qt's warning names the address: with the token taken out.
    token = token_of(url)
    warnings = [r.message for r in qtlog.records if "openUrl" in r.message]
    assert warnings, [r.message for r in qtlog.records]
    assert all(token not in r.message for r in qtlog.records)
    assert f"{server.root}/[one-time link hidden]" in warnings[0]
    out, err = capfd.readouterr()
    assert token not in out and token not in err

    qtbot.mouseClick(find(box, "closeNoBrowserButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.login_button.login.link_box is None, timeout=LINK_MS)


def history_actions(dialog: CustomerDialog) -> list[str]:
    model = dialog.history_tab.model
    return [
        model.index(row, 0).data(HistoryTableModel.ActionRole) for row in range(model.rowCount())
    ]


class Browser(QObject):
    """Registered for http: what QDesktopServices.openUrl would hand to a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.mark.parametrize("with_browser", [False, True], ids=["no browser", "browser"])
def test_the_open_history_tab_shows_the_issued_link_without_refresh(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    with_browser: bool,
) -> None:
    catcher = Browser()
    if with_browser:
        QDesktopServices.setUrlHandler("http", catcher, "open_url")
    try:
        customer = customers.take()
        dialog = open_dialog(qtbot, api, runner, customer)
        dialog.tabs.setCurrentWidget(dialog.history_tab)
        tab = dialog.history_tab
        qtbot.waitUntil(lambda: tab._loaded and not tab.is_loading(), timeout=LINK_MS)
        before = history_actions(dialog)
        assert "login_link_issued" not in before

        qtbot.mouseClick(find(dialog, "loginAsCustomerButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: not tab.is_loading() and history_actions(dialog)[:1] == ["login_link_issued"],
            timeout=LINK_MS,
        )
        assert history_actions(dialog)[1:] == before
        summary = find(dialog, "historySummary").text()
        assert summary == (f"{len(before) + 1} events, newest first" if before else "1 event")
        if with_browser:
            assert len(catcher.opened) == 1
        else:
            box = dialog.login_button.login.link_box
            assert box is not None and box.isVisible()
            box.reject()
    finally:
        if with_browser:
            QDesktopServices.unsetUrlHandler("http")


def test_in_croatian_the_message_and_copy_link_speak_croatian(
    qtbot: QtBot,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    croatian: None,
) -> None:
    customer = customers.take()
    dialog = open_dialog(qtbot, api, runner, customer)
    box = ask_for_link(qtbot, dialog)
    copy = find(box, "copyLoginLinkButton")
    assert copy.text() == "Kopiraj poveznicu"
    assert "nije moguće pokrenuti web-preglednik" in find(box, "noBrowserText").text()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert copy.text() == "Kopirano"
    box.reject()


# A real process of its own, with Qt's default message handler and the app's log, as a person
# runs it: nothing secret on stderr or in the log file.
SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWidget
    from desktop import log_file
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.login import ControlPanelLogin

    app = QApplication([])
    log_file.configure(Path(sys.argv[2]))
    api = PartnerApi(sys.argv[1])
    api.login("demo", "demo")
    customer = next(c for c in api.list_customers(limit=20).items if c.status == "active")
    runner = TaskRunner()
    window = QWidget()
    window.show()
    login = ControlPanelLogin(api, runner, window)

    def check():
        box = login.link_box
        if box is None or not box.isVisible():
            QTimer.singleShot(50, check)
            return
        box.copy_button.click()
        print("URL", QGuiApplication.clipboard().text(), flush=True)
        box.reject()
        app.quit()

    login.start(customer.id, customer.name, customer.status)
    QTimer.singleShot(50, check)
    QTimer.singleShot(20_000, lambda: app.exit(3))
    code = app.exec()
    runner.drain(5000)
    sys.exit(code)
    """
)


def test_a_real_run_prints_and_logs_no_token(server: ServerProcess, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, server.url, str(tmp_path)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "XDG_RUNTIME_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (url,) = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("URL")]
    token = token_of(url)
    logged = (tmp_path / "partner-desk.log").read_text(encoding="utf-8")
    assert "[one-time link hidden]" in done.stderr  # Qt's warning is still there, cleaned
    assert "[one-time link hidden]" in logged
    assert token not in done.stderr
    assert token not in logged
