"""Settings: every field checked before anything is kept, Cancel keeps nothing, OK keeps all,
and the theme is applied at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from desktop.settings import AppSettings
from desktop.ui.main_window import MainWindow
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.theme import ThemeKeeper, palette_is_dark
from tests.desktop.operation_gui import unnamed_controls
from tests.support.server import ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[ThemeKeeper]:
    """The app's look is global: put the style and palette back for the tests after."""
    style, palette = qapp.style().name(), qapp.palette()
    keeper = ThemeKeeper(qapp, "light")
    yield keeper
    keeper.setParent(None)  # gone, and its link to the OS colour scheme with it
    qapp.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture
def dialog(qtbot: QtBot, settings: AppSettings, theme: ThemeKeeper) -> SettingsDialog:
    shown = SettingsDialog(settings, theme)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _edit(dialog: SettingsDialog, name: str) -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def _choose(dialog: SettingsDialog, name: str, code: str) -> None:
    combo = dialog.findChild(QComboBox, name)
    combo.setCurrentIndex(combo.findData(code))


def _ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsOkButton"), Qt.MouseButton.LeftButton)


def _error(dialog: SettingsDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    return label.text() if label.isVisible() else ""


def test_every_control_has_a_name_for_tests_and_screen_readers(dialog: SettingsDialog) -> None:
    assert unnamed_controls(dialog) == []
    for name in ("settingsAutoClose", "settingsLanguage", "settingsTheme"):
        assert dialog.findChild(object, name).accessibleName()


def test_ok_keeps_every_field_and_applies_the_theme_at_once(
    qtbot: QtBot, dialog: SettingsDialog, settings: AppSettings, qapp: QApplication
) -> None:
    bundle = certifi.where()
    _edit(dialog, "settingsServerUrl").setText("https://partner.example.com")
    _edit(dialog, "settingsCaBundle").setText(bundle)
    dialog.findChild(QDoubleSpinBox, "settingsAutoClose").setValue(2.5)
    _choose(dialog, "settingsLanguage", "hr")
    assert "restart" in _error(dialog, "settingsLanguageNote")
    _choose(dialog, "settingsTheme", "dark")
    with qtbot.waitSignal(dialog.language_changed) as changed:
        _ok(qtbot, dialog)

    assert changed.args == ["hr"]
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    reread = AppSettings(QSettings(settings.file_name, QSettings.Format.IniFormat))
    assert reread.last_server == "https://partner.example.com"
    assert reread.ca_bundle == bundle
    assert reread.auto_close_ms == 2500
    assert reread.language == "hr"
    assert reread.theme == "dark"
    assert palette_is_dark(qapp.palette())


def test_cancel_keeps_nothing(
    qtbot: QtBot, dialog: SettingsDialog, settings: AppSettings, qapp: QApplication
) -> None:
    settings.last_server = "https://kept.example.com"
    before = dict(
        server=settings.last_server,
        ca=settings.ca_bundle,
        close=settings.auto_close_ms,
        language=settings.language,
        theme=settings.theme,
    )
    _edit(dialog, "settingsServerUrl").setText("https://other.example.com")
    _edit(dialog, "settingsCaBundle").setText(certifi.where())
    dialog.findChild(QDoubleSpinBox, "settingsAutoClose").setValue(9)
    _choose(dialog, "settingsLanguage", "hr")
    _choose(dialog, "settingsTheme", "dark")
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "settingsCancelButton"), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    after = dict(
        server=settings.last_server,
        ca=settings.ca_bundle,
        close=settings.auto_close_ms,
        language=settings.language,
        theme=settings.theme,
    )
    assert after == before
    assert not palette_is_dark(qapp.palette())


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://partner.example.com", "only allowed to this computer"),
        ("ftp://partner.example.com", "not a server address"),
        ("https://", "not a server address"),
        ("https://user:pw@partner.example.com", "not a server address"),
    ],
)
def test_a_bad_server_address_is_refused_with_a_clear_message(
    qtbot: QtBot, dialog: SettingsDialog, settings: AppSettings, url: str, words: str
) -> None:
    _edit(dialog, "settingsServerUrl").setText(url)
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert words in _error(dialog, "settingsServerError")
    assert settings.last_server == ""


@pytest.mark.parametrize("url", ["", "http://127.0.0.1:8000", "http://localhost", "partner.hr"])
def test_https_loopback_http_and_empty_server_are_accepted(
    qtbot: QtBot, dialog: SettingsDialog, settings: AppSettings, url: str
) -> None:
    _edit(dialog, "settingsServerUrl").setText(url)
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert settings.last_server == url


def test_a_ca_bundle_must_be_a_readable_file_of_pem_certificates(
    qtbot: QtBot, dialog: SettingsDialog, settings: AppSettings, tmp_path: Path
) -> None:
    not_pem = tmp_path / "notes.pem"
    not_pem.write_text("just some words\n")
    damaged = tmp_path / "damaged.pem"
    damaged.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    unreadable = tmp_path / "folder.pem"
    unreadable.mkdir()
    cases = {
        str(tmp_path / "missing.pem"): "There is no file",
        str(unreadable): "There is no file",
        str(not_pem): "holds no PEM certificate",
        str(damaged): "damaged certificate",
    }
    ca = _edit(dialog, "settingsCaBundle")
    for path, words in cases.items():
        ca.setText(path)
        _ok(qtbot, dialog)
        assert dialog.isVisible(), path
        assert words in _error(dialog, "settingsCaError"), path
    assert settings.ca_bundle == ""


def test_settings_open_from_the_edit_menu_of_the_main_window(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    action = window.findChild(QAction, "settingsAction")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5_000)
    shown = window.findChild(SettingsDialog)
    assert _edit(shown, "settingsServerUrl").text() == server.root
    shown.reject()


def test_a_dark_palette_keeps_text_readable(theme: ThemeKeeper, qapp: QApplication) -> None:
    from desktop.ui.customers.status_badge import contrast_ratio

    theme.apply("dark")
    palette = qapp.palette()
    role = QPalette.ColorRole
    for fore, back in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
    ):
        assert contrast_ratio(palette.color(fore), palette.color(back)) >= 4.5, fore
    theme.apply("light")
    assert not palette_is_dark(qapp.palette())


def test_switching_theme_live_recolours_tinted_boxes_and_style_sheets(
    qtbot: QtBot, theme: ThemeKeeper
) -> None:
    from PySide6.QtGui import QColor

    from desktop.ui.widgets.callout import Callout

    callout = Callout("warning", "Still billed")
    muted = QLabel("muted words")
    muted.setStyleSheet("color: palette(placeholder-text);")
    for widget in (callout, muted):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)

    def tint() -> QColor:
        return QColor(callout.styleSheet().split("background: ")[1][:7])

    assert tint().lightness() > 200
    theme.apply("dark")
    assert tint().lightness() < 80
    assert muted.palette().color(QPalette.ColorRole.WindowText).lightness() > 128
    assert callout.caption.palette().color(QPalette.ColorRole.WindowText).lightness() > 128
    theme.apply("light")
    assert tint().lightness() > 200


def test_system_theme_starts_from_a_guess_and_settles_on_the_os_scheme(
    theme: ThemeKeeper, qapp: QApplication
) -> None:
    """Before the first paint "system" goes by the platform's palette (the OS's own scheme is
    asked after it, see desktop/ui/theme.py); settling follows the scheme where they differ."""
    from desktop.ui.theme import system_is_dark

    assert not system_is_dark()  # offscreen: no dark scheme
    theme.apply("system", system_dark=True)  # a platform palette that looked dark
    assert theme.dark and palette_is_dark(qapp.palette())
    theme.settle()
    assert theme.choice == "system" and not theme.dark
    theme.apply("dark")
    theme.settle()  # a choice of the person's own is not the OS's to change
    assert theme.dark


def test_a_new_theme_keeper_takes_system_from_the_platform_palette(qapp: QApplication) -> None:
    from desktop.ui.theme import dark_palette

    style, palette = qapp.style().name(), qapp.palette()
    qapp.setPalette(dark_palette())  # as a platform with a dark OS scheme gives it
    keeper = ThemeKeeper(qapp, "system")
    try:
        assert keeper.dark
        keeper.settle()
        assert not keeper.dark  # offscreen's scheme is not dark
    finally:
        keeper.setParent(None)
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_an_os_scheme_switch_is_followed_while_system_is_chosen(
    theme: ThemeKeeper, qapp: QApplication
) -> None:
    theme.apply("system", system_dark=True)
    assert theme.dark
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)  # as the OS says it
    assert not theme.dark  # read again: offscreen's scheme is not dark
    theme.apply("dark")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.dark  # the person's own choice stays
