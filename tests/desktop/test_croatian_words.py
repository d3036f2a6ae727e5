"""Croatian reads right: dates in the case their sentence needs, unbroken dates, whole sentences.

Croatian declines a date's weekday: "do ponedjeljka" (until Monday), never "do ponedjeljak", and
Qt names it only in the nominative. So no sentence puts a preposition or a verb straight before
a date that has its weekday; they name the date after a colon or in brackets instead.
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.api.client import PartnerApi
from desktop.api.records import Customer
from desktop.app import api_factory
from desktop.credentials import CredentialStore
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from desktop.ui.customer.status_panel import RESTORE_WINDOW, StatusPanel
from desktop.ui.signin.dialog import LoginDialog
from desktop.ui.widgets.clock import local_time
from tests.desktop.customer_dialog_support import OFFSCREEN_NOISE, CustomerPicker, open_dialog

pytestmark = OFFSCREEN_NOISE

TS = Path(__file__).resolve().parents[2] / "desktop" / "translations" / "partner_desk_hr.ts"
CROATIAN = QLocale(QLocale.Language.Croatian, QLocale.Country.Croatia)
WEEKDAYS = [CROATIAN.dayName(day) for day in range(1, 8)]  # ponedjeljak … nedjelja
# Words after which a weekday must change its form (do, od: genitive; je …: "u" + accusative).
GOVERNING = r"(?:do|od|prije|poslije|nakon|je|su)"


def _canceled(deadline: datetime) -> Customer:
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
        "status": "canceled",
        "suspended_at": None,
        "suspension_reason": None,
        "canceled_at": (deadline - RESTORE_WINDOW).isoformat(),
        "created_at": when,
        "updated_at": when,
        "version": 1,
    }
    return Customer.model_validate_json(json.dumps(record))


def _monday_noon(weeks_from_now: int) -> datetime:
    # Noon UTC is the same weekday in every zone from UTC-11 to UTC+11.
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    return now - timedelta(days=now.weekday()) + timedelta(weeks=weeks_from_now)


def _weekday_misused(text: str) -> list[str]:
    return [
        found.group(0)
        for day in WEEKDAYS
        for found in re.finditer(rf"\b{GOVERNING}\s+{day}\b", text, flags=re.IGNORECASE)
    ]


@pytest.mark.parametrize("weeks", [2, -2], ids=["still open", "ended"])
def test_the_restore_deadline_names_its_monday_in_the_right_case(
    qtbot: QtBot, croatian: None, weeks: int
) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.show_customer(_canceled(_monday_noon(weeks)))
    note = panel.findChild(QLabel, "restoreDeadline").text()
    assert "ponedjeljak" in note  # the date is there, weekday and all
    assert not _weekday_misused(note), note


def test_no_croatian_sentence_puts_a_preposition_or_verb_before_a_weekday_date() -> None:
    # {date} is a long date, weekday first (widgets/clock.py: local_date); the others are numeric.
    bad = []
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.findtext("translation") or ""
        if re.search(rf"\b{GOVERNING}\s+\{{date\}}", translation, flags=re.IGNORECASE):
            bad.append(translation)
    assert not bad, bad


def test_last_changed_never_breaks_inside_its_date(
    qtbot: QtBot,
    croatian: None,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
) -> None:
    customer = customers.take("active")
    dialog = open_dialog(qtbot, api, runner, customer)
    record = dialog.findChild(QLabel, "recordLabel")
    assert record.isVisible() and "Posljednja promjena" in record.text()
    # Laid out as the label lays it out: its font, its width.
    document = QTextDocument()
    document.setDefaultFont(record.font())
    document.setDocumentMargin(0)
    document.setHtml(record.text())
    document.setTextWidth(record.contentsRect().width())
    assert document.size().height() > 0  # lays the text out
    dates = {
        local_time(m).replace("\u00a0", " ") for m in (customer.created_at, customer.updated_at)
    }
    broken = []
    block = document.begin()
    while block.isValid():
        text = block.text().replace("\u00a0", " ")  # the same length: offsets stay
        layout = block.layout()
        breaks = [layout.lineAt(i).textStart() for i in range(1, layout.lineCount())]
        for date in dates:
            for found in re.finditer(re.escape(date), text):
                if any(found.start() < at < found.end() for at in breaks):
                    broken.append(text)
        block = block.next()
    assert not broken, f"a date is broken across lines in {broken}"


@pytest.mark.parametrize("language", ["en", "hr"])
def test_the_keyring_note_is_one_whole_sentence(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, language: str
) -> None:
    before = QLocale()
    i18n.install_language(qapp, language)
    try:
        settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        dialog = LoginDialog(
            api_factory(argparse.Namespace(), settings),
            TaskRunner(),
            CredentialStore(fail.Keyring()),
            settings,
        )
        qtbot.addWidget(dialog)
        note = dialog.findChild(QLabel, "keyringNote").text()
    finally:
        i18n.remove_language(qapp)
        QLocale.setDefault(before)
    assert note.endswith("."), note
    # After a colon a sentence goes on in lower case (Croatian too: "…: lozinka se čuva …").
    after_colon = note.split(": ", 1)[1]
    assert after_colon[:1].islower(), note
