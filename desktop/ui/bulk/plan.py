"""Which selected customers a bulk suspend or re-enable applies to, and why not the others.

    plan = plan_bulk("suspend", customers, running=center.is_running)

A customer already in the target state, canceled, or with an operation still running is skipped,
with the reason in words. Everyone keeps the order the person sees them in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

if TYPE_CHECKING:
    from desktop.api.records import Customer, OperationKind

BULK_KINDS: tuple[OperationKind, ...] = ("suspend", "unsuspend")


class BulkPlanWords(QObject):
    """The translation context of this file's words (lupdate reads `BulkPlanWords.tr` as it)."""


def skip_reason(kind: OperationKind, status: str, running: bool) -> str:
    """Why `kind` does not apply to a customer in `status`; "" when it does.

    A kind no bulk run offers (cancel, restore) is refused.
    """
    if kind not in BULK_KINDS:
        raise ValueError(f"not a bulk operation: {kind!r}")
    if running:
        return QCoreApplication.translate(
            "BulkPlanWords", "another operation on this customer is still running"
        )
    if status == "canceled":
        return QCoreApplication.translate("BulkPlanWords", "canceled")
    if kind == "suspend" and status == "suspended":
        return QCoreApplication.translate("BulkPlanWords", "already suspended")
    if kind == "unsuspend" and status == "active":
        return QCoreApplication.translate("BulkPlanWords", "not suspended")
    return ""


@dataclass(frozen=True)
class PlanEntry:
    customer: Customer
    skipped: str = ""  # why not, in words; "" for a customer the operation is sent for


@dataclass(frozen=True)
class BulkPlan:
    kind: OperationKind  # one of BULK_KINDS
    entries: tuple[PlanEntry, ...]

    @property
    def customers(self) -> list[Customer]:
        """Those the operation is sent for."""
        return [e.customer for e in self.entries if not e.skipped]

    @property
    def skipped(self) -> list[PlanEntry]:
        return [e for e in self.entries if e.skipped]


def plan_bulk(
    kind: OperationKind, customers: Iterable[Customer], running: Callable[[str], bool]
) -> BulkPlan:
    seen: set[str] = set()
    entries = []
    for customer in customers:
        if customer.id in seen:
            continue  # a row selected twice is still one customer
        seen.add(customer.id)
        entries.append(
            PlanEntry(customer, skip_reason(kind, customer.status, running(customer.id)))
        )
    return BulkPlan(kind, tuple(entries))
