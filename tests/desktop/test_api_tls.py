"""TLS is always verified: an unknown certificate authority is refused unless its CA is given."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.api import NetworkError, PartnerApi, new_idempotency_key
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
