"""The language Partner Desk speaks: its own translation and Qt's, chosen by AppSettings.language.

English is the source text: its catalogue holds only the plural forms ("1 customer"); every
other language needs the app's catalogue and Qt's own qtbase one (the buttons of QMessageBox,
QDialogButtonBox, the context menus of text fields).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Next to this file, so an installed app (package data) finds it as the source tree does.
TRANSLATIONS_DIR = Path(__file__).with_name("translations")
CATALOGUE = "partner_desk"

# Languages with a translation of the app, by the code AppSettings.language stores.
TRANSLATED = {"hr": QLocale.Language.Croatian}
_FALLBACK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)

# The translators in use, so a second call replaces them instead of stacking them.
_installed: list[QTranslator] = []
_language = "en"


def ui_language() -> str:
    """The code of the language the app's text is in now: "en" (the source) or one translated."""
    return _language


def chosen_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale for a setting: "system" follows the OS when the app speaks its language.

    Dates and numbers keep the system's own conventions whenever its language is the one
    shown (en_US stays en_US); a bare "C" locale, or a language the app lacks, reads as
    English with British dates.
    """
    system = system if system is not None else QLocale.system()
    wanted = _code(system) if language == "system" else language
    if wanted in TRANSLATED:
        if system.language() == TRANSLATED[wanted]:
            return system
        return QLocale(TRANSLATED[wanted])
    if language == "system" and system.language() != QLocale.Language.C:
        return system  # the UI in English, the person's own dates and numbers
    if system.language() == QLocale.Language.English:
        return system
    return _FALLBACK


def _code(locale: QLocale) -> str:
    """The code of the language the app speaks under `locale`: "en" unless it is translated."""
    for code, qt_language in TRANSLATED.items():
        if locale.language() == qt_language:
            return code
    return "en"


def install_language(
    app: QCoreApplication, language: str, system: QLocale | None = None
) -> QLocale:
    """Install the translators for `language` and make its locale the default; returns it.

    Takes effect for text made afterwards: call it before the first window is built.
    """
    global _language
    remove_language(app)
    locale = chosen_locale(language, system)
    QLocale.setDefault(locale)
    code = _code(locale)
    # By file name, not by locale: English shown under a German locale still needs its plurals.
    catalogues = [(f"{CATALOGUE}_{code}", str(TRANSLATIONS_DIR))]
    if code != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogues.append((f"qtbase_{code}", qt_folder))
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    _language = code
    return locale


def remove_language(app: QCoreApplication) -> None:
    """Back to the English source text (the default locale is left to the caller)."""
    global _language
    _language = "en"
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
