"""The real server for a bench: `partner-api seed` into a temporary SQLite file, then
`partner-api serve` on it (loopback), as bench/server_search.py and bench/activity_page.py use it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests


def seed(url: str, customers: int) -> tuple[float, float]:
    """(seconds the seed reports, seconds of the whole `partner-api seed` process)."""
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "server.cli",
            "seed",
            "--database",
            url,
            "--customers",
            str(customers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    match = re.search(r"in ([0-9.]+) s", done.stdout)
    if not match:
        raise RuntimeError(f"unexpected seed output: {done.stdout!r} {done.stderr!r}")
    return float(match.group(1)), wall


@contextmanager
def serving(url: str) -> Iterator[str]:
    """The server on `url`'s database while the block runs; yields its API root (.../api/v1)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", "0", "--database", url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        root = proc.stdout.readline().strip()
        if not root.startswith("http://"):
            raise RuntimeError(f"the server did not start: {root!r}")
        base = f"{root}/api/v1"
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer /health")
            time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
