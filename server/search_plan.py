"""The SQLite plans of the customer list (server/search.py): FTS5, walks, counts; see SqliteSearch.

The objects they read are migration 0003's and 0005's (server/search_sqlite.py), kept by
triggers; the keys they match are server/search_keys.py's.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from server import search_sqlite
from server.search_keys import FIELDS, TAGS

if TYPE_CHECKING:
    from server.search import CustomerQuery, Needle


def glob_pattern(needle: Needle) -> str:
    """A GLOB pattern over search_text that holds exactly when the needle matches.

    Each tag occurs once in search_text and never in a query, so "*\x04*7*\x05*" is "7 is
    somewhere between the phone's tag and the next one". SQLite runs GLOB (case-sensitive, so
    exact on folded text) faster than instr() or a substr() of the field.
    """
    literal = "".join(f"[{ch}]" if ch in "*?[" else ch for ch in needle.text)
    if needle.fields == FIELDS:
        return f"*{literal}*"
    tag = FIELDS.index(needle.fields[0]) + 1
    before = TAGS[0] if tag == 1 else f"*{TAGS[tag - 1]}"
    after = f"{TAGS[tag]}*" if tag < len(FIELDS) else ""
    return f"{before}*{literal}*{after}"


# Whether a SQLite database has migration 0003's search objects (FTS5 with the trigram tokenizer
# needs SQLite 3.34; a build without it keeps the portable plan). Asked once per engine.
_SQLITE_SEARCH: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()
_SEARCH_OBJECTS = (
    "customer_char_counts",
    "customer_counts",
    "customer_fts",
    "customer_fts_vocab",
    "customer_search_partners",
    "customer_search_rows",
    "ix_customers_search",
)


def has_sqlite_search(s: Session) -> bool:
    engine = s.get_bind()
    if not isinstance(engine, Engine):
        engine = engine.engine
    known = _SQLITE_SEARCH.get(engine)
    if known is None:
        names = set(s.execute(text("SELECT name FROM sqlite_master")).scalars())
        known = names.issuperset(_SEARCH_OBJECTS)
        _SQLITE_SEARCH[engine] = known
    return known


# The FTS5 column of each field, and the column holding the partner/status scope tokens.
FTS_COLUMNS = {
    "name": "name",
    "account_number": "account",
    "email": "email",
    "phone": "phone",
    "domain": "domain",
}
# Each field is indexed with two of these appended. The trigram tokenizer cannot look up a
# query of one or two characters, but with the padding every character of a field starts at
# least one indexed trigram, so such a query is exactly "any trigram that starts with it":
# the index's vocabulary lists those. (A newline is never in a folded query.)
FTS_PAD = "\n\n"

# Scope tokens: three characters from the supplementary private use area B, two for the
# partner's number (customer_search_partners.n, up to 2**24) and one for the status. They live in
# their own FTS column, which user text is never matched against, so they cannot collide with it.
SCOPE_BASE = 0x100000
STATUS_MARKS = {"active": 0x10FF00, "suspended": 0x10FF01, "canceled": 0x10FF02}
OTHER_STATUS_MARK = 0x10FF0F
ANY_STATUS_MARK = 0x10FFF0


def scope_token(partner_number: int, status: str | None) -> str:
    """The scope token of a partner's customers with this status (None: any status)."""
    mark = ANY_STATUS_MARK if status is None else STATUS_MARKS.get(status, OTHER_STATUS_MARK)
    return (
        chr(SCOPE_BASE + (partner_number >> 12)) + chr(SCOPE_BASE + (partner_number & 4095))
    ) + chr(mark)


def _fts_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


class SqliteSearch:
    """The SQLite plans. Costs as measured at 1,000,000 customers on a 2-core machine:

    - no `q`: an index range from the cursor (keyset: any depth costs the same) and the total
      from customer_counts. A few milliseconds.
    - `q` of 3+ characters: the total is one FTS query (a trigram phrase AND a scope token),
      about 0.05 µs a match, reading no row. The page then comes one of two ways, whichever
      the total says is cheaper:
        - sort: the same FTS query joined to customer_search_rows, the ids after the cursor
          sorted; about 1 µs a match;
        - walk: ix_customers_search in id order from the cursor, GLOB on each row's
          search_text, until the page is full; about 0.1 µs a row, and with `total` of
          `partner_total` rows matching, a page is found after about n * partner_total / total.
      Walk when total² * SORT_OVER_WALK > n * partner_total. (Matches bunched far from the
      cursor make a walk longer; the worst case is one pass over the partner's rows.)
    - `q` of one counted character (search_sqlite.COUNTED_CHARS, in any field or a digit in
      phones): the total is a lookup in customer_char_counts, and with many matches the page
      a walk; with few, the plans below.
    - `q` of 1-2 characters: trigrams cannot look these up, but with FTS_PAD every character of
      a field starts some indexed trigram, so the query is the OR of the index vocabulary's
      trigrams that start with it, exactly. For two characters those are few (one per
      character that follows), so this is served as above. One character has hundreds when it
      is common ("a", "7"): when a sample of the partner's rows says so, the total is one
      covering scan of the partner's rows with GLOB (~130 ms for a million) and the page a walk.
    - small partners (SMALL_PARTNER rows or fewer) scan for short queries: cheaper than the
      vocabulary, whose cost follows every partner's rows.
    """

    SORT_OVER_WALK = 7
    SAMPLE = 4096
    # One character expected to match more of the partner's rows than this: scan.
    SHORT_FTS_LIMIT = 30_000
    SMALL_PARTNER = 50_000
    MAX_TERMS = 400

    def __init__(self, s: Session, query: CustomerQuery) -> None:
        self.s = s
        self.query = query
        self.params: dict[str, Any] = {"partner": query.partner_id}
        self.status_sql = ""
        if query.status:
            self.params["status"] = query.status
            self.status_sql = " AND status = :status"
        self.predicate = "0"

    def run(self, after: str | None, n: int) -> tuple[list[str], int]:
        needles = self.query.needles()
        if needles is None:
            return self._plain_page(after, n), self._plain_total()
        if not needles:
            return [], 0
        self.predicate = self._predicate(needles)
        partner_total = self._scalar(
            "SELECT coalesce(sum(n), 0) FROM customer_counts WHERE partner_id = :partner"
        )
        counted = self._counted_total(needles)
        if counted == 0:
            return [], 0
        if counted is not None and counted * counted * self.SORT_OVER_WALK > n * partner_total:
            return self._walk(after, n), counted
        match = self._fts_match(needles, partner_total)
        if match is None:
            return self._walk(after, n), self._scan_total()
        if match == "":
            return [], 0
        total = self._scalar(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH :m", m=match
        )
        if total == 0:
            return [], 0
        if total * total * self.SORT_OVER_WALK <= n * partner_total:
            return self._sorted(match, after, n), total
        return self._walk(after, n), total

    def _scalar(self, sql: str, **extra: Any) -> int:
        return int(self.s.execute(text(sql), {**self.params, **extra}).scalar_one() or 0)

    def _ids(self, sql: str, **extra: Any) -> list[str]:
        return list(self.s.execute(text(sql), {**self.params, **extra}).scalars())

    # No text: the partner's (and status's) index range, and the maintained counts.

    def _plain_page(self, after: str | None, n: int) -> list[str]:
        index = (
            "ix_customers_partner_status_id" if self.query.status else "ix_customers_partner_id_id"
        )
        after_sql = " AND id > :after" if after else ""
        return self._ids(
            f"SELECT id FROM customers INDEXED BY {index} WHERE partner_id = :partner"
            f"{self.status_sql}{after_sql} ORDER BY id LIMIT :n",
            after=after,
            n=n,
        )

    def _plain_total(self) -> int:
        return self._scalar(
            "SELECT coalesce(sum(n), 0) FROM customer_counts WHERE partner_id = :partner"
            f"{self.status_sql}"
        )

    # Text on each row of ix_customers_search.

    def _predicate(self, needles: list[Needle]) -> str:
        tests = []
        for i, needle in enumerate(needles):
            self.params[f"glob{i}"] = glob_pattern(needle)
            tests.append(f"search_text GLOB :glob{i}")
        return "(" + " OR ".join(tests) + ")"

    def _walk(self, after: str | None, n: int) -> list[str]:
        after_sql = " AND id > :after" if after else ""
        return self._ids(
            "SELECT id FROM customers INDEXED BY ix_customers_search WHERE partner_id = :partner"
            f"{after_sql}{self.status_sql} AND {self.predicate} ORDER BY id LIMIT :n",
            after=after,
            n=n,
        )

    def _scan_total(self) -> int:
        return self._scalar(
            "SELECT count(*) FROM customers INDEXED BY ix_customers_search"
            f" WHERE partner_id = :partner{self.status_sql} AND {self.predicate}"
        )

    def _counted_total(self, needles: list[Needle]) -> int | None:
        """The total of a one-character query from customer_char_counts; None if not counted."""
        if len(needles) != 1 or len(needles[0].text) != 1:
            return None
        needle = needles[0]
        if needle.fields == FIELDS and needle.text in search_sqlite.COUNTED_CHARS:
            field = search_sqlite.ANY_FIELD
        elif needle.fields == ("phone",) and needle.text in search_sqlite.DIGITS:
            field = search_sqlite.PHONE_FIELD
        else:
            return None
        return self._scalar(
            "SELECT coalesce(sum(n), 0) FROM customer_char_counts WHERE partner_id = :partner"
            f"{self.status_sql} AND field = :field AND ch = :ch",
            field=field,
            ch=needle.text,
        )

    # Text by the FTS index.

    def _fts_match(self, needles: list[Needle], partner_total: int) -> str | None:
        """The MATCH expression; "" when nothing can match; None when a scan is cheaper."""
        number = self.s.execute(
            text("SELECT n FROM customer_search_partners WHERE partner_id = :partner"),
            self.params,
        ).scalar_one_or_none()
        if number is None or partner_total == 0:
            return ""
        alternatives = []
        for needle in needles:
            columns = "{" + " ".join(FTS_COLUMNS[f] for f in needle.fields) + "}"
            if len(needle.text) >= 3:
                alternatives.append(f"{columns}: {_fts_string(needle.text)}")
                continue
            if partner_total <= self.SMALL_PARTNER:
                return None
            if len(needle.text) == 1 and self._common(partner_total):
                return None
            terms = self._terms_starting_with(needle.text)
            if terms is None:
                return None
            if terms:
                alternatives.append(f"{columns}: (" + " OR ".join(map(_fts_string, terms)) + ")")
        if not alternatives:
            return ""
        scope = _fts_string(scope_token(number, self.query.status))
        return "(" + " OR ".join(alternatives) + ") AND {scope}: " + scope

    def _common(self, partner_total: int) -> bool:
        """Whether the query matches more than SHORT_FTS_LIMIT rows, judging by a sample."""
        hits = self._scalar(
            "SELECT count(*) FROM (SELECT search_text, status FROM customers"
            " INDEXED BY ix_customers_search WHERE partner_id = :partner ORDER BY id"
            f" LIMIT :sample) WHERE 1{self.status_sql} AND {self.predicate}",
            sample=self.SAMPLE,
        )
        return hits * partner_total > self.SHORT_FTS_LIMIT * min(self.SAMPLE, partner_total)

    def _terms_starting_with(self, prefix: str) -> list[str] | None:
        last = prefix + "\U0010ffff" * (3 - len(prefix))
        terms = self._ids(
            "SELECT term FROM customer_fts_vocab WHERE term >= :lo AND term <= :hi LIMIT :cap",
            lo=prefix,
            hi=last,
            cap=self.MAX_TERMS + 1,
        )
        return None if len(terms) > self.MAX_TERMS else terms

    def _sorted(self, match: str, after: str | None, n: int) -> list[str]:
        after_sql = " AND r.id > :after" if after else ""
        # CROSS JOIN keeps the FTS query as the outer loop: its matches are the few rows.
        return self._ids(
            "SELECT r.id FROM customer_fts AS f CROSS JOIN customer_search_rows AS r"
            " ON r.rid = f.rowid WHERE customer_fts MATCH :m"
            f"{after_sql} ORDER BY r.id LIMIT :n",
            m=match,
            after=after,
            n=n,
        )
