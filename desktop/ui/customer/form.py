"""The customer's details form: every writable field of API.md, checked as the person types.

Fields are keyed the way the server names them in 422 answers ("email", "address.country"), so
a server error lands beside the same field a local rule would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.customer import field_rules as rules
from desktop.ui.customer.fields import FIELD_KEYS, FieldValue, customer_value
from desktop.ui.widgets.country_picker import CountryPicker
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.records import Customer

Editor = QLineEdit | QPlainTextEdit | CountryPicker


@dataclass
class _Field:
    key: str
    label: str
    editor: Editor
    error: QLabel
    problem: Callable[[], str | None]
    server_error: str | None = None
    notice: str | None = None  # input was refused at the server's limit: said, not a problem
    marked: bool = False  # tinted as wrong right now


class CustomerForm(QWidget):
    """Edits one customer (or a new one); knows what changed and what is wrong, sends nothing."""

    changed = Signal()  # any edit, after the rules ran

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: Customer | None = None
        self._loading = False
        self._fields: dict[str, _Field] = {}
        self._build()
        self.set_customer(None)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        # Labels are as tall as a one-line editor, so they sit level with its text.
        self._row_height = QLineEdit().sizeHint().height()  # a parentless probe, then gone
        account = self._section(
            self.tr("Account"),
            [
                self._line("name", self.tr("Account &name:"), rules.name_problem),
                self._line("account_number", self.tr("Account n&umber:"), self._account_problem),
                self._line("contact_name", self.tr("&Contact:"), lambda _v: None),
            ],
        )
        contact = self._section(
            self.tr("Reaching them"),
            [
                self._line("email", self.tr("Support &email:"), rules.email_problem),
                self._line("phone", self.tr("&Phone:"), rules.phone_problem),
                self._line("website", self.tr("&Website:"), rules.website_problem),
            ],
        )
        address = self._section(
            self.tr("Address"),
            [
                self._line("address.street", self.tr("&Street:"), lambda _v: None),
                self._line("address.postal_code", self.tr("P&ostal code:"), lambda _v: None),
                self._line("address.city", self.tr("Cit&y:"), lambda _v: None),
                self._line("address.region", self.tr("&Region:"), lambda _v: None),
                self._country(),
            ],
        )
        domains = self._section(
            self.tr("Domains"),
            [
                self._line("domain", self.tr("Primary &domain:"), rules.domain_problem),
                self._aliases(),
            ],
        )
        # Two independent columns, so a tall section on one side leaves no gap on the other.
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for sections in ((account, contact), (address, domains)):
            column = QVBoxLayout()
            column.setSpacing(12)
            # One label width per column, so editors line up across its sections.
            labels = [label for box in sections for label in box.findChildren(QLabel, "formLabel")]
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setFixedWidth(width)
            for section in sections:
                column.addWidget(section)
            column.addStretch(1)
            row.addLayout(column, 1)

        self._placeholder("email", "ana@example.com")
        self._placeholder("phone", "+385 1 234 5678")
        self._placeholder("website", "https://example.com")
        self._placeholder("domain", "example.com")

    def _placeholder(self, key: str, example: str) -> None:
        editor = self._fields[key].editor
        if isinstance(editor, QLineEdit):
            editor.setPlaceholderText(example)

    def _section(self, title: str, fields: list[_Field]) -> QGroupBox:
        # A grid, not a QFormLayout: labels stay level with their editor's first line even
        # when an error message opens up below the editor.
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        for index, field in enumerate(fields):
            label = QLabel(field.label)
            label.setObjectName("formLabel")
            label.setBuddy(field.editor)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setFixedHeight(self._row_height)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(field.editor)
            cell.addWidget(field.error)
            grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(cell, index, 1)
        return box

    def _register(
        self, key: str, label: str, editor: Editor, problem: Callable[[], str | None]
    ) -> _Field:
        words = label.replace("&", "").rstrip(":")
        short = key.removeprefix("address.")  # objectNames say "field_city", not "address.city"
        named(editor, f"field_{short}", words)
        error = named(
            QLabel(), f"error_{short}", self.tr("Problem with {field}").format(field=words)
        )
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.setStyleSheet(tone_style("error"))
        small = QFont(error.font())
        small.setPointSizeF(small.pointSizeF() * 0.92)
        error.setFont(small)
        error.hide()
        field = _Field(key, label, editor, error, problem)
        self._fields[key] = field
        return field

    def _line(self, key: str, label: str, rule: Callable[[str], str | None]) -> _Field:
        editor = QLineEdit()
        editor.setMaxLength(rules.MAX_LENGTH[key])
        editor.textEdited.connect(lambda _t, k=key: self._on_edited(k))
        # Emitted when a key or a paste goes past the limit (and before textEdited).
        editor.inputRejected.connect(lambda k=key: self._refused(k))
        return self._register(
            key,
            label,
            editor,
            lambda: rules.control_character_problem(editor.text()) or rule(editor.text()),
        )

    def _country(self) -> _Field:
        picker = CountryPicker()
        picker.code_changed.connect(lambda: self._on_edited("address.country"))
        return self._register(
            "address.country",
            self.tr("Coun&try:"),
            picker,
            lambda: rules.country_problem(picker.code()),
        )

    def _aliases(self) -> _Field:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText(self.tr("One per line, or separated by commas"))
        line = editor.fontMetrics().lineSpacing()
        editor.setFixedHeight(line * 4 + 12)
        editor.textChanged.connect(lambda: self._on_edited("alias_domains"))
        return self._register(
            "alias_domains",
            self.tr("&Alias domains:"),
            editor,
            lambda: rules.alias_domains_problem(editor.toPlainText()),
        )

    def _account_problem(self, text: str) -> str | None:
        # A new customer may leave it empty: the server then assigns the next number.
        return rules.account_number_problem(text, required=self._base is not None)

    # --- state ---------------------------------------------------------------------------------

    def set_customer(self, customer: Customer | None) -> None:
        """Show a customer as the server has it (None: a new, empty one); forgets edits."""
        self._base = customer
        self._loading = True
        try:
            for key, field in self._fields.items():
                value = customer_value(customer, key) if customer else self._empty(key)
                self._put(field, value)
                field.server_error = field.notice = None
        finally:
            self._loading = False
        number = self._fields["account_number"].editor
        if isinstance(number, QLineEdit):
            # A new customer may leave it empty: the server then assigns the next number.
            number.setPlaceholderText(self.tr("Assigned when saved") if customer is None else "")
        self._refresh()

    def rebase(self, customer: Customer, keep: dict[str, FieldValue]) -> None:
        """Take `customer` as the new starting point, with the person's `keep` edits on top."""
        self.set_customer(customer)
        self._loading = True
        try:
            for key, value in keep.items():
                self._put(self._fields[key], value)
        finally:
            self._loading = False
        self._refresh()
        self.changed.emit()

    def base(self) -> Customer | None:
        return self._base

    def set_read_only(self, read_only: bool) -> None:
        """Shown, selectable and copyable, but not editable (a role that may not edit)."""
        for field in self._fields.values():
            editor = field.editor
            if isinstance(editor, CountryPicker):
                editor.setEnabled(not read_only)  # a combo has no read-only state of its own
            else:
                editor.setReadOnly(read_only)

    def value(self, key: str) -> FieldValue:
        editor = self._fields[key].editor
        if isinstance(editor, CountryPicker):
            return editor.code()
        if isinstance(editor, QPlainTextEdit):
            return rules.split_alias_domains(editor.toPlainText())
        text = editor.text().strip()
        return text.lower() if key == "domain" else text  # the server stores domains lowercased

    def values(self) -> dict[str, FieldValue]:
        return {key: self.value(key) for key in self._fields}

    def changes(self) -> dict[str, FieldValue]:
        """Fields whose value differs from the customer as opened: exactly what a PATCH sends."""
        changed: dict[str, FieldValue] = {}
        for key in self._fields:
            before = customer_value(self._base, key) if self._base else self._empty(key)
            now = self.value(key)
            if now != before:
                changed[key] = now
        return changed

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for key, field in self._fields.items():
            message = field.server_error or field.problem()
            if message:
                found[key] = message
        return found

    def is_valid(self) -> bool:
        return not self.problems()

    def show_server_errors(self, fields: dict[str, str]) -> dict[str, str]:
        """Put the server's field errors beside their fields; returns those that fit no field."""
        unplaced: dict[str, str] = {}
        for key, message in fields.items():
            field = self._fields.get(key)
            if field is None:
                unplaced[key] = message
                continue
            text = message.strip()
            field.server_error = (text[:1].upper() + text[1:]).rstrip(".") + "."
        self._refresh()
        return unplaced

    def focus_first_problem(self) -> None:
        problems = self.problems()
        for key in FIELD_KEYS:
            if key in problems:
                self._fields[key].editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def editor(self, key: str) -> Editor:
        return self._fields[key].editor

    def label(self, key: str) -> str:
        return self._fields[key].label.replace("&", "").rstrip(":")

    # --- internals -----------------------------------------------------------------------------

    @staticmethod
    def _empty(key: str) -> FieldValue:
        return [] if key == "alias_domains" else ""

    @staticmethod
    def _put(field: _Field, value: FieldValue) -> None:
        editor = field.editor
        if isinstance(editor, CountryPicker):
            editor.set_code(str(value or ""))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value or []))
        else:
            text = str(value or "")
            # The server counts characters, Qt UTF-16 units: never cut what the server holds.
            units = len(text.encode("utf-16-le")) // 2
            editor.setMaxLength(max(rules.MAX_LENGTH[field.key], units))
            editor.setText(text)
            editor.setCursorPosition(0)  # show a long address from its start, not its end

    def _on_edited(self, key: str) -> None:
        if self._loading:
            return
        field = self._fields[key]
        field.server_error = None  # the person answered it; judge the new text
        editor = field.editor
        if isinstance(editor, QLineEdit) and len(editor.text()) < editor.maxLength():
            field.notice = None  # room again: the word about the limit has done its work
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        # An untouched form shows no "is required": a blank New Customer is not an error yet.
        dirty = self.is_dirty()
        for field in self._fields.values():
            message = field.server_error or (field.problem() if dirty else None)
            self._mark(field, message)

    def _refused(self, key: str) -> None:
        field = self._fields[key]
        if isinstance(field.editor, QLineEdit):
            field.notice = rules.too_long_notice(field.editor.maxLength())
            self._refresh()

    def _mark(self, field: _Field, message: str | None) -> None:
        said = message or field.notice or ""
        field.error.setText(said)
        sheet = tone_style("error" if message else "warning")
        if sheet != field.error.styleSheet():  # an unchanged sheet would only repolish
            field.error.setStyleSheet(sheet)
        field.error.setVisible(bool(said))
        field.editor.setAccessibleDescription(said)
        targets: list[QWidget] = [field.editor]
        inner = field.editor.lineEdit() if isinstance(field.editor, CountryPicker) else None
        if inner is not None:
            targets.append(inner)  # the combo's text box is the part that shows the tint
        if field.marked == bool(message):
            return
        field.marked = bool(message)
        tinted = QPalette(self.palette())
        base = tinted.color(QPalette.ColorRole.Base)
        tinted.setColor(QPalette.ColorRole.Base, _tint(base, QColor("#e74c3c"), 0.14))
        for widget in targets:
            # An empty palette means "inherit again", so a theme change still reaches it.
            widget.setPalette(tinted if message else QPalette())


def _tint(base: QColor, colour: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )
