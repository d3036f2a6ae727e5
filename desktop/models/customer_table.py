"""Every loaded customer as a table: one row each, kept packed, text made on demand.

Rows arrive page by page (`append_page`), a reload replaces them all (`reset`), and an edit or a
finished operation replaces one (`update_customer`), announced for that one row only. Each row
is stored packed (desktop/models/customer_rows.py: about 400 bytes, no object for the garbage
collector to walk); `row_at` gives the light row the views read, `customer_at` the full record.
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
from desktop.models.customer_record import CustomerFields, CustomerRecord
from desktop.models.customer_rows import CustomerRow, CustomerRows, RowsSnapshot

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
        self._rows = CustomerRows()
        # While an insert is announced, the rows it adds as the records themselves: views
        # that index new rows at once (the filter) read them without unpacking them again.
        self._inserting: tuple[int, Sequence[CustomerFields]] = (0, ())
        self._pending: dict[str, str] = {}
        self._locale = QLocale()

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_of(self, customer_id: str) -> int | None:
        """The row of a customer, or None when it is not loaded."""
        return self._rows.row_of(customer_id)

    def customer_at(self, row: int) -> CustomerRecord:
        """The full record (rebuilt from its packed row): for opening or acting on a customer."""
        record: CustomerRecord = self._rows.record(row)
        return record

    def row_at(self, row: int) -> CustomerRow:
        """What the list shows, searches and sorts by: cheap, cached for the rows on screen."""
        return self._rows.row(row)

    def snapshot(self) -> RowsSnapshot:
        """Every row now, to read in a worker: `snapshot()[row]` is that row's CustomerRow."""
        return self._rows.snapshot()

    def customers_in(self, first: int, end: int) -> Sequence[CustomerFields]:
        """Rows first..end-1, for indexes built a page at a time."""
        start, inserting = self._inserting
        if start <= first and end <= start + len(inserting):
            return inserting[first - start : end - start]
        return self._rows.rows(first, end)

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
        if not (0 <= row < len(self._rows) and 0 <= column < COLUMN_COUNT):
            return None
        role = int(role)
        if role == CustomerRole:
            return self._rows.record(row)
        record = self._rows.row(row)
        if role == _DISPLAY:
            return self.cell_text(record, column)
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
            if self._rows.row_of(record.id) is not None:
                self.update_customer(record)
            elif record.id in fresh_ids:
                # The same customer twice in a page: the later copy is the newer.
                fresh[fresh_ids[record.id]] = record
            else:
                fresh_ids[record.id] = len(fresh)
                fresh.append(record)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.append(fresh)
        self._inserting = (first, fresh)
        try:
            self.endInsertRows()
        finally:
            self._inserting = (0, ())

    def reset(self, records: Sequence[CustomerRecord] = ()) -> None:
        """Replaces every row (a reload); pending markers stay, as operations outlive a reload.

        A reload fetched before an operation finished may carry an older version of a customer
        than the one already shown; the newer one is kept, so the table never steps back.
        """
        self.beginResetModel()
        held_rows, held_blobs, held_versions = self._rows.take()
        rows = self._rows
        for record in records:
            held = held_rows.get(record.id)
            row = rows.row_of(record.id)
            if held is not None and held_versions[held] > record.version:
                if row is None:
                    rows.append_packed(record.id, held_blobs[held], held_versions[held])
                else:
                    rows.replace_packed(row, held_blobs[held], held_versions[held])
            elif row is None:
                rows.append((record,))
            else:
                rows.replace(row, record)
        self.endResetModel()

    def update_customer(self, record: CustomerRecord) -> bool:
        """Replaces the row with this record's id; False when that customer is not loaded."""
        row = self._rows.row_of(record.id)
        if row is None:
            return False
        if record.version < self._rows.version_at(row):
            return True  # a page fetched before the change arrived late: keep the newer row
        self._rows.replace(row, record)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1), [])
        return True

    def set_pending(self, customer_id: str, pending: bool, kind: str = "") -> None:
        """Marks a customer as having an unfinished operation (`kind` as in the API)."""
        if pending:
            if not kind:
                row = self._rows.row_of(customer_id)
                status = self._rows.row(row).status if row is not None else "active"
                kind = _DEFAULT_PENDING_KIND.get(status, "suspend")
            if self._pending.get(customer_id) == kind:
                return
            self._pending[customer_id] = kind
        elif self._pending.pop(customer_id, None) is None:
            return
        row = self._rows.row_of(customer_id)
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

    def cell_text(self, record: CustomerFields, column: int, *, pending: bool = True) -> str:
        """What a cell shows (its DisplayRole); without `pending`, the status as it stands."""
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
            kind = self._pending.get(record.id) if pending else None
            return self.pending_word(kind) if kind else self.status_word(record.status)
        return self._date_text(record, QLocale.FormatType.ShortFormat)

    def _accessible(self, record: CustomerRow, column: int) -> str:
        if column == STATUS:
            word = self.status_word(record.status)
            kind = self._pending.get(record.id)
            if kind:
                return self.tr("%1, %2").replace("%1", word).replace("%2", self.pending_word(kind))
            return word
        if column == CREATED:
            return self._date_text(record, QLocale.FormatType.LongFormat)
        return self.cell_text(record, column)

    def _tooltip(self, record: CustomerRow, column: int) -> str | None:
        if column == DOMAIN and record.alias_domains:
            return self.tr("Also: %1").replace("%1", ", ".join(record.alias_domains))
        if column == STATUS and record.id in self._pending:
            return self._accessible(record, column)
        return None

    def _date_text(self, record: CustomerFields, form: QLocale.FormatType) -> str:
        # The backend's UTC instant, shown as the date it was where the user is.
        moment = QDateTime.fromMSecsSinceEpoch(int(record.created_at.timestamp() * 1000))
        return self._locale.toString(moment.toLocalTime().date(), form)
