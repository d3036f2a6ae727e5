"""Keystroke -> filtered row count settled: CustomerFilterModel against Qt's stock way.

The baseline is what a Qt app does out of the box: a QSortFilterProxyModel with a
case-insensitive regular expression over a QStandardItemModel holding the same rows (the five
searched fields as columns, every column searched). Both are timed in the same run over the same
typed sequence, from the keystroke until the row count is final, with no view attached.

    .venv/bin/python bench/filter_keystroke.py            # 100,000 rows, both, and the ratio
    .venv/bin/python bench/filter_keystroke.py --big      # also 1,000,000 rows, ours only,
                                                          # with the longest GUI-thread block
    .venv/bin/python bench/filter_keystroke.py --view     # each model shown in a QTableView,
                                                          # sorted by account, as the app does
    .venv/bin/python bench/filter_keystroke.py --freeze   # gc.freeze() after loading: the
                                                          # loaded records leave the cyclic GC

The GUI-thread block is measured with a 10 ms heartbeat QTimer running throughout: the longest
gap between two heartbeats from a keystroke until 25 ms after its answer (so a view's repaint
of the new rows counts too).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The customer factory lives with the tests; this script runs from anywhere.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEventLoop,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel
from tests.desktop.customer_factory import FakeCustomer, make_customers

# What the search box holds after each keystroke: single letters that match most rows,
# extensions, backspaces, digits, a phone prefix, a TLD, a mailbox name; "" is a cleared box.
TYPED = [
    *("a", "ac", "acm", "acme", "acm", "ac", "a", "", "e", ""),
    *("1", "12", "123", "12", "1", "", "+385", "+38", "+3", "+", ""),
    *("c", "co", "com", "co", "c", "", "z", "za", "zag", ""),
    *("s", "su", "sup", "supp", "suppo", "support", "", "k", "kv", "kva", "kvar", ""),
]


class Heartbeat:
    """Ticks every 10 ms; the longest gap between ticks is the longest the GUI thread blocked."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.longest = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def load_ours(customers: list[FakeCustomer]) -> tuple[CustomerFilterModel, float]:
    table = CustomerTableModel()
    proxy = CustomerFilterModel()
    proxy.setSourceModel(table)
    started = time.perf_counter()
    for first in range(0, len(customers), 1000):
        table.append_page(customers[first : first + 1000])
    proxy.setParent(table)  # keeps the table alive with the proxy
    return proxy, time.perf_counter() - started


def load_baseline(customers: list[FakeCustomer]) -> tuple[QSortFilterProxyModel, float]:
    started = time.perf_counter()
    source = QStandardItemModel(0, 5)
    for c in customers:
        domains = " ".join((c.domain, *c.alias_domains))
        source.appendRow(
            [QStandardItem(t) for t in (c.name, c.account_number, c.email, c.phone, domains)]
        )
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(-1)
    # Kept alive by a plain Python reference. Parenting the proxy to the source (as this did)
    # made a cycle through Qt's ownership that the garbage collector could not take apart
    # safely: collecting it crashed the process (PySide6 6.11).
    proxy.source_model = source  # type: ignore[attr-defined]
    return proxy, time.perf_counter() - started


def time_ours(proxy: CustomerFilterModel, text: str) -> tuple[float, int]:
    loop = QEventLoop()
    proxy.settled.connect(loop.quit)
    started = time.perf_counter()
    proxy.set_search(text)
    if not proxy.is_settled():
        loop.exec()
    elapsed = time.perf_counter() - started
    proxy.settled.disconnect(loop.quit)
    return elapsed, proxy.rowCount()


def idle(milliseconds: int) -> None:
    """Runs the event loop a while: views repaint, and the heartbeat sees any block before."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def time_baseline(proxy: QSortFilterProxyModel, text: str) -> tuple[float, int]:
    started = time.perf_counter()
    pattern = QRegularExpression(
        QRegularExpression.escape(text), QRegularExpression.PatternOption.CaseInsensitiveOption
    )
    proxy.setFilterRegularExpression(pattern)
    count = proxy.rowCount()
    return time.perf_counter() - started, count


def show_in_view(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.resize(1200, 800)
    view.show()
    return view


def settle(proxy: CustomerFilterModel) -> None:
    while not proxy.is_settled():
        QCoreApplication.processEvents()
    idle(25)


def summary(times: list[float]) -> tuple[float, float]:
    return statistics.median(times) * 1000, max(times) * 1000


def run(count: int, with_baseline: bool, with_view: bool, freeze: bool) -> None:
    print(f"\n== {count:,} customers{', in a sorted QTableView' if with_view else ''} ==")
    started = time.perf_counter()
    customers = make_customers(count)
    print(f"made customers in {time.perf_counter() - started:.1f} s")
    ours, load_time = load_ours(customers)
    print(f"ours: loaded and indexed in pages of 1,000 in {load_time:.2f} s")
    baseline = None
    if with_baseline:
        baseline, base_load = load_baseline(customers)
        print(f"baseline: QStandardItemModel filled in {base_load:.2f} s")
    views = []
    if with_view:
        views.append(show_in_view(ours))
        settle(ours)
        if baseline is not None:
            views.append(show_in_view(baseline))
    if freeze:
        gc.collect()
        gc.freeze()
    heartbeat = Heartbeat()
    heartbeat.start()
    ours_times: list[float] = []
    base_times: list[float] = []
    blocks: list[float] = []
    print(f"{'typed':>10} {'rows':>9} {'ours ms':>9} {'block ms':>9}", end="")
    print(f" {'baseline ms':>12} {'base rows':>10}" if with_baseline else "")
    for text in TYPED:
        heartbeat.reset()
        elapsed, rows = time_ours(ours, text)
        idle(25)
        ours_times.append(elapsed)
        blocks.append(heartbeat.longest)
        line = f"{text!r:>10} {rows:>9,} {elapsed * 1000:>9.1f} {heartbeat.longest * 1000:>9.1f}"
        if baseline is not None:
            base_elapsed, base_rows = time_baseline(baseline, text)
            base_times.append(base_elapsed)
            line += f" {base_elapsed * 1000:>12.1f} {base_rows:>10,}"
        print(line)
        idle(25)
    median, worst = summary(ours_times)
    print(f"ours:     median {median:.1f} ms, worst {worst:.1f} ms")
    print(f"longest GUI-thread block (10 ms heartbeat gap): {max(blocks) * 1000:.1f} ms")
    if base_times:
        base_median, base_worst = summary(base_times)
        print(f"baseline: median {base_median:.1f} ms, worst {base_worst:.1f} ms")
        print(
            f"ratio (baseline / ours): median {base_median / median:.1f}x, "
            f"worst {base_worst / worst:.1f}x"
        )
    print("(phone digits: ours finds '+385' typed as digits in '+385 1 ...';")
    print(" the baseline's row counts differ where its plain regex cannot)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", action="store_true", help="also run 1,000,000 rows (ours only)")
    parser.add_argument("--view", action="store_true", help="show each model in a sorted view")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after loading")
    parser.add_argument("--smoke", action="store_true", help="1,000 rows: to see that it runs")
    args = parser.parse_args()
    if args.smoke:
        args.rows = 1_000
    app = QApplication.instance() or QApplication(sys.argv)
    run(args.rows, with_baseline=True, with_view=args.view, freeze=args.freeze)
    if args.big:
        run(1_000_000, with_baseline=False, with_view=args.view, freeze=args.freeze)
    del app


if __name__ == "__main__":
    main()
