"""SQLite search: counts per partner and status, an FTS5 trigram index, a covering scan index

Revision ID: 0003
Revises: 0002

SQLite only (PostgreSQL keeps the portable LIKE plan of server/search.py). Everything here is
kept up to date by triggers on `customers`, so every writer is covered whatever its code path:
the API, the operations worker, the seed. See server/search.py for how the list query uses it.

- customer_counts (partner_id, status, n): the total of a list without a query.
- customer_search_partners (n, partner_id): a small number per partner, for scope tokens.
- customer_search_rows (rid, id): the FTS rowid of each customer. (Not the customers table's own
  rowid: it has no INTEGER PRIMARY KEY, and VACUUM may renumber such rowids.)
- customer_fts: contentless FTS5, trigram tokenizer, case-sensitive (the keys are casefolded
  already, by Python's full Unicode casefold; SQLite's own folding is simpler and would disagree
  on some letters). One column per searchable field (the key columns, which hold exactly what
  the parts of search_text hold), with two newlines appended (see FTS_PAD in
  server/search.py), and a `scope` column of two tokens: partner+status and partner+any, so a
  count never reads a row.
- customer_fts_vocab: the index's vocabulary, for queries of one or two characters.
- ix_customers_search (partner_id, id, status, search_text): id-ordered covering scans.

Rows written before get search_text in the tagged form of server/search.py, and no tag
character inside a key.

Note for later migrations: Alembic's SQLite "batch" mode rebuilds a table by copying it, which
drops its triggers and indexes. One that rebuilds `customers` must run this upgrade's trigger
and index statements again (and the backfill, if rows change).
"""

from __future__ import annotations

import sqlite3

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FIELDS = ("name", "account", "email", "phone", "domain")
PAD = "char(10, 10)"


def _fts_values(row: str) -> str:
    """The FTS column values (the five fields, padded) of a customers row `row` (NEW, OLD, c)."""
    keys = ("name_key", "lower({}.account_number)", "email_key", "phone_key", "domain_key")
    values = [key.format(row) if "{" in key else f"{row}.{key}" for key in keys]
    return ", ".join(f"{value} || {PAD}" for value in values)


def _scope(row: str) -> str:
    """The scope column: partner+status token and partner+any token; `p.n` is the partner's."""
    partner = "char(1048576 + (p.n >> 12), 1048576 + (p.n & 4095))"
    status = (
        f"CASE {row}.status WHEN 'active' THEN 1113856 WHEN 'suspended' THEN 1113857"
        " WHEN 'canceled' THEN 1113858 ELSE 1113871 END"
    )
    return f"{partner} || char({status}) || {partner} || char(1114096)"


def _fts_write(row: str, rid: str, delete: bool) -> str:
    """INSERT the row's FTS entry (or, with delete, the command that removes it); `rid` is SQL
    for its rowid, and may use the alias r for its customer_search_rows row."""
    command = "customer_fts, " if delete else ""
    value = "'delete', " if delete else ""
    rows = ", customer_search_rows AS r" if "r." in rid else ""
    where = f" AND r.id = {row}.id" if rows else ""
    return (
        f"INSERT INTO customer_fts ({command}rowid, {', '.join(FIELDS)}, scope)"
        f" SELECT {value}{rid}, {_fts_values(row)}, {_scope(row)}"
        f" FROM customer_search_partners AS p{rows}"
        f" WHERE p.partner_id = {row}.partner_id{where};"
    )


def _clean(expr: str) -> str:
    # Tags inside a key written before this revision would cut the wrong field out: spaces.
    for tag in range(1, 6):
        expr = f"replace({expr}, char({tag}), ' ')"
    return expr


TABLES = [
    """CREATE TABLE customer_counts (
        partner_id VARCHAR(40) NOT NULL,
        status VARCHAR(20) NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (partner_id, status)
    ) WITHOUT ROWID""",
    """CREATE TABLE customer_search_partners (
        n INTEGER PRIMARY KEY,
        partner_id VARCHAR(40) NOT NULL UNIQUE
    )""",
    """CREATE TABLE customer_search_rows (
        rid INTEGER PRIMARY KEY,
        id VARCHAR(40) NOT NULL UNIQUE
    )""",
    f"""CREATE VIRTUAL TABLE customer_fts USING fts5(
        {", ".join(FIELDS)}, scope,
        tokenize = 'trigram case_sensitive 1', content = '', detail = full
    )""",
    "CREATE VIRTUAL TABLE customer_fts_vocab USING fts5vocab(customer_fts, 'row')",
]

INDEXES = [
    "CREATE INDEX ix_customers_search ON customers (partner_id, id, status, search_text)",
]

BACKFILL = [
    f"""UPDATE customers SET name_key = {_clean("name_key")}, email_key = {_clean("email_key")},
        domain_key = {_clean("domain_key")}""",
    """UPDATE customers SET search_text =
        char(1) || name_key || char(2) || lower(account_number) || char(3) || email_key
        || char(4) || phone_key || char(5) || domain_key""",
    "INSERT INTO customer_search_partners (partner_id) SELECT id FROM partners ORDER BY id",
    "INSERT INTO customer_search_rows (id) SELECT id FROM customers ORDER BY id",
    f"""INSERT INTO customer_fts (rowid, {", ".join(FIELDS)}, scope)
        SELECT r.rid, {_fts_values("c")}, {_scope("c")}
        FROM customers AS c
        JOIN customer_search_rows AS r ON r.id = c.id
        JOIN customer_search_partners AS p ON p.partner_id = c.partner_id""",
    """INSERT INTO customer_counts (partner_id, status, n)
        SELECT partner_id, status, count(*) FROM customers GROUP BY partner_id, status""",
]

_COUNT_NEW = (
    "INSERT INTO customer_counts (partner_id, status, n) VALUES (NEW.partner_id, NEW.status, 1)"
    " ON CONFLICT (partner_id, status) DO UPDATE SET n = n + 1;"
)
_UNCOUNT_OLD = (
    "UPDATE customer_counts SET n = n - 1"
    " WHERE partner_id = OLD.partner_id AND status = OLD.status;"
)
# What the FTS entry is made of; a change to any of these replaces it.
_INDEXED = (
    "id",
    "partner_id",
    "status",
    "name_key",
    "account_number",
    "email_key",
    "phone_key",
    "domain_key",
)

TRIGGERS = [
    """CREATE TRIGGER partners_search_insert AFTER INSERT ON partners BEGIN
        INSERT INTO customer_search_partners (partner_id) VALUES (NEW.id)
            ON CONFLICT (partner_id) DO NOTHING;
    END""",
    # Per row as few statements as can be: the seed runs this a million times.
    f"""CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
        INSERT INTO customer_search_rows (id) VALUES (NEW.id);
        {_fts_write("NEW", "last_insert_rowid()", delete=False)}
        {_COUNT_NEW}
    END""",
    f"""CREATE TRIGGER customers_search_update
        AFTER UPDATE OF {", ".join(_INDEXED)} ON customers
        WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _INDEXED)}
    BEGIN
        {_fts_write("OLD", "r.rid", delete=True)}
        UPDATE customer_search_rows SET id = NEW.id WHERE id = OLD.id;
        {_fts_write("NEW", "r.rid", delete=False)}
    END""",
    f"""CREATE TRIGGER customers_count_update AFTER UPDATE OF partner_id, status ON customers
        WHEN OLD.partner_id IS NOT NEW.partner_id OR OLD.status IS NOT NEW.status
    BEGIN
        {_UNCOUNT_OLD}
        {_COUNT_NEW}
    END""",
    f"""CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
        {_fts_write("OLD", "r.rid", delete=True)}
        DELETE FROM customer_search_rows WHERE id = OLD.id;
        {_UNCOUNT_OLD}
    END""",
]

DROP = [
    "DROP TRIGGER IF EXISTS partners_search_insert",
    "DROP TRIGGER IF EXISTS customers_search_delete",
    "DROP TRIGGER IF EXISTS customers_count_update",
    "DROP TRIGGER IF EXISTS customers_search_update",
    "DROP TRIGGER IF EXISTS customers_search_insert",
    "DROP INDEX IF EXISTS ix_customers_search",
    "DROP TABLE IF EXISTS customer_fts_vocab",
    "DROP TABLE IF EXISTS customer_fts",
    "DROP TABLE IF EXISTS customer_search_rows",
    "DROP TABLE IF EXISTS customer_search_partners",
    "DROP TABLE IF EXISTS customer_counts",
]


def _trigram_fts5() -> bool:
    """FTS5 with the trigram tokenizer (SQLite 3.34+), in the sqlite3 library actually loaded."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    if not _trigram_fts5():
        # server/search.py then keeps the portable plan: exact, only slower on big books.
        return
    for statement in [*TABLES, *BACKFILL, *INDEXES, *TRIGGERS]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DROP:
        op.execute(statement)
