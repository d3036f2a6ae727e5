"""Rows made ready in a worker: what `prepare_rows` makes is what the table would have made."""

from __future__ import annotations

from desktop.models.customer_table import CustomerTableModel
from desktop.models.search.keys import encoded_keys
from desktop.models.search.prepared_rows import PreparedRows, prepare_rows
from desktop.models.search.rows import pack
from tests.desktop.customer_factory import changed, make_customers


def test_prepared_rows_hold_the_packed_rows_and_keys_of_their_records() -> None:
    customers = make_customers(30, seed=5)
    rows = prepare_rows(customers)
    assert list(rows.blobs) == [pack(c) for c in customers]
    assert [run.keys(0, 30) for run in rows.keys] == list(encoded_keys(customers))
    assert [rows.id_at(i) for i in range(30)] == [c.id for c in customers]
    assert rows.positions == {c.id: i for i, c in enumerate(customers)}
    assert not rows.repeats_ids()
    picked = rows.subset([4, 2])
    assert [picked.id_at(0), picked.id_at(1)] == [customers[4].id, customers[2].id]
    assert picked.positions == {customers[4].id: 0, customers[2].id: 1}
    assert [run.keys(0, 2) for run in picked.keys] == list(
        encoded_keys([customers[4], customers[2]])
    )


def test_gathered_pages_know_when_an_id_repeats() -> None:
    customers = make_customers(6, seed=6)
    gathered = PreparedRows.empty()
    gathered.extend(prepare_rows(customers[:3]))
    gathered.extend(prepare_rows(customers[3:]))
    assert gathered.positions == {c.id: i for i, c in enumerate(customers)}
    assert [run.keys(0, 6) for run in gathered.keys] == list(encoded_keys(customers))
    # Ranges across the pages' blocks come out joined as FieldIndex stores them.
    joined, lengths = gathered.keys[0].joined(2, 5)
    names = encoded_keys(customers)[0][2:5]
    assert joined == b"".join(name + b"\xff" for name in names)
    assert lengths.tolist() == [len(name) for name in names]
    gathered.extend(prepare_rows([changed(customers[1], name="Second Copy")]))
    assert gathered.repeats_ids()


def test_a_reload_that_repeats_a_customer_shows_its_last_copy_once(qapp: object) -> None:
    customers = make_customers(5, seed=7)
    table = CustomerTableModel()
    table.append_page(customers)
    again = changed(customers[1], name="Newer Copy")
    gathered = PreparedRows.empty()
    gathered.extend(prepare_rows(customers))
    gathered.extend(prepare_rows([again]))
    table.reset(gathered)
    assert table.rowCount() == 5
    assert [table.customer_at(r).id for r in range(5)] == [c.id for c in customers]
    assert table.customer_at(1).name == "Newer Copy"
    assert table.row_of(customers[4].id) == 4
