"""Someone else saved the customer first (412): per field, keep your edit or take theirs.

Nothing typed is lost: every row starts on the person's own edit, and Cancel leaves the form
exactly as it was.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.country_picker import country_label
from desktop.ui.widgets.labels import wrapped
from desktop.ui.widgets.naming import named

FieldValue = str | list[str] | None
_MAX_SHOWN = 48  # characters of a value shown in a row; the tooltip has all of it


@dataclass(frozen=True)
class ConflictRow:
    key: str  # "email", "address.city"...
    label: str  # in words, as the form labels it
    mine: FieldValue
    theirs: FieldValue
    theirs_changed: bool  # the server's value differs from the one the person opened


def shown(key: str, value: FieldValue) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if key == "address.country" and value:
        return country_label(value)
    return value or ""


class ConflictDialog(QDialog):
    def __init__(
        self,
        customer_name: str,
        rows: list[ConflictRow],
        also_changed: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "conflictDialog", self.tr("Changed by someone else"))
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setModal(True)
        self._rows = rows
        self._groups: dict[str, QButtonGroup] = {}

        intro = wrapped(
            self.tr(
                "<b>Someone else saved {name} while you were editing.</b><br>"
                "For each field you changed, keep your edit or take the value now on the server."
                " Values in bold were changed on the server after you opened the customer."
            ).format(name=html.escape(customer_name))
        )
        self.also_changed = named(
            wrapped(""), "conflictAlsoChanged", self.tr("Other fields changed on the server")
        )
        if also_changed:
            self.also_changed.setText(
                self.tr("Also changed on the server, and taken as they are: {fields}.").format(
                    fields=", ".join(also_changed)
                )
            )
        self.also_changed.setVisible(bool(also_changed))

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self._build_rows(rows), 1)
        layout.addWidget(self.also_changed)
        layout.addLayout(self._build_choose_all())
        layout.addWidget(self._build_buttons())
        # Once inside the dialog, which then keeps it as its default for Enter.
        self.save_button.setDefault(True)
        self.resize(640, min(520, 220 + 34 * len(rows)))

    def _build_rows(self, rows: list[ConflictRow]) -> QScrollArea:
        """A row per conflicting field: its name, your edit, the server's value."""
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate(
            (self.tr("Field"), self.tr("Your edit"), self.tr("On the server now"))
        ):
            header = QLabel(title)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        for index, row in enumerate(rows, start=1):
            self._add_row(grid, index, row)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(rows) + 1, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a Tab stop of its own: the choices inside are, and it scrolls to the one focused.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(grid_host)
        return scroll

    def _build_choose_all(self) -> QHBoxLayout:
        keep_all = named(
            QPushButton(self.tr("Keep All Mine")), "keepAllMineButton", self.tr("Keep all mine")
        )
        take_all = named(
            QPushButton(self.tr("Take All Theirs")),
            "takeAllTheirsButton",
            self.tr("Take all theirs"),
        )
        keep_all.clicked.connect(lambda: self._choose_all("mine"))
        take_all.clicked.connect(lambda: self._choose_all("theirs"))
        # Enter is Save Merged's alone, wherever the focus is: a dialog's button takes Enter
        # for itself while it has the focus unless it is told not to.
        keep_all.setAutoDefault(False)
        take_all.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(keep_all)
        row.addWidget(take_all)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.save_button = named(
            QPushButton(self.tr("Save Merged")), "saveMergedButton", self.tr("Save merged")
        )
        cancel = named(QPushButton(self.tr("Cancel")), "cancelConflictButton", self.tr("Cancel"))
        cancel.setAutoDefault(False)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def choices(self) -> dict[str, str]:
        """ "mine" or "theirs" per conflicting field."""
        return {
            key: "mine" if group.checkedId() == 0 else "theirs"
            for key, group in self._groups.items()
        }

    def kept(self) -> dict[str, FieldValue]:
        """The person's edits to keep on top of the server's current customer."""
        choices = self.choices()
        return {row.key: row.mine for row in self._rows if choices[row.key] == "mine"}

    def choose(self, key: str, side: str) -> None:
        self._groups[key].button(0 if side == "mine" else 1).setChecked(True)

    def _add_row(self, grid: QGridLayout, index: int, row: ConflictRow) -> None:
        short = row.key.removeprefix("address.")
        label = QLabel(row.label)
        mine = self._choice(row.key, row.mine, f"conflict_mine_{short}", self.tr("your edit"))
        theirs = self._choice(
            row.key, row.theirs, f"conflict_theirs_{short}", self.tr("value on the server")
        )
        mine.setAccessibleName(self.tr("{field}: keep your edit").format(field=row.label))
        theirs.setAccessibleName(
            self.tr("{field}: take the server's value").format(field=row.label)
        )
        if row.theirs_changed:
            theirs.setToolTip(
                self.tr("Changed on the server since you opened it.\n{value}").format(
                    value=theirs.toolTip()
                )
            )
            font = QFont(theirs.font())
            font.setBold(True)
            theirs.setFont(font)
        group = QButtonGroup(self)
        group.addButton(mine, 0)
        group.addButton(theirs, 1)
        mine.setChecked(True)  # nothing typed is lost unless the person says so
        self._groups[row.key] = group
        grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignVCenter)
        # Left-aligned, so the button is only as wide as what it says: a click lands on it.
        grid.addWidget(mine, index, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(theirs, index, 2, Qt.AlignmentFlag.AlignLeft)

    def _choice(self, key: str, value: FieldValue, object_name: str, what: str) -> QRadioButton:
        text = shown(key, value)
        display = text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"
        button = QRadioButton(display or self.tr("(empty)"))
        button.setObjectName(object_name)
        button.setToolTip(text or self.tr("(empty)"))
        button.setAccessibleDescription(what)
        return button

    def _choose_all(self, side: str) -> None:
        for key in self._groups:
            self.choose(key, side)
