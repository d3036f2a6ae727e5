"""The log file holds what support needs and never a password, a token or an auth header:
a whole session at debug level is written to it and read back."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop import log_file
from desktop.log_file import AppLog, redact
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    Answer,
    choose_reason,
    click,
    find,
    open_customer,
    services_loaded,
    when_shown,
)
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database

# A dialog closes the moment its operation ends: the next step need not wait for it.
pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.auto_close_ms(0),
]

USER = "logwatcher"
PASSWORD = "Plum-Kettle-8812-Orbit"  # nothing else in a log could contain it by chance
SAVE_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    database = f"sqlite:///{tmp_path_factory.mktemp('log-redaction') / 'api.sqlite3'}"
    seed_database(database, customers=40)
    added = run_cli(
        "add-user",
        "--database",
        database,
        "--partner",
        "Demo Partner",
        "--username",
        USER,
        stdin=f"{PASSWORD}\n",
    )
    assert added.returncode == 0, added.stderr
    with ServerProcess(database, suspend_seconds=0.1) as running:
        yield running


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    configured = log_file.configure(tmp_path / "logs", level=logging.DEBUG, console=False)
    yield configured
    configured.close()
    logging.getLogger().setLevel(logging.WARNING)


def _secrets_in(text: str, *secrets: str) -> list[str]:
    found = [secret for secret in secrets if secret and secret in text]
    found += re.findall(r"(?i)authorization|bearer", text)
    return found


def test_a_whole_session_logs_no_password_token_or_auth_header(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, app_log: AppLog
) -> None:
    window = harness.sign_in(qtbot, server.root, USER, PASSWORD, remember=True)
    token = window.session.api.token
    assert token
    client = ApiClient(server.url).login(USER, PASSWORD)
    active = client.get("/customers", params={"status": "active", "limit": 1}).json()["items"]
    customer_id = active[0]["id"]

    dialog = open_customer(qtbot, window, customer_id)
    email = find(dialog, "field_email")
    email.clear()
    qtbot.keyClicks(email, "billing@log-check.example")
    with qtbot.waitSignal(dialog.customer_saved, timeout=SAVE_TIMEOUT_MS):
        click(qtbot, find(dialog, "saveButton"))

    def suspend(box: QDialog, _answer: Answer) -> None:
        choose_reason(box, "suspendReason", "Non-payment")
        click(qtbot, find(box, "confirmSuspendButton"))

    when_shown("suspendConfirmDialog", suspend, ready=services_loaded)
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        click(qtbot, find(dialog, "suspendToggle"))
    qtbot.waitUntil(lambda: dialog not in window._dialogs, timeout=5_000)

    dialog = open_customer(qtbot, window, customer_id)
    when_shown(
        "reenableConfirmDialog",
        lambda box, _a: click(qtbot, find(box, "confirmReenableButton")),
        ready=services_loaded,
    )
    with qtbot.waitSignal(window.operations.finished, timeout=OPERATION_TIMEOUT_MS):
        click(qtbot, find(dialog, "suspendToggle"))
    assert client.get(f"/customers/{customer_id}").json()["status"] == "active"

    # Even a careless line, by the app or a library, goes through the same handlers.
    logging.getLogger("partner_desk.test").debug(
        "headers %s body %s", {"Authorization": f"Bearer {token}"}, {"password": PASSWORD}
    )
    try:
        raise requests.HTTPError(f"401 for token={token} and password={PASSWORD}")
    except requests.HTTPError:
        logging.getLogger("urllib3.test").exception("request failed")

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = app_log.path.read_text(encoding="utf-8")
    assert "partner_desk" in text and "GET /api/v1/customers" in text  # the session is there
    assert "request failed" in text and "[redacted]" in text
    assert _secrets_in(text, PASSWORD, token) == []


def test_redaction_takes_out_every_form_a_secret_is_written_in() -> None:
    lines = [
        "{'Authorization': 'Bearer abc.DEF-123_x'}",
        "Authorization: Basic ZGVtbzpkZW1v",
        "proxy-authorization=Bearer zzz",
        "retrying with bearer abc123==",
        '{"username": "ana", "password": "two words"}',
        "password=hunter2&user=ana",
        "access_token: tok_42",
        '"refresh_token":"r-77"',
        "secret='s3'",
    ]
    cleaned = [redact(line) for line in lines]
    for secret in ("abc.DEF", "ZGVtbzpkZW1v", "zzz", "abc123", "two words", "hunter2"):
        assert not any(secret in line for line in cleaned), secret
    assert not any(s in line for line in cleaned for s in ("tok_42", "r-77", "s3'"))
    assert _secrets_in("\n".join(cleaned)) == []
    assert "user=ana" in cleaned[5]  # what is not secret stays readable


def test_copy_diagnostics_names_versions_paths_server_and_user_but_no_secret(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, app_log: AppLog
) -> None:
    window = harness.sign_in(qtbot, server.root, USER, PASSWORD)
    window._app_log = app_log  # the harness builds the window without the app's log
    logging.getLogger("partner_desk.test").warning("server said no to password=%s", PASSWORD)
    QGuiApplication.clipboard().clear()

    window.findChild(QAction, "copyDiagnosticsAction").trigger()

    report = QGuiApplication.clipboard().text()
    for expected in (
        "Partner Desk 0.1.0",
        "Qt 6.",
        "PySide6",
        "Python 3.",
        "OS:",
        str(app_log.path),
        harness.settings.file_name,
        server.url,
        f"Signed in as: {USER}",
        "server said no to password=[redacted]",
    ):
        assert expected in report, expected
    assert _secrets_in(report, PASSWORD, window.session.api.token or "") == []
