"""ServicesTableModel: rows, headers, roles, totals, and the signals a reload and a removal send."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QDateTime, QLocale, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester, QSignalSpy

from desktop.api.records import Service
from desktop.models.money import money_text, totals_text
from desktop.models.services_model import ServicesTableModel

M = ServicesTableModel
DISPLAY = Qt.ItemDataRole.DisplayRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def service(n: int, price: str, currency: str = "EUR", name: str = "") -> Service:
    return Service(
        id=f"s_{n}",
        name=name or f"Service {n}",
        monthly_price=Decimal(price),
        currency=currency,
        enabled_at=datetime(2025, 3, n, 9, 30, tzinfo=UTC),
    )


def _local(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()


@pytest.fixture
def model(uk_locale: None) -> ServicesTableModel:
    table = ServicesTableModel()
    QAbstractItemModelTester(table, QAbstractItemModelTester.FailureReportingMode.Warning)
    return table


def test_rows_show_name_price_with_currency_and_the_local_enable_date(
    model: ServicesTableModel,
) -> None:
    model.reset([service(1, "19.90"), service(2, "1234.5", name="Managed Backup")])
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.index(0, M.NAME).data() == "Service 1"
    assert model.index(1, M.NAME).data() == "Managed Backup"
    assert model.index(0, M.PRICE).data() == "19.90 EUR"
    assert model.index(1, M.PRICE).data() == "1,234.50 EUR"
    local = _local(datetime(2025, 3, 2, 9, 30, tzinfo=UTC)).date()
    assert model.index(1, M.ENABLED).data() == UK.toString(local, QLocale.FormatType.ShortFormat)


def test_headers_name_each_column(model: ServicesTableModel) -> None:
    horizontal = Qt.Orientation.Horizontal
    labels = [model.headerData(c, horizontal, DISPLAY) for c in range(3)]
    assert labels == ["Service", "Monthly price", "Enabled since"]
    assert model.headerData(M.PRICE, horizontal, ALIGN) & int(Qt.AlignmentFlag.AlignRight)


def test_roles_give_the_record_its_id_and_sort_keys(model: ServicesTableModel) -> None:
    first = service(1, "19.90", name="Web Hosting")
    model.reset([first])
    assert model.index(0, M.NAME).data(M.ServiceRole) is first
    assert model.index(0, M.PRICE).data(M.IdRole) == "s_1"
    assert model.index(0, M.NAME).data(M.SortRole) == "web hosting"
    assert model.index(0, M.PRICE).data(M.SortRole) == Decimal("19.90")
    assert model.index(0, M.ENABLED).data(M.SortRole) == first.enabled_at
    assert model.index(0, M.PRICE).data(ACCESSIBLE) == "Monthly price: 19.90 EUR"
    assert model.index(0, M.PRICE).data(ALIGN) & int(Qt.AlignmentFlag.AlignRight)
    assert model.index(0, M.NAME).data(ALIGN) is None
    assert model.data(QModelIndex()) is None


def test_total_is_exact_and_kept_per_currency(model: ServicesTableModel) -> None:
    # 0.1 + 0.2 in floats is 0.30000000000000004: money must not be a float.
    model.reset([service(1, "0.10"), service(2, "0.20"), service(3, "34.40")])
    assert model.totals() == {"EUR": Decimal("34.70")}
    assert model.total_text() == "34.70 EUR"
    model.reset([service(1, "10.00"), service(2, "5.00", "USD"), service(3, "1.50")])
    assert model.total_text() == "11.50 EUR + 5.00 USD"
    model.reset([])
    assert model.total_text() == ""


def test_reload_resets_the_model(model: ServicesTableModel) -> None:
    model.reset([service(1, "1.00"), service(2, "2.00")])
    about, done = QSignalSpy(model.modelAboutToBeReset), QSignalSpy(model.modelReset)
    model.reset([service(3, "3.00")])
    assert (about.count(), done.count()) == (1, 1)
    assert [model.service_at(r).id for r in range(model.rowCount())] == ["s_3"]


def test_removing_a_service_takes_out_its_row_only(model: ServicesTableModel) -> None:
    model.reset([service(1, "1.00"), service(2, "2.00"), service(3, "3.00")])
    removed = QSignalSpy(model.rowsRemoved)
    reset = QSignalSpy(model.modelReset)
    gone = model.remove("s_2")
    assert gone is not None and gone.id == "s_2"
    assert removed.count() == 1 and reset.count() == 0
    _parent, first, last = removed.at(0)
    assert (first, last) == (1, 1)
    assert [s.id for s in model.services()] == ["s_1", "s_3"]
    assert model.total_text() == "4.00 EUR"
    assert model.remove("s_2") is None
    assert model.row_of("s_3") == 1


def test_money_text_follows_the_locale_and_rounds_half_up() -> None:
    croatian = QLocale(QLocale.Language.Croatian, QLocale.Country.Croatia)
    assert money_text(Decimal("1234.5"), "EUR", croatian) == "1.234,50 EUR"
    assert money_text(Decimal("0.005"), "EUR", UK) == "0.01 EUR"
    assert money_text(Decimal("-2"), "", UK) == "-2.00"
    assert totals_text({}, UK) == ""
