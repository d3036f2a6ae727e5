"""The real app in a process of its own, for the suite to kill -9 mid-operation.

    python -m tests.reliability.suspend_child SERVER_ROOT CUSTOMER_ID SETTINGS_FOLDER

Signs in as the demo user, opens the customer, flips the Suspend Customer switch, confirms, and
prints "confirmed" once the operation has started. Then it waits to be killed (or gives up
after a minute, so a broken suite leaves nothing behind).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from tests.desktop.operation_gui import choose_reason, find, services_loaded, when_shown
from tests.reliability.fault_client import quick_api
from tests.support.gui import AppHarness, MemoryKeyring

GIVE_UP_MS = 60_000


def main(root: str, customer_id: str, folder: str) -> int:
    app = QApplication([])
    harness = AppHarness(Path(folder), MemoryKeyring(), factory=quick_api)
    harness.start()
    harness.fill_login(root, "demo", "demo")

    def give_up() -> None:
        login = harness.controller.login
        print(f"gave up; sign-in dialog says {login.error.text() if login else None!r}", flush=True)
        app.exit(3)

    QTimer.singleShot(GIVE_UP_MS, give_up)

    def signed_in() -> None:
        window = harness.controller.window
        if window is None or window.customers._loading:
            QTimer.singleShot(20, signed_in)
            return
        model = window.customers.model
        row = model.row_of(customer_id)
        if row is None:
            print(f"no row for {customer_id}", flush=True)
            app.exit(2)
            return
        customer = model.customer_at(row)
        window.operations.started.connect(
            lambda cid, kind: print(f"confirmed {kind} {cid}", flush=True)
        )
        window.edit_customer(customer)
        dialog = window._dialogs[-1]

        def confirm(box: QDialog, _answer: object) -> None:
            if box.objectName() == "suspendConfirmDialog":
                choose_reason(box, "suspendReason", "Non-payment")
                find(box, "confirmSuspendButton").click()
            else:
                find(box, "confirmReenableButton").click()

        name = "suspendConfirmDialog" if customer.status == "active" else "reenableConfirmDialog"
        when_shown(name, confirm, ready=services_loaded)
        QTimer.singleShot(0, find(dialog, "suspendToggle").click)

    harness.login.findChild(QPushButton, "signInButton").click()
    QTimer.singleShot(20, signed_in)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
