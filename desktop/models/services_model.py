"""A customer's billable services as a table: name, monthly price, enabled since.

A load replaces every row (`reset`); removing a service takes out its one row (`remove`). The
records stay as the server sent them (exact Decimals); text is made when a view asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.models.money import money_text, totals_by_currency, totals_text


class ServiceRecord(Protocol):
    """What the model reads from a service (desktop.api.records.Service has it)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def monthly_price(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def enabled_at(self) -> datetime: ...


_USER = int(Qt.ItemDataRole.UserRole)
ServiceRole = _USER + 1  # the record itself
IdRole = _USER + 2  # the service's id
SortRole = _USER + 3  # name folded, price as Decimal, enabled_at as datetime

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)

AnyIndex = QModelIndex | QPersistentModelIndex

NAME, PRICE, ENABLED = range(3)
COLUMN_COUNT = 3


class ServicesTableModel(QAbstractTableModel):
    NAME, PRICE, ENABLED = NAME, PRICE, ENABLED
    ServiceRole = ServiceRole
    IdRole = IdRole
    SortRole = SortRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services: list[ServiceRecord] = []
        self._locale = QLocale()

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._services)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def service_at(self, row: int) -> ServiceRecord:
        return self._services[row]

    def services(self) -> list[ServiceRecord]:
        return list(self._services)

    def row_of(self, service_id: str) -> int | None:
        for row, service in enumerate(self._services):
            if service.id == service_id:
                return row
        return None

    def totals(self) -> dict[str, Decimal]:
        """What the listed services cost a month, per currency."""
        return totals_by_currency((s.monthly_price, s.currency) for s in self._services)

    def total_text(self) -> str:
        """ "34.70 EUR"; "" when nothing is listed."""
        return totals_text(self.totals(), self._locale)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _ACCESSIBLE):
            labels = (self.tr("Service"), self.tr("Monthly price"), self.tr("Enabled since"))
            return labels[section] if 0 <= section < len(labels) else None
        if orientation == Qt.Orientation.Horizontal and role == _ALIGN and section == PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._services) and 0 <= column < COLUMN_COUNT):
            return None
        service = self._services[row]
        role = int(role)
        if role in (_DISPLAY, _TOOLTIP):
            return self._display(service, column)
        if role == _ACCESSIBLE:
            header = self.headerData(column, Qt.Orientation.Horizontal)
            return f"{header}: {self._display(service, column)}"
        if role == _ALIGN and column == PRICE:
            # Prices line up on the decimal point when right-aligned.
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ServiceRole:
            return service
        if role == IdRole:
            return service.id
        if role == SortRole:
            if column == NAME:
                return service.name.casefold()
            if column == PRICE:
                return service.monthly_price
            return service.enabled_at
        return None

    def _display(self, service: ServiceRecord, column: int) -> str:
        if column == NAME:
            return service.name
        if column == PRICE:
            return money_text(service.monthly_price, service.currency, self._locale)
        # The server's UTC instant, as the date it was where the person is.
        moment = QDateTime.fromMSecsSinceEpoch(int(service.enabled_at.timestamp() * 1000))
        return self._locale.toString(moment.toLocalTime().date(), QLocale.FormatType.ShortFormat)

    # -- changing -----------------------------------------------------------------------------

    def reset(self, services: Sequence[ServiceRecord] = ()) -> None:
        """Replaces every row with the server's list, in the server's order."""
        self.beginResetModel()
        self._services = list(services)
        self.endResetModel()

    def remove(self, service_id: str) -> ServiceRecord | None:
        """Takes out the service's row; None when it is not listed."""
        row = self.row_of(service_id)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        service = self._services.pop(row)
        self.endRemoveRows()
        return service
