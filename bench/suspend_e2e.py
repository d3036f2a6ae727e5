"""Benchmark: suspending a customer end to end, against one raw HTTP round trip.

    .venv/bin/python -m bench.suspend_e2e [--customers N] [--seed-customers S]

Starts the real server with `--suspend-seconds 0` (the backend answers at once, so what is left
is the app's own path) on a freshly seeded temporary SQLite file, and times, for N customers
each (default 20), medians:

app      click-to-confirmed: OperationCenter.start("suspend", ...) on the GUI thread until its
         `finished` signal (the POST with its Idempotency-Key, the watch's polling, the customer
         read back, and the hops through the TaskRunner);
watch    the same without Qt: watch_operation(PartnerApi.suspend ...) on this thread;
baseline one GET /health with plain `requests` on a kept-alive session, in the same run.

While the app's suspends run, a 10 ms heartbeat QTimer ticks on the GUI thread; the longest gap
between its ticks (median over the runs) is how long the GUI thread was blocked.

A diagnostic figure follows: the watch with its first poll after 20 ms instead of the default
Backoff (first poll after 200 ms), showing how much of the figure is the poll's first wait.

Prints a table and merges the figures into bench/results.json. Never a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from bench.filter_keystroke import Heartbeat
from bench.results import Result, add_smoke_flag, finish
from desktop.api.client import PartnerApi, new_idempotency_key
from desktop.api.operation_watch import Backoff, watch_operation
from desktop.api.records import Customer
from desktop.operations.center import OperationCenter, OperationEnded
from desktop.settings import AppSettings
from desktop.tasks import TaskRunner
from tests.support.server import ServerProcess, seed_database

GOAL_MS = 150.0
HEARTBEAT_GOAL_MS = 50.0
BASELINE = "one GET /health, plain requests, kept-alive session (same run)"


def health_ms(http: requests.Session, base: str, times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        http.get(f"{base}/health", timeout=30).raise_for_status()
        out.append((time.perf_counter() - started) * 1000)
    return out


def through_center(
    center: OperationCenter, customer: Customer, heartbeat: Heartbeat | None = None
) -> float:
    loop = QEventLoop()
    ended: dict[str, Any] = {}

    def finished(news: OperationEnded) -> None:
        if news.customer_id == customer.id:
            ended.update(operation=news.operation, customer=news.customer, error=news.error)
            loop.quit()

    center.finished.connect(finished)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(30_000)
    if heartbeat is not None:
        heartbeat.reset()
    started = time.perf_counter()
    if not center.start("suspend", customer, reason="bench"):
        raise RuntimeError(f"the center would not start a suspend of {customer.id}")
    loop.exec()
    elapsed = (time.perf_counter() - started) * 1000
    guard.stop()
    center.finished.disconnect(finished)
    if not ended or ended["error"] is not None or ended["customer"].status != "suspended":
        raise RuntimeError(f"suspend of {customer.id} did not end as suspended: {ended}")
    return elapsed


def through_watch(api: PartnerApi, customer: Customer, backoff: Backoff | None) -> float:
    started = time.perf_counter()
    outcome = watch_operation(
        api,
        lambda: api.suspend(customer.id, "bench", new_idempotency_key()),
        customer.id,
        report=lambda news: None,
        stop=threading.Event(),
        backoff=backoff,
    )
    elapsed = (time.perf_counter() - started) * 1000
    if not outcome.succeeded or outcome.customer is None:
        raise RuntimeError(f"suspend of {customer.id} failed: {outcome.error}")
    return elapsed


def measure(count: int, seed_customers: int, folder: str) -> list[Result]:
    url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    seed_database(url, customers=seed_customers)
    with ServerProcess(url, suspend_seconds=0) as server:
        api = PartnerApi(server.url, allow_insecure_http=True)
        api.login("demo", "demo")
        active = list(api.list_customers(status="active", limit=3 * count + 3).items)
        if len(active) < 3 * count + 3:
            raise RuntimeError(f"only {len(active)} active customers; seed more")
        http = requests.Session()
        runner = TaskRunner()
        settings = AppSettings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        center = OperationCenter(api, runner, settings)
        # Warm-up: connections, the server's first operation, imports on both sides.
        health_ms(http, server.url, 5)
        through_center(center, active.pop())
        through_watch(api, active.pop(), None)
        through_watch(api, active.pop(), Backoff(first=0.02))
        heartbeat = Heartbeat()
        heartbeat.start()
        gaps_ms: list[float] = []
        app_ms: list[float] = []
        watch_ms: list[float] = []
        fast_ms: list[float] = []
        base_ms: list[float] = []
        for _ in range(count):
            base_ms += health_ms(http, server.url, 3)
            app_ms.append(through_center(center, active.pop(), heartbeat))
            gaps_ms.append(heartbeat.longest * 1000)
            watch_ms.append(through_watch(api, active.pop(), None))
            fast_ms.append(through_watch(api, active.pop(), Backoff(first=0.02)))
        center.shutdown()
        runner.drain()
        api.close()
        http.close()
    base = statistics.median(base_ms)
    name = f"suspend end to end, --suspend-seconds 0, median of {count}"
    return [
        _result(f"{name}: click to confirmed (OperationCenter)", app_ms, base, GOAL_MS),
        _result(f"{name}: PartnerApi.suspend + watch_operation", watch_ms, base, GOAL_MS),
        _result(f"{name}: watch with first poll at 20 ms (diagnostic)", fast_ms, base, None),
        Result(
            f"{name}: longest GUI-thread block while it runs (10 ms heartbeat gap)",
            round(statistics.median(gaps_ms), 1),
            "ms",
            None,
            None,
            None,
            f"<= {HEARTBEAT_GOAL_MS:g} ms",
            statistics.median(gaps_ms) <= HEARTBEAT_GOAL_MS,
        ),
    ]


def _result(name: str, times: list[float], base: float, goal: float | None) -> Result:
    value = statistics.median(times)
    return Result(
        name,
        round(value, 1),
        "ms",
        BASELINE,
        round(base, 2),
        round(value / base, 1) if base > 0 else None,
        f"<= {goal:g} ms" if goal is not None else "(reported)",
        goal is None or value <= goal,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suspend_e2e", description=__doc__)
    parser.add_argument("--customers", type=int, default=20, help="suspends per figure")
    parser.add_argument("--seed-customers", type=int, default=1000)
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.customers, args.seed_customers = 1, 100
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="bench-suspend-") as folder:
        results = measure(args.customers, args.seed_customers, folder)
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}; ratio = value / baseline"
    )
    del app
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
