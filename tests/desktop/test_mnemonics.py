"""Alt+letter shortcuts (the & in a label) never clash, in English and in Croatian alike.

Each window, as shown, and each menu is one level: two controls there with the same letter
leave Alt+letter to whichever comes first (in Croatian Alt+U went to the Services tab, never
to Street, and Alt+J to History, never to Postal code). A letter is one an English keyboard
has: Alt+Ž cannot be typed on most. The user guide names each language's letters.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.api.client import PartnerApi
from desktop.app import api_factory
from desktop.credentials import CredentialStore
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.cancel_confirm import CancelConfirmDialog
from desktop.ui.customer.dialog import CustomerDialog
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.signin.dialog import LoginDialog
from tests.desktop.a11y_support import focused
from tests.desktop.customer_dialog_support import OFFSCREEN_NOISE, CustomerPicker, open_dialog
from tests.desktop.operation_gui import OPERATION_TIMEOUT_MS, when_shown
from tests.support.gui import MemoryKeyring, offline_window

pytestmark = OFFSCREEN_NOISE

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"
LANGUAGES = ["en", "hr"]


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def mnemonic(text: str) -> str | None:
    """The letter after a single &, as Qt reads it ("&&" is a plain ampersand)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1] if 0 <= at < len(plain) - 1 else None


def window_texts(window: QWidget) -> list[str]:
    """The texts whose & letter Alt reaches in `window` as it is shown now."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        buddied = isinstance(widget, QLabel) and widget.buddy() is not None
        if buddied or isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions() if action.isVisible()]
    return texts


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def problems(where: str, texts: list[str]) -> list[str]:
    """Clashing letters and letters an English keyboard lacks, said for a person to fix."""
    found: list[str] = []
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter is None:
            continue
        by_letter.setdefault(letter.casefold(), []).append(text)
        if not (letter.isascii() and letter.isalnum()):
            found.append(f"{where}: {text!r} uses {letter!r}, not on every keyboard")
    for letter, users in sorted(by_letter.items()):
        if len(users) > 1:
            found.append(f"{where}: Alt+{letter.upper()} is taken by {users}")
    return found


def main_window(qtbot: QtBot, settings: AppSettings) -> MainWindow:
    window = offline_window(qtbot, settings)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_main_window_and_its_menus(qtbot: QtBot, language: str, settings: AppSettings) -> None:
    window = main_window(qtbot, settings)
    found = problems(f"{language} main window", window_texts(window))
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    assert len(menus) >= 4
    while menus:
        menu = menus.pop()
        found += problems(f"{language} menu {menu.title()!r}", menu_texts(menu))
        menus += [action.menu() for action in menu.actions() if action.menu()]
    context = [
        window.findChild(QAction, name).text()
        for name in ("editCustomerContextAction", "loginAsCustomerAction")
    ]
    found += problems(f"{language} the list's context menu", context)
    assert not found, "\n".join(found)


def test_the_sign_in_and_settings_dialogs(
    qtbot: QtBot, language: str, settings: AppSettings
) -> None:
    login = LoginDialog(
        api_factory(argparse.Namespace(), settings),
        TaskRunner(),
        CredentialStore(MemoryKeyring()),
        settings,
    )
    preferences = SettingsDialog(settings)
    found: list[str] = []
    for dialog in (login, preferences):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found += problems(f"{language} {dialog.objectName()}", window_texts(dialog))
    assert len(window_texts(login)) >= 3 and len(window_texts(preferences)) >= 5
    assert not found, "\n".join(found)


def test_every_tab_of_the_edit_customer_dialog(
    qtbot: QtBot,
    language: str,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
) -> None:
    found: list[str] = []
    for customer in (customers.take("active"), customers.take("suspended"), None):
        dialog = open_dialog(qtbot, api, runner, customer)
        tabs = dialog.findChild(QTabWidget)
        assert tabs is not None
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            where = f"{language} Edit Customer, tab {tabs.tabText(index)!r}"
            found += problems(where, window_texts(dialog))
        dialog.close()
    assert not found, "\n".join(found)


def test_the_suspend_re_enable_and_cancel_confirmations(
    qtbot: QtBot,
    language: str,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
) -> None:
    active, suspended = customers.take("active"), customers.take("suspended")
    dialogs = [
        SuspendConfirmDialog(api, runner, active, suspend=True),
        SuspendConfirmDialog(api, runner, suspended, suspend=False),
        CancelConfirmDialog(api, runner, active),
    ]
    found: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found += problems(f"{language} {dialog.objectName()}", window_texts(dialog))
        dialog.reject()
    assert not found, "\n".join(found)


def _switch_letters(dialog: CustomerDialog) -> dict[str, str]:
    """The Alt letter of each switch of the Status panel, by the switch's objectName."""
    letters = {}
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        letter = mnemonic(label.text())
        if buddy is not None and letter and buddy.objectName() in ("suspendToggle", "cancelToggle"):
            letters[buddy.objectName()] = letter.upper()
    return letters


def _guide_row(starts: str) -> str:
    """The row of the guide's Edit Customer shortcut table whose action starts so."""
    rows = [line for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    found = [row for row in rows if re.search(rf"\|\s*{re.escape(starts)}", row)]
    assert len(found) == 1, f"the guide has {len(found)} shortcut rows for {starts!r}"
    return found[0]


def test_the_guide_names_each_languages_letters_for_the_switches_tabs_and_menus(
    qtbot: QtBot,
    qapp: QApplication,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    settings: AppSettings,
) -> None:
    customer = customers.take("active")
    letters: dict[str, dict[str, list[str]]] = {}
    before = QLocale()
    try:
        for code in LANGUAGES:
            i18n.install_language(qapp, code)
            dialog = open_dialog(qtbot, api, runner, customer)
            switches = _switch_letters(dialog)
            tabs = dialog.findChild(QTabWidget)
            window = main_window(qtbot, settings)
            letters[code] = {
                "Suspend Customer": [switches["suspendToggle"]],
                "Cancel Customer": [switches["cancelToggle"]],
                "The General, Services and History tabs": [
                    str(mnemonic(tabs.tabText(i))).upper() for i in range(tabs.count())
                ],
                "The File, Edit, View and Help menus": [
                    str(mnemonic(a.text())).upper() for a in window.menuBar().actions()
                ],
            }
            dialog.close()
            window.close()
    finally:
        i18n.remove_language(qapp)
        QLocale.setDefault(before)
    missing = []
    for action in letters["en"]:
        row = _guide_row(action)
        for code in LANGUAGES:
            said = ", ".join(f"Alt+{letter}" for letter in letters[code][action])
            if said not in row:
                missing.append(f"{code}: {said} for {action!r} is not in the guide's {row!r}")
    assert not missing, "\n".join(missing)


SUSPEND_LETTER = {"en": "M", "hr": "S"}  # as the user guide says


def test_alt_and_the_suspend_switchs_letter_asks_first_in_each_language(
    qtbot: QtBot,
    language: str,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
) -> None:
    dialog = open_dialog(qtbot, api, runner, customers.take("active"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    letter = _switch_letters(dialog)["suspendToggle"]
    assert letter == SUSPEND_LETTER[language]
    answer = when_shown("suspendConfirmDialog", lambda box, _answer: box.reject())
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: answer.seen, timeout=OPERATION_TIMEOUT_MS)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    assert focused() is dialog.suspend_toggle and not dialog.suspend_toggle.isChecked()


def test_every_letter_in_the_croatian_catalogue_is_on_an_english_keyboard() -> None:
    # Windows not opened above (bulk confirmations, error details) are held to it too.
    import xml.etree.ElementTree as ET

    catalogue = GUIDE.parents[1] / "desktop" / "translations" / "partner_desk_hr.ts"
    bad = []
    for message in ET.parse(catalogue).getroot().iter("message"):
        translation = message.findtext("translation") or ""
        letter = mnemonic(translation)
        if letter is not None and not (letter.isascii() and letter.isalnum()):
            bad.append(translation)
    assert not bad, bad
