"""Benchmark: loading every customer from the real server into the customer table.

    .venv/bin/python -m bench.load_table [--customers N] [--repeat R]

Seeds N customers (default 100,000) into a temporary SQLite file, starts the real server on it
(loopback) and, R times each, alternating:

ours      the app's load: `load_all_customers` (PartnerApi.iter_customer_pages, pages of
          customers/calls.PAGE_SIZE) on a TaskRunner worker, each page appended on the GUI thread
          to a CustomerTableModel under a CustomerFilterModel, until the load has finished and
          the filter has settled (every row indexed and shown);
baseline  plain `requests` + `json` fetching the same pages (same page size, same cursor walk)
          on this thread, keeping nothing.

Figures (medians of R): the whole load and its ratio to the baseline; the time to the first
page appended ("first rows on screen"); the longest gap of a 10 ms heartbeat QTimer on the GUI
thread during the load, and during a reload (View > Refresh: the same pages fetched again while
the table stays shown, then swapped in at once with `reset`, as CustomersPage does); and the
resident memory the loaded table adds per customer (RSS from
/proc/self/statm after gc.collect(), before one load and after it, the API's pages dropped, in
a run of its own while the warm-up's table is still loaded, so freed memory cannot hide it).
The timed runs each have one table in memory, as the app does.

Prints a table and merges the figures into bench/results.json. Never a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench.filter_keystroke import Heartbeat
from bench.results import Result, add_smoke_flag, finish
from desktop.api.client import PartnerApi
from desktop.gc_tuning import freeze_startup_objects
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.prepared_rows import PreparedRows
from desktop.tasks import TaskRunner
from desktop.ui.customers.calls import PAGE_SIZE, load_all_customers
from tests.support.server import ServerProcess, seed_database

RATIO_GOAL = 1.5
FIRST_ROWS_GOAL_MS = 300.0
BLOCK_GOAL_MS = 50.0
BYTES_PER_CUSTOMER_GOAL = 1024.0
BASELINE = f"plain requests + json, same {PAGE_SIZE:,}-row pages and cursor walk"


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def settled_rss() -> int:
    gc.collect()
    return rss_bytes()


class OursRun:
    """One load the app's way; the times are seconds from the submit."""

    def __init__(self, api: PartnerApi, runner: TaskRunner) -> None:
        self.api = api
        self.runner = runner
        self.table = CustomerTableModel()
        self.proxy = CustomerFilterModel(self.table)
        self._reload: PreparedRows | None = None  # a refresh's pages, until the last
        self.first_page: float | None = None
        self.loaded = 0
        self.error: BaseException | None = None
        self._done = False
        self._started = 0.0
        self._loop = QEventLoop()

    def _page(self, page: Any) -> None:
        if self._reload is None:
            self.table.append_page(page.rows)
        else:
            self._reload.extend(page.rows)
        if self.first_page is None:
            self.first_page = time.perf_counter() - self._started

    def _finished(self, count: int) -> None:
        self.loaded = count
        if self._reload is not None:
            self.table.reset(self._reload)
            self._reload = None
        self._done = True
        self._maybe_quit()

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self._done = True
        self._loop.quit()

    def _maybe_quit(self) -> None:
        if self._done and self.proxy.is_settled():
            self._loop.quit()

    def run(self, heartbeat: Heartbeat, reload: bool = False) -> tuple[float, float, float]:
        """(whole load s, first page s, longest heartbeat gap s); `reload` loads every row
        again into the loaded table, as View > Refresh does."""
        if not reload:
            # `settled` is sent from the filter's last step, before its runner has stopped.
            self.proxy.settled.connect(lambda: QTimer.singleShot(0, self._maybe_quit))
        self._reload = PreparedRows.empty() if reload else None
        self._done = False
        self.first_page = None
        heartbeat.reset()
        self._started = time.perf_counter()
        self.runner.submit(
            load_all_customers,
            self.api,
            progress=self._page,
            success=self._finished,
            failure=self._failed,
        )
        self._loop.exec()
        total = time.perf_counter() - self._started
        if self.error is not None:
            raise self.error
        # A little more event loop so a block right at the end is seen too.
        idle(25)
        assert self.first_page is not None
        return total, self.first_page, heartbeat.longest


def idle(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def baseline_load(base: str, token: str) -> tuple[float, int]:
    """(seconds, customers): the same cursor walk with plain requests and json."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    cursor: str | None = None
    count = 0
    while True:
        params: dict[str, Any] = {"limit": PAGE_SIZE}
        if cursor:
            params["cursor"] = cursor
        r = http.get(f"{base}/customers", params=params, timeout=60)
        r.raise_for_status()
        body = r.json()
        count += len(body["items"])
        cursor = body.get("next_cursor")
        if not cursor:
            break
    elapsed = time.perf_counter() - started
    http.close()
    return elapsed, count


def measure(customers: int, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        print(f"seeding {customers:,} customers ...", flush=True)
        seed_database(url, customers=customers)
        with ServerProcess(url) as server:
            api = PartnerApi(server.url, allow_insecure_http=True)
            api.login("demo", "demo")
            assert api.token is not None
            runner = TaskRunner()
            heartbeat = Heartbeat()
            heartbeat.start()
            freeze_startup_objects()  # as the app does once its main window is built
            # Warm-up: connections, imports, the server's caches. Its table stays loaded through
            # the memory run (memory it freed would hide the next table's RSS)...
            baseline_load(server.url, api.token)
            warm = OursRun(api, runner)
            warm.run(heartbeat)
            before = settled_rss()
            memory_run = OursRun(api, runner)
            memory_run.run(heartbeat)
            after = settled_rss()
            memory = (after - before) / max(memory_run.table.rowCount(), 1)
            print(f"  memory: {memory:.0f} B per customer", flush=True)
            # ... and then both go, so each timed run has one table in memory, as the app does
            # (the cyclic GC's pauses grow with every object alive).
            del warm, memory_run
            gc.collect()
            ours_s: list[float] = []
            first_s: list[float] = []
            gaps_s: list[float] = []
            base_s: list[float] = []
            reload_s: list[float] = []
            reload_gaps_s: list[float] = []
            loaded = 0
            for i in range(repeat):
                seconds, count = baseline_load(server.url, api.token)
                base_s.append(seconds)
                run = OursRun(api, runner)
                total, first, gap = run.run(heartbeat)
                loaded = run.table.rowCount()
                if loaded != count or run.proxy.rowCount() != count:
                    raise RuntimeError(
                        f"ours loaded {loaded} (shows {run.proxy.rowCount()}), baseline {count}"
                    )
                ours_s.append(total)
                first_s.append(first)
                gaps_s.append(gap)
                reload_total, _, reload_gap = run.run(heartbeat, reload=True)
                if run.table.rowCount() != count or run.proxy.rowCount() != count:
                    raise RuntimeError(f"the reload left {run.table.rowCount()} of {count}")
                reload_s.append(reload_total)
                reload_gaps_s.append(reload_gap)
                print(
                    f"  run {i + 1}: ours {total:.2f} s (first page {first * 1000:.0f} ms,"
                    f" longest block {gap * 1000:.0f} ms), baseline {seconds:.2f} s;"
                    f" reload {reload_total:.2f} s (longest block {reload_gap * 1000:.0f} ms)",
                    flush=True,
                )
                del run
                gc.collect()
            api.close()
    ours = statistics.median(ours_s)
    base = statistics.median(base_s)
    first = statistics.median(first_s) * 1000
    gap = statistics.median(gaps_s) * 1000
    reload_gap = statistics.median(reload_gaps_s) * 1000
    print(f"  reload: median {statistics.median(reload_s):.2f} s", flush=True)
    name = f"load {loaded:,} customers from the server into the table"
    return [
        Result(
            f"{name} (whole load, filter settled)",
            round(ours, 2),
            "s",
            BASELINE,
            round(base, 2),
            round(ours / base, 2),
            f"<= {RATIO_GOAL:g}x the baseline",
            ours / base <= RATIO_GOAL,
        ),
        Result(
            f"{name}: first rows on screen (first page appended)",
            round(first, 1),
            "ms",
            None,
            None,
            None,
            f"<= {FIRST_ROWS_GOAL_MS:g} ms",
            first <= FIRST_ROWS_GOAL_MS,
        ),
        Result(
            f"{name}: longest GUI-thread block (10 ms heartbeat gap, median of runs)",
            round(gap, 1),
            "ms",
            None,
            None,
            None,
            f"<= {BLOCK_GOAL_MS:g} ms",
            gap <= BLOCK_GOAL_MS,
        ),
        Result(
            f"reload (Refresh) of {loaded:,} loaded customers: longest GUI-thread block"
            " (10 ms heartbeat gap, median of runs)",
            round(reload_gap, 1),
            "ms",
            None,
            None,
            None,
            f"<= {BLOCK_GOAL_MS:g} ms",
            reload_gap <= BLOCK_GOAL_MS,
        ),
        Result(
            f"{name}: resident memory added per customer",
            round(memory, 0),
            "B",
            None,
            None,
            None,
            f"<= {BYTES_PER_CUSTOMER_GOAL:g} B (1 KiB)",
            memory <= BYTES_PER_CUSTOMER_GOAL,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_table", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.customers, args.repeat = 1_000, 1
    app = QApplication.instance() or QApplication(sys.argv)
    results = measure(args.customers, args.repeat)
    header = (
        f"{datetime_now()}, {platform.node()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, medians of {args.repeat}"
    )
    del app
    return finish(results, header, smoke=args.smoke)


def datetime_now() -> str:
    from datetime import UTC, datetime

    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


if __name__ == "__main__":
    sys.exit(main())
