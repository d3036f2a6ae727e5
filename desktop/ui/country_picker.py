"""A searchable country combo: "Croatia (HR)", found by typing any part of the name or the code."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.ui.field_rules import COUNTRY_CODES


def country_name(code: str) -> str:
    """English name from Qt's locale data; the bare code if Qt does not know it."""
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def country_label(code: str) -> str:
    return f"{country_name(code)} ({code})" if code else ""


class CountryPicker(QComboBox):
    """`code()` is "" for no country, the ISO code, or None while the text names no country."""

    code_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        # Sized for a usual name; the longest ("South Georgia & ...") would widen the whole form.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.addItem("", "")  # no country: the API allows an empty one
        for code in sorted(COUNTRY_CODES, key=lambda c: country_name(c).casefold()):
            self.addItem(country_label(code), code)
        line = self.lineEdit()
        assert line is not None  # editable combos always have one
        line.setPlaceholderText(self.tr("Type a country or its code"))

        # Match anywhere in "Croatia (HR)", so both "croa" and "hr" find it.
        completer = QCompleter(self)
        completer.setModel(self.model())
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

        line.textChanged.connect(self.code_changed)
        line.editingFinished.connect(self._tidy_text)

    def code(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return ""
        folded = text.casefold()
        for row in range(1, self.count()):
            code = str(self.itemData(row))
            if folded in (self.itemText(row).casefold(), code.casefold()):
                return code
            if folded == country_name(code).casefold():
                return code
        return None

    def set_code(self, code: str) -> None:
        row = self.findData(code)
        if row >= 0:
            self.setCurrentIndex(row)
        else:
            # An unknown code from the server is shown as it is, and flagged by validation.
            self.setCurrentIndex(-1)
            self.setEditText(code)

    @Slot()
    def _tidy_text(self) -> None:
        # "hr" or "croatia" typed by hand becomes "Croatia (HR)" once the person moves on.
        code = self.code()
        if code and self.currentText() != country_label(code):
            self.set_code(code)
