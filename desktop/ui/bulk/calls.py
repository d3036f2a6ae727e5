"""What the bulk operations run on the TaskRunner: worker functions that call the API and touch
no widget."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.models.money import totals_by_currency

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi


def monthly_billable(
    api: PartnerApi,
    customer_ids: Sequence[str],
    stop: threading.Event,
    report: Callable[[int], None],
) -> dict[str, Decimal] | None:
    """Runs in a worker: the customers' monthly prices summed per currency; None if stopped."""
    amounts: list[tuple[Decimal, str]] = []
    for done, customer_id in enumerate(customer_ids, 1):
        if stop.is_set():
            return None  # the confirmation was answered: nobody reads the sum any more
        amounts.extend((s.monthly_price, s.currency) for s in api.list_services(customer_id))
        report(done)
    return totals_by_currency(amounts)
