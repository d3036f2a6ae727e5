"""The General tab's `scheduledBadge`: the list row's badge words ("Suspends 15 Dec") beside the
scheduled line, read aloud in full, and gone once nothing is scheduled. (The list's own badge is
painted by the status delegate, not a widget: its words are the cell's accessible text and
tooltip, which test_schedule_gui.py and the model's tests read.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.api.records import Customer, NextScheduled
from desktop.operations.schedule import badge_words, person_zone, when_text
from desktop.ui.customer.status_panel import StatusPanel
from tests.desktop.operation_gui import find


def _customer(status: str, scheduled: NextScheduled | None) -> Customer:
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "id": "c1",
        "account_number": "100001",
        "name": "Acme d.o.o.",
        "contact_name": "Ana",
        "email": "a@example.com",
        "phone": "+385 1 234 5678",
        "domain": "acme.hr",
        "alias_domains": (),
        "website": "",
        "address": {
            "street": "Ilica 1",
            "city": "Zagreb",
            "region": "",
            "postal_code": "10000",
            "country": "HR",
        },
        "status": status,
        "suspended_at": now if status == "suspended" else None,
        "suspension_reason": "Non-payment" if status == "suspended" else None,
        "canceled_at": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "next_scheduled": scheduled,
    }
    return Customer.model_validate(fields, strict=False)


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
