"""The Overview's "3 suspensions scheduled this week" against a real server: only suspensions,
only those due within 7 days, following a new one through the change feed, and one click (Show
Scheduled) to the customer list's Scheduled filter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import IdRole
from desktop.ui.overview.scheduled_week import ScheduledWeek, due_this_week
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('overview-week') / 'api.sqlite3'}"
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        yield proc


def _wire(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _schedule(raw: ApiClient, customer_id: str, kind: str, at: datetime) -> None:
    body = {"at": _wire(at)} | ({"reason": "Not paid by the 15th"} if kind == "suspend" else {})
    answer = raw.post(
        f"/customers/{customer_id}/{kind}",
        json=body,
        headers={"Idempotency-Key": f"week-{kind}-{customer_id}"},
    )
    assert answer.status_code == 202, answer.text


def _ids(raw: ApiClient, status: str, n: int) -> list[str]:
    items = raw.get("/customers", params={"status": status, "limit": n}).json()["items"]
    assert len(items) == n
    return [c["id"] for c in items]


def test_only_suspensions_due_within_seven_days_count() -> None:
    now = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)

    def op(kind: str, days: float, state: str = "scheduled") -> SimpleNamespace:
        return SimpleNamespace(kind=kind, state=state, scheduled_for=now + timedelta(days=days))

    ops = [op("suspend", 1), op("suspend", 6.9), op("suspend", 7), op("suspend", 7.01)]
    ops += [op("unsuspend", 2), op("suspend", -1), op("suspend", 2, "canceled")]
    assert due_this_week(ops, now) == 3


def test_the_week_line_counts_follow_and_lead_to_the_scheduled_customers(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    raw = ApiClient(server.url).login()
    now = datetime.now(UTC)
    active = _ids(raw, "active", 4)
    (suspended,) = _ids(raw, "suspended", 1)
    for customer_id, days in zip(active[:2], (1, 3), strict=True):
        _schedule(raw, customer_id, "suspend", now + timedelta(days=days))
    _schedule(raw, active[2], "suspend", now + timedelta(days=12))  # next week and later
    _schedule(raw, suspended, "unsuspend", now + timedelta(days=2))  # not a suspension

    window = harness.sign_in(qtbot, server.root, on_customers=False)
    page = window.overview
    line = window.findChild(QLabel, "overviewScheduledWeek")
    assert line is not None
    qtbot.waitUntil(lambda: page.scheduled_week.count() == 2, timeout=TIMEOUT_MS)
    assert line.isVisible() and line.text() == "2 suspensions scheduled this week"
    assert line.accessibleName() == "Suspensions scheduled this week"
    qtbot.waitUntil(lambda: page.summary() is not None, timeout=TIMEOUT_MS)
    assert window.findChild(QLabel, "overviewScheduled").text() == (
        "4 customers have a suspension or re-enable scheduled."
    )

    # A colleague schedules one more for the day after tomorrow: the line follows.
    _schedule(raw, active[3], "suspend", now + timedelta(days=2))
    qtbot.waitUntil(lambda: page.scheduled_week.count() == 3, timeout=TIMEOUT_MS)
    assert line.text() == "3 suspensions scheduled this week"

    button = window.findChild(QPushButton, "overviewShowScheduledButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    customers = window.customers
    assert window.pages.currentWidget() is customers
    assert window.findChild(QComboBox, "statusFilter").currentData() == "scheduled"
    proxy = customers.proxy
    qtbot.waitUntil(lambda: proxy.is_settled() and proxy.rowCount() == 5, timeout=TIMEOUT_MS)
    shown = {proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())}
    assert shown == {*active, suspended}


WORDS = {
    "en": (
        "No suspension is scheduled this week.",
        "1 suspension scheduled this week",
        "3 suspensions scheduled this week",
    ),
    "hr": (
        "Ovaj tjedan nije zakazana nijedna suspenzija.",
        "1 suspenzija zakazana ovaj tjedan",
        "3 suspenzije zakazane ovaj tjedan",
    ),
}


def test_none_one_or_more_this_week_is_said_in_words(qtbot: QtBot, language: str) -> None:
    line = ScheduledWeek(None, None)  # type: ignore[arg-type]  # shown, never read
    qtbot.addWidget(line)
    shown = []
    for count in (0, 1, 3):
        line._show(count)
        shown.append(line.text())
        assert line.accessibleDescription() == line.text()
    assert tuple(shown) == WORDS[language]
