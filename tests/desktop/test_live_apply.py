"""ChangeApplier on its own (no server): a burst of a thousand changes is applied a slice per
event-loop turn, in order, each to its row (entering or leaving the filter as it must), new
customers added, only the last of several summaries told."""

from __future__ import annotations

import json
import time

from pytestqt.qtbot import QtBot

from desktop.api.live import Change, parse_change
from desktop.api.live_follow import ChangeBatch
from desktop.api.records import Customer
from desktop.live.apply import ChangeApplier
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel

TEMPLATE = {
    "account_number": "100000",
    "name": "Acme d.o.o.",
    "contact_name": "Ana Horvat",
    "email": "ana@acme.hr",
    "phone": "+385 1 234 5678",
    "domain": "acme.hr",
    "alias_domains": [],
    "website": "",
    "address": {"street": "", "city": "", "region": "", "postal_code": "", "country": "HR"},
    "status": "active",
    "suspended_at": None,
    "suspension_reason": None,
    "canceled_at": None,
    "created_at": "2026-01-05T10:00:00Z",
    "updated_at": "2026-03-01T09:12:44Z",
    "version": 1,
}


def _data(n: int, **changes: object) -> str:
    return json.dumps(
        {**TEMPLATE, "id": f"c_{n:05d}", "account_number": str(100000 + n), **changes}
    )


def _customer(n: int, **changes: object) -> Customer:
    return Customer.model_validate_json(_data(n, **changes))


def _change(seq: int, n: int, **changes: object) -> Change:
    return parse_change(str(seq), "customer", _data(n, **changes))


def test_a_burst_is_applied_in_slices_in_order_each_to_its_row(qtbot: QtBot) -> None:
    model = CustomerTableModel()
    proxy = CustomerFilterModel(model)
    model.append_page([_customer(n) for n in range(1000)])
    proxy.set_status("active")
    qtbot.waitUntil(proxy.is_settled)
    applier = ChangeApplier(model, budget_ms=2.0)
    slices: list[float] = []
    steps = applier._steps
    run_slice = steps._run_slice
    steps._timer.timeout.disconnect()

    def timed() -> None:
        started = time.thread_time()
        run_slice()
        slices.append(time.thread_time() - started)

    steps._timer.timeout.connect(timed)
    # Every other customer suspended, then the first of them edited again after.
    burst = [_change(n + 1, n, status="suspended", version=2) for n in range(0, 1000, 2)]
    burst += [_change(n + 501, n, contact_name="Later", version=2) for n in range(1, 1000, 2)]
    burst.append(_change(2000, 0, status="suspended", contact_name="Twice", version=3))
    heard: list[str] = []
    applier.customer_changed.connect(lambda c: heard.append(c.id))
    applier.apply(ChangeBatch(tuple(burst), "2000"))
    assert applier.pending() == len(burst)  # nothing in the delivering slot itself
    with qtbot.waitSignal(applier.applied, timeout=30_000):
        pass
    assert applier.pending() == 0
    assert len(slices) > 1  # over several turns
    assert len(heard) == len(burst)
    first = model.row_at(model.row_of("c_00000"))
    assert (first.status, first.contact_name, first.version) == ("suspended", "Twice", 3)
    assert model.row_at(model.row_of("c_00001")).contact_name == "Later"
    qtbot.waitUntil(proxy.is_settled)
    shown = {proxy.index(r, 0).data(model.IdRole) for r in range(proxy.rowCount())}
    assert shown == {f"c_{n:05d}" for n in range(1, 1000, 2)}  # the suspended left the filter


def test_new_customers_are_added_together_and_only_the_last_summary_is_told(qtbot: QtBot) -> None:
    model = CustomerTableModel()
    model.append_page([_customer(0)])
    applier = ChangeApplier(model)
    summary = json.dumps(
        {
            "customers": {"active": 1, "suspended": 0},
            "monthly_billable": {"active": "1.00", "suspended": "0.00"},
            "currency": "EUR",
        }
    )
    later = summary.replace('"active": 1,', '"active": 4,')
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    summaries: list[int] = []
    applier.summary_changed.connect(lambda s: summaries.append(s.customers.active))
    changes = [
        parse_change("1", "summary", summary),
        _change(2, 1),
        _change(3, 2),
        _change(4, 3),
        parse_change("5", "summary", later),
        parse_change("6", "staff", '{"id": "u_1"}'),
        parse_change("7", "operation", '{"state": "scheduled"}'),  # not readable here: skipped
    ]
    applier.apply(ChangeBatch(tuple(changes), "7"))
    with qtbot.waitSignal(applier.applied, timeout=10_000):
        pass
    assert inserts == [(1, 3)]  # the three new ones in one insert
    assert model.rowCount() == 4
    assert summaries == [4]
    assert changes[-1].record is None and changes[-2].data == {"id": "u_1"}
