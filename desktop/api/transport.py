"""HTTP for the Partner API: verified TLS, timeouts, safe retries, capped answers, one error type.

Which requests are repeated, and by whom, is desktop/api/retry.py's to say.

Everything requests or urllib3 can raise is turned into a NetworkError or BadResponseError
here, so nothing above this module ever sees a library exception.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import requests
import truststore
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies
from urllib3.exceptions import DecodeError, ReadTimeoutError

import desktop
from desktop.api.connection import ConnectionMonitor
from desktop.api.endpoint import Endpoint
from desktop.api.errors import BadResponseError, NetworkError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.network_errors import could_not_connect, network_error, timed_out
from desktop.api.retry import UNAVAILABLE, single_attempt, transport_retries

log = logging.getLogger("partner_desk.api")

Timeout = tuple[float, float]

DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024
_CHUNK = 64 * 1024


USER_AGENT = f"PartnerDesk/{desktop.__version__} python-requests/{requests.__version__}"


@dataclass(frozen=True)
class Answer:
    """One complete HTTP answer, its body already read (and capped)."""

    method: str
    path: str
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    # True when the transport sent the request more than once (a lost answer, a 503...).
    retried: bool = False

    @property
    def what(self) -> str:
        """'GET /customers', for messages."""
        return f"{self.method} {self.path}"


class _TlsAdapter(HTTPAdapter):
    """Verifies certificates with the operating system's trust store (plus an optional bundle)."""

    def __init__(self, ssl_context: ssl.SSLContext, **kwargs: Any) -> None:
        self._ssl_context = ssl_context
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(
            connections, maxsize, block, ssl_context=self._ssl_context, **pool_kwargs
        )

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs.setdefault("ssl_context", self._ssl_context)
        return super().proxy_manager_for(proxy, **proxy_kwargs)


class _Session(requests.Session):
    """Never looks at a redirect. Nothing in the API redirects and none is followed
    (allow_redirects=False), but requests would still prepare the next request: read a 3xx's
    body whole, past the answer cap, and its Location, which may not even decode (a
    UnicodeDecodeError that no ApiError stands for)."""

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None


def tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    # truststore asks the OS (Keychain, Windows store, system CA files), so a company CA the
    # machine already trusts works without shipping certifi's list.
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle:
        context.load_verify_locations(cafile=ca_bundle)
    return context


class Transport:
    """Sends requests to one endpoint and hands back complete answers.

    requests.Session is not thread-safe, so each concurrent caller borrows its own from a small
    pool. (threading.local is no help here: Qt's pool threads get a fresh Python thread state
    for every task, which empties thread-locals and would make a new Session, and a new TLS
    handshake, per call.) Two pools: sessions that repeat a failed GET, PUT or DELETE by
    themselves, and sessions that send each request once, for callers that decide (retry.py).
    """

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        ca_bundle: str | None,
        timeout: Timeout,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_answer_bytes = max_answer_bytes
        self._ssl_context = tls_context(ca_bundle)
        # trust_env is off (no ~/.netrc that would replace the bearer token, no CA bundle
        # swapped in by an environment variable); proxies from the environment still apply.
        self._proxies: dict[str, str] = (
            {} if endpoint.loopback else dict(get_environ_proxies(endpoint.base_url))
        )
        # Keyed by `once`: whether the caller, not the transport, repeats what fails.
        self._idle: dict[bool, list[requests.Session]] = {False: [], True: []}
        self._all: list[requests.Session] = []
        self._lock = threading.Lock()
        # Told the outcome of every request: the app's one idea of whether the server is there.
        self.connection = ConnectionMonitor()

    def _new_session(self, once: bool) -> requests.Session:
        session = _Session()
        session.trust_env = False
        session.verify = True
        session.proxies = dict(self._proxies)
        session.headers["User-Agent"] = USER_AGENT
        session.headers["Accept"] = "application/json"
        retries = single_attempt() if once else transport_retries()
        adapter = _TlsAdapter(self._ssl_context, max_retries=retries)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    @contextlib.contextmanager
    def _session(self, once: bool) -> Iterator[requests.Session]:
        idle = self._idle[once]
        with self._lock:
            session = idle.pop() if idle else None
        if session is None:
            session = self._new_session(once)
            with self._lock:
                self._all.append(session)
        try:
            yield session
        finally:
            with self._lock:
                idle.append(session)

    def close(self) -> None:
        with self._lock:
            sessions, self._all = self._all, []
            self._idle = {False: [], True: []}
        for session in sessions:
            session.close()

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: object = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        once: bool = False,
    ) -> Answer:
        """One complete answer; with `once`, a failure is never repeated here (the caller
        decides, desktop/api/retry.py), whatever the method."""
        url = f"{self.endpoint.base_url}{path}"
        started = time.monotonic()
        with self._session(once) as session:
            try:
                response = session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    data=data,
                    headers=dict(headers or {}),
                    timeout=self.timeout,
                    allow_redirects=False,  # nothing in the API redirects; never follow one
                    stream=True,
                )
            except requests.RequestException as exc:
                log.info("%s %s failed: %s", method, path, type(exc).__name__)
                error = network_error(exc, self.endpoint.label)
                if could_not_connect(exc):
                    self.connection.unreachable(error.message)
                else:
                    self.connection.troubled(error.message)
                raise error from None
            self._heard(response.status_code)
            with response:
                try:
                    body = self._read_capped(response, method, path)
                except NetworkError as exc:
                    self.connection.troubled(exc.message)
                    raise
            history = getattr(getattr(response.raw, "retries", None), "history", ())
        # Only the method, path and status: never headers (Authorization) or bodies (passwords).
        log.debug(
            "%s %s -> %d (%.0f ms)",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return Answer(
            method, path, response.status_code, response.headers, body, retried=bool(history)
        )

    def _heard(self, status: int) -> None:
        if status in UNAVAILABLE:
            self.connection.troubled(
                Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages",
                        "The server at {server} is not available just now ({status}).",
                    ),
                    server=self.endpoint.label,
                    status=status,
                )
            )
        else:
            self.connection.answered()

    def _read_capped(self, response: requests.Response, method: str, path: str) -> bytes:
        limit = self.max_answer_bytes
        too_big = BadResponseError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages",
                    "The server's answer to {request} is larger than {size} MiB; it was not read.",
                ),
                request=f"{method} {path}",
                size=limit // (1024 * 1024) or 1,
            )
        )
        declared = response.headers.get("Content-Length", "")
        # isascii: "²".isdigit() is true too, and int() refuses it.
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        try:
            # Counted after decompression, so a small gzip bomb is stopped as well.
            for chunk in response.raw.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise too_big
                chunks.append(chunk)
        except DecodeError:
            raise BadResponseError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages",
                        "The server's answer to {request} is damaged (it cannot be decompressed).",
                    ),
                    request=f"{method} {path}",
                )
            ) from None
        except ReadTimeoutError:
            raise timed_out(self.endpoint.label) from None
        except (urllib3.exceptions.HTTPError, OSError):
            raise NetworkError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages",
                        "The connection to {server} was lost while reading its answer.",
                    ),
                    server=self.endpoint.label,
                )
            ) from None
        return b"".join(chunks)
