"""English and Croatian are complete, current and compiled, and the app speaks Croatian under hr.

The .ts files are the source of truth; `make translations` brings them up to date with the code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.api.errors import NetworkError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import Customer
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.failure_words import failure_reason
from tests.support.gui import offline_window

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "desktop" / "translations"
BIN = Path(sys.executable).parent
# Croatian has three plural forms (1, 21 / 2-4, 22-24 / the rest), English two.
FORMS = {"hr": 3, "en": 2}
# The same options as `make translations`.
LUPDATE = ["-silent", "-extensions", "py", "-locations", "none", "-no-obsolete"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?n|%\d")


def _messages(ts: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def _sources(ts: Path) -> set[tuple[str, str]]:
    return {(context, m.findtext("source") or "") for context, m in _messages(ts)}


def _lupdate(ts: Path, *extra: str) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *LUPDATE, *extra, str(ROOT / "desktop"), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("language", ["hr", "en"])
def test_every_entry_is_translated_with_its_placeholders_and_plural_forms(language: str) -> None:
    problems = []
    for context, message in _messages(FOLDER / f"partner_desk_{language}.ts"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        where = f"{context}: {source!r}"
        if translation.get("type"):  # unfinished, vanished, obsolete
            problems.append(f"{translation.get('type')}: {where}")
            continue
        if "%n" in source or "%Ln" in source:
            forms = [form.text or "" for form in translation.findall("numerusform")]
            if message.get("numerus") != "yes":
                problems.append(f"a count not marked as plural (use tr(text, '', n)): {where}")
            elif len(forms) != FORMS[language] or not all(forms):
                problems.append(f"{len(forms)} plural forms, not {FORMS[language]}: {where}")
        else:
            forms = [translation.text or ""]
            if not forms[0]:
                problems.append(f"empty: {where}")
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"placeholders differ: {where} -> {form!r}")
            if ("&" in source.replace("&&", "")) != ("&" in form.replace("&&", "")):
                problems.append(f"shortcut letter (&) lost or added: {where} -> {form!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("language", "extra"), [("hr", ()), ("en", ("-pluralonly",))])
def test_the_translations_hold_every_string_in_the_code(
    tmp_path: Path, language: str, extra: tuple[str, ...]
) -> None:
    committed = FOLDER / f"partner_desk_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    _lupdate(fresh, *extra)
    new = sorted(_sources(fresh) - _sources(committed))
    gone = sorted(_sources(committed) - _sources(fresh))
    assert not new, f"not in {committed.name} yet (run `make translations`, translate): {new}"
    assert not gone, f"no longer in the code (run `make translations`): {gone}"


@pytest.mark.parametrize("language", ["hr", "en"])
def test_the_compiled_translation_matches_its_source(tmp_path: Path, language: str) -> None:
    ts = FOLDER / f"partner_desk_{language}.ts"
    qm = tmp_path / f"partner_desk_{language}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    committed = FOLDER / qm.name
    assert committed.read_bytes() == qm.read_bytes(), (
        f"{committed.name} is stale: make translations"
    )


def test_the_compiled_translations_are_installed_with_the_package() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'desktop = ["translations/*.qm"]' in text


def test_system_follows_the_os_locale_and_english_keeps_its_own_dates() -> None:
    croatian = QLocale(QLocale.Language.Croatian, QLocale.Country.Croatia)
    american = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    c = QLocale.c()
    assert i18n.chosen_locale("system", croatian) == croatian
    assert i18n.chosen_locale("system", german) == german  # English words, German dates
    assert i18n.chosen_locale("system", c).language() == QLocale.Language.English
    assert i18n.chosen_locale("en", american) == american
    assert i18n.chosen_locale("en", croatian).language() == QLocale.Language.English
    assert i18n.chosen_locale("hr", american).language() == QLocale.Language.Croatian


def _customer() -> Customer:
    when = "2025-03-01T09:30:00+00:00"
    record = {
        "id": "c-1",
        "account_number": "100001",
        "name": "Vega Labs d.o.o.",
        "contact_name": "Ana Horvat",
        "email": "ana@vegalabs.hr",
        "phone": "+385 1 234 5678",
        "domain": "vegalabs.hr",
        "alias_domains": [],
        "website": "",
        "address": {"street": "", "city": "", "region": "", "postal_code": "", "country": "HR"},
        "status": "active",
        "suspended_at": None,
        "suspension_reason": None,
        "canceled_at": None,
        "created_at": when,
        "updated_at": when,
        "version": 1,
    }
    return Customer.model_validate_json(json.dumps(record))


def test_under_hr_the_main_window_and_a_confirmation_speak_croatian(
    qtbot: QtBot, tmp_path: Path, croatian: None
) -> None:
    from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog

    # Nothing is sent: the window is built, not started, and the confirmation only reads.
    runner = TaskRunner()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = offline_window(qtbot, settings, runner)
    api = window.session.api
    sidebar = window.findChild(QListWidget, "sidebar")
    labels = [sidebar.item(row).text() for row in range(sidebar.count())]
    assert labels[:3] == ["Pregled", "Moji korisnici", "Brendiranje"]
    assert set(labels[3:]) == {"Osoblje", "Aktivnost"}
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:2] == ["&Datoteka", "&Uredi"] and "Po&moć" in menus
    assert window.findChild(QLabel, "customerCount").text() == "0 korisnika"

    dialog = SuspendConfirmDialog(api, runner, _customer(), suspend=True, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Suspendiraj korisnika"
    assert (
        dialog.findChild(QLabel, "confirmTitle").text()
        == "Suspendirati korisnika Vega Labs d.o.o.?"
    )
    assert dialog.findChild(QLabel, "confirmAccount").text().startswith("Račun 100001")
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert {"Suspendiraj račun", "Odustani"} <= buttons
    assert runner.drain(10_000)


def test_under_hr_a_message_from_the_api_layer_is_translated_where_it_is_shown(
    croatian: None,
) -> None:
    template = QT_TRANSLATE_NOOP("ApiMessages", "The server at {server} did not answer in time.")
    error = NetworkError(Message(template, server="partner.example.com"))
    assert error.message == "The server at partner.example.com did not answer in time."
    assert failure_reason(error) == "Poslužitelj partner.example.com nije odgovorio na vrijeme."


def test_in_english_the_servers_own_words_are_shown(qapp: QApplication) -> None:
    said = Message.worded(
        "No such customer.", QT_TRANSLATE_NOOP("ApiMessages", "It no longer exists.")
    )
    error = NetworkError(said)
    assert failure_reason(error) == "No such customer."
