"""The client reads what the server's scheduled operations add (API.md, "Scheduled operations"):
a scheduled operation, a canceled one, the summary's new counts; none of them counts as under way,
so nothing in the app follows one as if it ran."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.api.client import PartnerApi, new_idempotency_key
from tests.desktop.customer_dialog_support import CustomerPicker
from tests.support.server import ApiClient


def test_a_scheduled_and_a_canceled_operation_are_read_and_not_under_way(
    api: PartnerApi, client: ApiClient, customers: CustomerPicker
) -> None:
    customer = customers.take("active")
    at = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    started = client.post(
        f"/customers/{customer.id}/suspend",
        json={"reason": "Unpaid", "at": at.isoformat()},
        headers={"Idempotency-Key": new_idempotency_key()},
    )
    assert started.status_code in (200, 201, 202), started.text
    operation = api.get_operation(started.json()["id"])
    assert operation.state == "scheduled" and operation.scheduled_for == at
    assert not operation.under_way and not operation.finished
    assert operation.created_by == "demo"

    assert client.delete(f"/operations/{operation.id}").status_code == 204
    canceled = api.get_operation(operation.id)
    assert canceled.state == "canceled" and canceled.finished and not canceled.under_way
    assert all(op.id != operation.id for op in api.unfinished_operations())


def test_the_summary_counts_canceled_and_scheduled_customers(api: PartnerApi) -> None:
    counts = api.summary().customers
    assert counts.canceled >= 0 and counts.scheduled >= 0
