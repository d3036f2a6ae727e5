"""Every control a person can act on or Tab to has an objectName and an accessible name, and a
button showing only an icon also says what it does; the table says a status in words.

Tests and screen readers find controls the same way; a control without a name is invisible
to both. The walk covers every sidebar page (so a page added later is covered too), the
sign-in and re-authentication dialogs, Edit and New Customer with each tab, the confirmations
(suspend, re-enable, cancel, bulk, discard changes) and the conflict dialog.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.api.records import Customer
from desktop.models.customer_table import CustomerTableModel
from desktop.ui.bulk.confirm import BulkConfirmDialog
from desktop.ui.bulk.plan import plan_bulk
from desktop.ui.customer.cancel_confirm import CancelConfirmDialog
from desktop.ui.customer.conflict import ConflictDialog, ConflictRow
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.signin.reauth import ReauthDialog
from tests.desktop.a11y_support import cell_text
from tests.support.gui import AppHarness
from tests.support.server import ServerProcess, seed_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

ACTIONABLE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSpinBox,
    QAbstractSlider,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url) as proc:
        yield proc


def _needs_a_name(widget: QWidget, root: QWidget) -> bool:
    """A control a person acts on, or a stop of the Tab chain, that is not a part of another."""
    if isinstance(widget, QTabBar):
        return False  # its tabs are named by their own text
    # Parts Qt builds inside a compound control (a combo's line edit and popup, a table's
    # scroll bars, the clear button of a line edit) are reached through their owner.
    if widget.objectName().startswith("qt_") or _inside_compound(widget, root):
        return False
    return isinstance(widget, ACTIONABLE) or bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _checked(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if _needs_a_name(w, root)]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in _checked(root):
        text = getattr(widget, "text", lambda: "")()
        what = f"{type(widget).__name__} objectName={widget.objectName()!r} text={text!r}"
        if not widget.objectName() or not widget.accessibleName():
            missing.append(what)
        icon_only = isinstance(widget, QAbstractButton) and not text and not widget.icon().isNull()
        if icon_only and not widget.accessibleDescription():
            missing.append(f"{what}: an icon alone, with no description")
    return missing


def _inside_compound(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QComboBox | QAbstractItemView | QAbstractSpinBox | QLineEdit):
            return True
        if parent.objectName().startswith("qt_scrollarea"):
            return isinstance(widget, QAbstractSlider)
        parent = parent.parentWidget()
    return (
        isinstance(widget, QAbstractSlider)
        and widget.parentWidget() is not None
        and (widget.parentWidget().objectName().startswith("qt_"))
    )


def _settle(harness: AppHarness) -> None:
    """What a page or dialog loads in the background has arrived and been shown."""
    assert harness.runner.drain(10_000)
    QApplication.processEvents()


def _every_tab(root: QWidget) -> None:
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)


def _record(window: MainWindow, status: str) -> Customer:
    model = window.customers.model
    for row in range(model.rowCount()):
        if model.customer_at(row).status == status:
            return window.session.api.get_customer(model.customer_at(row).id)
    raise AssertionError(f"no {status} customer in the demo data")


def _open_customer_dialog(qtbot: QtBot, window: MainWindow, customer: object) -> CustomerDialog:
    before = len(window._dialogs)
    if customer is None:
        window.create_customer()
    else:
        window.edit_customer(customer)
    qtbot.waitUntil(lambda: len(window._dialogs) > before, timeout=5_000)
    dialog = window._dialogs[-1]
    assert isinstance(dialog, CustomerDialog)
    return dialog


def test_every_control_of_the_main_window_and_dialog_is_named(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    login = harness.start()
    assert _unnamed(login) == []
    login.close()
    harness.controller.login = None
    window = harness.sign_in(qtbot, server.root)
    assert _unnamed(window) == []
    assert len(_checked(window)) >= 8  # the walk really reached the controls
    window.customers.table.selectRow(0)
    window.customers.open_selected()
    qtbot.waitUntil(lambda: bool(window._dialogs), timeout=5_000)
    dialog = window._dialogs[0]
    _every_tab(dialog)
    assert _unnamed(dialog) == []
    assert len(_checked(dialog)) >= 20


def test_every_sidebar_page_is_named_throughout(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root)
    visited = []
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        page = window.pages.currentWidget()
        _settle(harness)
        _every_tab(page)
        visited.append(page.objectName())
        assert page.objectName() and page.accessibleName(), f"page {row} has no name"
        assert _unnamed(page) == [], page.objectName()
    assert {"customersPage", "brandingPage"} <= set(visited)
    assert len(visited) == window.pages.count()  # every page has its place in the sidebar
    assert _unnamed(window) == []


def test_new_and_edit_customer_and_their_questions_are_named(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root)
    for customer in (None, _record(window, "active"), _record(window, "canceled")):
        dialog = _open_customer_dialog(qtbot, window, customer)
        _settle(harness)
        _every_tab(dialog)
        assert _unnamed(dialog) == [], dialog.windowTitle()
        # Closing with unsaved edits asks first; that question is named too.
        dialog.form.editor("name").setText("Someone Else Entirely")
        dialog.reject()
        box = dialog.findChild(QDialog, "discardChangesBox")
        assert box is not None and box.isVisible()
        assert _unnamed(box) == []
        box.reject()
        dialog.form.set_customer(dialog.customer)  # nothing left to ask about
        dialog.reject()
        qtbot.waitUntil(lambda d=dialog: d not in window._dialogs, timeout=5_000)


def test_every_confirmation_and_the_other_dialogs_are_named(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    window = harness.sign_in(qtbot, server.root)
    api, runner = window.session.api, harness.runner
    active, suspended = _record(window, "active"), _record(window, "suspended")
    both = [active, suspended]
    dialogs: list[QDialog] = [
        SuspendConfirmDialog(api, runner, active, True, window),
        SuspendConfirmDialog(api, runner, suspended, False, window),
        CancelConfirmDialog(api, runner, active, window),
        BulkConfirmDialog(api, runner, plan_bulk("suspend", both, lambda _id: False), window),
        BulkConfirmDialog(api, runner, plan_bulk("unsuspend", both, lambda _id: False), window),
        ConflictDialog(
            active.name,
            [ConflictRow("email", "Support email", "mine@example.com", "theirs@example.com", True)],
            ["Phone"],
            window,
        ),
        ReauthDialog(api, runner, "demo", window),
    ]
    for dialog in dialogs:
        dialog.show()
        _settle(harness)  # the billable services arrive and are listed
        assert dialog.objectName() and dialog.accessibleName()
        assert _unnamed(dialog) == [], dialog.objectName()
        assert len(_checked(dialog)) >= 2, dialog.objectName()  # at least confirm and cancel
        dialog.reject()
        dialog.deleteLater()


def test_the_table_says_each_status_and_a_running_operation_in_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.customers
    model = page.model

    def heard(customer_id: str) -> str:
        row = model.row_of(customer_id)
        assert row is not None
        index = page.proxy.mapFromSource(model.index(row, CustomerTableModel.STATUS))
        page.table.scrollTo(index)
        return cell_text(page.table, index)

    found = {model.customer_at(r).status: model.customer_at(r).id for r in range(model.rowCount())}
    assert heard(found["active"]) == "Active"
    assert heard(found["suspended"]) == "Suspended"
    assert heard(found["canceled"]) == "Canceled"
    model.set_pending(found["active"], True, "suspend")
    model.set_pending(found["suspended"], True, "unsuspend")
    assert heard(found["active"]) == "Active, Suspending…"
    assert heard(found["suspended"]) == "Suspended, Re-enabling…"
    model.set_pending(found["active"], False)
    assert heard(found["active"]) == "Active"
