"""CustomerTableModel: rows, headers, roles, and which signals each change sends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDateTime, QLocale, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester, QSignalSpy
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import (
    CustomerRole,
    CustomerTableModel,
    IdRole,
    PendingRole,
    SortRole,
    StatusRole,
)
from tests.desktop.customer_factory import changed, make_customers

T = CustomerTableModel
DISPLAY = Qt.ItemDataRole.DisplayRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


@pytest.fixture
def model(qapp: object) -> CustomerTableModel:
    table = CustomerTableModel()
    QAbstractItemModelTester(table, QAbstractItemModelTester.FailureReportingMode.Warning)
    return table


def test_rows_arrive_page_by_page_in_order(model: CustomerTableModel) -> None:
    customers = make_customers(250)
    for first in range(0, 250, 100):
        model.append_page(customers[first : first + 100])
    assert model.rowCount() == 250
    assert model.columnCount() == 8
    assert [model.customer_at(r) for r in range(250)] == customers
    assert model.row_of(customers[123].id) == 123
    assert model.row_of("c_missing") is None
    assert [row.id for row in model.customers_in(10, 13)] == [c.id for c in customers[10:13]]
    assert model.row_at(11).name == customers[11].name
    assert model.row_at(11).created_at == customers[11].created_at
    assert model.snapshot()[12] == model.row_at(12)


def test_rows_keep_every_value_exactly(model: CustomerTableModel) -> None:
    # Packed rows must give back what was stored: control characters, quotes, lone
    # surrogates and non-Latin text included.
    odd = [
        changed(c, name=name, alias_domains=aliases)
        for c, name, aliases in zip(
            make_customers(4),
            ('a "quoted", \\ name\x1f\x00', "\ud800 lone surrogate", "Ђорђе 漢字 😀", ""),
            ((), ("x.hr", "y.hr"), ("\n",), ()),
            strict=True,
        )
    ]
    model.append_page(odd)
    assert [model.customer_at(r) for r in range(4)] == odd


def test_append_page_announces_the_new_rows(qtbot: QtBot, model: CustomerTableModel) -> None:
    customers = make_customers(30)
    model.append_page(customers[:10])
    spy = QSignalSpy(model.rowsInserted)
    model.append_page(customers[10:30])
    assert spy.count() == 1
    _parent, first, last = spy.at(0)
    assert (first, last) == (10, 29)


def test_a_customer_already_loaded_is_updated_not_duplicated(model: CustomerTableModel) -> None:
    customers = make_customers(5)
    model.append_page(customers)
    newer = changed(customers[2], name="Renamed d.o.o.")
    model.append_page([newer, *make_customers(1, seed=9)])
    assert model.rowCount() == 6
    assert model.customer_at(2) == newer


def test_headers_name_every_column(model: CustomerTableModel) -> None:
    labels = [model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(8)]
    assert labels == [
        "Account",
        "Name",
        "Contact",
        "Email",
        "Phone",
        "Domain",
        "Status",
        "Created",
    ]
    assert model.headerData(8, Qt.Orientation.Horizontal, DISPLAY) is None


def test_display_text_of_every_column(model: CustomerTableModel) -> None:
    customer = make_customers(1)[0]
    model.append_page([customer])

    def shown(column: int) -> str:
        return model.data(model.index(0, column), DISPLAY)

    assert shown(T.ACCOUNT) == customer.account_number
    assert shown(T.NAME) == customer.name
    assert shown(T.CONTACT) == customer.contact_name
    assert shown(T.EMAIL) == customer.email
    assert shown(T.PHONE) == customer.phone
    assert shown(T.DOMAIN) == customer.domain
    assert shown(T.STATUS) == "Active"
    moment = QDateTime.fromMSecsSinceEpoch(int(customer.created_at.timestamp() * 1000))
    expected = QLocale().toString(moment.toLocalTime().date(), QLocale.FormatType.ShortFormat)
    assert shown(T.CREATED) == expected


@pytest.mark.parametrize(
    ("status", "word"), [("active", "Active"), ("suspended", "Suspended"), ("canceled", "Canceled")]
)
def test_status_is_shown_in_words(model: CustomerTableModel, status: str, word: str) -> None:
    model.append_page([changed(make_customers(1)[0], status=status)])
    cell = model.index(0, T.STATUS)
    assert model.data(cell, DISPLAY) == word
    assert model.data(cell, ACCESSIBLE) == word
    assert model.data(cell, StatusRole) == status


def test_custom_roles(model: CustomerTableModel) -> None:
    customers = make_customers(3)
    model.append_page(customers)
    cell = model.index(1, T.NAME)
    assert model.data(cell, CustomerRole) == customers[1]
    assert model.data(cell, IdRole) == customers[1].id
    assert model.data(cell, PendingRole) == ""
    assert model.data(cell, SortRole) == customers[1].name.casefold()
    assert model.data(model.index(1, T.CREATED), SortRole) > model.data(
        model.index(0, T.CREATED), SortRole
    )
    assert model.data(QModelIndex(), DISPLAY) is None


def test_sort_keys_order_accounts_numerically_and_statuses_by_lifecycle(
    model: CustomerTableModel,
) -> None:
    base = make_customers(1)[0]
    model.append_page(
        [
            changed(base, id="c_1", account_number="10", status="canceled"),
            changed(base, id="c_2", account_number="9", status="active"),
            changed(base, id="c_3", account_number="AB-1", status="suspended"),
        ]
    )
    accounts = [model.data(model.index(r, T.ACCOUNT), SortRole) for r in range(3)]
    assert sorted(range(3), key=accounts.__getitem__) == [1, 0, 2]
    statuses = [model.data(model.index(r, T.STATUS), SortRole) for r in range(3)]
    assert sorted(range(3), key=statuses.__getitem__) == [1, 2, 0]


def test_update_customer_changes_exactly_one_row(model: CustomerTableModel) -> None:
    customers = make_customers(50)
    model.append_page(customers)
    spy = QSignalSpy(model.dataChanged)
    assert model.update_customer(changed(customers[17], status="suspended"))
    assert spy.count() == 1
    top_left, bottom_right, _roles = spy.at(0)
    assert top_left.row() == bottom_right.row() == 17
    assert (top_left.column(), bottom_right.column()) == (0, 7)
    assert model.data(model.index(17, T.STATUS), DISPLAY) == "Suspended"


def test_update_of_a_customer_not_loaded_changes_nothing(model: CustomerTableModel) -> None:
    model.append_page(make_customers(3))
    spy = QSignalSpy(model.dataChanged)
    assert not model.update_customer(make_customers(1, seed=77)[0])
    assert spy.count() == 0


def test_pending_operation_is_shown_in_the_status_cell_only(
    qtbot: QtBot, model: CustomerTableModel
) -> None:
    customers = make_customers(10)
    model.append_page(customers)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_pending(customers[4].id, True)
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert top_left.row() == bottom_right.row() == 4
    assert top_left.column() == bottom_right.column() == T.STATUS
    cell = model.index(4, T.STATUS)
    assert model.data(cell, DISPLAY) == "Suspending…"
    assert model.data(cell, PendingRole) == "suspend"
    assert model.data(cell, ACCESSIBLE) == "Active, Suspending…"
    model.set_pending(customers[4].id, False)
    assert model.data(cell, DISPLAY) == "Active"
    assert model.data(cell, PendingRole) == ""


@pytest.mark.parametrize(
    ("status", "kind", "word"),
    [
        ("suspended", "", "Re-enabling…"),
        ("canceled", "", "Restoring…"),
        ("active", "cancel", "Canceling…"),
    ],
)
def test_pending_word_follows_the_operation(
    model: CustomerTableModel, status: str, kind: str, word: str
) -> None:
    customer = changed(make_customers(1)[0], status=status)
    model.append_page([customer])
    model.set_pending(customer.id, True, kind)
    assert model.data(model.index(0, T.STATUS), DISPLAY) == word


def test_pending_mark_set_before_the_row_arrives_shows_when_it_does(
    model: CustomerTableModel,
) -> None:
    customer = make_customers(1)[0]
    model.set_pending(customer.id, True, "suspend")
    model.append_page([customer])
    assert model.data(model.index(0, T.STATUS), DISPLAY) == "Suspending…"


def test_reset_replaces_every_row(model: CustomerTableModel) -> None:
    model.append_page(make_customers(20))
    spy = QSignalSpy(model.modelReset)
    fresh = make_customers(7, seed=5)
    model.reset(fresh)
    assert spy.count() == 1
    assert model.rowCount() == 7
    assert model.row_of(fresh[6].id) == 6
    model.reset()
    assert model.rowCount() == 0


def test_naive_created_at_is_taken_as_utc(model: CustomerTableModel) -> None:
    aware = changed(make_customers(1)[0], created_at=datetime(2024, 5, 1, 12, tzinfo=UTC))
    naive = changed(aware, id="c_naive", created_at=datetime(2024, 5, 1, 12))
    model.append_page([aware, naive])
    assert model.data(model.index(0, T.CREATED), SortRole) == model.data(
        model.index(1, T.CREATED), SortRole
    )


def test_a_page_fetched_before_a_change_does_not_step_the_row_back(
    model: CustomerTableModel,
) -> None:
    """An operation finished while the list was loading: the late, older copy is ignored."""
    customers = make_customers(3)
    newer = changed(customers[1], status="suspended")
    model.append_page([newer])  # the finished operation's re-read customer arrived first
    model.append_page(customers)  # then the page fetched before the change
    row = model.row_of(newer.id)
    assert row is not None
    assert model.customer_at(row).status == "suspended"
    assert model.rowCount() == 3


def test_a_reload_keeps_a_newer_row_than_it_fetched(model: CustomerTableModel) -> None:
    customers = make_customers(3)
    model.append_page(customers)
    newer = changed(customers[2], status="suspended")
    model.update_customer(newer)
    model.reset(customers)  # a reload whose pages were fetched before the change
    assert model.customer_at(model.row_of(newer.id) or 0).status == "suspended"
    later = changed(newer, status="active")
    model.reset([*customers[:2], later])
    assert model.customer_at(model.row_of(later.id) or 0).status == "active"
