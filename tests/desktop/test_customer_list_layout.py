"""The customer list's layout: Name takes the spare width, the Status column fits every badge,
the buttons above the list fit a 1024 x 700 window, and the export's message goes by itself.

In English and in Croatian (whose words are longer). Nothing is sent: the window is built, not
started, and the rows are put in its model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.models.customer_table import CustomerTableModel
from desktop.settings import AppSettings
from desktop.ui.main_window import MainWindow
from tests.desktop.customer_factory import changed, make_customers
from tests.support.gui import offline_window

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

LONG_NAME = "Cloudnine Travel GmbH & Co. KG"
# The buttons above the list, left to right.
BUTTONS = [
    "bulkSuspendButton",
    "bulkReenableButton",
    "refreshButton",
    "exportCustomersButton",
    "newCustomerButton",
    "editCustomerButton",
]
# Every operation a row can be waiting on, by the status it starts from ("other" is one the app
# does not know by name: "Working…").
PENDING = [
    ("active", "suspend"),
    ("suspended", "unsuspend"),
    ("active", "cancel"),
    ("suspended", "cancel"),
    ("canceled", "restore"),
    ("suspended", "other"),
]
STATUS = CustomerTableModel.STATUS


@pytest.fixture(params=["en", "hr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = i18n.ui_language()
    i18n.install_language(qapp, request.param)
    yield request.param
    i18n.install_language(qapp, before)


def _window(qtbot: QtBot, tmp_path: Path, columns: QByteArray | None = None) -> MainWindow:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    if columns is not None:
        settings.set_geometry("customer_columns", columns)  # as an earlier run saved it
    window = offline_window(qtbot, settings)
    model = window.customers.model
    customers = make_customers(40)
    customers[0] = changed(customers[0], name=LONG_NAME)
    for row, (status, _kind) in enumerate(PENDING, start=1):
        customers[row] = changed(customers[row], status=status)
    model.append_page(customers)
    for row, (_status, kind) in enumerate(PENDING, start=1):
        model.set_pending(customers[row].id, True, kind)
    window.show_page(window.customers)
    return window


def _show(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.width() == width, timeout=5_000)
    QApplication.processEvents()


def _visible_widths(header: QHeaderView) -> int:
    return sum(
        header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c)
    )


def test_at_1600_by_1000_the_name_takes_the_spare_width_not_created(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    _show(qtbot, window, 1600, 1000)
    table = window.customers.findChild(QTableView, "customerTable")
    header = table.horizontalHeader()
    created = header.sectionSize(CustomerTableModel.CREATED)
    name = header.sectionSize(CustomerTableModel.NAME)
    assert _visible_widths(header) == table.viewport().width()  # no blank, no scrolling
    assert created <= 120
    needed = table.fontMetrics().horizontalAdvance(LONG_NAME) + 12
    assert name >= needed, f"Name {name} px, '{LONG_NAME}' needs {needed}"
    assert name > 2 * created

    _show(qtbot, window, 1800, 1000)  # the window grows: Name takes it all
    qtbot.waitUntil(lambda: header.sectionSize(CustomerTableModel.NAME) == name + 200)
    assert header.sectionSize(CustomerTableModel.CREATED) == created
    assert _visible_widths(header) == table.viewport().width()


def test_a_column_layout_saved_by_an_earlier_version_still_stretches_the_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Before: the last column (Created) stretched and Status was 100 px.
    old = QTableView()
    qtbot.addWidget(old)
    old.setModel(CustomerTableModel())
    old.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate([80, 205, 120, 190, 120, 150, 100, 90]):
        old.setColumnWidth(column, width)
    old.resize(1400, 600)
    old.show()
    qtbot.waitExposed(old)
    assert old.columnWidth(CustomerTableModel.CREATED) > 200
    saved = old.horizontalHeader().saveState()

    window = _window(qtbot, tmp_path, saved)
    _show(qtbot, window, 1600, 1000)
    table = window.customers.table
    header = table.horizontalHeader()
    assert not header.stretchLastSection()
    assert header.sectionSize(CustomerTableModel.CREATED) <= 120
    assert header.sectionSize(CustomerTableModel.NAME) > 300
    assert _visible_widths(header) == table.viewport().width()
    _assert_status_fits(table)


def _assert_status_fits(table: QTableView) -> None:
    delegate = table.itemDelegateForColumn(STATUS)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    model = table.model()
    # The view draws a cell one pixel narrower than its column when it draws the grid.
    width = table.columnWidth(STATUS) - (1 if table.showGrid() else 0)
    for row in range(model.rowCount()):
        index = model.index(row, STATUS)
        needed = delegate.sizeHint(option, index).width()
        word = index.data(CustomerTableModel.StatusTextRole)
        shown = index.data()
        assert needed <= width, f"{word!r} + {shown!r} needs {needed} px, the column has {width}"


def test_the_status_column_fits_every_badge_and_running_operation(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    window = _window(qtbot, tmp_path)
    _show(qtbot, window, 1600, 1000)
    table = window.customers.table
    words = {table.model().index(r, STATUS).data() for r in range(table.model().rowCount())}
    if language == "hr":
        assert {"Suspendiran", "Ponovna aktivacija…", "U tijeku…"} <= words
    else:
        assert {"Suspended", "Re-enabling…", "Working…"} <= words
    _assert_status_fits(table)


def test_the_buttons_above_the_list_fit_a_1024_by_700_window(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    window = _window(qtbot, tmp_path)
    assert window.minimumSizeHint().width() <= 1024
    _show(qtbot, window, 1024, 700)
    assert window.size().width() == 1024
    page = window.customers
    page_rect = QRect(page.mapTo(window, page.rect().topLeft()), page.size())
    assert window.rect().contains(page_rect)
    for name in BUTTONS:
        button = page.findChild(QPushButton, name)
        assert button.isVisible(), name
        assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut"
        where = QRect(button.mapTo(page, button.rect().topLeft()), button.size())
        assert page.rect().contains(where), f"{button.text()!r} at {where}, page {page.rect()}"


def test_the_export_message_goes_after_a_while_and_never_narrows_the_search(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    _show(qtbot, window, 1024, 700)
    page = window.customers
    search = page.findChild(QLineEdit, "customerSearch")
    message = page.findChild(QLabel, "exportStatus")
    width = search.width()
    message.linger_ms = 300  # type: ignore[attr-defined]  # a person gets some seconds

    with qtbot.waitSignal(page.exporter.finished, timeout=20_000):
        page.exporter.export_to(str(tmp_path / "customers-with-a-rather-long-name.csv"))
    assert message.text() == "Exported 40 customers to customers-with-a-rather-long-name.csv."
    QApplication.processEvents()
    assert search.width() == width
    qtbot.waitUntil(lambda: message.text() == "", timeout=5_000)
    assert search.width() == width


def test_the_export_message_goes_at_the_next_action(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    _show(qtbot, window, 1600, 1000)
    page = window.customers
    message = page.findChild(QLabel, "exportStatus")
    with qtbot.waitSignal(page.exporter.finished, timeout=20_000):
        page.exporter.export_to(str(tmp_path / "customers.csv"))
    assert message.text() == "Exported 40 customers to customers.csv."
    qtbot.keyClicks(page.findChild(QLineEdit, "customerSearch"), "a")
    assert message.text() == ""
