"""Which selected customers a bulk action applies to, and the words for the others."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.api.records import OperationKind
from desktop.ui.bulk.plan import plan_bulk, skip_reason
from tests.desktop.customer_factory import changed, make_customers


@pytest.mark.parametrize(
    ("kind", "status", "running", "reason"),
    [
        ("suspend", "active", False, ""),
        ("suspend", "suspended", False, "already suspended"),
        ("suspend", "canceled", False, "canceled"),
        ("suspend", "active", True, "another operation on this customer is still running"),
        ("unsuspend", "suspended", False, ""),
        ("unsuspend", "active", False, "not suspended"),
        ("unsuspend", "canceled", False, "canceled"),
        ("unsuspend", "suspended", True, "another operation on this customer is still running"),
    ],
)
def test_skip_reason_says_why_an_action_does_not_apply(
    qapp: QApplication, kind: OperationKind, status: str, running: bool, reason: str
) -> None:
    assert skip_reason(kind, status, running) == reason


def test_only_suspend_and_reenable_are_bulk_actions(qapp: QApplication) -> None:
    with pytest.raises(ValueError):
        skip_reason("cancel", "active", False)


def test_a_plan_keeps_the_order_shown_and_each_customer_once(qapp: QApplication) -> None:
    first, second, third = make_customers(3)
    second = changed(second, status="suspended")
    busy = {third.id}
    plan = plan_bulk("suspend", [first, second, first, third], lambda cid: cid in busy)
    assert [e.customer.id for e in plan.entries] == [first.id, second.id, third.id]
    assert [c.id for c in plan.customers] == [first.id]
    assert [(e.customer.id, e.skipped) for e in plan.skipped] == [
        (second.id, "already suspended"),
        (third.id, "another operation on this customer is still running"),
    ]
