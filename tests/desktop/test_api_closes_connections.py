"""Every way a request ends closes its connection: no socket is left for the garbage collector.

A socket left open is found only when the garbage collector frees it, as a ResourceWarning at
whatever moment that happens (it failed a hypothesis run in tests/reliability/test_hostile_api.py
once, at random). Here each path runs under warnings.simplefilter("error", ResourceWarning) and
ends with gc.collect(), so a connection left open fails the test that left it.

The leak it found: urllib3 raised InvalidHeader for a 503, 429 or 413 whose Retry-After it could
not read ("soon", "-1", "²"), out of the transport's own repeats of a GET, past the answer it had
not read (desktop/api/retry.py).
"""

from __future__ import annotations

import gc
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from types import SimpleNamespace

import pytest

from desktop.api import ApiError, NetworkError, PartnerApi, ServerError, new_idempotency_key
from tests.support.scripted_http import ScriptedServer, hang_up, send

HEALTH = b'{"status": "ok", "version": "1"}'


@pytest.fixture
def fake() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@contextmanager
def no_socket_left_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fails when what ran inside left a socket for the garbage collector to close."""
    gc.collect()  # what earlier tests left is theirs
    left: list[str] = []

    def heard(unraisable: SimpleNamespace) -> None:
        left.append(repr(unraisable.exc_value))

    monkeypatch.setattr(sys, "unraisablehook", heard)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        yield
        gc.collect()  # a ResourceWarning raised while freeing a socket reaches `heard`
    assert left == []


def _ended(api: PartnerApi, call: Callable[[PartnerApi], object]) -> object:
    """What `call` returned, or the ApiError's type and status: the error itself is dropped
    here, with what its traceback holds, so gc.collect() can find a connection it kept."""
    try:
        return call(api)
    except ApiError as error:
        return type(error), error.status
    finally:
        api.close()


def _busy(status: int, retry_after: str) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda h: send(h, status, b'{"error": {}}', headers={"Retry-After": retry_after})


def _stalled(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "100")
    h.end_headers()
    h.wfile.write(b'{"status": ')
    h.wfile.flush()
    time.sleep(0.6)  # the scripted server's thread: past the client's read timeout
    hang_up(h)


@pytest.mark.parametrize(
    ("status", "retry_after"),
    [(503, "soon"), (429, "²"), (413, "-1")],
    ids=["503-soon", "429-unicode-digit", "413-negative"],
)
def test_an_unreadable_retry_after_is_waited_as_backoff_and_its_answers_are_closed(
    fake: ScriptedServer, monkeypatch: pytest.MonkeyPatch, status: int, retry_after: str
) -> None:
    fake.route("GET", "/health", _busy(status, retry_after))
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 2.0))
    with no_socket_left_open(monkeypatch):
        ended = _ended(api, PartnerApi.health)
    # The status it is, not a lost connection; sent again as any answer of that status is.
    assert isinstance(ended, tuple) and ended[1] == status
    assert len(fake.seen) == 4


def test_a_busy_server_then_an_answer_closes_every_connection(
    fake: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = iter([_busy(503, "0"), lambda h: send(h, 200, HEALTH)])
    fake.route("GET", "/health", lambda h: next(replies)(h))
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 2.0))
    with no_socket_left_open(monkeypatch):
        ended = _ended(api, PartnerApi.health)
    assert getattr(ended, "version", None) == "1"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (hang_up, NetworkError),
        (_stalled, NetworkError),
        (lambda h: send(h, 302, b"", headers={"Location": "http://evil.example/"}), ApiError),
        (lambda h: send(h, 200, b"{}", headers={"Content-Length": str(10**12)}), ApiError),
    ],
    ids=["hang-up", "stall-mid-body", "redirect", "declared-huge"],
)
def test_a_broken_answer_closes_its_connection(
    fake: ScriptedServer,
    monkeypatch: pytest.MonkeyPatch,
    reply: Callable[[BaseHTTPRequestHandler], None],
    error: type[ApiError],
) -> None:
    fake.route("GET", "/health", reply)
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 0.3))
    with no_socket_left_open(monkeypatch):
        ended = _ended(api, PartnerApi.health)
    assert isinstance(ended, tuple) and issubclass(ended[0], error)


def test_an_operation_start_sent_again_closes_every_answer(
    fake: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sent once per attempt by the transport, again by retry.until_answered.
    fake.route("POST", "/customers/c_1/suspend", _busy(503, "soon"))
    api = PartnerApi(fake.root, token="t", timeout=(1.0, 2.0))
    api.operation_retry_delays = (0.001, 0.001)
    with no_socket_left_open(monkeypatch):
        ended = _ended(api, lambda a: a.suspend("c_1", "why", new_idempotency_key()))
    assert ended == (ServerError, 503)
    assert len(fake.seen) == 3
