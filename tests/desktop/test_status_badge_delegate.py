"""StatusBadgeDelegate: the word is always drawn, readable on light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import CustomerTableModel
from desktop.ui.customers.status_badge import StatusBadgeDelegate, badge_colors, contrast_ratio
from tests.desktop.customer_factory import changed, make_customers


def _palette(base: str, text: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    return palette


@pytest.mark.parametrize("status", ["active", "suspended", "canceled", "unknown"])
@pytest.mark.parametrize(("base", "text"), [("#ffffff", "#000000"), ("#1e1e1e", "#f0f0f0")])
def test_badge_text_keeps_aa_contrast_in_light_and_dark(
    qapp: object, status: str, base: str, text: str
) -> None:
    fill, border, ink = badge_colors(status, _palette(base, text))
    assert contrast_ratio(ink, fill) >= 4.5
    assert border != fill


def test_each_status_has_its_own_colour(qapp: object) -> None:
    palette = _palette("#ffffff", "#000000")
    fills = {badge_colors(s, palette)[0].name() for s in ("active", "suspended", "canceled")}
    assert len(fills) == 3


@pytest.fixture
def view(qtbot: QtBot) -> QTableView:
    model = CustomerTableModel()
    customers = make_customers(3)
    model.append_page([customers[0], changed(customers[1], status="suspended"), customers[2]])
    model.set_pending(customers[2].id, True)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setItemDelegateForColumn(CustomerTableModel.STATUS, StatusBadgeDelegate(table))
    table.resize(900, 200)
    return table


def test_badge_shows_the_status_word_and_the_pending_operation(view: QTableView) -> None:
    delegate = view.itemDelegateForColumn(CustomerTableModel.STATUS)
    assert isinstance(delegate, StatusBadgeDelegate)
    model = view.model()
    assert delegate.badge_text(model.index(0, CustomerTableModel.STATUS)) == ("Active", "")
    assert delegate.badge_text(model.index(1, CustomerTableModel.STATUS)) == ("Suspended", "")
    assert delegate.badge_text(model.index(2, CustomerTableModel.STATUS)) == (
        "Active",
        "Suspending…",
    )


def test_size_hint_makes_room_for_the_pending_text(view: QTableView) -> None:
    delegate = view.itemDelegateForColumn(CustomerTableModel.STATUS)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    model = view.model()
    plain = delegate.sizeHint(option, model.index(0, CustomerTableModel.STATUS))
    pending = delegate.sizeHint(option, model.index(2, CustomerTableModel.STATUS))
    assert pending.width() > plain.width() > option.fontMetrics.horizontalAdvance("Active")


@pytest.mark.parametrize("row", [0, 1, 2])
def test_painting_draws_a_badge(view: QTableView, row: int) -> None:
    delegate = view.itemDelegateForColumn(CustomerTableModel.STATUS)
    image = QImage(QSize(220, 30), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 220, 30)
    painter = QPainter(image)
    delegate.paint(painter, option, view.model().index(row, CustomerTableModel.STATUS))
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 220, 2) for y in range(0, 30, 2)}
    assert len(colours) > 3  # fill, border and text on the white cell


def test_view_paints_the_column_without_warnings(qtbot: QtBot, view: QTableView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.grab()
