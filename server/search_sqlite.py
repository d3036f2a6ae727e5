"""SQLite's search objects: their definitions, and how to fill them from `customers` at once.

Migration 0003 installs them; the seed loads without the insert trigger and runs `add_rows`
after each batch instead (one INSERT ... SELECT per table is about twice as fast as the trigger
row by row). One definition serves both, so they cannot drift apart. Changing a definition here
needs a new migration that runs `uninstall` and `install` again: existing databases keep what
they were given until then.

- customer_counts (partner_id, status, n): the total of a list without a query.
- customer_char_counts (partner_id, status, field, ch, n): customers whose keys hold the
  character `ch`, for the COUNTED_CHARS (field 0: anywhere in search_text; 4: in the phone's
  digits). A common one-character query ("a", "7") matches most of a big book; its total is
  then this lookup instead of a pass over every row. Migration 0005 added it.
- customer_search_partners (n, partner_id): a small number per partner, for scope tokens.
- customer_search_rows (rid, id): the FTS rowid of each customer. (Not the customers table's own
  rowid: it has no INTEGER PRIMARY KEY, and VACUUM may renumber such rowids.)
- customer_fts: contentless FTS5, trigram tokenizer, case-sensitive (the keys are casefolded
  already, by Python's full Unicode casefold; SQLite's own folding is simpler and would disagree
  on some letters). One column per searchable field, from the key columns (which hold exactly
  the parts of search_text), with FTS_PAD appended; and a `scope` column with two tokens,
  partner+status and partner+any (server.search_plan.scope_token), so a count never reads a row.
- customer_fts_vocab: the index's vocabulary, for queries of one or two characters.
- ix_customers_search (partner_id, id, status, search_text): id-ordered covering scans.
- triggers on partners and customers keep all of it up to date on every write.

Alembic's SQLite "batch" mode rebuilds a table by copying it, which drops its triggers and
indexes: a migration that rebuilds `customers` must `install` again afterwards.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

Execute = Callable[[str], Any]

FIELDS = ("name", "account", "email", "phone", "domain")
# server.search_plan.FTS_PAD, in SQL.
PAD = "char(10, 10)"

# The characters whose one-character queries are counted: those common in customer data, for
# which the query would otherwise count most of the partner's rows. Any other character keeps
# the FTS vocabulary or scan plan (server.search_plan.SqliteSearch). Each costs every write a test.
# (Keys hold no accented letter since migration 0006, nor a query: "čćđšž" count zero, kept so
# that the definitions a downgrade installs are still 0005's.)
COUNTED_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 .@-_&',čćđšž"
DIGITS = "0123456789"
# The fields counted: 0 is any field (all of search_text), 4 the phone (server.search_keys.TAGS).
ANY_FIELD, PHONE_FIELD = 0, 4
_COUNTED_KEYS = ((ANY_FIELD, "search_text", COUNTED_CHARS), (PHONE_FIELD, "phone_key", DIGITS))


def _fts_values(row: str) -> str:
    """The FTS column values (the five fields, padded) of the customers row `row`."""
    values = [
        f"{row}.name_key",
        f"lower({row}.account_number)",
        f"{row}.email_key",
        f"{row}.phone_key",
        f"{row}.domain_key",
    ]
    return ", ".join(f"{value} || {PAD}" for value in values)


def _scope(row: str) -> str:
    """The scope column (server.search_plan.scope_token twice); `p.n` is the partner's number."""
    partner = "char(1048576 + (p.n >> 12), 1048576 + (p.n & 4095))"
    status = (
        f"CASE {row}.status WHEN 'active' THEN 1113856 WHEN 'suspended' THEN 1113857"
        " WHEN 'canceled' THEN 1113858 ELSE 1113871 END"
    )
    return f"{partner} || char({status}) || {partner} || char(1114096)"


def _fts_write(row: str, rid: str, delete: bool) -> str:
    """INSERT the row's FTS entry (with delete, the command that removes it). `rid` is SQL for
    its rowid, and may use `r`, the row's customer_search_rows row."""
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


def _literal(ch: str) -> str:
    return "'" + ch.replace("'", "''") + "'"


def _char_count_writes(row: str, delete: bool) -> str:
    """Counts the row's characters in (or, with delete, out of) customer_char_counts."""
    statements = []
    for field, key, chars in _COUNTED_KEYS:
        digits_only = " AND digit" if chars == DIGITS else ""
        found = f"instr({row}.{key}, ch){digits_only}"
        if delete:
            statements.append(
                "UPDATE customer_char_counts SET n = n - 1"
                f" WHERE partner_id = {row}.partner_id AND status = {row}.status"
                f" AND field = {field} AND ch IN (SELECT ch FROM customer_count_chars"
                f" WHERE {found});"
            )
        else:
            statements.append(
                "INSERT INTO customer_char_counts (partner_id, status, field, ch, n)"
                f" SELECT {row}.partner_id, {row}.status, {field}, ch, 1"
                f" FROM customer_count_chars WHERE {found}"
                " ON CONFLICT (partner_id, status, field, ch) DO UPDATE SET n = n + 1;"
            )
    return "\n        ".join(statements)


def _char_rows(newer: str) -> list[str]:
    """customer_char_counts for the rows `newer` selects, in bulk: one pass per field summing
    a test per character (a join of rows and characters, grouped, took five times as long)."""
    statements = []
    for field, key, chars in _COUNTED_KEYS:
        sums = ", ".join(
            f"sum(instr({key}, {_literal(ch)}) > 0) AS c{i}" for i, ch in enumerate(chars)
        )
        pick = " ".join(f"WHEN {_literal(ch)} THEN s.c{i}" for i, ch in enumerate(chars))
        digits_only = " AND h.digit" if chars == DIGITS else ""
        statements.append(
            f"""WITH s AS (SELECT partner_id, status, {sums} FROM customers WHERE {newer}
                GROUP BY partner_id, status)
            INSERT INTO customer_char_counts (partner_id, status, field, ch, n)
            SELECT s.partner_id, s.status, {field}, h.ch, CASE h.ch {pick} END
            FROM s CROSS JOIN customer_count_chars AS h WHERE true{digits_only}
            ON CONFLICT (partner_id, status, field, ch) DO UPDATE SET n = n + excluded.n"""
        )
    return statements


CHAR_TABLES = [
    """CREATE TABLE customer_count_chars (
        ch TEXT PRIMARY KEY,
        digit INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "INSERT INTO customer_count_chars (ch, digit) VALUES "
    + ", ".join(f"({_literal(ch)}, {int(ch in DIGITS)})" for ch in COUNTED_CHARS),
    """CREATE TABLE customer_char_counts (
        partner_id VARCHAR(40) NOT NULL,
        status VARCHAR(20) NOT NULL,
        field INTEGER NOT NULL,
        ch TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (partner_id, status, field, ch)
    ) WITHOUT ROWID""",
]

TABLES = [
    *CHAR_TABLES,
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

CLEAR = [
    "INSERT INTO customer_fts (customer_fts) VALUES ('delete-all')",
    "DELETE FROM customer_search_rows",
    "DELETE FROM customer_counts",
    "DELETE FROM customer_char_counts",
]


def add_rows(after: int, char_counts: bool = True) -> list[str]:
    """What the insert trigger does, for every customer with a rowid above `after` at once;
    without `char_counts` all but customer_char_counts (the seed counts those as it goes)."""
    newer = f"rowid > {int(after)}"
    return [
        # (WHERE true: with an upsert clause after it, SQLite needs the SELECT to have a WHERE.)
        """INSERT INTO customer_search_partners (partner_id)
            SELECT id FROM partners WHERE true ORDER BY id
            ON CONFLICT (partner_id) DO NOTHING""",
        # In the order of the rows, as the trigger numbers them.
        "INSERT INTO customer_search_rows (id)"
        f" SELECT id FROM customers WHERE {newer} ORDER BY rowid",
        # Customers in table order (a sequential read), so rowids reach the index ascending.
        f"""INSERT INTO customer_fts (rowid, {", ".join(FIELDS)}, scope)
            SELECT r.rid, {_fts_values("c")}, {_scope("c")}
            FROM customers AS c
            CROSS JOIN customer_search_rows AS r ON r.id = c.id
            CROSS JOIN customer_search_partners AS p ON p.partner_id = c.partner_id
            WHERE c.{newer}""",
        f"""INSERT INTO customer_counts (partner_id, status, n)
            SELECT partner_id, status, count(*) FROM customers WHERE {newer}
            GROUP BY partner_id, status
            ON CONFLICT (partner_id, status) DO UPDATE SET n = n + excluded.n""",
        *(_char_rows(newer) if char_counts else ()),
    ]


_COUNT_NEW = (
    "INSERT INTO customer_counts (partner_id, status, n) VALUES (NEW.partner_id, NEW.status, 1)"
    " ON CONFLICT (partner_id, status) DO UPDATE SET n = n + 1;"
)
_UNCOUNT_OLD = (
    "UPDATE customer_counts SET n = n - 1"
    " WHERE partner_id = OLD.partner_id AND status = OLD.status;"
)
# What a customer's FTS entry is made of: a change to any of these replaces it.
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

INSERT_TRIGGER = "customers_search_insert"
TRIGGERS = {
    "partners_search_insert": """CREATE TRIGGER partners_search_insert
        AFTER INSERT ON partners BEGIN
        INSERT INTO customer_search_partners (partner_id) VALUES (NEW.id)
            ON CONFLICT (partner_id) DO NOTHING;
    END""",
    INSERT_TRIGGER: f"""CREATE TRIGGER {INSERT_TRIGGER} AFTER INSERT ON customers BEGIN
        INSERT INTO customer_search_rows (id) VALUES (NEW.id);
        {_fts_write("NEW", "last_insert_rowid()", delete=False)}
        {_COUNT_NEW}
        {_char_count_writes("NEW", delete=False)}
    END""",
    "customers_search_update": f"""CREATE TRIGGER customers_search_update
        AFTER UPDATE OF {", ".join(_INDEXED)} ON customers
        WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _INDEXED)}
    BEGIN
        {_fts_write("OLD", "r.rid", delete=True)}
        UPDATE customer_search_rows SET id = NEW.id WHERE id = OLD.id;
        {_fts_write("NEW", "r.rid", delete=False)}
        {_char_count_writes("OLD", delete=True)}
        {_char_count_writes("NEW", delete=False)}
    END""",
    "customers_count_update": f"""CREATE TRIGGER customers_count_update
        AFTER UPDATE OF partner_id, status ON customers
        WHEN OLD.partner_id IS NOT NEW.partner_id OR OLD.status IS NOT NEW.status
    BEGIN
        {_UNCOUNT_OLD}
        {_COUNT_NEW}
    END""",
    "customers_search_delete": f"""CREATE TRIGGER customers_search_delete
        AFTER DELETE ON customers BEGIN
        {_fts_write("OLD", "r.rid", delete=True)}
        DELETE FROM customer_search_rows WHERE id = OLD.id;
        {_UNCOUNT_OLD}
        {_char_count_writes("OLD", delete=True)}
    END""",
}

DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in reversed(TRIGGERS)),
    "DROP INDEX IF EXISTS ix_customers_search",
    "DROP TABLE IF EXISTS customer_fts_vocab",
    "DROP TABLE IF EXISTS customer_fts",
    "DROP TABLE IF EXISTS customer_search_rows",
    "DROP TABLE IF EXISTS customer_search_partners",
    "DROP TABLE IF EXISTS customer_counts",
    "DROP TABLE IF EXISTS customer_char_counts",
    "DROP TABLE IF EXISTS customer_count_chars",
]


def available() -> bool:
    """FTS5 with the trigram tokenizer (SQLite 3.34+), in the sqlite3 library actually loaded."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def install(execute: Execute) -> None:
    """Create everything and fill it from the rows already there."""
    for statement in [*TABLES, *add_rows(0), *INDEXES, *TRIGGERS.values()]:
        execute(statement)


def add_char_counts(execute: Execute) -> None:
    """Migration 0005: customer_char_counts, filled, into a database 0003 equipped before it
    existed; the triggers are made again from the definitions above, which maintain it."""
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in [*CHAR_TABLES, *_char_rows("true"), *TRIGGERS.values()]:
        execute(statement)


def rebuild(execute: Execute) -> None:
    """Fill the derived tables again, from scratch, from partners and customers."""
    for statement in [*CLEAR, *add_rows(0)]:
        execute(statement)


def uninstall(execute: Execute) -> None:
    for statement in DROP:
        execute(statement)
