"""Every loaded customer as a table: one row each, records kept as they are, text made on demand.

Rows arrive page by page (`append_page`), a reload replaces them all (`reset`), and an edit or a
finished operation replaces one (`update_customer`), announced for that one row only. Memory per
row is the record itself plus a slot in a list and an entry in an id -> row dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.models.customer_columns import (
    ACCOUNT,
    COLUMN_COUNT,
    CONTACT,
    CREATED,
    DOMAIN,
    EMAIL,
    NAME,
    PHONE,
    STATUS,
    sort_key,
)
from desktop.models.customer_record import CustomerRecord

_USER = int(Qt.ItemDataRole.UserRole)
CustomerRole = _USER + 1  # the record itself
IdRole = _USER + 2  # the customer's id
StatusRole = _USER + 3  # "active", "suspended" or "canceled", as the backend says
SortRole = _USER + 4  # the key the column sorts by (str or int)
PendingRole = _USER + 5  # the kind of the unfinished operation ("suspend", ...), or ""
StatusTextRole = _USER + 6  # the status in words ("Suspended"), even while an operation runs

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

AnyIndex = QModelIndex | QPersistentModelIndex

# What a pending operation is called when none is given: the one a toggle would start.
_DEFAULT_PENDING_KIND = {"active": "suspend", "suspended": "unsuspend", "canceled": "restore"}


class CustomerTableModel(QAbstractTableModel):
    ACCOUNT, NAME, CONTACT, EMAIL, PHONE, DOMAIN, STATUS, CREATED = (
        ACCOUNT,
        NAME,
        CONTACT,
        EMAIL,
        PHONE,
        DOMAIN,
        STATUS,
        CREATED,
    )
    CustomerRole = CustomerRole
    IdRole = IdRole
    StatusRole = StatusRole
    SortRole = SortRole
    PendingRole = PendingRole
    StatusTextRole = StatusTextRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[CustomerRecord] = []
        self._row_by_id: dict[str, int] = {}
        self._pending: dict[str, str] = {}
        self._locale = QLocale()

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_of(self, customer_id: str) -> int | None:
        """The row of a customer, or None when it is not loaded."""
        return self._row_by_id.get(customer_id)

    def customer_at(self, row: int) -> CustomerRecord:
        return self._records[row]

    def customers_in(self, first: int, end: int) -> list[CustomerRecord]:
        """Rows first..end-1, for indexes built a page at a time."""
        return self._records[first:end]

    def pending_kind(self, customer_id: str) -> str:
        return self._pending.get(customer_id, "")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _ACCESSIBLE):
            labels = self._header_labels()
            return labels[section] if 0 <= section < len(labels) else None
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._records) and 0 <= column < COLUMN_COUNT):
            return None
        record = self._records[row]
        role = int(role)
        if role == _DISPLAY:
            return self._display(record, column)
        if role == CustomerRole:
            return record
        if role == IdRole:
            return record.id
        if role == StatusRole:
            return record.status
        if role == PendingRole:
            return self._pending.get(record.id, "")
        if role == StatusTextRole:
            return self.status_word(record.status)
        if role == SortRole:
            return sort_key(record, column)
        if role == _ACCESSIBLE:
            return self._accessible(record, column)
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        return None

    # -- changing -----------------------------------------------------------------------------

    def append_page(self, records: Iterable[CustomerRecord]) -> None:
        """Adds a page of customers at the end; one already loaded is updated in place."""
        fresh: list[CustomerRecord] = []
        fresh_ids: dict[str, int] = {}
        for record in records:
            if record.id in self._row_by_id:
                self.update_customer(record)
            elif record.id in fresh_ids:
                # The same customer twice in a page: the later copy is the newer.
                fresh[fresh_ids[record.id]] = record
            else:
                fresh_ids[record.id] = len(fresh)
                fresh.append(record)
        if not fresh:
            return
        first = len(self._records)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._records.extend(fresh)
        for offset, record in enumerate(fresh, start=first):
            self._row_by_id[record.id] = offset
        self.endInsertRows()

    def reset(self, records: Sequence[CustomerRecord] = ()) -> None:
        """Replaces every row (a reload); pending markers stay, as operations outlive a reload.

        A reload fetched before an operation finished may carry an older version of a customer
        than the one already shown; the newer one is kept, so the table never steps back.
        """
        held = {record.id: record for record in self._records}
        self.beginResetModel()
        self._records = []
        self._row_by_id = {}
        for record in records:
            known = held.get(record.id)
            if known is not None and known.version > record.version:
                record = known
            row = self._row_by_id.get(record.id)
            if row is None:
                self._row_by_id[record.id] = len(self._records)
                self._records.append(record)
            else:
                self._records[row] = record
        self.endResetModel()

    def update_customer(self, record: CustomerRecord) -> bool:
        """Replaces the row with this record's id; False when that customer is not loaded."""
        row = self._row_by_id.get(record.id)
        if row is None:
            return False
        if record.version < self._records[row].version:
            return True  # a page fetched before the change arrived late: keep the newer row
        self._records[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1), [])
        return True

    def set_pending(self, customer_id: str, pending: bool, kind: str = "") -> None:
        """Marks a customer as having an unfinished operation (`kind` as in the API)."""
        if pending:
            if not kind:
                row = self._row_by_id.get(customer_id)
                status = self._records[row].status if row is not None else "active"
                kind = _DEFAULT_PENDING_KIND.get(status, "suspend")
            if self._pending.get(customer_id) == kind:
                return
            self._pending[customer_id] = kind
        elif self._pending.pop(customer_id, None) is None:
            return
        row = self._row_by_id.get(customer_id)
        if row is not None:
            cell = self.index(row, STATUS)
            roles = [_DISPLAY, _ACCESSIBLE, _TOOLTIP, PendingRole]
            self.dataChanged.emit(cell, cell, roles)

    # -- text ---------------------------------------------------------------------------------

    def _header_labels(self) -> tuple[str, ...]:
        return (
            self.tr("Account"),
            self.tr("Name"),
            self.tr("Contact"),
            self.tr("Email"),
            self.tr("Phone"),
            self.tr("Domain"),
            self.tr("Status"),
            self.tr("Created"),
        )

    def status_word(self, status: str) -> str:
        """The status in words: never shown by colour alone."""
        if status == "active":
            return self.tr("Active")
        if status == "suspended":
            return self.tr("Suspended")
        if status == "canceled":
            return self.tr("Canceled")
        return status.capitalize()

    def pending_word(self, kind: str) -> str:
        if kind == "suspend":
            return self.tr("Suspending…")
        if kind == "unsuspend":
            return self.tr("Re-enabling…")
        if kind == "cancel":
            return self.tr("Canceling…")
        if kind == "restore":
            return self.tr("Restoring…")
        return self.tr("Working…")

    def _display(self, record: CustomerRecord, column: int) -> str:
        if column == ACCOUNT:
            return record.account_number
        if column == NAME:
            return record.name
        if column == CONTACT:
            return record.contact_name
        if column == EMAIL:
            return record.email
        if column == PHONE:
            return record.phone
        if column == DOMAIN:
            return record.domain
        if column == STATUS:
            kind = self._pending.get(record.id)
            return self.pending_word(kind) if kind else self.status_word(record.status)
        return self._date_text(record, QLocale.FormatType.ShortFormat)

    def _accessible(self, record: CustomerRecord, column: int) -> str:
        if column == STATUS:
            word = self.status_word(record.status)
            kind = self._pending.get(record.id)
            if kind:
                return self.tr("%1, %2").replace("%1", word).replace("%2", self.pending_word(kind))
            return word
        if column == CREATED:
            return self._date_text(record, QLocale.FormatType.LongFormat)
        return self._display(record, column)

    def _tooltip(self, record: CustomerRecord, column: int) -> str | None:
        if column == DOMAIN and record.alias_domains:
            return self.tr("Also: %1").replace("%1", ", ".join(record.alias_domains))
        if column == STATUS and record.id in self._pending:
            return self._accessible(record, column)
        return None

    def _date_text(self, record: CustomerRecord, form: QLocale.FormatType) -> str:
        # The backend's UTC instant, shown as the date it was where the user is.
        moment = QDateTime.fromMSecsSinceEpoch(int(record.created_at.timestamp() * 1000))
        return self._locale.toString(moment.toLocalTime().date(), form)
