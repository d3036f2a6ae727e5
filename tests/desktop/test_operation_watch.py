"""watch_operation without Qt: start, poll with backoff, ride out lost answers, read back."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from functools import partial

import pytest

from desktop.api.client import PartnerApi, new_idempotency_key
from desktop.api.errors import ConflictError
from desktop.api.operation_watch import (
    Backoff,
    WatchNews,
    WatchStopped,
    watch_operation,
)
from desktop.api.records import Operation
from tests.desktop.operation_support import FaultyServer, faulty_server
from tests.support.scripted_http import LossyProxy

FAST = Backoff(first=0.05, factor=2.0, cap=0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    with faulty_server(tmp_path_factory.mktemp("watch"), failing=1, stalling=1) as running:
        yield running


def _api(root_url: str) -> PartnerApi:
    api = PartnerApi(root_url, allow_insecure_http=True)
    api.login("demo", "demo")
    return api


def _suspend(api: PartnerApi, customer_id: str, reason: str, key: str = "") -> partial[Operation]:
    """The start as the center hands it to the watch: one request; the watch sends it again."""
    body = {"reason": reason}
    return partial(api.start_operation, customer_id, "suspend", body, key or new_idempotency_key())


def test_backoff_doubles_from_25_ms_up_to_two_seconds() -> None:
    delays = Backoff().delays()
    assert [next(delays) for _ in range(9)] == [0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0]


def test_a_suspension_is_followed_to_its_end_and_the_customer_read_back(
    server: FaultyServer,
) -> None:
    api = _api(server.url)
    customer = server.customer(server.active.take())
    news: list[WatchNews] = []
    key = new_idempotency_key()
    outcome = watch_operation(
        api,
        _suspend(api, customer["id"], "Non-payment", key),
        customer["id"],
        report=news.append,
        stop=threading.Event(),
        backoff=FAST,
    )
    assert outcome.succeeded
    assert outcome.operation is not None and outcome.operation.state == "succeeded"
    assert outcome.customer is not None and outcome.customer.status == "suspended"
    assert outcome.customer.suspension_reason == "Non-payment"
    assert [n.phase for n in news] == ["starting", "waiting", "confirming"]
    assert server.client().get(f"/customers/{customer['id']}").json()["status"] == "suspended"


def test_a_failed_operation_gives_the_servers_reason_and_the_true_state(
    server: FaultyServer,
) -> None:
    api = _api(server.url)
    customer = server.customer(server.failing[0])
    outcome = watch_operation(
        api,
        _suspend(api, customer["id"], "Abuse"),
        customer["id"],
        report=lambda _n: None,
        stop=threading.Event(),
        backoff=FAST,
    )
    assert not outcome.succeeded
    assert outcome.operation is not None and outcome.operation.state == "failed"
    assert outcome.error is not None and "backend refused" in outcome.error.message
    assert outcome.customer is not None and outcome.customer.status == "active"


def test_a_refused_start_comes_back_as_the_error_with_the_customer(
    server: FaultyServer,
) -> None:
    api = _api(server.url)
    customer = server.customer(server.suspended.take())
    outcome = watch_operation(
        api,
        _suspend(api, customer["id"], "Fraud"),
        customer["id"],
        report=lambda _n: None,
        stop=threading.Event(),
        backoff=FAST,
    )
    assert outcome.operation is None
    assert isinstance(outcome.error, ConflictError) and outcome.error.code == "already_suspended"
    assert outcome.customer is not None and outcome.customer.status == "suspended"


def test_lost_answers_are_ridden_out_and_the_customer_is_suspended_once(
    server: FaultyServer,
) -> None:
    proxy = LossyProxy(server.root).start()
    try:
        api = _api(f"{proxy.root}/api/v1")
        customer = server.customer(server.active.take())
        # The first POST reaches the server and its answer is lost; later, four GETs in a row
        # are lost too. The transport sends each once: the watch alone sends them again.
        proxy.drop["POST"] = 1
        news: list[WatchNews] = []

        def report(item: WatchNews) -> None:
            news.append(item)
            if item.phase == "waiting" and not any(n.phase == "reconnecting" for n in news):
                proxy.drop["GET"] = 4

        key = new_idempotency_key()
        outcome = watch_operation(
            api,
            _suspend(api, customer["id"], "Customer request", key),
            customer["id"],
            report=report,
            stop=threading.Event(),
            backoff=FAST,
        )
    finally:
        proxy.stop()
    assert outcome.succeeded
    assert "reconnecting" in [n.phase for n in news]
    posts = [
        json.loads(body)["id"]
        for method, path, status, body in proxy.forwarded
        if method == "POST" and path.endswith("/suspend") and status == 202
    ]
    assert len(posts) == 2 and len(set(posts)) == 1  # two requests, one operation
    events = server.client().get(f"/customers/{customer['id']}/events").json()["items"]
    assert [e["action"] for e in events].count("suspended") == 1


def test_stop_ends_the_watch_at_once_and_the_server_carries_on(server: FaultyServer) -> None:
    api = _api(server.url)
    customer = server.customer(server.stalling[0])
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    began = time.monotonic()
    with pytest.raises(WatchStopped):
        watch_operation(
            api,
            _suspend(api, customer["id"], "Abuse"),
            customer["id"],
            report=lambda _n: None,
            stop=stop,
        )
    assert time.monotonic() - began < 5
    unfinished = server.client().get("/operations", params={"unfinished": "true"}).json()
    assert customer["id"] in [op["customer_id"] for op in unfinished["items"]]


def test_an_operation_from_an_earlier_run_is_resumed_without_starting_another(
    server: FaultyServer,
) -> None:
    api = _api(server.url)
    customer = server.customer(server.active.take())
    first = api.suspend(customer["id"], "Non-payment", new_idempotency_key())
    news: list[WatchNews] = []
    outcome = watch_operation(
        api, first, customer["id"], report=news.append, stop=threading.Event(), backoff=FAST
    )
    assert outcome.succeeded and outcome.operation is not None
    assert outcome.operation.id == first.id
    assert news[0].phase == "waiting"
