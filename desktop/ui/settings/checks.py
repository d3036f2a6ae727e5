"""The Settings dialog's field checks: each answers None for a good value, or what is wrong."""

from __future__ import annotations

import ssl
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.api.endpoint import parse_endpoint
from desktop.api.errors import InsecureUrlError, InvalidUrlError

_PEM_CERTIFICATE = b"-----BEGIN CERTIFICATE-----"
_MAX_BUNDLE_BYTES = 10 * 1024 * 1024  # the biggest public CA lists are about 300 KB


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def server_problem(url: str) -> str | None:
    """Empty is allowed (the sign-in dialog asks); anything else must be a usable address."""
    text = url.strip()
    if not text:
        return None
    try:
        endpoint = parse_endpoint(text)
    except InsecureUrlError:
        return _tr(
            "Plain http:// is only allowed to this computer: your password would cross the "
            "network unencrypted. Use https://."
        )
    except InvalidUrlError:
        return _tr("This is not a server address. Write it like https://partner.example.com.")
    if any(c.isspace() for c in endpoint.host):
        return _tr("This is not a server address. Write it like https://partner.example.com.")
    return None


def ca_bundle_problem(path: str) -> str | None:
    """Empty means the system's trust store only; a file must hold PEM certificates."""
    text = path.strip()
    if not text:
        return None
    file = Path(text).expanduser()
    if not file.is_file():
        return _tr("There is no file at {path}.").format(path=text)
    try:
        if file.stat().st_size > _MAX_BUNDLE_BYTES:
            return _tr("{path} is too big to be a CA bundle.").format(path=text)
        data = file.read_bytes()
    except OSError as exc:
        return _tr("{path} cannot be read: {reason}").format(path=text, reason=exc.strerror)
    if _PEM_CERTIFICATE not in data:
        return _tr(
            "{path} holds no PEM certificate (a block starting with -----BEGIN CERTIFICATE-----)."
        ).format(path=text)
    try:
        # The same check the connection makes: every block must parse.
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(file))
    except (ssl.SSLError, OSError, ValueError):
        return _tr("{path} holds a damaged certificate.").format(path=text)
    return None
