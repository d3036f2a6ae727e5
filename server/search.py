"""Customer search: the list query (keyset pages, exact total) over the keys of search_keys.py.

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
  `search_plan.SqliteSearch` picks the cheapest exact plan for each request; see there.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, text
from sqlalchemy.orm import Session

from server.errors import field_errors
from server.models import Customer
from server.search_keys import FIELDS, digits, fold
from server.search_keys import apply_keys as apply_keys
from server.search_keys import key_values as key_values
from server.search_plan import SqliteSearch, has_sqlite_search

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
_ID = re.compile(r"^c_[0-9A-HJKMNP-TV-Z]{26}$")


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
        if not folded and self.field != "phone":
            return None  # accent marks alone fold to nothing: as blank, every row matches
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
    if bind.dialect.name == "sqlite" and has_sqlite_search(s):
        ids, total = SqliteSearch(s, query).run(after, limit + 1)
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
