"""Benchmark: process start to the first painted main window, against a bare PySide6 window.

    .venv/bin/python -m bench.startup [--repeat R]

Starts the real server once on a seeded temporary SQLite file (the demo data: 300 customers of
the demo partner), then R times each, alternating, in fresh processes (bench/startup_probe.py):

ours      `partner-desk --demo` with that server already running: imports, the QApplication,
          settings, the automatic sign-in over loopback, the main window built and painted;
baseline  a bare PySide6 script that creates a QApplication and shows one empty window.

The time runs from just before the process is started to the child's "painted" line (written
at the measured window's first paint event). For ours that window is the main window's frame:
the sidebar and "Signing in…", themed and translated; the pages and the sign-in come after it
(desktop/app.py `Startup`). Medians of R. Prints a table and merges the figures into
bench/results.json. Never a test.

The project's modules are compiled to bytecode first, as an installed app (a wheel, the bundle)
has them: with PYTHONDONTWRITEBYTECODE set, a source checkout would otherwise compile every
module at every start (~30 ms), which no partner's start pays.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.results import Result, add_smoke_flag, finish
from tests.support.server import ServerProcess, seed_database

ROOT = Path(__file__).resolve().parents[1]
RATIO_GOAL = 1.5
BASELINE = "a bare PySide6 script showing one window, same run"


def time_to_paint(args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the probe to its "painted" line."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.startup_probe", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"{args[0]}: no paint (exit {child.returncode})")
    return elapsed


def measure(repeat: int) -> list[Result]:
    for package in ("desktop", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        seed_database(url)  # the demo's data: 300 customers of the partner "demo" signs in to
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        # The app's own settings and keyring stay out of it: a fresh home for the runs.
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[var] = str(Path(folder) / var.lower())
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        with ServerProcess(url) as server:
            # One of each first: the page cache holds the files for every timed run alike.
            time_to_paint(["bare"], env)
            time_to_paint(["app", server.url], env)
            ours: list[float] = []
            bare: list[float] = []
            for i in range(repeat):
                bare.append(time_to_paint(["bare"], env))
                ours.append(time_to_paint(["app", server.url], env))
                print(f"  run {i + 1}: ours {ours[-1]:.3f} s, bare {bare[-1]:.3f} s")
    ours_ms = statistics.median(ours) * 1000
    bare_ms = statistics.median(bare) * 1000
    ratio = ours_ms / bare_ms
    return [
        Result(
            name="process start to first painted main window (demo server already running)",
            value=round(ours_ms, 1),
            unit="ms",
            baseline=BASELINE,
            baseline_value=round(bare_ms, 1),
            ratio=round(ratio, 2),
            goal=f"<= {RATIO_GOAL}x the baseline",
            met=ratio <= RATIO_GOAL,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat = 1
    results = measure(args.repeat)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"{stamp}, {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"medians of {args.repeat}"
    )
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
