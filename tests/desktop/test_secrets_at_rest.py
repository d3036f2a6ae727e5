"""After signing in, with and without "Remember me", no password and no token is anywhere on
disk: not in the app's config, data, cache, state or log folders, not in its settings (the
test's INI file and the default QSettings store), not in what it logged. The password reaches
the keyring only when remembered, and the token never does.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import platformdirs
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop import APP_NAME
from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import ServerProcess, run_cli, seed_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

PASSWORD = "Unmistakable-Pa55word-7413"
WRONG_PASSWORD = "Also-Unmistakable-Wr0ng-9026"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('secrets') / 'api.sqlite3'}"
    seed_database(url, customers=20)
    with ServerProcess(url) as proc:
        added = run_cli(
            "add-user",
            "--database",
            url,
            "--partner",
            "Demo Partner",
            "--username",
            "ana",
            stdin=PASSWORD + "\n",
        )
        assert added.returncode == 0, added.stderr
        yield proc


def app_folders() -> dict[str, Path]:
    """Every folder the app may write to, as platformdirs names them for it (the log folder
    included, whether or not anything was logged to a file yet)."""
    folders = {
        "config": platformdirs.user_config_dir(APP_NAME, appauthor=False),
        "data": platformdirs.user_data_dir(APP_NAME, appauthor=False),
        "cache": platformdirs.user_cache_dir(APP_NAME, appauthor=False),
        "state": platformdirs.user_state_dir(APP_NAME, appauthor=False),
        "log": platformdirs.user_log_dir(APP_NAME, appauthor=False),
    }
    # And the roots above them (QSettings' own file lives in the config root).
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folders[variable] = os.environ[variable]
    return {name: Path(folder) for name, folder in folders.items()}


def disguises(secret: str) -> list[bytes]:
    """The secret as it could sit in a file: plain, UTF-16, base64, URL-quoted."""
    raw = secret.encode()
    return [
        raw,
        secret.encode("utf-16-le"),
        base64.b64encode(raw).rstrip(b"="),
        base64.urlsafe_b64encode(raw).rstrip(b"="),
        quote(secret, safe="").encode(),
    ]


def files_holding(roots: list[Path], secrets: dict[str, str]) -> tuple[int, list[str]]:
    """(files scanned, "what in which file" for each secret found)."""
    scanned, found = 0, []
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            scanned += 1
            for name, secret in secrets.items():
                if any(form in data for form in disguises(secret)):
                    found.append(f"{name} in {path}")
    return scanned, found


def settings_holding(settings: QSettings, secrets: dict[str, str]) -> list[str]:
    found = []
    for key in settings.allKeys():
        text = f"{key}={settings.value(key)!r}"
        found += [f"{name} in {key}" for name, s in secrets.items() if s in text]
    return found


@pytest.mark.parametrize("remember", [True, False], ids=["remember-me", "no-remember-me"])
def test_no_password_or_token_is_kept_on_disk_or_in_settings(
    qtbot: QtBot,
    tmp_path: Path,
    server: ServerProcess,
    caplog: pytest.LogCaptureFixture,
    remember: bool,
) -> None:
    caplog.set_level(logging.DEBUG)  # the most a log file could ever hold
    keyring = MemoryKeyring()
    app = AppHarness(tmp_path, keyring)
    try:
        # A wrong password first: what was typed and refused must not stay anywhere either.
        app.start()
        app.fill_login(server.root, "ana", WRONG_PASSWORD, remember)
        qtbot.mouseClick(
            app.login.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(app.login.error.isVisible, timeout=15_000)
        app.login.close()
        app.login.deleteLater()

        window = app.sign_in(qtbot, server.root, "ana", PASSWORD, remember=remember)
        token = window.session.api.token
        assert token
        window.save_layout()
        app.settings.sync()
        secrets = {"password": PASSWORD, "wrong password": WRONG_PASSWORD, "token": token}

        kept = list(keyring.secrets.values())
        assert kept == ([PASSWORD] if remember else []), "the keyring holds only a remembered one"

        folders = app_folders()
        scanned, found = files_holding([tmp_path, *folders.values()], secrets)
        assert not found, found
        assert scanned >= 1, "at least the settings file was written and read"

        default = QSettings(APP_NAME, APP_NAME)  # where the app keeps them outside tests
        assert not settings_holding(app.qsettings, secrets)
        assert not settings_holding(default, secrets)
        logged = [r.getMessage() for r in caplog.records]
        assert not [m for m in logged if any(s in m for s in secrets.values())]
    finally:
        app.close()
