"""TLS is always verified: an unknown certificate authority is refused unless its CA is given."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.api import NetworkError, PartnerApi, new_idempotency_key
from tests.support.gui import AppHarness
from tests.support.scripted_http import ScriptedServer, send

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl tool")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, from a CA no trust store knows."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_server(certificate: tuple[Path, Path]) -> Iterator[ScriptedServer]:
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ScriptedServer(tls=context)
    server.route("GET", "/health", lambda h: send(h, 200, b'{"status": "ok", "version": "t"}'))
    server.route("POST", "/customers/c_1/suspend", lambda h: send(h, 500, b"{}"))
    server.start()
    yield server
    server.stop()


def test_an_unknown_certificate_authority_is_refused(https_server: ScriptedServer) -> None:
    api = PartnerApi(https_server.root)
    with pytest.raises(NetworkError) as caught:
        api.health()
    assert "certificate" in caught.value.message
    assert not caught.value.transient
    assert https_server.seen == []


def test_a_refused_certificate_is_not_retried_for_an_operation(
    https_server: ScriptedServer,
) -> None:
    api = PartnerApi(https_server.root, token="t")
    api.operation_retry_delays = (5.0,)  # would show as a slow test if it were retried
    with pytest.raises(NetworkError, match="certificate"):
        api.suspend("c_1", "why", new_idempotency_key())


def test_the_given_ca_bundle_is_trusted(
    https_server: ScriptedServer, certificate: tuple[Path, Path]
) -> None:
    cert, _key = certificate
    api = PartnerApi(https_server.root, ca_bundle=str(cert))
    assert api.health().version == "t"
    assert api.base_url.startswith("https://127.0.0.1:")


def test_a_certificate_for_another_name_is_refused_even_with_its_ca(
    https_server: ScriptedServer, certificate: tuple[Path, Path]
) -> None:
    # The certificate names 127.0.0.1 only: trusting its CA does not make "localhost" it.
    cert, _key = certificate
    port = https_server.root.rsplit(":", 1)[1]
    api = PartnerApi(f"https://localhost:{port}", ca_bundle=str(cert))
    with pytest.raises(NetworkError, match="certificate"):
        api.health()
    assert https_server.seen == []


# -- the same, met by a person in the sign-in dialog ---------------------------------------------


def _sign_in(qtbot: QtBot, app: AppHarness, server: str) -> str:
    """Click Sign In and wait for the dialog's answer; the error it shows."""
    app.start()
    app.fill_login(server, "ana", "Secret-Pa55word")
    qtbot.mouseClick(app.login.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(app.login.error.isVisible, timeout=15_000)
    assert app.controller.window is None
    return str(app.login.error.text())


@pytest.mark.qt_log_ignore(r"^This plugin does not support ")
def test_signing_in_to_an_unverified_server_says_why_and_sends_no_password(
    qtbot: QtBot, harness: AppHarness, https_server: ScriptedServer
) -> None:
    shown = _sign_in(qtbot, harness, https_server.root)
    assert "certificate" in shown
    assert https_server.seen == [], "the request (and the password in it) never left"


@pytest.mark.qt_log_ignore(r"^This plugin does not support ")
def test_signing_in_trusts_the_ca_bundle_set_in_settings(
    qtbot: QtBot, harness: AppHarness, https_server: ScriptedServer, certificate: tuple[Path, Path]
) -> None:
    cert, _key = certificate
    harness.settings.ca_bundle = str(cert)
    refusal = b'{"error": {"code": "invalid_credentials", "message": "Wrong password."}}'
    https_server.route("POST", "/auth/login", lambda h: send(h, 401, refusal))
    assert _sign_in(qtbot, harness, https_server.root) == "Wrong password."
    assert [s.path for s in https_server.seen] == ["/api/v1/auth/login"]


@pytest.mark.qt_log_ignore(r"^This plugin does not support ")
@pytest.mark.parametrize("server", ["http://partner.example.com", "http://192.0.2.10:8000"])
def test_signing_in_over_plain_http_to_another_machine_is_refused(
    qtbot: QtBot, harness: AppHarness, server: str
) -> None:
    # Refused before any connection: 192.0.2.0/24 is for documentation and routes nowhere.
    assert "https://" in _sign_in(qtbot, harness, server)
