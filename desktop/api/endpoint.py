"""The server address a person typed, checked and turned into the /api/v1 base."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from desktop.api.errors import InsecureUrlError, InvalidUrlError
from desktop.api.message import QT_TRANSLATE_NOOP, Message

API_PATH = "/api/v1"


@dataclass(frozen=True)
class Endpoint:
    base_url: str  # always ends in /api/v1, never in a slash
    host: str
    port: int
    loopback: bool

    @property
    def label(self) -> str:
        """host:port, as the status bar shows it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_endpoint(url: str, *, allow_insecure_http: bool = False) -> Endpoint:
    """Accept the server root or its /api/v1 base (`https://host`, `https://host/api/v1`).

    An address without a scheme is taken as https. Plain http is refused unless the server is
    this machine, or the caller explicitly allows it: the password and token would otherwise
    cross the network readable by anyone on the way.
    """
    parts, port = _split(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    _check_parts(parts, url, scheme, host)
    loopback = is_loopback(host)
    if scheme == "http" and not loopback and not allow_insecure_http:
        raise InsecureUrlError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages",
                    "Refusing plain http:// to {host}: your password would cross the network "
                    "unencrypted. Use https://.",
                ),
                host=host,
            )
        )
    path = parts.path.rstrip("/")
    if not path.endswith(API_PATH):
        path = f"{path}{API_PATH}"
    if port is None:
        port = 443 if scheme == "https" else 80
    netloc = parts.netloc.rsplit("@", 1)[-1]
    base = urlunsplit((scheme, netloc, path, "", ""))
    return Endpoint(base_url=base, host=host, port=port, loopback=loopback)


def _split(url: str) -> tuple[SplitResult, int | None]:
    """The address in parts (https:// when it names no scheme), and its port if it gives one."""
    text = url.strip()
    if not text:
        raise InvalidUrlError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "Enter the server address, like https://partner.example.com."
                )
            )
        )
    if "://" not in text:
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        return parts, parts.port
    except ValueError:
        raise InvalidUrlError(
            Message(
                QT_TRANSLATE_NOOP("ApiMessages", "{url} is not a server address."), url=repr(url)
            )
        ) from None


def _check_parts(parts: SplitResult, url: str, scheme: str, host: str) -> None:
    """Refuse what no Partner API address has: another scheme, no host, a user, a query."""
    if scheme not in ("http", "https"):
        raise InvalidUrlError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The server address must start with https:// (not {scheme}://)."
                ),
                scheme=scheme,
            )
        )
    if not host:
        raise InvalidUrlError(
            Message(QT_TRANSLATE_NOOP("ApiMessages", "{url} names no server."), url=repr(url))
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidUrlError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "Leave the user name and password out of the server address."
                )
            )
        )
    if parts.query or parts.fragment:
        raise InvalidUrlError(
            Message(
                QT_TRANSLATE_NOOP("ApiMessages", "The server address cannot contain '?' or '#'.")
            )
        )
