"""What requests raised, as a NetworkError in words a person can act on, and whether any
connection was made at all (the difference between Offline and Reconnecting…)."""

from __future__ import annotations

import requests
import urllib3
from urllib3.exceptions import MaxRetryError, ReadTimeoutError

from desktop.api.errors import NetworkError
from desktop.api.message import QT_TRANSLATE_NOOP, Message


def _reason(exc: requests.RequestException) -> object:
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return reason


def could_not_connect(exc: requests.RequestException) -> bool:
    """No connection was made at all (refused, no such host, no answer to the connect, TLS or
    the proxy refused): the server is offline for us, not merely slow."""
    if isinstance(
        exc,
        requests.exceptions.SSLError
        | requests.exceptions.ConnectTimeout
        | requests.exceptions.ProxyError,
    ):
        return True
    return isinstance(_reason(exc), urllib3.exceptions.NewConnectionError | ConnectionRefusedError)


def timed_out(label: str) -> NetworkError:
    return NetworkError(
        Message(
            QT_TRANSLATE_NOOP("ApiMessages", "The server at {server} did not answer in time."),
            server=label,
        )
    )


def network_error(exc: requests.RequestException, label: str) -> NetworkError:
    reason = _reason(exc)
    if isinstance(exc, requests.exceptions.SSLError):
        return NetworkError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages",
                    "The connection to {server} is not secure: its certificate could not be "
                    "verified. If your company uses its own certificate authority, ask your "
                    "administrator for its CA bundle.",
                ),
                server=label,
            ),
            transient=False,
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return NetworkError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The server at {server} could not be reached in time."
                ),
                server=label,
            )
        )
    if isinstance(exc, requests.exceptions.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        return timed_out(label)
    if isinstance(exc, requests.exceptions.ProxyError):
        return NetworkError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The proxy server refused the connection to {server}."
                ),
                server=label,
            )
        )
    if isinstance(exc, requests.exceptions.ConnectionError):
        if isinstance(reason, urllib3.exceptions.NewConnectionError | ConnectionRefusedError):
            return NetworkError(
                Message(
                    QT_TRANSLATE_NOOP("ApiMessages", "Could not reach the server at {server}."),
                    server=label,
                )
            )
        return NetworkError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages",
                    "Could not reach the server at {server}, or it closed the connection.",
                ),
                server=label,
            )
        )
    return NetworkError(
        Message(
            QT_TRANSLATE_NOOP("ApiMessages", "The request to {server} failed ({kind})."),
            server=label,
            kind=type(exc).__name__,
        )
    )
