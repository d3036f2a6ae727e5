"""Run by test_real_keyring.py inside its own D-Bus session with gnome-keyring unlocked: the
app's Remember me against a real Secret Service, not a stand-in.

Not collected by a plain `pytest` run (the name does not start with test_); the outer test
passes this file explicitly, with PARTNER_DESK_REAL_KEYRING naming the folder to scan.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backends import SecretService
from pytestqt.qtbot import QtBot

from desktop.credentials import SERVICE
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

SCANNED = os.environ.get("PARTNER_DESK_REAL_KEYRING", "")
pytestmark = pytest.mark.skipif(not SCANNED, reason="run by tests/desktop/test_real_keyring.py")


def _files_holding(folder: Path, secret: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_remember_me_keeps_the_password_in_the_secret_service_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'partner.sqlite3'}"
    seed_database(url)
    backend = SecretService.Keyring()
    with ServerProcess(url) as server:
        # A colleague of its own with a password like no other text anywhere on this disk.
        password = f"Keyring-{os.urandom(8).hex()}-pw"
        owner = ApiClient(server.url).login("demo", "demo")
        added = owner.post(
            "/staff",
            json={
                "username": "kira",
                "display_name": "Kira",
                "role": "agent",
                "password": password,
            },
        )
        assert added.status_code == 201, added.text

        first = AppHarness(tmp_path / "app", backend)
        assert first.credentials.backend_available
        assert "Secret" in first.credentials.where or "secret" in first.credentials.where.lower()
        first.sign_in(qtbot, server.root, "kira", password, remember=True, on_customers=False)
        first.close()

        key = f"{server.root}|kira"
        # Asked of the Secret Service over D-Bus by a client of its own, not through the app.
        assert SecretService.Keyring().get_password(SERVICE, key) == password
        scanned = Path(SCANNED)
        assert not _files_holding(scanned, password.encode()), "the password is on disk in clear"

        # The next start: the same settings, a new process's worth of objects; no typing.
        again = AppHarness(tmp_path / "app", SecretService.Keyring())
        again.start()
        qtbot.waitUntil(lambda: again.controller.window is not None, timeout=20_000)
        assert again.window.session.username == "kira"
        again.close()
        assert not _files_holding(scanned, password.encode())
