"""Every bench in bench/ still runs: its --smoke run goes through every step and prints ratios.

Nothing else runs the benches (`make bench` is by hand), so a bench broken by a change elsewhere
stayed broken until someone next measured (bench/suspend_e2e once did). A smoke run's sizes are
the smallest that reach every step (bench/results.py); its figures mean nothing at that size,
so they are neither judged nor written to bench/results.json. A few seconds each here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.packaging.support import ROOT, headless_env

BENCH = ROOT / "bench"
# Modules of bench/ that are not benches: what the benches share, and startup's child process.
NOT_BENCHES = {"__init__", "results", "seeded_server", "startup_probe"}
BENCHES = sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in NOT_BENCHES)
# "1.5x", "0.68x", "12x": the ratio column of bench/results.py's table, or filter_keystroke's.
RATIO = re.compile(r"(?<![\w.])\d+(?:\.\d+)?x\b")


def test_the_benches_are_found() -> None:
    assert {"server_search", "filter_results", "load_table", "suspend_e2e", "startup"} <= set(
        BENCHES
    )


@pytest.mark.parametrize("bench", BENCHES)
def test_a_bench_runs_its_smoke_size_and_prints_a_ratio(bench: str) -> None:
    results = BENCH / "results.json"
    before = results.read_bytes() if results.exists() else None
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{bench}", "--smoke"],
        cwd=ROOT,
        env=headless_env(),
        capture_output=True,
        text=True,
        timeout=60,  # a bound against hanging: a smoke run takes seconds
    )
    said = f"{done.stdout}\n{done.stderr}"
    assert done.returncode == 0, said[-4000:]
    assert "ratio" in done.stdout, said[-4000:]
    ratios = [line for line in done.stdout.splitlines() if RATIO.search(line)]
    assert ratios, f"no ratio printed:\n{done.stdout[-4000:]}"
    after = results.read_bytes() if results.exists() else None
    assert after == before, "a smoke run's figures went into bench/results.json"
