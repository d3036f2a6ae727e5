"""CustomerFilterModel: each search mode, the status filter, sorting, and following changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester, QSignalSpy
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.models import customer_filter
from desktop.models.customer_filter import CustomerFilterModel
from desktop.models.customer_table import CustomerTableModel, SortRole
from desktop.models.search.field_index import FieldIndex
from desktop.models.search.prepared_rows import prepare_rows
from tests.desktop.customer_factory import FakeAddress, FakeCustomer, changed, make_customers
from tests.desktop.customer_filter_reference import filtered_rows, sorted_rows

T = CustomerTableModel
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


class Models:
    def __init__(
        self, qtbot: QtBot, customers: list[FakeCustomer], check: bool = True, **options: float
    ) -> None:
        self.qtbot = qtbot
        self.table = CustomerTableModel()
        self.proxy = CustomerFilterModel(self.table, **options)  # type: ignore[arg-type]
        # The testers check both models after every change; they walk every cell each time, so
        # the tests with thousands of changes leave them out.
        mode = QAbstractItemModelTester.FailureReportingMode.Warning
        self.testers = (
            [QAbstractItemModelTester(self.table, mode), QAbstractItemModelTester(self.proxy, mode)]
            if check
            else []
        )
        for first in range(0, len(customers), 200):
            self.table.append_page(customers[first : first + 200])
        self.settle()

    def settle(self) -> None:
        self.qtbot.waitUntil(self.proxy.is_settled, timeout=20_000)

    def shown(self) -> list[int]:
        return [self.proxy.source_row(r) for r in range(self.proxy.rowCount())]

    def customers(self) -> list[FakeCustomer]:
        return [self.table.customer_at(r) for r in range(self.table.rowCount())]  # type: ignore[misc]

    def expected(
        self, text: str = "", field: str | None = None, status: str | None = None
    ) -> list[int]:
        return filtered_rows(self.customers(), text, field, status)

    def search(self, text: str, field: str | None = None) -> list[int]:
        self.proxy.set_search(text, field)
        self.settle()
        return self.shown()


@pytest.fixture
def customers() -> list[FakeCustomer]:
    base = make_customers(400, seed=3)
    # A few hand-made rows the generated ones do not cover.
    special = [
        changed(base[0], id="c_cak", name="Čakovečka Pekara d.o.o.", status="active"),
        changed(base[1], id="c_strasse", name="Weißbräu Große GmbH", status="suspended"),
        changed(
            base[2],
            id="c_alias",
            domain="primary-example.hr",
            alias_domains=("other-brand.com", "third.eu"),
            status="canceled",
        ),
        changed(base[3], id="c_phone", phone="+385 1 234 5678"),
        changed(base[4], id="c_phone2", phone="(01) 385-1000"),
        changed(base[5], id="c_accents", name="Trikotaža Šibenik Łódź Ærø j.d.o.o."),
        # As dialled at home, by a customer in Croatia: found by the international form too.
        changed(base[6], id="c_national", phone="021 443 8687", address=FakeAddress(country="HR")),
    ]
    return special + base[len(special) :]


@pytest.fixture
def models(qtbot: QtBot, customers: list[FakeCustomer]) -> Models:
    return Models(qtbot, customers)


def test_every_loaded_row_is_shown_before_any_search(models: Models) -> None:
    assert models.proxy.rowCount() == models.table.rowCount() == 400
    assert models.shown() == list(range(400))
    assert models.proxy.columnCount() == 8
    assert models.proxy.headerData(1, Qt.Orientation.Horizontal) == "Name"


@pytest.mark.parametrize("field", [None, "name", "account_number", "email", "phone", "domain"])
def test_each_search_mode_finds_what_the_server_would(models: Models, field: str | None) -> None:
    for text in ("a", "ACM", "1000", "hr", "@", "d.o.o", "zzz-none", "  web  ", "1 2"):
        assert models.search(text, field) == models.expected(text, field), text


def test_any_field_finds_each_field(models: Models, customers: list[FakeCustomer]) -> None:
    target = customers[50]
    for text in (target.name, target.account_number, target.email, target.domain):
        assert 50 in models.search(text)
    assert 50 in models.search(target.phone.replace(" ", ""))


def test_search_is_case_blind_with_unicode_casefold(models: Models) -> None:
    found = models.search("čak", "name")
    assert 0 in found
    assert found == models.expected("čak", "name")
    assert models.search("ČAKOVEČKA") == [0]
    # Casefolding turns ß into ss, both ways round.
    assert models.search("WEISSBRÄU GROSSE", "name") == [1]
    assert models.search("weißbräu große") == [1]


def test_search_ignores_accents_both_ways(models: Models) -> None:
    for text in ("trikotaza", "SIBENIK", "šibenik", "lodz", "aero", "ærø", "Trikotaža"):
        assert models.search(text) == [5], text
        assert models.search(text, "name") == [5], text
    assert models.search("cakovecka") == [0]
    assert models.search("weissbrau grosse", "name") == [1]
    for text in ("cak", "ž", "sib", "ø"):
        assert models.search(text) == models.expected(text), text
    # Accent marks alone are no text: like a blank query, as on the server.
    assert models.search("\u0301") == list(range(400))
    assert models.search("\u0301", "phone") == []


def test_a_national_number_finds_the_international_one_and_back(models: Models) -> None:
    # c_phone is +385 1 234 5678: dialled in Croatia, 01 234 5678.
    for text in ("01 234 5678", "(01) 234-5678", "012345678"):
        assert models.search(text, "phone") == [3], text
        assert models.search(text) == [3], text
    # c_national is 021 443 8687 in Croatia: +385 21 443 8687 from abroad.
    for text in ("+385 21 443 8687", "3852144386", "021 443 8687"):
        assert models.search(text, "phone") == [6], text
        assert models.search(text) == [6], text
    for text in ("01 2", "0", "0214"):
        assert models.search(text, "phone") == models.expected(text, "phone"), text


def test_phone_matches_digits_whatever_the_punctuation(models: Models) -> None:
    assert 3 in models.search("+385 1 23", "phone")
    assert 3 in models.search("38512345678", "phone")
    assert 3 in models.search("385-1", "phone")
    assert models.search("+385 1 23", "phone") == models.expected("+385 1 23", "phone")
    assert 4 in models.search("385-1000", "phone")


def test_phone_search_with_letters_finds_nothing(models: Models) -> None:
    assert models.search("385a", "phone") == []
    assert models.search("+", "phone") == []


def test_domain_search_includes_alias_domains(models: Models) -> None:
    assert models.search("other-brand", "domain") == [2]
    assert models.search("third.eu", "domain") == [2]
    assert models.search("third.eu") == [2]
    assert models.search("primary-example") == [2]


@pytest.mark.parametrize("status", [None, "active", "suspended", "canceled"])
def test_status_filter(models: Models, status: str | None) -> None:
    models.proxy.set_status(status)
    models.settle()
    assert models.shown() == models.expected(status=status)
    models.proxy.set_search("a")
    models.settle()
    assert models.shown() == models.expected("a", status=status)


def test_counts_report_visible_and_loaded_rows(qtbot: QtBot, models: Models) -> None:
    with qtbot.waitSignal(models.proxy.counts_changed) as blocker:
        models.proxy.set_search("čakovečka")
    assert blocker.args == [1, 400]
    with qtbot.waitSignal(models.proxy.counts_changed) as blocker:
        models.table.append_page(make_customers(3, seed=99, first_account=900001))
    assert blocker.args == [1, 403]


def test_typing_on_and_backspacing_give_fresh_answers(models: Models) -> None:
    typed = ["s", "su", "sup", "supp", "sup", "su", "s", "", "3", "38", "385", "38", "+38"]
    for text in typed:
        assert models.search(text) == models.expected(text), text


def _key(models: Models, column: int):  # type: ignore[no-untyped-def]
    return lambda row: models.table.data(models.table.index(row, column), SortRole)


@pytest.mark.parametrize("column", range(8))
@pytest.mark.parametrize("order", [ASC, DESC])
def test_sort_by_each_column_matches_a_stable_sort(
    models: Models, column: int, order: Qt.SortOrder
) -> None:
    models.proxy.sort(column, order)
    models.settle()
    everyone = sorted_rows(list(range(400)), _key(models, column), order == DESC)
    assert models.shown() == everyone
    models.proxy.set_search("a")
    models.settle()
    assert models.shown() == sorted_rows(models.expected("a"), _key(models, column), order == DESC)


def test_sorting_by_none_restores_arrival_order(models: Models) -> None:
    models.proxy.sort(T.NAME, DESC)
    models.settle()
    models.proxy.sort(-1)
    models.settle()
    assert models.shown() == list(range(400))


def test_long_names_sharing_their_first_32_bytes_sort_by_the_whole_name(qtbot: QtBot) -> None:
    base = make_customers(1)[0]
    stem = "Čakovec Consulting Services International "  # over 32 bytes
    names = [stem + tail for tail in ("b", "a", "c", "a", "ab", "")] + ["short", stem[:32]]
    customers = [changed(base, id=f"c_{i}", name=n) for i, n in enumerate(names)]
    models = Models(qtbot, customers)
    for order in (ASC, DESC):
        models.proxy.sort(T.NAME, order)
        models.settle()
        assert models.shown() == sorted_rows(list(range(8)), _key(models, T.NAME), order == DESC)


def test_update_of_a_shown_row_changes_that_one_proxy_row(models: Models) -> None:
    models.proxy.sort(T.NAME, ASC)
    models.search("a")
    target = models.proxy.source_row(5)
    spies = {
        name: QSignalSpy(getattr(models.proxy, name))
        for name in ("dataChanged", "layoutChanged", "rowsInserted", "rowsRemoved", "rowsMoved")
    }
    customer = models.table.customer_at(target)
    models.table.update_customer(changed(customer, contact_name="Someone Else"))  # type: ignore[arg-type]
    assert spies["dataChanged"].count() == 1
    top_left, bottom_right, _roles = spies["dataChanged"].at(0)
    assert top_left.row() == bottom_right.row() == 5
    assert all(spies[name].count() == 0 for name in spies if name != "dataChanged")


def test_pending_marker_reaches_the_proxy_as_one_cell(qtbot: QtBot, models: Models) -> None:
    models.proxy.sort(T.ACCOUNT, DESC)
    models.settle()
    customer = models.table.customer_at(10)
    with qtbot.waitSignal(models.proxy.dataChanged) as blocker:
        models.table.set_pending(customer.id, True)
    row = models.proxy.proxy_row_of_id(customer.id)
    assert blocker.args[0].row() == blocker.args[1].row() == row
    assert blocker.args[0].column() == blocker.args[1].column() == T.STATUS
    assert models.proxy.index(row, T.STATUS).data() == "Suspending…"  # type: ignore[arg-type]


def test_update_that_stops_matching_removes_that_row(models: Models) -> None:
    models.proxy.set_status("active")
    models.settle()
    customer = models.table.customer_at(0)
    row = models.proxy.proxy_row_of_id(customer.id)
    removed = QSignalSpy(models.proxy.rowsRemoved)
    models.table.update_customer(changed(customer, status="suspended"))  # type: ignore[arg-type]
    assert removed.count() == 1
    assert removed.at(0)[1] == removed.at(0)[2] == row
    assert models.proxy.proxy_row_of_id(customer.id) is None
    assert models.shown() == models.expected(status="active")


def test_update_that_starts_matching_inserts_that_row(models: Models) -> None:
    models.search("čakovečka")
    inserted = QSignalSpy(models.proxy.rowsInserted)
    customer = models.table.customer_at(200)
    models.table.update_customer(changed(customer, name="Čakovečka Bakery obrt"))  # type: ignore[arg-type]
    assert inserted.count() == 1
    assert inserted.at(0)[1] == inserted.at(0)[2] == 1
    assert models.shown() == [0, 200]


def test_update_that_changes_the_sort_key_moves_that_row(models: Models) -> None:
    models.proxy.sort(T.NAME, ASC)
    models.settle()
    customer = models.table.customer_at(100)
    moved = QSignalSpy(models.proxy.rowsMoved)
    layout = QSignalSpy(models.proxy.layoutChanged)
    models.table.update_customer(changed(customer, name="AAAA first"))  # type: ignore[arg-type]
    assert moved.count() == 1
    assert layout.count() == 0
    assert models.proxy.source_row(0) == 100
    assert models.shown() == sorted_rows(list(range(400)), _key(models, T.NAME), False)


def test_appended_rows_are_inserted_where_they_belong(models: Models) -> None:
    more = make_customers(150, seed=11, first_account=500001)
    models.search("a")
    inserted = QSignalSpy(models.proxy.rowsInserted)
    models.table.append_page(more[:50])
    assert inserted.count() == 1  # unsorted: one block at the end
    assert models.shown() == models.expected("a")
    models.proxy.sort(T.EMAIL, DESC)
    models.settle()
    models.table.append_page(more[50:])
    assert models.shown() == sorted_rows(models.expected("a"), _key(models, T.EMAIL), True)


def test_reset_shows_the_new_rows(models: Models) -> None:
    models.proxy.sort(T.CREATED, DESC)
    models.search("e")
    fresh = make_customers(120, seed=21)
    models.table.reset(fresh)
    models.settle()
    assert models.shown() == sorted_rows(models.expected("e"), _key(models, T.CREATED), True)


def test_a_big_reset_is_indexed_in_steps_and_shown(qtbot: QtBot) -> None:
    models = Models(qtbot, [], check=False)
    models.proxy.set_search("a")
    models.settle()
    models.table.reset(make_customers(12_000, seed=4))
    assert not models.proxy.is_settled()
    models.settle()
    assert models.shown() == models.expected("a")
    assert models.proxy.total_count() == 12_000


def test_mapping_helpers_find_a_customer_in_the_view(models: Models) -> None:
    models.proxy.sort(T.NAME, DESC)
    models.search("a")
    customer = models.proxy.customer_at(3)
    assert models.proxy.proxy_row_of_id(customer.id) == 3
    assert models.proxy.index_of_id(customer.id, T.EMAIL).row() == 3
    source = models.proxy.mapToSource(models.proxy.index(3, T.EMAIL))
    assert models.table.customer_at(source.row()) == customer
    assert models.proxy.mapFromSource(source).row() == 3
    assert models.proxy.proxy_row_of_id("c_unknown") is None
    assert not models.proxy.index_of_id("c_unknown").isValid()


def test_selection_survives_a_narrower_search(qtbot: QtBot, models: Models) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(models.proxy)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    target = models.table.customer_at(0)  # Čakovečka Pekara
    index = models.proxy.index_of_id(target.id)
    view.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
    models.search("pekara")
    selected = view.selectionModel().selectedRows()
    assert [models.proxy.customer_at(i.row()).id for i in selected] == [target.id]
    assert view.currentIndex().row() == models.proxy.proxy_row_of_id(target.id)
    assert view.verticalHeader().count() == models.proxy.rowCount()
    models.search("zzz-nothing")
    assert view.verticalHeader().count() == 0
    assert view.selectionModel().selectedRows() == []


def _chunky(qtbot: QtBot, customers: list[FakeCustomer]) -> Models:
    # One step per event-loop turn, and steps a few rows long: every job is split up.
    return Models(
        qtbot, customers, step_budget_ms=0, chunk_bytes=64, sort_run_rows=7, sort_merge_rows=5
    )


def test_work_split_into_many_steps_gives_the_same_answer(
    qtbot: QtBot, customers: list[FakeCustomer]
) -> None:
    models = _chunky(qtbot, customers)
    models.proxy.sort(T.DOMAIN, DESC)
    models.proxy.set_search("ac")
    assert not models.proxy.is_settled()
    assert models.proxy.rowCount() == 400  # the old answer stays until the new one is whole
    models.settle()
    assert models.shown() == sorted_rows(models.expected("ac"), _key(models, T.DOMAIN), True)


def test_a_new_search_supersedes_an_unfinished_one(
    qtbot: QtBot, customers: list[FakeCustomer]
) -> None:
    models = _chunky(qtbot, customers)
    settled = QSignalSpy(models.proxy.settled)
    models.proxy.set_search("a")
    models.proxy.set_search("ac")
    models.proxy.set_search("acm")
    models.settle()
    assert settled.count() == 1
    assert models.shown() == models.expected("acm")


def test_changes_during_unfinished_work_are_not_lost(
    qtbot: QtBot, customers: list[FakeCustomer]
) -> None:
    models = _chunky(qtbot, customers[:300])
    models.proxy.sort(T.NAME, ASC)
    models.proxy.set_search("o")
    edited = models.table.customer_at(7)
    models.table.update_customer(changed(edited, name="Zzz renamed", email="x@y.zz"))  # type: ignore[arg-type]
    models.table.append_page(customers[300:])
    edited = models.table.customer_at(250)
    models.table.update_customer(changed(edited, name="Ooo O", domain="o.example"))  # type: ignore[arg-type]
    models.settle()
    assert models.shown() == sorted_rows(models.expected("o"), _key(models, T.NAME), False)


def test_many_edits_growing_keys_keep_answers_right(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    customers = make_customers(50, seed=8)
    models = Models(qtbot, customers, check=False)
    models.search("x")
    rebuilt: list[FieldIndex] = []
    clear = FieldIndex.clear
    monkeypatch.setattr(FieldIndex, "clear", lambda self: (rebuilt.append(self), clear(self)))
    customer = customers[10]
    # Each longer name is stored anew, the old bytes left dead: past 1 MiB the index compacts.
    for size in range(1, 1600):
        customer = changed(customer, name="x" * size + " y")
        models.table.update_customer(customer)
        if size % 400 == 0:
            assert models.shown() == models.expected("x")
    assert rebuilt
    assert models.shown() == models.expected("x")
    assert models.search("y") == models.expected("y")
    assert models.search("xxx y", "name") == models.expected("xxx y", "name")


def _plain(count: int) -> list[FakeCustomer]:
    """Customers whose only letter "o" is where a test puts one."""
    base = make_customers(1)[0]
    return [
        changed(
            base,
            id=f"c_{i}",
            account_number=str(1000 + i),
            name=f"Name {i:03d}",
            email=f"m{i}@x.hr",
            domain=f"d{i}.hr",
            alias_domains=(),
        )
        for i in range(count)
    ]


def test_a_row_edited_after_the_scan_passed_it_is_checked_again(qtbot: QtBot) -> None:
    customers = _plain(60)
    customers[0] = changed(customers[0], name="Oslo 000")
    models = _chunky(qtbot, customers)
    models.proxy.set_search("o")
    assert not models.proxy.is_settled()  # the first rows' names are scanned already
    # Same length, so the key is rewritten in place, behind the scan.
    models.table.update_customer(changed(customers[0], name="Xslx 000"))
    models.table.update_customer(changed(customers[1], name="Oslo 001"))
    models.settle()
    assert models.shown() == [1] == models.expected("o")


def test_a_row_edited_while_its_column_is_being_sorted_lands_in_place(qtbot: QtBot) -> None:
    customers = _plain(70)
    models = _chunky(qtbot, customers[:60])
    # Sorted once, then the order is dropped by a new page: the keys stay, the sort is redone.
    models.proxy.sort(T.NAME, ASC)
    models.settle()
    models.proxy.sort(-1)
    models.settle()
    models.table.append_page(customers[60:])
    models.proxy.sort(T.NAME, ASC)
    assert not models.proxy.is_settled()
    models.table.update_customer(changed(customers[0], name="Zzz last"))
    models.table.update_customer(changed(customers[59], name="Aaa first"))
    models.settle()
    assert models.shown() == sorted_rows(list(range(70)), _key(models, T.NAME), False)
    assert models.shown()[0] == 59
    assert models.shown()[-1] == 0


def test_a_reload_indexed_in_steps_finds_rows_edited_before_their_step(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reload's search keys are made off the GUI thread with its rows and read by the filter
    # a step at a time: an edit that lands before its row's step must be what the search sees.
    monkeypatch.setattr(customer_filter, "_INDEX_ROWS_PER_STEP", 100)
    monkeypatch.setattr(customer_filter, "_CATCH_UP_ROWS_PER_STEP", 100)
    models = Models(qtbot, [], check=False)
    reload = make_customers(1000, seed=8)
    models.table.reset(prepare_rows(reload))
    assert not models.proxy.is_settled()
    edited = changed(reload[950], name="Zzyzx Unique Trading")
    models.table.update_customer(edited)  # type: ignore[arg-type]
    models.settle()
    assert models.search("zzyzx") == [950]
    assert models.search(reload[950].name) == models.expected(reload[950].name)
    assert 950 not in models.shown()


def test_a_reload_read_in_steps_lets_its_rows_go_and_keeps_later_edits_and_sorts(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reload's light rows are let go as the filter reads them (freeing 100,000 at once
    # blocked the GUI thread); rows read already must then come from the table itself.
    monkeypatch.setattr(customer_filter, "_INDEX_ROWS_PER_STEP", 100)
    monkeypatch.setattr(customer_filter, "_CATCH_UP_ROWS_PER_STEP", 100)
    models = Models(qtbot, [], check=False, step_budget_ms=0.0)
    reload = make_customers(6000, seed=12)
    models.table.reset(prepare_rows(reload))
    qtbot.waitUntil(lambda: models.proxy.total_count() >= 2500, timeout=20_000)
    assert models.proxy.total_count() < 6000  # the checks below land while it reads
    read, unread = 10, 5900
    models.table.update_customer(changed(reload[read], name="Aardvark Read Already"))  # type: ignore[arg-type]
    models.table.update_customer(changed(reload[unread], name="Aardvark Not Read Yet"))  # type: ignore[arg-type]
    assert models.table.customers_in(0, 3)[0].id == reload[0].id  # from the packed rows
    models.proxy.sort(T.NAME, ASC)  # reads every row's name, those let go too
    models.settle()
    assert models.search("aardvark") == sorted([read, unread], key=_key(models, T.NAME))
    models.proxy.set_search("")
    models.settle()
    assert models.shown() == sorted_rows(list(range(6000)), _key(models, T.NAME), False)
    assert models.shown()[:2] == sorted([read, unread], key=_key(models, T.NAME))
    assert models.table.customers_in(read, read + 1)[0].name == "Aardvark Read Already"


def test_a_reload_older_than_the_row_shown_searches_the_newer_row(models: Models) -> None:
    customers = models.customers()
    newer = changed(customers[7], name="Quokka Renamed Ltd")
    models.table.update_customer(newer)  # type: ignore[arg-type]
    models.table.reset(prepare_rows(customers))  # pages fetched before the rename
    models.settle()
    assert models.table.customer_at(7).name == "Quokka Renamed Ltd"
    assert models.search("quokka") == [7]
    assert models.shown() == models.expected("quokka")


def test_a_prepared_page_with_repeats_and_loaded_customers_adds_each_once(
    models: Models,
) -> None:
    customers = models.customers()
    more = make_customers(3, seed=31, first_account=700001)
    renamed = changed(customers[0], name="Wombat Updated")
    again = changed(more[1], name="Platypus Second Copy")
    models.table.append_page(prepare_rows([more[0], renamed, more[1], more[2], again]))
    models.settle()
    assert models.table.rowCount() == len(customers) + 3
    assert [models.table.customer_at(r).id for r in range(len(customers), len(customers) + 3)] == [
        more[0].id,
        more[1].id,
        more[2].id,
    ]
    assert models.search("platypus") == [len(customers) + 1]
    assert models.search("wombat") == [0]
