"""The General tab's `scheduledBadge`: the list row's badge words ("Suspends 15 Dec") beside the
scheduled line, read aloud in full, and gone once nothing is scheduled. (The list's own badge is
painted by the status delegate, not a widget: its words are the cell's accessible text and
tooltip, which test_schedule_gui.py and the model's tests read.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from desktop.api.records import Customer, NextScheduled
from desktop.operations.schedule import badge_words, person_zone, when_text
from desktop.ui.customer.status_panel import StatusPanel
from tests.desktop.customer_factory import customer_record
from tests.desktop.operation_gui import find


def _customer(status: str, scheduled: NextScheduled | None) -> Customer:
    return customer_record(status, scheduled)


def test_the_general_tab_shows_the_scheduled_badge_beside_its_line(qtbot: QtBot) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.show()
    at = datetime.now(UTC) + timedelta(days=2)
    panel.show_customer(
        _customer("active", NextScheduled(operation_id="op_1", kind="suspend", at=at))
    )
    badge = find(panel, "scheduledBadge")
    zone = person_zone()
    assert badge.isVisible() and find(panel, "scheduledLine").isVisible()
    assert badge.text() == badge_words("suspend", at, zone)
    assert badge.text().startswith("Suspends ")
    assert badge.accessibleName() == "Scheduled operation"
    assert badge.accessibleDescription() == f"suspends on {when_text(at, zone)}"
    assert badge.toolTip() == badge.accessibleDescription()

    resume = NextScheduled(operation_id="op_2", kind="unsuspend", at=at)
    panel.show_customer(_customer("suspended", resume))
    assert badge.text().startswith("Re-enables ")
    assert badge.accessibleDescription() == f"re-enables on {when_text(at, zone)}"

    panel.show_customer(_customer("active", None))
    assert not badge.isVisible() and not find(panel, "scheduledLine").isVisible()
