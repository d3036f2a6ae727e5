"""Export Customers: the list exactly as shown, safe in spreadsheets, and never a frozen window."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from desktop.models.customer_csv import spreadsheet_safe
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.tasks import TaskRunner
from desktop.ui.customers.export import CustomerExport
from desktop.ui.main_window import MainWindow
from tests.desktop.customer_factory import make_customers
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

TIMEOUT_MS = 30_000
BOM = b"\xef\xbb\xbf"
# Each has the word "izvoz" in its email, so one search finds them all.
TRICKY = (
    {"name": 'Kovačević, "Žuta kuća"\nd.o.o.', "email": "ana@izvoz-kovacevic.hr"},
    {"name": "Ölmühle Groß & Söhne, GmbH", "email": "info@izvoz-olmuhle.de"},
    {"name": "Ђурђевић; 東京 \"quoted\", 'single'", "email": "ured@izvoz-durdevic.rs"},
    {"name": "Plain Trading Ltd", "email": "hello@izvoz-plain.co.uk", "phone": "+44 20 7946 0018"},
)
# A contact a spreadsheet would run as a formula, one per character that starts one; each has
# "formel" in its email. The last one's phone starts with a minus: not a phone number there.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = tuple(
    {
        "name": f"Formel {n} d.o.o.",
        "contact_name": f"{start}2+3",
        "email": f"ured{n}@formel.hr",
        **({"phone": "-385 1 234 5678"} if n == len(FORMULA_STARTS) - 1 else {}),
    }
    for n, start in enumerate(FORMULA_STARTS)
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url) as proc:
        raw = ApiClient(proc.url).login()
        for fields in TRICKY + FORMULAS:
            assert raw.post("/customers", json=fields).status_code == 201
        yield proc


def _view_rows(table: QTableView) -> list[list[str]]:
    """The header and every row as the table shows them, columns in view order."""
    header = table.horizontalHeader()
    model = table.model()
    columns = [
        header.logicalIndex(visual)
        for visual in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]
    rows = [[model.headerData(c, Qt.Orientation.Horizontal) for c in columns]]
    for row in range(model.rowCount()):
        rows.append([model.index(row, c).data() for c in columns])
    return rows


def _iso_day(customer: object) -> str:
    """The day the table shows for a customer's creation, as ISO 8601 (2025-03-01)."""
    created = customer.created_at  # type: ignore[attr-defined]
    moment = QDateTime.fromMSecsSinceEpoch(int(created.timestamp() * 1000)).toLocalTime()
    return moment.date().toString(Qt.DateFormat.ISODate)


def _expected(table: QTableView) -> list[list[str]]:
    """What the file must hold: the rows as shown, a date as ISO 8601, formulas made text."""
    header = table.horizontalHeader()
    columns = [
        header.logicalIndex(visual)
        for visual in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]
    shown = _view_rows(table)
    rows = [shown[0]]
    model = table.model()
    for row, cells in enumerate(shown[1:]):
        customer = model.index(row, 0).data(CustomerTableModel.CustomerRole)
        rows.append(
            [
                _iso_day(customer)
                if column == CustomerTableModel.CREATED
                else spreadsheet_safe(cell, phone=column == CustomerTableModel.PHONE)
                for column, cell in zip(columns, cells, strict=True)
            ]
        )
    return rows


def _read(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.reader(source, delimiter=delimiter))


def _export(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    exporter = window.customers.exporter
    exporter.pick_path = lambda: str(path)  # the file dialog's answer
    button = window.findChild(QPushButton, "exportCustomersButton")
    with qtbot.waitSignal(exporter.finished, timeout=TIMEOUT_MS) as outcome:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert outcome.args == [True]


def test_the_file_holds_the_rows_shown_in_order_after_a_filter_and_a_sort(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    customers = window.customers
    table = customers.findChild(QTableView, "customerTable")
    status = customers.findChild(QComboBox, "statusFilter")
    status.setCurrentIndex(status.findData("active"))
    table.sortByColumn(CustomerTableModel.NAME, Qt.SortOrder.DescendingOrder)
    # The person dragged Email to the front and hid Created.
    header = table.horizontalHeader()
    header.moveSection(header.visualIndex(CustomerTableModel.EMAIL), 0)
    header.hideSection(CustomerTableModel.CREATED)
    qtbot.waitUntil(customers.proxy.is_settled, timeout=TIMEOUT_MS)
    shown = _view_rows(table)
    assert 4 < len(shown) - 1 < 300
    assert shown[0][0] == "Email" and "Created" not in shown[0]

    path = tmp_path / "customers.csv"
    _export(qtbot, window, path)

    assert path.read_bytes().startswith(BOM)
    assert _read(path) == _expected(table)
    text = customers.findChild(QLabel, "exportStatus").text()
    assert text == f"Exported {len(shown) - 1} customers to customers.csv."
    assert not list(tmp_path.glob(".*.part"))


def test_commas_quotes_newlines_and_other_scripts_survive_a_spreadsheet_round_trip(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.customers.findChild(QLineEdit, "customerSearch").setText("izvoz")
    qtbot.waitUntil(
        lambda: (
            window.customers.proxy.is_settled() and window.customers.proxy.rowCount() == len(TRICKY)
        ),
        timeout=TIMEOUT_MS,
    )
    path = tmp_path / "tricky.csv"
    _export(qtbot, window, path)

    rows = _read(path)
    names = {row[CustomerTableModel.NAME] for row in rows[1:]}
    assert names == {fields["name"] for fields in TRICKY}
    assert rows == _expected(window.customers.table)
    phones = {row[CustomerTableModel.PHONE] for row in rows[1:]}
    assert "+44 20 7946 0018" in phones  # a phone number is not mistaken for a formula


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text() -> None:
    assert spreadsheet_safe('=HYPERLINK("http://x.example","Click")') == (
        '\'=HYPERLINK("http://x.example","Click")'
    )
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert spreadsheet_safe("+385 1 234 5678", phone=True) == "+385 1 234 5678"
    assert spreadsheet_safe("Acme d.o.o.") == "Acme d.o.o."


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_character_that_starts_a_formula_is_escaped(start: str) -> None:
    assert spreadsheet_safe(f"{start}2+3") == f"'{start}2+3"
    # Only an international phone number in the Phone column is left as it is.
    assert spreadsheet_safe(f"{start}2+3", phone=True) == f"'{start}2+3"
    assert spreadsheet_safe(f"{start}385 1 234 5678", phone=start != "+") == (
        f"'{start}385 1 234 5678"
    )


def _formula_rows(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[str, list[str]]:
    """Exports the customers with formulas; the file's text and its header."""
    customers = window.customers
    customers.findChild(QLineEdit, "customerSearch").setText("formel")
    qtbot.waitUntil(
        lambda: customers.proxy.is_settled() and customers.proxy.rowCount() == len(FORMULAS),
        timeout=TIMEOUT_MS,
    )
    path = tmp_path / "formulas.csv"
    _export(qtbot, window, path)
    text = path.read_bytes().decode("utf-8-sig")  # as written: a \r in a cell stays one
    return text, _view_rows(customers.table)[0]


def test_a_contact_starting_with_any_formula_character_is_exported_as_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, uk_locale: None
) -> None:
    text, header = _formula_rows(qtbot, window, tmp_path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == header
    contact = header.index("Contact")
    phone = header.index("Phone")
    contacts = {row[contact] for row in rows[1:]}
    assert contacts == {f"'{start}2+3" for start in FORMULA_STARTS}
    assert "'-2+3" in contacts  # the case found: a minus was taken for a phone number
    assert "'-385 1 234 5678" in {row[phone] for row in rows[1:]}


def test_in_english_cells_are_separated_by_commas(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, uk_locale: None
) -> None:
    text, header = _formula_rows(qtbot, window, tmp_path)
    assert text.splitlines()[0] == ",".join(header)
    assert _read(tmp_path / "formulas.csv") == _expected(window.customers.table)


def test_in_croatian_cells_are_separated_by_semicolons_as_spreadsheets_there_expect(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, croatian: None, harness: AppHarness
) -> None:
    window = harness.sign_in(qtbot, server.root)  # signed in once the language is in
    assert QLocale().decimalPoint() == ","
    text, header = _formula_rows(qtbot, window, tmp_path)
    assert header[:2] == ["Račun", "Naziv"]
    assert text.splitlines()[0] == ";".join(header)
    assert _read(tmp_path / "formulas.csv", ";") == _expected(window.customers.table)


def test_dates_are_written_as_iso_8601_whatever_the_table_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, uk_locale: None
) -> None:
    table = window.customers.table
    path = tmp_path / "all.csv"
    _export(qtbot, window, path)
    rows = _read(path)
    created = rows[0].index("Created")
    shown = _view_rows(table)
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", shown[1][created])  # the table: 04/01/2023
    model = table.model()
    for row in range(1, len(rows)):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", rows[row][created])
        assert rows[row][created] == _iso_day(
            model.index(row - 1, 0).data(CustomerTableModel.CustomerRole)
        )


def _file_as_folder(tmp_path: Path) -> Path:
    (tmp_path / "not-a-folder").write_text("a file")
    return tmp_path / "not-a-folder" / "customers.csv"


def _read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "customers.csv"


@pytest.mark.parametrize("where", [_file_as_folder, _read_only_folder])
def test_an_unwritable_folder_shows_a_clear_message_and_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, where: object
) -> None:
    path = where(tmp_path)  # type: ignore[operator]
    exporter = window.customers.exporter
    exporter.pick_path = lambda: str(path)
    with qtbot.waitSignal(exporter.finished, timeout=TIMEOUT_MS) as outcome:
        window.findChild(QPushButton, "exportCustomersButton").click()
    assert outcome.args == [False]
    box = window.findChild(QMessageBox, "exportErrorBox")
    assert box is not None and box.isVisible()
    assert str(path) in box.text()
    assert "Traceback" not in box.text()
    assert "Choose another folder" in box.text()
    status = window.customers.findChild(QLabel, "exportStatus").text()
    assert status == "Export failed; nothing was saved."
    assert not path.exists()
    box.close()


def test_export_customers_in_the_file_menu_exports_the_list(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.show_page(window.overview)
    path = tmp_path / "from-menu.csv"
    exporter = window.customers.exporter
    exporter.pick_path = lambda: str(path)
    action = window.findChild(type(window.menuBar().actions()[0]), "exportCustomersAction")
    assert action.shortcut().toString() == "Ctrl+E"
    with qtbot.waitSignal(exporter.finished, timeout=TIMEOUT_MS):
        action.trigger()
    assert window.pages.currentWidget() is window.customers
    assert _read(path) == _expected(window.customers.table)


@pytest.mark.slow
def test_a_million_rows_are_exported_while_the_window_keeps_working(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, uk_locale: None
) -> None:
    million = 1_000_000
    model = CustomerTableModel()
    customers = make_customers(million)
    for first in range(0, million, 10_000):
        model.append_page(customers[first : first + 10_000])
    del customers
    proxy = CustomerFilterModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    qtbot.waitUntil(proxy.is_settled, timeout=120_000)
    proxy.sort(CustomerTableModel.NAME, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(proxy.is_settled, timeout=120_000)
    exporter = CustomerExport(table, model, proxy, runner, table)
    states: list[str] = []
    exporter.state_changed.connect(states.append)

    turns = 0

    def turn() -> None:
        nonlocal turns
        turns += 1

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(turn)
    ticker.start()
    path = tmp_path / "million.csv"
    with qtbot.waitSignal(exporter.finished, timeout=300_000) as outcome:
        exporter.export_to(str(path))
        assert exporter.is_running()  # the call returned at once; the rows follow
    ticker.stop()
    assert outcome.args == [True]
    assert turns >= 10  # the event loop went on turning while the rows were written
    progress = [s for s in states if s.startswith("Exporting… ")]
    assert len(progress) >= 10
    assert states[-1] == "Exported 1,000,000 customers to million.csv."

    rows = _read(path)
    assert len(rows) == million + 1
    for row in (0, 1, 499_999, million - 1):
        shown = [proxy.index(row, c).data() for c in range(CustomerTableModel.CREATED)]
        created = _iso_day(proxy.index(row, 0).data(CustomerTableModel.CustomerRole))
        assert rows[row + 1] == [*shown, created]
