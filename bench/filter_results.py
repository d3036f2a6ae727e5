"""Benchmark figures of bench/filter_keystroke.py, merged into bench/results.json.

    .venv/bin/python -m bench.filter_results [--rows N] [--big-rows M] [--no-big]

Runs filter_keystroke's own measurement (its typed sequence, its loaders, its timing functions
and its 10 ms heartbeat; nothing is re-implemented here) over N customers (default 100,000)
for CustomerFilterModel and the QSortFilterProxyModel + regex baseline, in the same run, then
over M customers (default 1,000,000) for ours alone (the baseline takes minutes to fill at that
size). Prints a table and merges the figures into bench/results.json. Never a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench import filter_keystroke as fk
from bench.results import Result, add_smoke_flag, finish

MEDIAN_GOAL_MS = 16.0
WORST_GOAL_MS = 50.0
RATIO_GOAL = 10.0
BIG_MEDIAN_GOAL_MS = 100.0
BLOCK_GOAL_MS = 50.0
BASELINE = "QSortFilterProxyModel + case-insensitive regex (same run)"


def measure(count: int, with_baseline: bool) -> tuple[list[float], list[float], list[float]]:
    """(ours ms per keystroke, baseline ms per keystroke, longest GUI block ms per keystroke)."""
    customers = fk.make_customers(count)
    ours, _ = fk.load_ours(customers)
    baseline = fk.load_baseline(customers)[0] if with_baseline else None
    del customers
    heartbeat = fk.Heartbeat()
    heartbeat.start()
    ours_ms: list[float] = []
    base_ms: list[float] = []
    blocks: list[float] = []
    for text in fk.TYPED:
        heartbeat.reset()
        elapsed, _ = fk.time_ours(ours, text)
        fk.idle(25)
        ours_ms.append(elapsed * 1000)
        blocks.append(heartbeat.longest * 1000)
        if baseline is not None:
            base_ms.append(fk.time_baseline(baseline, text)[0] * 1000)
        fk.idle(25)
    return ours_ms, base_ms, blocks


def figures(rows: int, big_rows: int | None) -> list[Result]:
    results: list[Result] = []
    name = f"keystroke to filtered table, {rows:,} customers"
    print(f"filter: {rows:,} customers, ours and baseline ...", flush=True)
    ours, base, blocks = measure(rows, with_baseline=True)
    median, worst = statistics.median(ours), max(ours)
    base_median, base_worst = statistics.median(base), max(base)
    ratio = base_median / median if median > 0 else None
    results.append(
        Result(
            f"{name} (median)",
            round(median, 1),
            "ms",
            BASELINE,
            round(base_median, 1),
            round(ratio, 1) if ratio is not None else None,
            f"<= {MEDIAN_GOAL_MS:g} ms and >= {RATIO_GOAL:g}x",
            median <= MEDIAN_GOAL_MS and ratio is not None and ratio >= RATIO_GOAL,
        )
    )
    results.append(
        Result(
            f"{name} (worst)",
            round(worst, 1),
            "ms",
            BASELINE,
            round(base_worst, 1),
            round(base_worst / worst, 1) if worst > 0 else None,
            f"<= {WORST_GOAL_MS:g} ms",
            worst <= WORST_GOAL_MS,
        )
    )
    results.append(_block(f"{name}, longest GUI-thread block", max(blocks)))
    if big_rows:
        # "ours alone": a quick run's big size may be a full run's small one; keep both apart.
        name = f"keystroke to filtered table, {big_rows:,} customers, ours alone"
        print(f"filter: {big_rows:,} customers, ours ...", flush=True)
        ours, _, blocks = measure(big_rows, with_baseline=False)
        median = statistics.median(ours)
        results.append(
            Result(
                f"{name} (median)",
                round(median, 1),
                "ms",
                None,
                None,
                None,
                f"<= {BIG_MEDIAN_GOAL_MS:g} ms",
                median <= BIG_MEDIAN_GOAL_MS,
            )
        )
        results.append(
            Result(
                f"{name} (worst)",
                round(max(ours), 1),
                "ms",
                None,
                None,
                None,
                "(reported)",
                True,
            )
        )
        results.append(_block(f"{name}, longest GUI-thread block", max(blocks)))
    return results


def _block(name: str, ms: float) -> Result:
    return Result(
        f"{name} (10 ms heartbeat gap)",
        round(ms, 1),
        "ms",
        None,
        None,
        None,
        f"<= {BLOCK_GOAL_MS:g} ms",
        ms <= BLOCK_GOAL_MS,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.filter_results", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    parser.add_argument("--no-big", action="store_true", help="skip the big run")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.rows, args.big_rows = 1_000, 2_000
    app = QApplication.instance() or QApplication(sys.argv)
    results = figures(args.rows, None if args.no_big else args.big_rows)
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, {len(fk.TYPED)} keystrokes"
    )
    del app
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
