"""Bulk suspend and re-enable scheduled for later, against the real server: the confirmation's
Now / On (and resume) choice, one scheduled operation per customer on the server, each row's
"Scheduled for …", the title and the summary's words, and the list's badges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.customer_table import ScheduledRole
from desktop.operations.schedule import person_zone, when_text
from desktop.ui.main_window import MainWindow
from tests.desktop.bulk_support import (
    billable_loaded,
    open_bulk,
    row_states,
    select,
    shown_progress,
)
from tests.desktop.operation_gui import (
    OPERATION_TIMEOUT_MS,
    choose_reason,
    click,
    find,
    unnamed_controls,
)
from tests.desktop.operation_support import FaultyServer, faulty_server

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    folder = tmp_path_factory.mktemp("bulk-schedule")
    with faulty_server(folder, suspend_seconds=0.2) as running:
        yield running


def _scheduled(server: FaultyServer, customer_id: str) -> list[dict[str, Any]]:
    answer = server.client().get(f"/operations?state=scheduled&customer_id={customer_id}")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _badge(window: MainWindow, customer_id: str) -> str:
    model = window.customers.model
    return str(model.index(model.row_of(customer_id), model.STATUS).data(ScheduledRole) or "")


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    progress = window.bulk.progress
    assert progress is not None
    qtbot.waitUntil(lambda: not progress.is_locked(), timeout=OPERATION_TIMEOUT_MS)


def test_bulk_suspend_scheduled_with_a_resume_for_three_customers(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customers = [server.customer(server.active.take()) for _ in range(3)]
    ids = [c["id"] for c in customers]
    select(qtbot, window, ids)
    confirm = open_bulk(qtbot, window, "suspend")
    qtbot.waitUntil(lambda: billable_loaded(confirm), timeout=10_000)
    choose_reason(confirm, "bulkSuspendReason", "Non-payment", "Q3 invoices")
    button = find(confirm, "confirmBulkSuspendButton")
    assert find(confirm, "scheduleNow").isChecked()
    assert button.text() == "Suspend 3 Accounts"
    assert not find(confirm, "bulkSchedulePlan").isVisible()

    find(confirm, "scheduleAt").setChecked(True)  # the default: tomorrow 09:00 where they are
    find(confirm, "resumeAt").setChecked(True)  # a week after that
    at, resume_at = confirm.schedule.at(), confirm.schedule.resume_at()
    assert at is not None and resume_at is not None
    zone = person_zone()
    assert button.text() == "Schedule 3 Suspensions" and button.isEnabled()
    plan = find(confirm, "bulkSchedulePlan")
    assert plan.isVisible()
    assert plan.text() == (
        f"They will be suspended on {when_text(at, zone)}."
        f" They will be re-enabled automatically on {when_text(resume_at, zone)}."
    )
    assert unnamed_controls(confirm) == []
    click(qtbot, button)
    progress = shown_progress(qtbot, window)
    _settle(qtbot, window)

    # On the server: each has its scheduled suspension (with the one reason) and its
    # follower, and is still active.
    client = server.client()
    for customer in customers:
        ops = _scheduled(server, customer["id"])
        assert sorted(op["kind"] for op in ops) == ["suspend", "unsuspend"], customer["name"]
        suspend = next(op for op in ops if op["kind"] == "suspend")
        resume = next(op for op in ops if op["kind"] == "unsuspend")
        assert _moment(suspend["scheduled_for"]) == at
        assert _moment(resume["scheduled_for"]) == resume_at
        assert client.get(f"/customers/{customer['id']}").json()["status"] == "active"

    states = row_states(progress)
    for customer in customers:
        assert states[customer["name"]] == f"Scheduled for {when_text(at, zone)}"
    title = find(progress, "bulkProgressTitle").text()
    assert title == "Scheduled the suspension of 3 of 3 customers"
    summary = find(progress, "bulkSummary").text()
    by_account = sorted(customers, key=lambda c: c["account_number"])
    names = ", ".join(c["name"] for c in by_account)
    assert f"Scheduled for {when_text(at, zone)}: " in summary
    assert set(summary.split(": ", 1)[1].split(".\n", 1)[0].split(", ")) == set(names.split(", "))
    assert f"Each is re-enabled automatically on {when_text(resume_at, zone)}." in summary
    assert "failed" not in summary
    bar = find(progress, "bulkProgressBar")
    assert (bar.value(), bar.maximum()) == (3, 3)

    # The list: no operation runs, each row carries its badge.
    for customer_id in ids:
        assert window.customers.model.pending_kind(customer_id) == ""
        qtbot.waitUntil(lambda c=customer_id: _badge(window, c).startswith("Suspends "))
    click(qtbot, find(progress, "bulkCloseButton"))
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)


def test_bulk_reenable_scheduled_and_a_past_time_keeps_confirm_off(
    qtbot: QtBot, server: FaultyServer, window: MainWindow
) -> None:
    customers = [server.customer(server.suspended.take()) for _ in range(2)]
    select(qtbot, window, [c["id"] for c in customers])
    confirm = open_bulk(qtbot, window, "unsuspend")
    assert confirm.findChild(object, "resumeAt") is None  # only a suspension re-enables later
    button = find(confirm, "confirmBulkReenableButton")
    find(confirm, "scheduleAt").setChecked(True)
    edit = find(confirm, "scheduleDateTime")
    tomorrow = edit.dateTime()
    edit.setDateTime(tomorrow.addDays(-3))  # two days ago
    assert not button.isEnabled()
    assert find(confirm, "bulkReasonProblem").text() == (
        "This time has passed: pick one in the future."
    )
    edit.setDateTime(tomorrow)
    assert button.isEnabled() and button.text() == "Schedule 2 Re-enables"
    at = confirm.schedule.at()
    assert at is not None
    click(qtbot, button)
    progress = shown_progress(qtbot, window)
    _settle(qtbot, window)
    for customer in customers:
        (op,) = _scheduled(server, customer["id"])
        assert op["kind"] == "unsuspend" and _moment(op["scheduled_for"]) == at
    assert find(progress, "bulkProgressTitle").text() == (
        "Scheduled the re-enable of 2 of 2 customers"
    )
    summary = find(progress, "bulkSummary").text()
    assert f"Scheduled for {when_text(at, person_zone())}: " in summary
    click(qtbot, find(progress, "bulkCloseButton"))
    qtbot.waitUntil(lambda: window.bulk.progress is None, timeout=5_000)
