"""The one retry layer (desktop/api/retry.py): what is transient, how long a pause is, that a
stop ends one at once, and that the watch's requests are sent once by the transport."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from desktop.api import (
    ApiError,
    BadResponseError,
    ConflictError,
    NetworkError,
    PartnerApi,
    ServerError,
    SessionExpiredError,
)
from desktop.api.retry import Stopped, is_transient, until_answered, with_jitter
from tests.support.scripted_http import ScriptedServer, send


@pytest.fixture
def fake() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (NetworkError("lost"), True),
        (NetworkError("certificate", transient=False), False),
        (ServerError("bug", status=500), True),
        (ServerError("busy", status=503), True),
        (BadResponseError("garbled"), True),
        (ConflictError("already suspended"), False),
        (SessionExpiredError("sign in"), False),
        (ApiError("teapot", status=418), False),
    ],
)
def test_transient_means_trouble_on_the_way_not_an_answer(error: ApiError, transient: bool) -> None:
    assert is_transient(error) is transient


def test_jitter_only_ever_shortens_a_pause_by_up_to_a_quarter() -> None:
    pauses = [with_jitter(1.0) for _ in range(200)]
    assert all(0.75 <= p <= 1.0 for p in pauses)
    assert len(set(pauses)) > 1


def test_trouble_is_waited_out_until_the_pauses_run_out() -> None:
    calls: list[int] = []
    heard: list[str] = []

    def flaky() -> str:
        calls.append(1)
        raise NetworkError("lost")

    with pytest.raises(NetworkError):
        until_answered(flaky, [0.001, 0.001], on_trouble=lambda e: heard.append(e.message))
    assert len(calls) == 3
    assert heard == ["lost", "lost"]


def test_an_answer_is_never_asked_again() -> None:
    calls: list[int] = []

    def refused() -> str:
        calls.append(1)
        raise ConflictError("already suspended")

    with pytest.raises(ConflictError):
        until_answered(refused, [0.001, 0.001])
    assert len(calls) == 1


def test_a_stop_ends_a_pause_at_once() -> None:
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()

    def lost() -> str:
        raise NetworkError("lost")

    began = time.monotonic()
    with pytest.raises(Stopped):
        until_answered(lost, [60.0], stop=stop)
    assert time.monotonic() - began < 5


def test_the_watchs_requests_are_sent_once_and_others_are_repeated(fake: ScriptedServer) -> None:
    fake.route("GET", "/operations/op_1", lambda h: send(h, 503, b"", "text/plain"))
    api = PartnerApi(fake.root, token="t0k3n")
    with pytest.raises(ServerError):
        api.get_operation("op_1", once=True)
    assert len(fake.seen) == 1, "the watch decides whether to ask again, not the transport"
    with pytest.raises(ServerError):
        api.get_operation("op_1")
    assert len(fake.seen) == 1 + 4, "outside a watch, the transport's three retries of a GET"


def test_an_operations_start_is_sent_once(fake: ScriptedServer) -> None:
    fake.route("POST", "/customers/c_1/suspend", lambda h: send(h, 503, b"", "text/plain"))
    api = PartnerApi(fake.root, token="t0k3n")
    with pytest.raises(ServerError):
        api.start_operation("c_1", "suspend", {"reason": "why"}, "key-1")
    assert len(fake.seen) == 1
    assert fake.seen[0].headers["Idempotency-Key"] == "key-1"
