"""A searchable country combo: "Croatia (HR)", "Hrvatska (HR)" in Croatian, found by typing any
part of the name or the code.

Qt names territories in English only, so the names come from CLDR through babel, which ships
its data and reads it offline.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCollator, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.i18n import ui_language
from desktop.ui.customer.field_rules import COUNTRY_CODES


@cache
def _names(language: str) -> dict[str, str]:
    """CLDR's country names in `language` ("en", "hr"), by ISO code."""
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").territories)


@cache
def _codes_in_order(language: str) -> tuple[str, ...]:
    # The language's own alphabet: Croatian puts Č and Ć after C and Š after S, not after Z.
    collator = QCollator(QLocale(language))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    names = _names(language)
    return tuple(sorted(COUNTRY_CODES, key=lambda code: collator.sortKey(names.get(code) or code)))


def country_name(code: str) -> str:
    """The name in the app's language; the bare code if CLDR does not know it."""
    return _names(ui_language()).get(code, code)


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
        for code in _codes_in_order(ui_language()):
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
