"""Answers read as they arrive: the snapshot's NDJSON and the change feed's events.

`Transport.send` reads every answer whole; these two never end soon (the feed never does), so
they are opened here on one of the transport's own sessions, kept for as long as the body is
read. The same rules as for every call: a library exception becomes a NetworkError or a
BadResponseError, the connection monitor hears each outcome, and nothing of the headers
(Authorization) or the body is logged. `abort()` may be called from any thread: it shuts the
socket, so a reader blocked waiting for the next keep-alive ends at once (sign-out, quit).
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import socket
import threading
from collections.abc import Iterator, Mapping

import requests
import urllib3
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import DecodeError, ReadTimeoutError

from desktop.api.errors import BadResponseError, NetworkError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.network_errors import could_not_connect, network_error, timed_out
from desktop.api.transport import Answer, Timeout, Transport

log = logging.getLogger("partner_desk.api")

_CHUNK = 64 * 1024


class StreamAnswer:
    """One answer whose body is being read: its status and headers now, the body as it comes."""

    def __init__(
        self, transport: Transport, response: requests.Response, method: str, path: str
    ) -> None:
        self._transport = transport
        self._response = response
        self.method = method
        self.path = path
        self.status = response.status_code
        self.headers: CaseInsensitiveDict[str] = response.headers
        self._aborted = threading.Event()

    @property
    def what(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def aborted(self) -> bool:
        return self._aborted.is_set()

    @property
    def server_label(self) -> str:
        return self._transport.endpoint.label

    def whole(self) -> Answer:
        """The body read whole and capped (an error's, for `answers.check`)."""
        body = self._transport._read_capped(self._response, self.method, self.path)
        return Answer(self.method, self.path, self.status, self.headers, body)

    def chunks(self) -> Iterator[bytes]:
        """The body (decompressed) in pieces as they arrive; ends with the body."""
        raw = self._response.raw
        label = self._transport.endpoint.label
        while True:
            try:
                # read1: whatever has arrived, at once; read() would wait for a whole buffer.
                data = raw.read1(_CHUNK, decode_content=True)
            except DecodeError:
                raise BadResponseError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "ApiMessages",
                            "The server's answer to {request} is damaged (it cannot be "
                            "decompressed).",
                        ),
                        request=self.what,
                    )
                ) from None
            except ReadTimeoutError:
                raise self._lost(timed_out(label)) from None
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError, ValueError):
                # ValueError: the socket was shut by abort() under the reader.
                raise self._lost(
                    NetworkError(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "ApiMessages",
                                "The connection to {server} was lost while reading its answer.",
                            ),
                            server=label,
                        )
                    )
                ) from None
            if not data:
                return
            yield data

    def _lost(self, error: NetworkError) -> NetworkError:
        if not self.aborted:  # our own abort says nothing about the server
            self._transport.connection.troubled(error.message)
        return error

    def abort(self) -> None:
        """Ends the reading from any thread: the reader's next (or current) read fails."""
        self._aborted.set()
        connection = getattr(self._response.raw, "connection", None)
        sock = getattr(connection, "sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._response.close()


@contextlib.contextmanager
def open_stream(
    transport: Transport,
    path: str,
    *,
    params: Mapping[str, str | int] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: Timeout | None = None,
    once: bool = False,
) -> Iterator[StreamAnswer]:
    """GET `path`, its answer's body left to read; the session is the caller's until the end.

    `once`: a failure to connect is not repeated by the transport (the change feed decides).
    """
    url = f"{transport.endpoint.base_url}{path}"
    # The transport's own session pool: the same TLS, proxies and retries as every call.
    with transport._session(once) as session:
        try:
            response = session.get(
                url,
                params=params,
                headers=dict(headers or {}),
                timeout=timeout or transport.timeout,
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as exc:
            log.info("GET %s failed: %s", path, type(exc).__name__)
            error = network_error(exc, transport.endpoint.label)
            if could_not_connect(exc):
                transport.connection.unreachable(error.message)
            else:
                transport.connection.troubled(error.message)
            raise error from None
        transport._heard(response.status_code)
        log.debug("GET %s -> %d (streaming)", path, response.status_code)
        stream = StreamAnswer(transport, response, "GET", path)
        try:
            yield stream
        finally:
            stream.close()
