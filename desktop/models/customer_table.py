"""Every loaded customer as a table: one row each, kept packed, text made on demand.

Rows arrive page by page (`append_page`), a reload replaces them all (`reset`), and an edit or a
finished operation replaces one (`update_customer`), announced for that one row only. Each row
is stored packed (desktop/models/search/rows.py: about 400 bytes, no object for the garbage
collector to walk); `row_at` gives the light row the views read, `customer_at` the full record.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.models.search.columns import (
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
from desktop.models.search.prepared_rows import PreparedRows, as_prepared
from desktop.models.search.record import CustomerFields, CustomerRecord
from desktop.models.search.rows import (
    CustomerRow,
    CustomerRows,
    RowsSnapshot,
    light_row,
    pack,
)
from desktop.operations.schedule import person_zone, scheduled_badge, when_text, when_words
from desktop.operations.words import operation_words

if TYPE_CHECKING:
    from desktop.api.records import OperationKind

_USER = int(Qt.ItemDataRole.UserRole)
CustomerRole = _USER + 1  # the record itself
IdRole = _USER + 2  # the customer's id
StatusRole = _USER + 3  # "active", "suspended" or "canceled", as the backend says
SortRole = _USER + 4  # the key the column sorts by (str or int)
PendingRole = _USER + 5  # the kind of the unfinished operation ("suspend", ...), or ""
StatusTextRole = _USER + 6  # the status in words ("Suspended"), even while an operation runs
ScheduledRole = _USER + 7  # the soonest scheduled operation in words ("Suspends 15 Dec"), or ""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

AnyIndex = QModelIndex | QPersistentModelIndex


def _unique_picks(page: PreparedRows, loaded: Container[str] = ()) -> list[int] | None:
    """Positions of the page's customers to add: each id once (its last copy, the newer, at
    the place of its first) and none already loaded; None when that is all of them."""
    # The usual page repeats no one and holds no one loaded (checked at C speed).
    if not page.repeats_ids() and not (loaded and any(map(loaded.__contains__, page.positions))):
        return None
    picks: list[int] = []
    pick_of: dict[str, int] = {}
    for i in range(len(page)):
        customer_id = page.id_at(i)
        if customer_id in loaded:
            continue
        if customer_id in pick_of:
            picks[pick_of[customer_id]] = i
        else:
            pick_of[customer_id] = len(picks)
            picks.append(i)
    return picks


# The kind a pending operation has when none is given: the one a toggle would start.
_DEFAULT_PENDING_KIND: dict[str, OperationKind] = {
    "active": "suspend",
    "suspended": "unsuspend",
    "canceled": "restore",
}


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
    ScheduledRole = ScheduledRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = CustomerRows()
        # While an insert is announced, the rows it adds as the records themselves: views
        # that index new rows at once (the filter) read them without unpacking them again.
        self._inserting: tuple[int, PreparedRows | None] = (0, None)
        # A reload's records and search keys (made off the GUI thread), until the filter has
        # read them all: it indexes a big reload over several event-loop turns.
        self._fresh: PreparedRows | None = None  # only its rows and keys
        self._fresh_edited: set[int] = set()  # its rows changed since (their keys are stale)
        # Its rows before this were read, and let go a step at a time: 100,000 light rows
        # freed at once held the GUI thread for some 30 ms.
        self._fresh_read = 0
        self._pending: dict[str, OperationKind] = {}
        self._locale = QLocale()
        self._zone = person_zone()  # the scheduled badge's dates are where the person is

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
        if inserting is not None and start <= first and end <= start + len(inserting):
            return inserting.fields(first - start, end - start)
        if self._fresh is not None and self._fresh_read <= first and end <= len(self._fresh):
            return self._fresh.fields(first, end)
        return self._rows.rows(first, end)

    def search_keys_in(self, first: int, end: int) -> list[tuple[bytes, Any]] | None:
        """The search keys of rows first..end-1, per field joined with their lengths
        (FieldIndex.append_joined), when they were made with the rows (by `prepare_rows`, off
        the GUI thread); None when the reader must make them itself.

        A reload's are kept until read to the end, and its light rows until read: an index
        reads each row's keys once, and its rows (`customers_in`) just before.
        """
        start, inserting = self._inserting
        if inserting is not None and start <= first and end <= start + len(inserting):
            return [run.joined(first - start, end - start) for run in inserting.keys]
        fresh = self._fresh
        if fresh is None:
            return None
        count = len(fresh)
        keys = None
        if end <= count and not any(first <= row < end for row in self._fresh_edited):
            keys = [run.joined(first, end) for run in fresh.keys]
        if end >= count:
            self._fresh, self._fresh_edited = None, set()
        elif first <= self._fresh_read < end:
            fresh.rows.forget_before(end)
            self._fresh_read = end
        return keys

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
        if role == ScheduledRole:
            return scheduled_badge(record.next_scheduled, self._zone)
        if role == SortRole:
            return sort_key(record, column)
        if role == _ACCESSIBLE:
            return self._accessible(record, column)
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        return None

    # -- changing -----------------------------------------------------------------------------

    def append_page(self, records: Iterable[CustomerRecord] | PreparedRows) -> None:
        """Adds a page of customers at the end; one already loaded is updated in place.

        Give it the page as `prepare_rows` made it in the worker that fetched it: plain records
        are packed here, on the GUI thread.
        """
        page = as_prepared(records)
        picks = _unique_picks(page, loaded=self._rows)
        if picks is not None:
            for i in range(len(page)):
                if page.id_at(i) in self._rows:
                    self._update(page.fields(i, i + 1)[0], page.blobs[i])
            page = page.subset(picks)
        if not len(page):
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.append_packed(page.record_type, page.positions, page.versions, page.blobs)
        self._inserting = (first, page)
        try:
            self.endInsertRows()
        finally:
            self._inserting = (0, None)

    def reset(self, records: Sequence[CustomerRecord] | PreparedRows = ()) -> None:
        """Replaces every row (a reload); pending markers stay, as operations outlive a reload.

        A reload fetched before an operation finished may carry an older version of a customer
        than the one already shown; the newer one is kept, so the table never steps back. Give
        it the rows `prepare_rows` made in the worker: a reload of 100,000 customers then
        costs the GUI thread tens of milliseconds, not a second. Rows given so are the table's
        afterwards: it keeps their lists rather than copy them.
        """
        page = as_prepared(records)
        picks = _unique_picks(page)
        if picks is not None:
            page = page.subset(picks)
        self.beginResetModel()
        kept = self._rows.reload(page.record_type, page.versions, page.blobs, page.positions)
        # Held for the filter, which indexes a big reload over several event-loop turns: the
        # light rows spare it decoding each row, the keys making them.
        self._fresh = page if len(page) else None
        self._fresh_edited = set()
        self._fresh_read = 0
        for row in kept:
            self._patch_fresh(row, self._rows.row(row))
        self.endResetModel()

    def update_customer(self, record: CustomerRecord) -> bool:
        """Replaces the row with this record's id; False when that customer is not loaded."""
        if record.id not in self._rows:
            return False
        self._rows.check_type(type(record))
        return self._update(record, pack(record))

    def _update(self, fields: CustomerFields, blob: str) -> bool:
        """The loaded row of `fields.id` becomes `blob` (its packed record), if not older."""
        row = self._rows.row_of(fields.id)
        if row is None:
            return False
        if fields.version < self._rows.version_at(row):
            return True  # a page fetched before the change arrived late: keep the newer row
        self._rows.replace_packed(row, fields.id, blob, fields.version)
        self._patch_fresh(row, fields)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1), [])
        return True

    def _patch_fresh(self, row: int, fields: CustomerFields) -> None:
        """A reload's row changed before the filter read it: its keys are made anew then."""
        fresh = self._fresh
        if fresh is not None and self._fresh_read <= row < len(fresh):
            fresh.rows[row] = tuple(light_row(fields))
            self._fresh_edited.add(row)

    def set_pending(
        self, customer_id: str, pending: bool, kind: OperationKind | None = None
    ) -> None:
        """Marks a customer as having an unfinished operation (without `kind`: the one its
        toggle would start)."""
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

    def pending_word(self, kind: OperationKind | None) -> str:
        """ "Suspending…"; "Working…" for None or a kind the words do not know."""
        return operation_words(kind).doing

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
            word, scheduled = self.status_word(record.status), record.next_scheduled
            kind = self._pending.get(record.id)
            if kind:
                also = self.pending_word(kind)
            elif scheduled is not None:
                also = when_words(scheduled.kind, when_text(scheduled.at, self._zone))
            else:
                return word
            return self.tr("%1, %2").replace("%1", word).replace("%2", also)
        if column == CREATED:
            return self._date_text(record, QLocale.FormatType.LongFormat)
        return self.cell_text(record, column)

    def _tooltip(self, record: CustomerRow, column: int) -> str | None:
        if column == DOMAIN and record.alias_domains:
            return self.tr("Also: %1").replace("%1", ", ".join(record.alias_domains))
        if column == STATUS and (record.id in self._pending or record.next_scheduled):
            return self._accessible(record, column)
        return None

    def _date_text(self, record: CustomerFields, form: QLocale.FormatType) -> str:
        # The backend's UTC instant, shown as the date it was where the user is.
        moment = QDateTime.fromMSecsSinceEpoch(int(record.created_at.timestamp() * 1000))
        return self._locale.toString(moment.toLocalTime().date(), form)
