"""Settings: server, CA bundle, auto-close delay, language and theme. Cancel changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import AppSettings
from desktop.ui.settings.checks import ca_bundle_problem, server_problem
from desktop.ui.theme import ThemeKeeper
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style


class SettingsDialog(QDialog):
    """Edits a copy of the settings; only OK with every field valid writes them."""

    # The language chosen differs from the one running: a restart shows it.
    language_changed = Signal(str)

    def __init__(
        self,
        settings: AppSettings,
        theme: ThemeKeeper | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._theme = theme
        named(self, "settingsDialog", self.tr("Settings"))
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.server = named(
            QLineEdit(settings.last_server), "settingsServerUrl", self.tr("Server address")
        )
        self.server.setPlaceholderText("https://partner.example.com")
        self.server_error = self._error_label("settingsServerError")
        ca_row = self._build_ca_bundle(settings)
        self._build_auto_close(settings)
        self._build_language(settings)
        self.theme = self._choices(
            "settingsTheme",
            self.tr("Theme"),
            [(self.tr("System"), "system"), (self.tr("Light"), "light"), (self.tr("Dark"), "dark")],
            settings.theme,
        )

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Server:"), self.server), self.server)
        form.addRow("", self.server_error)
        form.addRow(self._buddy(self.tr("&CA bundle:"), self.ca_bundle), ca_row)
        form.addRow("", self.ca_error)
        form.addRow(self._buddy(self.tr("&Auto-close after:"), self.auto_close), self.auto_close)
        form.addRow(self._buddy(self.tr("&Language:"), self.language), self.language)
        form.addRow("", self.language_note)
        form.addRow(self._buddy(self.tr("&Theme:"), self.theme), self.theme)
        self.note = muted(self.tr("A new server or CA bundle is used from the next sign-in."))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.ok_button = self._build_buttons(layout)

        self.server.textEdited.connect(lambda _text: self.server_error.hide())
        self.ca_bundle.textEdited.connect(lambda _text: self.ca_error.hide())

    def _build_ca_bundle(self, settings: AppSettings) -> QHBoxLayout:
        self.ca_bundle = named(
            QLineEdit(settings.ca_bundle), "settingsCaBundle", self.tr("CA bundle file")
        )
        self.ca_bundle.setPlaceholderText(self.tr("None: the system's certificates only"))
        self.browse = named(
            QPushButton(self.tr("&Browse…")), "settingsCaBrowse", self.tr("Choose a CA bundle")
        )
        self.browse.setAutoDefault(False)  # Enter is OK's, wherever the focus is
        self.browse.clicked.connect(self._choose_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse)
        self.ca_error = self._error_label("settingsCaError")
        return ca_row

    def _build_auto_close(self, settings: AppSettings) -> None:
        self.auto_close = named(
            QDoubleSpinBox(), "settingsAutoClose", self.tr("Close after a confirmed operation")
        )
        self.auto_close.setRange(0.0, 30.0)
        self.auto_close.setDecimals(1)
        self.auto_close.setSingleStep(0.5)
        self.auto_close.setSuffix(self.tr(" s"))
        self.auto_close.setValue(settings.auto_close_ms / 1000)
        # The editor inside the spin box is what a screen reader lands on.
        self.auto_close.lineEdit().setAccessibleName(self.auto_close.accessibleName())
        self.auto_close.setToolTip(
            self.tr("How long a finished suspension or re-enable stays on screen; 0 closes at once")
        )

    def _build_language(self, settings: AppSettings) -> None:
        # Each language in its own words, so a person who cannot read the current one finds it.
        self.language = self._choices(
            "settingsLanguage",
            self.tr("Language"),
            [(self.tr("System"), "system"), ("English", "en"), ("Hrvatski", "hr")],
            settings.language,
        )
        self.language_note = named(muted(""), "settingsLanguageNote", self.tr("Language note"))
        self.language.currentIndexChanged.connect(self._update_language_note)
        self._update_language_note()

    def _build_buttons(self, layout: QVBoxLayout) -> QPushButton:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = named(
            buttons.button(QDialogButtonBox.StandardButton.Ok),
            "settingsOkButton",
            self.tr("Save settings"),
        )
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "settingsCancelButton", self.tr("Cancel"))
        # Enter is OK's alone: a focused Cancel (or Browse) would otherwise take it.
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ok.setDefault(True)  # once inside the dialog, which then keeps it as its default
        return ok

    @staticmethod
    def _choices(
        object_name: str, accessible_name: str, choices: list[tuple[str, str]], current: str
    ) -> QComboBox:
        """A list of (label, code), on the code saved (the first when it is not one of them)."""
        combo = named(QComboBox(), object_name, accessible_name)
        for label, code in choices:
            combo.addItem(label, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _error_label(self, name: str) -> QLabel:
        label = named(QLabel(), name, self.tr("Problem"))
        label.setWordWrap(True)
        label.setStyleSheet(tone_style("error"))
        label.hide()
        return label

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    @Slot()
    def _update_language_note(self) -> None:
        changed = self.language.currentData() != self._settings.language
        self.language_note.setText(
            self.tr("The new language is used after Partner Desk restarts.") if changed else ""
        )
        self.language_note.setVisible(changed)

    @Slot()
    def _choose_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CA bundle"),
            self.ca_bundle.text(),
            self.tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)
            self.ca_error.hide()

    def problems(self) -> dict[str, str]:
        """What is wrong, by field objectName; empty when every field is good."""
        found: dict[str, str] = {}
        if problem := server_problem(self.server.text()):
            found[self.server.objectName()] = problem
        if problem := ca_bundle_problem(self.ca_bundle.text()):
            found[self.ca_bundle.objectName()] = problem
        return found

    def accept(self) -> None:
        found = self.problems()
        for field, label in ((self.server, self.server_error), (self.ca_bundle, self.ca_error)):
            message = found.get(field.objectName())
            label.setText(message or "")
            label.setVisible(message is not None)
        if found:
            first = self.server if self.server.objectName() in found else self.ca_bundle
            first.setFocus()
            first.selectAll()
            return
        self._save()
        super().accept()

    def _save(self) -> None:
        settings = self._settings
        settings.last_server = self.server.text().strip()
        settings.ca_bundle = self.ca_bundle.text().strip()
        settings.auto_close_ms = round(self.auto_close.value() * 1000)
        language = str(self.language.currentData())
        if language != settings.language:
            settings.language = language
            self.language_changed.emit(language)
        settings.theme = str(self.theme.currentData())
        settings.sync()
        if self._theme is not None:
            self._theme.apply(settings.theme)
