"""Benchmark: how soon a change made through one server process reaches a stream on another, and
what 500 idle streams cost a server process.

    .venv/bin/python -m bench.change_latency [--edits N] [--streams S] [--backends sqlite,postgres]
                                             [--quick] [--smoke]

For each backend, two server processes A and B share one database (a temporary SQLite file; a
throwaway PostgreSQL cluster, skipped where PostgreSQL cannot run). N edits (default 150), one
at a time at random moments, are PATCHed through A; each is timed from just before its request
leaves to the moment its event arrives on a GET /changes stream:

- the baseline: the stream on A itself (the same process: no LISTEN/NOTIFY, no poll);
- the stream on B (PostgreSQL: NOTIFY; SQLite: B's poll of the log);
- the stream on B again while S more streams (default 500) are open on B, idle but for the
  events, read by one thread here.

With the S streams open, B's resident memory and its thread count against before they opened.
Goals: p50 <= 200 ms, p99 <= 1 s; no thread per stream. Prints a table and merges the figures
into bench/results.json (--quick: 40 edits, 100 streams; --smoke: the smallest run, nothing
written); never a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import selectors
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.results import Result, add_smoke_flag, finish
from bench.snapshot_load import rss_mb
from tests.server.sse_support import Event, EventStream
from tests.support.postgres import start_cluster
from tests.support.server import ApiClient, ServerProcess, seed_database

P50_GOAL_MS = 200.0
P99_GOAL_MS = 1000.0
SPARE_THREADS = 8
CUSTOMERS = 40


def threads_of(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = [line for line in status.splitlines() if line.startswith("Threads:")]
    return int(found[0].split()[1]) if found else None


class Editor:
    """Edits customers through one server, one PATCH at a time, knowing each one's version."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api
        items = api.get("/customers", params={"limit": CUSTOMERS}).json()["items"]
        self.versions = {c["id"]: c["version"] for c in items}
        self.ids = list(self.versions)
        self.count = 0

    def edit(self) -> tuple[str, str, float]:
        """(customer id, the contact name written, when the request left)."""
        self.count += 1
        customer_id = self.ids[self.count % len(self.ids)]
        contact = f"Latency {self.count}"
        started = time.monotonic()
        r = self.api.patch(
            f"/customers/{customer_id}",
            json={"contact_name": contact},
            headers={"If-Match": f'"{self.versions[customer_id]}"'},
        )
        r.raise_for_status()
        self.versions[customer_id] = r.json()["version"]
        return customer_id, contact, started


def latencies_ms(editor: Editor, reader: ApiClient, edits: int) -> list[float]:
    """Each edit's time from its request to its event on a stream of `reader`'s server."""
    found = []
    with EventStream(reader) as stream:
        for _ in range(edits):
            time.sleep(random.uniform(0, 0.1))  # at random moments, not in step with a poll
            customer_id, contact, started = editor.edit()

            def its_event(evs: list[Event], c: str = customer_id, n: str = contact) -> bool:
                return any(_is(e, c, n) for e in evs)

            events = stream.wait_for(contact, its_event, timeout=30)
            arrived = next(e.at for e in events if _is(e, customer_id, contact))
            found.append((arrived - started) * 1000)
    return found


def _is(e: Event, customer_id: str, contact: str) -> bool:
    return (
        e.event == "customer" and e.data["id"] == customer_id and e.data["contact_name"] == contact
    )


class IdleStreams:
    """`count` GET /changes streams on raw sockets, drained by one thread of this process."""

    def __init__(self, api: ApiClient, count: int) -> None:
        url = urlsplit(api.base)
        request = (
            f"GET {url.path}/changes HTTP/1.1\r\nHost: {url.netloc}\r\n"
            f"Authorization: Bearer {api.token}\r\nAccept: text/event-stream\r\n\r\n"
        ).encode()
        self.selector = selectors.DefaultSelector()
        self.sockets = []
        for _ in range(count):
            sock = socket.create_connection((url.hostname, url.port), timeout=30)
            sock.sendall(request)
            head = sock.recv(4096)
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"a stream did not open: {head[:200]!r}")
            sock.setblocking(False)
            self.selector.register(sock, selectors.EVENT_READ)
            self.sockets.append(sock)
        self.received = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            for key, _ in self.selector.select(timeout=0.1):
                with contextlib.suppress(BlockingIOError, OSError):
                    self.received += len(key.fileobj.recv(65536))  # type: ignore[union-attr]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()
        self.selector.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@contextlib.contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    cluster = start_cluster(folder / "pg")
    try:
        yield cluster.new_database("bench_changes")
    finally:
        cluster.stop()


def run_backend(backend: str, edits: int, streams: int) -> list[Result]:
    with (
        tempfile.TemporaryDirectory(prefix="bench-changes-") as folder,
        database(backend, Path(folder)) as url,
    ):
        seed_database(url, customers=CUSTOMERS * 2, partners=1)
        with ServerProcess(url) as a, ServerProcess(url) as b:
            assert b.proc is not None
            editor = Editor(ApiClient(a.url).login())
            on_a, on_b = ApiClient(a.url).login(), ApiClient(b.url).login()
            latencies_ms(editor, on_b, 3)  # warm-up: connections, caches
            same = latencies_ms(editor, on_a, edits)
            across = latencies_ms(editor, on_b, edits)
            rss_before, threads_before = rss_mb(b.proc.pid), threads_of(b.proc.pid)
            idle = IdleStreams(on_b, streams)
            try:
                time.sleep(1.0)  # settled
                rss_after, threads_after = rss_mb(b.proc.pid), threads_of(b.proc.pid)
                loaded = latencies_ms(editor, on_b, edits)
            finally:
                idle.close()
    print(f"{backend}: the {streams} idle streams received {idle.received:,} bytes")
    results = _latency(backend, "two processes", across, same, "the stream on the writing process")
    results += _latency(
        backend, f"two processes, {streams} streams open", loaded, across, "no other streams open"
    )
    if rss_before is not None and rss_after is not None:
        growth = rss_after - rss_before
        results.append(
            Result(
                f"{streams} idle streams: server memory growth ({backend})",
                round(growth, 1),
                "MB",
                "the server's resident memory before they opened",
                round(rss_before, 1),
                None,
                f"reported: {growth * 1024 / streams:.0f} KB a stream",
                True,
            )
        )
    if threads_before is not None and threads_after is not None:
        results.append(
            Result(
                f"{streams} idle streams: server threads ({backend})",
                threads_after,
                "threads",
                "the server's threads before they opened",
                threads_before,
                round(threads_before / threads_after, 2),
                f"no thread per stream: <= {SPARE_THREADS} more",
                threads_after <= threads_before + SPARE_THREADS,
            )
        )
    return results


def _latency(
    backend: str, how: str, values: list[float], base: list[float], baseline: str
) -> list[Result]:
    out = []
    for p, goal in ((50, P50_GOAL_MS), (99, P99_GOAL_MS)):
        value, against = percentile(values, p), percentile(base, p)
        out.append(
            Result(
                f"change latency p{p}, {how} ({backend}, {len(values)} edits)",
                round(value, 1),
                "ms",
                f"{baseline} (same run)",
                round(against, 1),
                round(against / value, 2) if value > 0 else None,
                f"<= {goal:g} ms",
                value <= goal,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.change_latency", description=__doc__)
    parser.add_argument("--edits", type=int, default=150)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="40 edits, 100 streams")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.edits, args.streams = 40, 100
    if args.smoke:
        args.edits, args.streams = 6, 20
    results: list[Result] = []
    for backend in args.backends.split(","):
        try:
            results += run_backend(backend.strip(), args.edits, args.streams)
        except pytest.skip.Exception as exc:  # no PostgreSQL here: said, and the rest goes on
            print(f"{backend}: skipped ({exc})")
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}; latency from the PATCH leaving to its event"
        f" arriving; ratio = baseline / value"
    )
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    raise SystemExit(main())
