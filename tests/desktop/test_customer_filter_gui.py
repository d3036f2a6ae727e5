"""Search as a person types it, in the signed-in app against a real server: without accents, and
a phone number as dialled at home, in English and in Croatian."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.server.helpers import new_customer
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

SHOTS = Path(os.environ.get("PARTNER_DESK_SHOTS", "/tmp/shots"))
NAME = "Trikotaža Šibenik d.o.o."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('accents') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        client = ApiClient(proc.url).login()
        new_customer(client, name=NAME, phone="+385 22 443 8687")
        yield proc


@pytest.fixture
def harness(language: str, harness: AppHarness) -> AppHarness:
    """The app made once the language is in, as a person's starts in it."""
    return harness


@pytest.mark.parametrize(
    ("typed", "shot"), [("sibenik", "search-sibenik"), ("022 443 8687", "search-national")]
)
def test_typing_without_accents_or_a_national_number_shows_the_customer(
    qtbot: QtBot, server: ServerProcess, language: str, typed: str, shot: str, window: MainWindow
) -> None:
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280, timeout=5_000)
    page = window.customers
    search = page.findChild(QLineEdit, "customerSearch")
    qtbot.keyClicks(search, typed)
    qtbot.waitUntil(page.proxy.is_settled, timeout=10_000)
    table = page.findChild(QTableView, "customerTable")
    shown = [table.model().index(row, 1).data() for row in range(table.model().rowCount())]
    assert shown == [NAME]
    # The server finds the same one customer for the same text.
    answer = ApiClient(server.url).login().get("/customers", params={"q": typed}).json()
    assert [c["name"] for c in answer["items"]] == [NAME]
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / f"{shot}-{language}.png"))
