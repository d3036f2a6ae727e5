"""`make screenshots`: the demo under Xvfb, saved as PNGs for the README and the user guide.

Starts the demo server, signs in, and grabs the real windows: the main window, a search, and the
Edit Customer dialog.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import AppController, api_factory, configure_locale
from desktop.credentials import CredentialStore
from desktop.demo import DemoServer
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setOrganizationName("Partner Desk Screenshots")
    app.setApplicationName("Partner Desk")
    app.setStyle("Fusion")
    configure_locale()
    demo = DemoServer(Path(tempfile.mkdtemp(prefix="partner-desk-shots-")))
    url = demo.start()
    try:
        settings = AppSettings()
        runner = TaskRunner()
        controller = AppController(
            api_factory(argparse.Namespace(), settings), runner, CredentialStore(), settings, url
        )
        controller.start()
        wait_until(lambda: controller.window is not None)
        window = controller.window
        assert window is not None
        window.resize(1280, 780)
        wait_until(lambda: window.customers.model.rowCount() >= 300)
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
        runner.drain(5000)
    finally:
        demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
