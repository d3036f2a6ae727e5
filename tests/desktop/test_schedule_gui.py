"""Scheduled suspensions and re-enables in the app, against a real server with the test clock:
the confirmation's Now / On and its words, daylight saving in a fixed zone, the checks, the
list's badge and the General tab's line, cancelling, one run as the clock passes its time (the
row following through the change feed), the follower of resume_at, and a viewer's controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.api.records import Customer, Me, NextScheduled, Partner
from desktop.models.customer_table import ScheduledRole
from desktop.tasks import TaskRunner
from desktop.ui.customer.status_panel import StatusPanel
from desktop.ui.customer.suspend_confirm import SuspendConfirmDialog
from desktop.ui.permissions import Permissions
from tests.desktop.customer_dialog_support import CustomerPicker
from tests.desktop.customer_factory import customer_record
from tests.desktop.operation_gui import (
    Answer,
    find,
    open_customer,
    save_grab,
    screenshot_path,
    services_loaded,
    unnamed_controls,
    when_shown,
)
from tests.server.scheduled_support import TestClock, clocked_server, rfc3339
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database

pytestmark = [pytest.mark.qt_log_ignore(r"^This plugin does not support ")]

ZAGREB = "Europe/Zagreb"
LOAD_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("schedule-gui")
    url = f"sqlite:///{folder / 'partner.db'}"
    seed_database(url)
    with clocked_server(url, suspend_seconds=0.2) as running:
        yield running


@pytest.fixture
def clock(server: ServerProcess) -> Iterator[TestClock]:
    test_clock = TestClock(server)
    yield test_clock
    test_clock.set(0)


def _set_wall(dialog: QDialog, name: str, day: QDate, at: QTime) -> None:
    edit = find(dialog, name)
    edit.setDateTime(QDateTime(day, at, QTimeZone(QTimeZone.Initialization.UTC)))


def _confirm(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customer: Customer, now: datetime
) -> SuspendConfirmDialog:
    dialog = SuspendConfirmDialog(api, runner, customer, True, zone=ZAGREB, now=now)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_confirmation_says_in_words_what_will_happen_and_when(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take("active")
    now = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
    dialog = _confirm(qtbot, api, runner, customer, now)
    find(dialog, "suspendReason").setCurrentIndex(1)
    assert find(dialog, "scheduleNow").isChecked()
    assert not find(dialog, "scheduleDateTime").isEnabled()
    assert dialog.schedule_params() == {}

    find(dialog, "scheduleAt").setChecked(True)  # the default: tomorrow 09:00 where they are
    plan = find(dialog, "schedulePlan").text()
    qtbot.waitUntil(lambda: dialog.services.services() is not None, timeout=LOAD_MS)
    plan = find(dialog, "schedulePlan").text()
    assert plan.startswith(f"{customer.name} will be suspended on Tuesday 15 December at 09:00 CET")
    assert "CET (UTC+01:00)" in find(dialog, "scheduleZone").text()
    assert dialog.schedule_params() == {"at": "2026-12-15T08:00:00Z"}
    assert dialog.confirm.isEnabled() and dialog.confirm.text() == "Schedule Suspension"

    find(dialog, "resumeAt").setChecked(True)  # a week later by default
    assert "re-enabled automatically on Tuesday 22 December at 09:00 CET" in (
        find(dialog, "schedulePlan").text()
    )
    assert dialog.schedule_params()["resume_at"] == "2026-12-22T08:00:00Z"
    assert unnamed_controls(dialog) == []


def test_a_time_daylight_saving_skips_or_repeats_is_said_and_sent_in_utc(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    # Zagreb, last Sunday of March 2026: 02:00 CET jumps to 03:00 CEST.
    dialog = _confirm(
        qtbot, api, runner, customers.take("active"), datetime(2026, 3, 20, tzinfo=UTC)
    )
    find(dialog, "scheduleAt").setChecked(True)
    _set_wall(dialog, "scheduleDateTime", QDate(2026, 3, 29), QTime(2, 30))
    note = find(dialog, "scheduleNote")
    assert note.isVisible()
    assert note.text() == "02:30 does not exist on 29 March; it will run at 03:30 CEST."
    assert dialog.schedule_params() == {"at": "2026-03-29T01:30:00Z"}
    assert "CEST (UTC+02:00)" in find(dialog, "scheduleZone").text()
    # The last Sunday of October: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    _set_wall(dialog, "scheduleDateTime", QDate(2026, 10, 25), QTime(2, 30))
    assert note.text() == "02:30 happens twice on 25 October; it will run at the first, 02:30 CEST."
    assert dialog.schedule_params() == {"at": "2026-10-25T00:30:00Z"}
    _set_wall(dialog, "scheduleDateTime", QDate(2026, 4, 2), QTime(9, 0))
    assert not note.isVisible()
    assert dialog.schedule_params() == {"at": "2026-04-02T07:00:00Z"}


def test_a_time_past_too_far_or_a_resume_before_the_suspension_keeps_ok_off(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    dialog = _confirm(qtbot, api, runner, customers.take("active"), now)
    find(dialog, "suspendReason").setCurrentIndex(1)
    find(dialog, "scheduleAt").setChecked(True)
    note = find(dialog, "scheduleNote")
    _set_wall(dialog, "scheduleDateTime", QDate(2026, 6, 9), QTime(9, 0))
    assert not dialog.confirm.isEnabled()
    assert note.text() == "This time has passed: pick one in the future."
    _set_wall(dialog, "scheduleDateTime", QDate(2027, 6, 20), QTime(9, 0))
    assert not dialog.confirm.isEnabled() and note.text() == "At most 366 days ahead."
    _set_wall(dialog, "scheduleDateTime", QDate(2026, 6, 20), QTime(9, 0))
    assert dialog.confirm.isEnabled()
    find(dialog, "resumeAt").setChecked(True)
    _set_wall(dialog, "resumeDateTime", QDate(2026, 6, 19), QTime(9, 0))
    assert not dialog.confirm.isEnabled()
    assert find(dialog, "resumeNote").text() == "The re-enable must come after the suspension."
    _set_wall(dialog, "resumeDateTime", QDate(2026, 6, 27), QTime(9, 0))
    assert dialog.confirm.isEnabled()


def test_the_re_enable_confirmation_offers_now_or_on_without_a_resume(
    qtbot: QtBot, api: PartnerApi, runner: TaskRunner, customers: CustomerPicker
) -> None:
    customer = customers.take("suspended")
    dialog = SuspendConfirmDialog(
        api, runner, customer, False, zone=ZAGREB, now=datetime(2026, 12, 14, tzinfo=UTC)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QDialog, "resumeAt") is None
    find(dialog, "scheduleAt").setChecked(True)
    assert find(dialog, "schedulePlan").text() == (
        f"{customer.name} will be re-enabled on Tuesday 15 December at 09:00 CET."
    )
    assert dialog.confirm.text() == "Schedule Re-enable"


def _row_badge(window: object, customer_id: str) -> str:
    model = window.customers.model  # type: ignore[attr-defined]
    row = model.row_of(customer_id)
    return str(model.index(row, model.STATUS).data(ScheduledRole) or "")


def _row_status(window: object, customer_id: str) -> str:
    model = window.customers.model  # type: ignore[attr-defined]
    return str(model.row_at(model.row_of(customer_id)).status)


@pytest.mark.auto_close_ms(0)
def test_schedule_from_the_dialog_with_the_keyboard_see_it_and_cancel_it(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    customers: CustomerPicker,
    client: ApiClient,
    tmp_path: Path,
) -> None:
    window = harness.sign_in(qtbot, server.root)
    customer = customers.take("active")
    dialog = open_customer(qtbot, window, customer.id)
    panel = dialog.status_panel

    def answer(confirm: QDialog, seen: Answer) -> None:
        reason = find(confirm, "suspendReason")
        qtbot.keyClick(reason, Qt.Key.Key_Down)  # the first reason of the list
        at = find(confirm, "scheduleAt")
        at.setFocus()
        qtbot.keyClick(at, Qt.Key.Key_Space)
        seen.notes["plan"] = find(confirm, "schedulePlan").text()
        seen.notes["enabled"] = confirm.confirm.isEnabled()  # type: ignore[attr-defined]
        find(confirm, "resumeAt").setChecked(True)  # shown in the screenshot, then left off
        QApplication.processEvents()
        save_grab(confirm, screenshot_path(tmp_path, "schedule-suspend.png"))
        find(confirm, "resumeAt").setChecked(False)
        qtbot.keyClick(at, Qt.Key.Key_Return)  # the default button: Schedule Suspension

    shown = when_shown("suspendConfirmDialog", answer, services_loaded)
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: shown.seen, timeout=LOAD_MS)
    assert shown.notes["enabled"], shown.notes
    assert "will be suspended on" in shown.notes["plan"]

    line = find(panel, "scheduledLine")
    qtbot.waitUntil(line.isVisible, timeout=LOAD_MS)
    assert line.text().startswith("Suspension scheduled for ")
    assert not panel.toggle.isChecked()  # nothing happened yet: still active
    scheduled = client.get(f"/operations?state=scheduled&customer_id={customer.id}").json()
    assert [op["kind"] for op in scheduled["items"]] == ["suspend"]
    qtbot.waitUntil(
        lambda: _row_badge(window, customer.id).startswith("Suspends "), timeout=LOAD_MS
    )

    cancel = find(panel, "cancelScheduledButton")
    assert cancel.isVisible() and cancel.isEnabled()
    assert cancel.text() == "Cancel scheduled suspension"

    def yes(box: QDialog, seen: Answer) -> None:
        assert isinstance(box, QMessageBox)
        find(box, "confirmCancelScheduledButton").click()

    asked = when_shown("cancelScheduledConfirm", yes)
    cancel.click()
    qtbot.waitUntil(lambda: asked.seen and not line.isVisible(), timeout=LOAD_MS)
    qtbot.waitUntil(lambda: _row_badge(window, customer.id) == "", timeout=LOAD_MS)
    after = client.get(f"/operations?state=scheduled&customer_id={customer.id}").json()
    assert after["items"] == []
    assert _row_status(window, customer.id) == "active"


def test_one_runs_when_the_clock_passes_its_time_and_the_row_follows(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    customers: CustomerPicker,
    client: ApiClient,
    clock: TestClock,
) -> None:
    window = harness.sign_in(qtbot, server.root)
    customer = customers.take("active")
    at, resume = clock.now() + timedelta(hours=2), clock.now() + timedelta(hours=30)
    r = client.post(
        f"/customers/{customer.id}/suspend",
        json={"reason": "Not paid by the 15th", "at": rfc3339(at), "resume_at": rfc3339(resume)},
        headers={"Idempotency-Key": f"gui-run-{customer.id}"},
    )
    assert r.status_code == 202, r.text
    qtbot.waitUntil(
        lambda: _row_badge(window, customer.id).startswith("Suspends "), timeout=LOAD_MS
    )
    window.customers.proxy.set_status("scheduled")
    proxy = window.customers.proxy
    qtbot.waitUntil(lambda: proxy.is_settled() and proxy.rowCount() >= 1, timeout=LOAD_MS)
    shown_ids = {
        proxy.index(r, 0).data(window.customers.model.IdRole) for r in range(proxy.rowCount())
    }
    assert customer.id in shown_ids

    clock.advance(2 * 3600 + 5)
    qtbot.waitUntil(lambda: _row_status(window, customer.id) == "suspended", timeout=LOAD_MS)
    # The follower of resume_at is next: the badge says so.
    qtbot.waitUntil(
        lambda: _row_badge(window, customer.id).startswith("Re-enables "), timeout=LOAD_MS
    )
    clock.advance(28 * 3600 + 5)
    qtbot.waitUntil(lambda: _row_status(window, customer.id) == "active", timeout=LOAD_MS)
    qtbot.waitUntil(lambda: _row_badge(window, customer.id) == "", timeout=LOAD_MS)
    window.customers.proxy.set_status(None)


def test_a_viewer_cannot_cancel_what_is_scheduled_and_is_told_who_may(qtbot: QtBot) -> None:
    me = Me(
        username="vesna",
        role="viewer",
        partner=Partner(id="p", name="P"),
        permissions=("customers.read",),
    )
    panel = StatusPanel(permissions=Permissions(me))
    qtbot.addWidget(panel)
    now = datetime.now(UTC)
    customer = customer_record(
        "active",
        NextScheduled(operation_id="op_1", kind="suspend", at=now + timedelta(days=2)),
    )
    panel.show_customer(customer)
    panel.show()
    button = find(panel, "cancelScheduledButton")
    assert button.isVisible() and not button.isEnabled()
    assert button.toolTip()  # who may, in words
    assert not panel.toggle.isEnabled()
