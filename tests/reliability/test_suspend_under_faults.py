"""Suspend and re-enable, end to end through the real app and the real server, while the
network, the server and the app itself fail in every way the suite knows (see
suspend_fault_runs.py): nothing lost, nothing doubled, the window always tells the truth."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.reliability.fault_client import quick_api
from tests.reliability.suspend_fault_runs import (
    FAULT_KINDS,
    Backend,
    SuspendFaultRuns,
    Tally,
)
from tests.support.fault_proxy import FaultProxy
from tests.support.figures import report, scale
from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import seed_database

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
]

# Long enough that an operation is still running when a fault or a restart strikes it.
SUSPEND_SECONDS = 0.3
POOL = 12  # customers taking turns: each run suspends an active one or re-enables a suspended one


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    url = f"sqlite:///{tmp_path / 'faults.sqlite3'}"
    seed_database(url, customers=60)
    running = Backend(url, SUSPEND_SECONDS)
    yield running
    running.stop()


@pytest.fixture
def proxy(backend: Backend) -> Iterator[FaultProxy]:
    # The proxy outlives every restart: the server comes back on the same port behind it.
    running = FaultProxy(backend.root).start()
    yield running
    running.stop()


def _plan(runs: int, rng: random.Random) -> list[str]:
    """Every fault kind equally often, in a shuffled order."""
    kinds = list(FAULT_KINDS) * (runs // len(FAULT_KINDS) + 1)
    rng.shuffle(kinds)
    return kinds[:runs]


def test_suspend_and_reenable_end_once_and_truthfully_under_faults(
    qtbot: QtBot, tmp_path: Path, backend: Backend, proxy: FaultProxy
) -> None:
    seed = int(os.environ.get("PARTNER_DESK_FAULT_SEED", "6"))
    rng = random.Random(seed)
    # PARTNER_DESK_FAULT_RUNS: a number of runs of one's own, to chase one seed's failure.
    runs = int(os.environ.get("PARTNER_DESK_FAULT_RUNS", "0")) or scale(3 * len(FAULT_KINDS), 1000)
    (tmp_path / "app").mkdir()
    harness = AppHarness(tmp_path / "app", MemoryKeyring(), factory=quick_api)
    harness.settings.auto_close_ms = 0
    tally = Tally()
    try:
        harness.sign_in(qtbot, proxy.root)
        suite = SuspendFaultRuns(qtbot, harness, proxy, backend, tmp_path, tally)
        pool = suite.observer.active_customers(POOL)
        for number, fault_kind in enumerate(_plan(runs, rng), 1):
            suite.run(number, fault_kind, rng.choice(pool), rng)
    finally:
        harness.close()
        report(
            "suspend under faults",
            runs=tally.runs,
            faults_injected=tally.faults_injected,
            lost=tally.lost,
            doubled=tally.doubled,
            ui_mismatches=tally.ui_mismatches,
            failures=tally.failures,
        )
    print(f"seed {seed}; server restarts {backend.restarts}; picked up {tally.picked_up}")
    print(f"runs by fault: {tally.by_fault}; seconds by fault: {tally.seconds_by_fault}")
    assert tally.problems == [], "\n".join(tally.problems)
    assert tally.runs == runs
