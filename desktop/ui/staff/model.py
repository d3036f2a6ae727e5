"""The partner's staff as a table: name, user name, e-mail, role, two-factor, last sign-in,
disabled.

A load replaces every row (`set_staff`); a change the server answered replaces its one row
(`put`, a dataChanged) or adds it at the end. Text is made when a view asks, in the person's
time zone and locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette

from desktop.api.team_records import StaffUser
from desktop.ui.staff.reach import role_title
from desktop.ui.widgets.clock import local_time

_USER = int(Qt.ItemDataRole.UserRole)
StaffRole = _USER + 1  # the StaffUser itself

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)

AnyIndex = QModelIndex | QPersistentModelIndex

NAME, USERNAME, EMAIL, ROLE, MFA, LAST_SIGN_IN, DISABLED = range(7)
COLUMN_COUNT = 7


class StaffTableModel(QAbstractTableModel):
    StaffRole = StaffRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff: list[StaffUser] = []
        self._own_id = ""

    # -- changing -----------------------------------------------------------------------------

    def set_staff(self, staff: Sequence[StaffUser], own_id: str = "") -> None:
        """Every row anew; `own_id` is the signed-in user's row, marked "(you)"."""
        self.beginResetModel()
        self._staff = list(staff)
        self._own_id = own_id
        self.endResetModel()

    def put(self, person: StaffUser) -> int:
        """The server's answer for one person: their row changes, or a row is added. Its row."""
        row = self.row_of(person.id)
        if row is None:
            row = len(self._staff)
            self.beginInsertRows(QModelIndex(), row, row)
            self._staff.append(person)
            self.endInsertRows()
            return row
        self._staff[row] = person
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return row

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._staff)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def staff_at(self, row: int) -> StaffUser:
        return self._staff[row]

    def staff(self) -> list[StaffUser]:
        return list(self._staff)

    def row_of(self, staff_id: str) -> int | None:
        for row, person in enumerate(self._staff):
            if person.id == staff_id:
                return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _ACCESSIBLE):
            labels = (
                self.tr("Name"),
                self.tr("User name"),
                self.tr("E-mail"),
                self.tr("Role"),
                self.tr("Two-factor"),
                self.tr("Last sign-in"),
                self.tr("Disabled"),
            )
            return labels[section] if 0 <= section < len(labels) else None
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._staff) and 0 <= column < COLUMN_COUNT):
            return None
        person = self._staff[row]
        role = int(role)
        if role in (_DISPLAY, _TOOLTIP):
            return self._display(person, column)
        if role == _ACCESSIBLE:
            header = self.headerData(column, Qt.Orientation.Horizontal)
            return f"{header}: {self._display(person, column)}"
        if role == StaffRole:
            return person
        if role == _FOREGROUND and person.disabled:
            # A disabled account reads as one: greyed, and the Disabled column says since when.
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, person: StaffUser, column: int) -> str:
        if column == NAME:
            if person.id == self._own_id:
                return self.tr("{name} (you)").format(name=person.shown_name)
            return person.shown_name
        if column == USERNAME:
            return person.username
        if column == EMAIL:
            return person.email
        if column == ROLE:
            return role_title(person.role)
        if column == MFA:
            return self.tr("On") if person.mfa_enabled else self.tr("Off")
        if column == LAST_SIGN_IN:
            if person.last_login_at is None:
                return self.tr("Never")
            return local_time(person.last_login_at)
        if person.disabled_at is not None:
            return self.tr("Since {time}").format(time=local_time(person.disabled_at))
        return self.tr("No")
