"""CustomerFilterModel against the brute-force reference, over random customers and queries.

Random text mixes the cases that break naive searches: casefolding that changes length (ß, ﬁ,
İ), combining accents, emoji, phone punctuation, and names long enough to share their first 32
bytes (where sort keys are cut). Some runs split all work into tiny steps, one per event-loop
turn, with edits and new pages arriving in between.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel, SortRole
from desktop.models.search.columns import COLUMN_COUNT
from tests.desktop.customer_factory import FakeAddress, FakeCustomer, changed
from tests.desktop.customer_filter_reference import filtered_rows, sorted_rows

_LETTERS = "aAbcČčćžŠđĐßẞİıΣσςﬁé\u0301😀 .-@"
_PHONE = "0123456789 +-()./"
_LONG = "Čakovec Consulting Services International "  # 43 bytes

texts = st.text(alphabet=_LETTERS + "12", max_size=6)
names = st.one_of(texts, st.builds(lambda tail: _LONG + tail, texts), st.just(_LONG))
phones = st.text(alphabet=_PHONE, max_size=12)
moments = st.sampled_from(
    [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=h) for h in (0, 1, 1, 5, 30)]
)
FIELDS = [None, "name", "account_number", "email", "phone", "domain"]
STATUSES = [None, "active", "suspended", "canceled"]

settings.register_profile(
    "filter-models",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def customer_lists(draw: st.DrawFn, max_size: int = 30) -> list[FakeCustomer]:
    count = draw(st.integers(0, max_size))
    return [draw(customers_numbered(i)) for i in range(count)]


def customers_numbered(number: int) -> st.SearchStrategy[FakeCustomer]:
    return st.builds(
        FakeCustomer,
        id=st.just(f"c_{number:06d}"),
        account_number=st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=4), texts),
        name=names,
        contact_name=texts,
        email=texts,
        phone=phones,
        domain=texts,
        alias_domains=st.lists(texts, max_size=2).map(tuple),
        website=st.just(""),
        status=st.sampled_from(["active", "suspended", "canceled"]),
        created_at=moments,
        # The country reads a phone written without its calling code.
        address=st.builds(FakeAddress, country=st.sampled_from(["", "HR", "DE", "IT", "US"])),
    )


queries = st.one_of(texts, st.text(alphabet=_PHONE, max_size=6), st.sampled_from(["ss", "Σ", "fi"]))


def _models(customers: list[FakeCustomer], chunky: bool) -> tuple[CustomerTableModel, Any]:
    table = CustomerTableModel()
    options: dict[str, Any] = {}
    if chunky:
        options = {"step_budget_ms": 0, "chunk_bytes": 16, "sort_run_rows": 3, "sort_merge_rows": 2}
    proxy = CustomerFilterModel(table, **options)
    for first in range(0, len(customers), 7):
        table.append_page(customers[first : first + 7])
    return table, proxy


def _settle(qtbot: QtBot, proxy: CustomerFilterModel) -> None:
    qtbot.waitUntil(proxy.is_settled, timeout=20_000)


def _shown(proxy: CustomerFilterModel) -> list[int]:
    return [proxy.source_row(r) for r in range(proxy.rowCount())]


def _expected(
    table: CustomerTableModel,
    text: str,
    field: str | None,
    status: str | None,
    column: int,
    order: Qt.SortOrder,
) -> list[int]:
    current = [table.customer_at(r) for r in range(table.rowCount())]
    rows = filtered_rows(current, text, field, status)
    if column < 0:
        return rows

    def key(row: int) -> Any:
        return table.data(table.index(row, column), SortRole)

    return sorted_rows(rows, key, order == Qt.SortOrder.DescendingOrder)


@settings(settings.get_profile("filter-models"), max_examples=150)
@given(
    customers=customer_lists(),
    text=queries,
    field=st.sampled_from(FIELDS),
    status=st.sampled_from(STATUSES),
    column=st.integers(-1, COLUMN_COUNT - 1),
    descending=st.booleans(),
    chunky=st.booleans(),
)
def test_search_status_and_sort_agree_with_the_reference(
    qtbot: QtBot,
    customers: list[FakeCustomer],
    text: str,
    field: str | None,
    status: str | None,
    column: int,
    descending: bool,
    chunky: bool,
) -> None:
    table, proxy = _models(customers, chunky)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    proxy.sort(column, order)
    proxy.set_status(status)
    proxy.set_search(text, field)
    _settle(qtbot, proxy)
    assert _shown(proxy) == _expected(table, text, field, status, column, order)


@st.composite
def typing(draw: st.DrawFn) -> list[str]:
    """What the search box holds after each keystroke: letters typed, some deleted."""
    typed = ""
    states = []
    for _ in range(draw(st.integers(1, 10))):
        if typed and draw(st.booleans()):
            typed = typed[: -draw(st.integers(1, len(typed)))]
        else:
            typed += draw(st.text(alphabet=_LETTERS + "12+-", min_size=1, max_size=2))
        states.append(typed)
    return states


@settings(settings.get_profile("filter-models"), max_examples=100)
@given(
    customers=customer_lists(),
    keystrokes=typing(),
    field=st.sampled_from(FIELDS),
    chunky=st.booleans(),
)
def test_narrowing_and_backspacing_agree_with_the_reference(
    qtbot: QtBot,
    customers: list[FakeCustomer],
    keystrokes: list[str],
    field: str | None,
    chunky: bool,
) -> None:
    table, proxy = _models(customers, chunky)
    for text in keystrokes:
        proxy.set_search(text, field)
        _settle(qtbot, proxy)
        assert _shown(proxy) == _expected(table, text, field, None, -1, Qt.SortOrder.AscendingOrder)


actions = st.one_of(
    st.tuples(st.just("search"), queries, st.sampled_from(FIELDS)),
    st.tuples(st.just("status"), st.sampled_from(STATUSES)),
    st.tuples(st.just("sort"), st.integers(-1, COLUMN_COUNT - 1), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 1000), customers_numbered(0)),
    st.tuples(st.just("page"), st.integers(1, 9)),
    st.tuples(st.just("pending"), st.integers(0, 1000), st.booleans()),
    st.tuples(st.just("turns"), st.integers(0, 4)),
    st.tuples(st.just("reset"), st.integers(0, 12)),
)


@settings(settings.get_profile("filter-models"), max_examples=120)
@given(
    customers=customer_lists(max_size=20),
    more=customer_lists(max_size=40),
    steps=st.lists(actions, max_size=14),
)
def test_edits_pages_and_requests_interleaved_with_unfinished_work(
    qtbot: QtBot,
    customers: list[FakeCustomer],
    more: list[FakeCustomer],
    steps: list[tuple[Any, ...]],
) -> None:
    table, proxy = _models(customers, chunky=True)
    testers = [
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
        for model in (table, proxy)
    ]
    spare = [changed(c, id=f"c_more{i:04d}") for i, c in enumerate(more)]
    text, field, status = "", None, None
    column, order = -1, Qt.SortOrder.AscendingOrder
    for action, *args in steps:
        if action == "search":
            text, field = args
            proxy.set_search(text, field)
        elif action == "status":
            status = args[0]
            proxy.set_status(status)
        elif action == "sort":
            column = args[0]
            order = Qt.SortOrder.DescendingOrder if args[1] else Qt.SortOrder.AscendingOrder
            proxy.sort(column, order)
        elif action == "edit" and table.rowCount():
            row = args[0] % table.rowCount()
            table.update_customer(changed(args[1], id=table.customer_at(row).id))
        elif action == "page":
            page, spare = spare[: args[0]], spare[args[0] :]
            table.append_page(page)
        elif action == "pending" and table.rowCount():
            table.set_pending(table.customer_at(args[0] % table.rowCount()).id, args[1])
        elif action == "turns":
            for _ in range(args[0]):
                QCoreApplication.processEvents()
        elif action == "reset":
            table.reset(spare[: args[0]])
    _settle(qtbot, proxy)
    assert _shown(proxy) == _expected(table, text, field, status, column, order)
    assert proxy.total_count() == table.rowCount()
    del testers


@settings(settings.get_profile("filter-models"), max_examples=400)
@given(
    text=st.text(alphabet=_LETTERS + "ŁøÆœĦþℌ\u0308\u3099が한", max_size=12),
    phone=st.one_of(phones, st.from_regex(r"\A\+?(00)?[1-9][0-9 ]{0,14}\Z")),
    country=st.sampled_from(["", "HR", "DE", "IT", "US", "RU", "HU", "XK", "ZZ"]),
)
def test_the_app_folds_and_reads_phones_as_the_server_does(
    text: str, phone: str, country: str
) -> None:
    """desktop/models/search/fold.py is the server's server/search_keys.py, copied (neither side
    imports the other): the same keys, so a local search and a server search agree."""
    from desktop.models.search import fold as search_fold
    from server import search_keys

    assert search_fold.fold(text) == search_keys.fold(text)
    assert search_fold.phone_key(phone, country) == search_keys.phone_key(phone, country)
