"""Load: 20 signed-in client sessions (desktop.api's PartnerApi, one per thread, each following
its operations with the app's own watch) suspend and re-enable different customers at once,
against one server: no errors, no lost operations, every customer ends in the state asked.

Prints throughput (operations per second) and p99 latency, from the request that starts an
operation to the poll that sees it finished. Short in `make test`, long under `make soak`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from desktop.api import Operation, PartnerApi, new_idempotency_key
from desktop.api.operation_watch import Backoff, WatchNews, watch_operation
from tests.support.figures import report, scale
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = pytest.mark.reliability

SESSIONS = 20
CUSTOMERS_PER_SESSION = scale(3, 5)
# Each customer is suspended and re-enabled this many times, plus one more suspension for
# every second customer, so the run ends with both states to check.
ROUNDS = scale(1, 10)
# Polls back off to this at most, so that latency measures the server, not the poll interval.
POLL_CAP_SECONDS = 0.2


@dataclass
class Session:
    """One client's share: its customers, and what became of each operation it started."""

    customers: list[str]
    latencies: list[float] = field(default_factory=list)
    succeeded: int = 0
    errors: list[str] = field(default_factory=list)
    # customer id -> the status its last operation asked for
    asked: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def loaded(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=SESSIONS * CUSTOMERS_PER_SESSION * 2 + 50, seed=11)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        yield proc


def _active_customers(api: ApiClient, count: int) -> list[str]:
    page = api.get("/customers", params={"status": "active", "limit": 1000}).json()
    ids = [c["id"] for c in page["items"]]
    assert len(ids) >= count, f"only {len(ids)} active customers seeded"
    return ids[:count]


def _toggles(index: int) -> int:
    return 2 * ROUNDS + index % 2


def _run_session(base: str, session: Session, barrier: threading.Barrier) -> None:
    api = PartnerApi(base, allow_insecure_http=True)
    try:
        api.login("demo", "demo")
        barrier.wait(timeout=120)
        stop = threading.Event()
        backoff = Backoff(cap=POLL_CAP_SECONDS)
        plan = list(enumerate(session.customers))
        for step in range(max(_toggles(i) for i, _ in plan)):
            for i, cid in plan:
                if step >= _toggles(i):
                    continue
                suspend = step % 2 == 0
                key = new_idempotency_key()
                finished: list[float] = []

                def seen(news: WatchNews, finished: list[float] = finished) -> None:
                    if news.phase == "confirming" and not finished:
                        finished.append(time.perf_counter())

                def start(cid: str = cid, key: str = key, suspend: bool = suspend) -> Operation:
                    if suspend:
                        return api.suspend(cid, "Load test", key)
                    return api.unsuspend(cid, key)

                started = time.perf_counter()
                outcome = watch_operation(api, start, cid, report=seen, stop=stop, backoff=backoff)
                session.asked[cid] = "suspended" if suspend else "active"
                if outcome.error is not None or outcome.operation is None:
                    session.errors.append(f"{cid}: {outcome.error}")
                    continue
                if outcome.customer is None or outcome.customer.status != session.asked[cid]:
                    session.errors.append(f"{cid}: read back as {outcome.customer}")
                    continue
                session.succeeded += 1
                session.latencies.append(finished[0] - started)
    except Exception as exc:  # a thread's failure is counted, not lost
        session.errors.append(repr(exc))
    finally:
        api.close()


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def test_twenty_sessions_suspend_and_re_enable_at_once(loaded: ServerProcess, backend: str) -> None:
    admin = ApiClient(loaded.url).login()
    ids = _active_customers(admin, SESSIONS * CUSTOMERS_PER_SESSION)
    sessions = [
        Session(ids[n * CUSTOMERS_PER_SESSION : (n + 1) * CUSTOMERS_PER_SESSION])
        for n in range(SESSIONS)
    ]
    barrier = threading.Barrier(SESSIONS + 1)
    threads = [
        threading.Thread(target=_run_session, args=(loaded.url, s, barrier), daemon=True)
        for s in sessions
    ]
    for t in threads:
        t.start()
    barrier.wait(timeout=120)
    began = time.perf_counter()
    for t in threads:
        t.join(timeout=1800)
    took = time.perf_counter() - began
    assert not any(t.is_alive() for t in threads), "a session never finished"

    planned = sum(_toggles(i) for s in sessions for i in range(len(s.customers)))
    errors = [e for s in sessions for e in s.errors]
    done = sum(s.succeeded for s in sessions)
    # Lost: asked for and not confirmed, or the server's record disagrees with what was asked.
    lost = planned - done
    wrong_state = []
    for s in sessions:
        for cid, status in s.asked.items():
            current = admin.get(f"/customers/{cid}").json()
            if current["status"] != status:
                wrong_state.append((cid, current["status"], status))
            kinds = [
                e["action"]
                for e in admin.get(f"/customers/{cid}/events").json()["items"]
                if e["action"] in ("suspended", "reenabled")
            ]
            ran = _toggles(s.customers.index(cid))
            if len(kinds) != ran:
                wrong_state.append((cid, f"{len(kinds)} events", f"{ran} operations"))
    unfinished = admin.get("/operations", params={"unfinished": "true"}).json()["items"]
    latencies = [x for s in sessions for x in s.latencies]
    report(
        f"load {backend}",
        sessions=SESSIONS,
        operations=done,
        seconds=f"{took:.1f}",
        throughput_per_s=f"{done / took:.1f}",
        p99_ms=f"{_p99(latencies) * 1000:.0f}" if latencies else "-",
        errors=len(errors),
        lost=lost + len(wrong_state),
    )
    assert not errors, errors[:10]
    assert lost == 0 and not wrong_state, wrong_state[:10]
    assert not unfinished, unfinished
