"""Benchmark: the whole book at once (GET /customers/snapshot) against the paged list it replaces.

    .venv/bin/python -m bench.snapshot_load [--customers N] [--repeat R] [--quick] [--smoke]

Seeds N customers (default 100,000) into a temporary SQLite file, starts the real server on it,
and times, as medians of R runs after one warm-up, over loopback HTTP with `requests`, each read
to the last record parsed:

- the baseline: today's paged load, GET /customers?limit=200 page after page (`.json()` each);
- the snapshot as NDJSON, each line parsed with orjson as it arrives; and gzipped
  (`Accept-Encoding: gzip`); and its bytes alone, not parsed (the server's and the wire's part);
- the floor: orjson.loads of the same bytes, line by line, already in memory: what no transport
  can beat with this JSON library.

Also the server's memory while it streams the snapshot (its peak resident size above what it
had before), against the same figure for the paged loop: the snapshot is streamed, not built.
The garbage collector is off while each is timed, as a loading client would have it.
Prints a table and merges the figures into bench/results.json (--quick: 10,000 customers, one
run; --smoke: the smallest run through every step, nothing written); never a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import requests

from bench.results import Result, add_smoke_flag, finish
from tests.support.server import ServerProcess, seed_database

RATIO_GOAL = 5.0
MEMORY_GOAL_MB = 64.0


def rss_mb(pid: int) -> float | None:
    """The process's resident memory now (Linux's /proc), or None where there is no /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


class PeakMemory:
    """The peak resident size of a process while the block runs, sampled every 10 ms."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before = rss_mb(pid) or 0.0
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb(self.pid) or 0.0)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth(self) -> float:
        return self.peak - self.before


def paged(http: requests.Session, base: str) -> int:
    count, cursor = 0, None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = http.get(f"{base}/customers", params=params, timeout=60).json()
        count += len(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return count


def snapshot(http: requests.Session, base: str, gzip: bool) -> int:
    """The snapshot, each line parsed as it arrives (as a client shows rows while they stream)."""
    encoding = "gzip" if gzip else "identity"
    r = http.get(
        f"{base}/customers/snapshot",
        headers={"Accept-Encoding": encoding},
        stream=True,
        timeout=60,
    )
    r.raise_for_status()
    loads = orjson.loads
    rows: list[Any] = []
    first: dict[str, Any] | None = None
    rest = b""
    for chunk in r.iter_content(chunk_size=1 << 16):
        *lines, rest = (rest + chunk).split(b"\n")
        if first is None and lines:
            first = loads(lines.pop(0))
        rows.extend(loads(line) for line in lines)
    assert first is not None and len(rows) == first["total"], (len(rows), first)
    return len(rows)


def _parse(body: bytes) -> int:
    loads = orjson.loads
    lines = body.split(b"\n")
    first = loads(lines[0])
    rows = [loads(line) for line in lines[1:] if line]
    assert len(rows) == first["total"], (len(rows), first)
    return len(rows)


def timed(run: Callable[[], Any], repeat: int) -> float:
    """The median of `repeat` runs in seconds, after one run not counted. The cyclic garbage
    collector is off while each runs, as a client loading a book would have it: otherwise it
    walks the growing list of records again and again, and that, not the JSON, is timed."""
    run()
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return statistics.median(times)


def transfer(http: requests.Session, base: str) -> int:
    """The snapshot's bytes read to the last, not parsed: the server's and the wire's share."""
    r = http.get(
        f"{base}/customers/snapshot",
        headers={"Accept-Encoding": "identity"},
        stream=True,
        timeout=60,
    )
    return sum(len(chunk) for chunk in r.iter_content(chunk_size=1 << 20))


def run(customers: int, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        started = time.perf_counter()
        seed_database(url, customers=customers, partners=1)
        print(f"seeded {customers:,} customers in {time.perf_counter() - started:.1f} s")
        with ServerProcess(url) as server:
            assert server.proc is not None
            pid = server.proc.pid
            http = requests.Session()
            login = http.post(
                f"{server.url}/auth/login", json={"username": "demo", "password": "demo"}
            )
            login.raise_for_status()
            http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            base = server.url
            assert paged(http, base) == customers
            with PeakMemory(pid) as paged_memory:
                paged_s = timed(lambda: paged(http, base), repeat)
            with PeakMemory(pid) as snapshot_memory:
                plain_s = timed(lambda: snapshot(http, base, gzip=False), repeat)
            gzip_s = timed(lambda: snapshot(http, base, gzip=True), repeat)
            bytes_s = timed(lambda: transfer(http, base), repeat)
            body = http.get(
                f"{base}/customers/snapshot", headers={"Accept-Encoding": "identity"}
            ).content
            floor_s = timed(lambda: _parse(body), repeat)
            print(f"snapshot body: {len(body) / 1e6:.1f} MB of NDJSON")
    figures = _results(
        customers, paged_s, plain_s, gzip_s, floor_s, paged_memory.growth, snapshot_memory.growth
    )
    figures.insert(
        2,
        _against_paged(f"snapshot of {customers:,} customers, bytes only (http)", bytes_s, paged_s),
    )
    return figures


def _against_paged(name: str, seconds: float, paged_s: float) -> Result:
    ratio = paged_s / seconds if seconds > 0 else None
    return Result(
        name,
        round(seconds, 3),
        "s",
        "paged GET /customers loop, limit 200, parsed (http, same run)",
        round(paged_s, 3),
        round(ratio, 1) if ratio else None,
        f">= {RATIO_GOAL:g}x the paged loop",
        ratio is not None and ratio >= RATIO_GOAL,
    )


def _results(
    customers: int,
    paged_s: float,
    plain_s: float,
    gzip_s: float,
    floor_s: float,
    paged_mb: float,
    snapshot_mb: float,
) -> list[Result]:
    book = f"{customers:,} customers"
    return [
        _against_paged(f"snapshot of {book}, NDJSON parsed (http)", plain_s, paged_s),
        _against_paged(f"snapshot of {book}, gzip, NDJSON parsed (http)", gzip_s, paged_s),
        Result(
            f"floor: orjson.loads of the snapshot's {book}, in memory",
            round(floor_s, 3),
            "s",
            "the snapshot over http (NDJSON, same run)",
            round(plain_s, 3),
            round(plain_s / floor_s, 1) if floor_s > 0 else None,
            "reported: the snapshot takes ratio x its floor",
            True,
        ),
        Result(
            f"server memory growth while streaming the snapshot of {book}",
            round(snapshot_mb, 1),
            "MB",
            "the same while serving the paged loop",
            round(paged_mb, 1),
            round(paged_mb / snapshot_mb, 2) if snapshot_mb > 0 else None,
            f"<= {MEMORY_GOAL_MB:g} MB (streamed, not built)",
            snapshot_mb <= MEMORY_GOAL_MB,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.snapshot_load", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--quick", action="store_true", help="10,000 customers, one run")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.customers, args.repeat = 10_000, 1
    if args.smoke:
        args.customers, args.repeat = 2_000, 1
    results = run(args.customers, args.repeat)
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, orjson {orjson.__version__}, medians of"
        f" {args.repeat}; ratio = baseline / value"
    )
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    raise SystemExit(main())
