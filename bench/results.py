"""The figures every bench reports: one Result per measure, printed as a table and merged into
bench/results.json (a list of {name, value, unit, baseline, baseline_value, ratio, goal, met}).

Every bench takes --smoke: its smallest run through every step, which
tests/packaging/test_benches.py makes so that a bench nothing else runs cannot rot unseen.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results.json")


@dataclass
class Result:
    name: str
    value: float
    unit: str
    baseline: str | None
    baseline_value: float | None
    ratio: float | None
    goal: str
    met: bool


def add_smoke_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="the smallest run through every step, to see that the bench still runs; its"
        " figures mean nothing at that size: they are neither judged nor written",
    )


def finish(results: list[Result], header: str, *, smoke: bool) -> int:
    """Print the table and, unless it was a smoke run, merge the figures into
    bench/results.json; the exit status is 1 when a goal was not met (a smoke run's are not
    judged)."""
    print_table(results, header)
    if smoke:
        print("\nsmoke run: the figures are neither judged nor written")
        return 0
    merge_results(results)
    print(f"\nwritten to {RESULTS}")
    return 0 if all(r.met for r in results) else 1


def median_ms(run: Callable[[], Any], repeat: int) -> float:
    """The median of `repeat` runs of `run`, in milliseconds, after one run not counted."""
    run()  # warm-up: caches, prepared statements, connection
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def print_table(results: list[Result], header: str) -> None:
    print()
    print(header)
    width = max(len(r.name) for r in results)
    print(f"{'measure':<{width}}  {'value':>10}  {'baseline':>10}  {'ratio':>7}  goal")
    for r in results:
        value = f"{r.value:g} {r.unit}"
        base = f"{r.baseline_value:g} {r.unit}" if r.baseline_value is not None else "-"
        ratio = f"{r.ratio:g}x" if r.ratio is not None else "-"
        mark = "met" if r.met else "NOT MET"
        print(f"{r.name:<{width}}  {value:>10}  {base:>10}  {ratio:>7}  {r.goal} {mark}")


def merge_results(results: list[Result]) -> None:
    """Replace the entries of the same name in bench/results.json, keep every other one."""
    existing: list[dict[str, Any]] = []
    if RESULTS.exists():
        existing = json.loads(RESULTS.read_text(encoding="utf-8"))
    names = {r.name for r in results}
    merged = [e for e in existing if e.get("name") not in names]
    merged += [asdict(r) for r in results]
    RESULTS.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
