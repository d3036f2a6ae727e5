"""Customer search: the keys every write stores, and the list query (keyset pages, exact total).

Keys. `search_keys` folds each searchable field once, on write: casefolded (full Unicode, so
"ČAKOVEC" and "čak" meet), NFC-normalised, control characters turned into spaces; the phone
as digits only. `search_text` puts them behind one-character field tags:

    \\x01 name \\x02 account number \\x03 email \\x04 phone digits \\x05 domain \\n alias \\n ...

A folded query never holds a control character, so a substring of `search_text` is a substring
of one field, and a GLOB pattern can say which field (`glob_pattern`). The key columns hold the
same parts one by one (the FTS index is made of those, the scans read search_text).

Query. Pages are keyset pages in id order: ids are immutable and time-ordered, so a row that is
inserted or changed while someone pages never moves the rows after their cursor; every row that
exists for the whole walk is seen exactly once. Every answer carries the exact total, read in the
same transaction as the page (one snapshot on both databases), so the two always agree.

- PostgreSQL (and any other database): portable SQL, `LIKE '%q%'` over the keys, COUNT(*).
- SQLite, where one server may hold a million customers: migration 0003 keeps, by triggers
  (so every writer is covered, whatever its code path):
    - customer_counts: customers per partner and status, the total of a list without `q`;
    - customer_fts: a contentless FTS5 trigram index of each field, plus "scope" tokens naming
      the row's partner and status, so a total is one index query that reads no row;
    - customer_search_rows: the FTS rowid of each customer id;
    - ix_customers_search (partner_id, id, status, search_text): a covering, id-ordered scan.
  `_SqliteSearch` picks the cheapest exact plan for each request; see there.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, func, or_, select, text
from sqlalchemy.orm import Session

from server import search_sqlite
from server.errors import field_errors
from server.models import Customer

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
_ID = re.compile(r"^c_[0-9A-HJKMNP-TV-Z]{26}$")

# The searchable fields, in the order of their tags in search_text (tag = position + 1).
FIELDS = ("name", "account_number", "email", "phone", "domain")
TAGS = "\x01\x02\x03\x04\x05"
# Between a customer's domain and its alias domains, inside the domain field.
DOMAIN_SEP = "\n"
# Every C0 control character and DEL becomes a space: none can then appear in a key or a query,
# which is what keeps the tags and the separator unambiguous.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_DIGIT = re.compile(r"[^0-9]")


def fold(value: str) -> str:
    """The comparable form of a field or a query: casefolded, NFC, no control characters."""
    folded = value.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFC", folded)
    return _CONTROL.sub(" ", folded)


def digits(value: str) -> str:
    """The digits of a phone number, or of a query typed like one."""
    return _NOT_DIGIT.sub("", value)


def compose_search_text(
    name_key: str, account_key: str, email_key: str, phone_key: str, domain_key: str
) -> str:
    return f"\x01{name_key}\x02{account_key}\x03{email_key}\x04{phone_key}\x05{domain_key}"


def key_values(
    name: str, account_number: str, email: str, phone: str, domain: str, aliases: Sequence[str]
) -> tuple[str, str, str, str, str]:
    """(search_text, name_key, email_key, phone_key, domain_key) of a customer's fields."""
    name_key = fold(name)
    email_key = fold(email)
    phone_key = digits(phone)
    domain_key = DOMAIN_SEP.join([fold(domain), *(fold(a) for a in aliases)])
    search_text = compose_search_text(
        name_key, fold(account_number), email_key, phone_key, domain_key
    )
    return search_text, name_key, email_key, phone_key, domain_key


def search_keys(
    name: str, account_number: str, email: str, phone: str, domain: str, aliases: list[str]
) -> dict[str, str]:
    search_text, name_key, email_key, phone_key, domain_key = key_values(
        name, account_number, email, phone, domain, aliases
    )
    return {
        "name_key": name_key,
        "email_key": email_key,
        "phone_key": phone_key,
        "domain_key": domain_key,
        "search_text": search_text,
    }


def apply_keys(c: Customer) -> None:
    for key, value in search_keys(
        c.name, c.account_number, c.email, c.phone, c.domain, list(c.alias_domains or [])
    ).items():
        setattr(c, key, value)


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


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        value = ""
    if not _ID.match(value):
        raise field_errors({"cursor": "not a cursor this server gave out"})
    return value


@dataclass(frozen=True)
class Needle:
    """One way a customer can match: `text` (folded) is a substring of one of `fields`."""

    fields: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class CustomerQuery:
    partner_id: str
    q: str = ""
    field: str | None = None
    status: str | None = None

    def needles(self) -> list[Needle] | None:
        """None when there is no text to match; an empty list when nothing can match it."""
        raw = self.q.strip()
        if not raw:
            return None
        folded = fold(raw)
        # "+385 1 234" is a phone number typed as people write them: its digits are searched.
        number = digits(raw) if _PHONE_QUERY.match(raw) else ""
        if self.field is None:
            needles = [Needle(FIELDS, folded)]
            if number and number != folded:
                needles.append(Needle(("phone",), number))
            return needles
        if self.field == "phone":
            return [Needle(("phone",), number)] if number else []
        return [Needle((self.field,), folded)]

    # The portable plan (PostgreSQL): SQL over the key columns.

    def conditions(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = [Customer.partner_id == self.partner_id]
        if self.status:
            conds.append(Customer.status == self.status)
        needles = self.needles()
        if needles is not None:
            conds.append(or_(*(_portable_match(n) for n in needles)) if needles else _never())
        return conds


def _portable_match(needle: Needle) -> ColumnElement[bool]:
    if needle.fields == FIELDS:
        return Customer.search_text.contains(needle.text, autoescape=True)
    column: Any = {
        "name": Customer.name_key,
        "account_number": func.lower(Customer.account_number),
        "email": Customer.email_key,
        "phone": Customer.phone_key,
        "domain": Customer.domain_key,
    }[needle.fields[0]]
    match: ColumnElement[bool] = column.contains(needle.text, autoescape=True)
    return match


def _never() -> ColumnElement[bool]:
    return Customer.id.is_(None)


@dataclass(frozen=True)
class Page:
    rows: list[Customer]
    total: int
    more: bool


def search_page(s: Session, query: CustomerQuery, after: str | None, limit: int) -> Page:
    """One page of the partner's customers after the cursor id, and the exact total."""
    bind = s.get_bind()
    if bind.dialect.name == "sqlite" and _has_sqlite_search(s):
        ids, total = _SqliteSearch(s, query).run(after, limit + 1)
        more = len(ids) > limit
        return Page(_load(s, ids[:limit]), total, more)
    if bind.dialect.name == "postgresql":
        # Page and total from one snapshot, as on SQLite (read committed gives each its own).
        s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
    conds = query.conditions()
    page_conds = [*conds, Customer.id > after] if after else conds
    rows = list(
        s.execute(
            select(Customer).where(and_(*page_conds)).order_by(Customer.id).limit(limit + 1)
        ).scalars()
    )
    total = s.execute(select(func.count()).select_from(Customer).where(and_(*conds))).scalar_one()
    return Page(rows[:limit], total, len(rows) > limit)


def _load(s: Session, ids: list[str]) -> list[Customer]:
    if not ids:
        return []
    found = {c.id: c for c in s.execute(select(Customer).where(Customer.id.in_(ids))).scalars()}
    return [found[i] for i in ids if i in found]


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


def _has_sqlite_search(s: Session) -> bool:
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


class _SqliteSearch:
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
