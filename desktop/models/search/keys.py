"""Search fields, the normalised key of each, and how a typed query becomes what to look for.

The rules are the server's (server/search_keys.py), so a local search and a server search
agree: text is folded (no case, no accents: search_fold.py) and matched as a substring; the
phone is matched on its digits, in both its forms (+385 1 443 8687 and 01 443 8687), and only a
query made of digits and phone punctuation looks at phones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.models.search.columns import phone_digits
from desktop.models.search.fold import fold, phone_key
from desktop.models.search.record import CustomerFields


class SearchField(StrEnum):
    """Values are the server's `field=` names."""

    ANY = "any"
    NAME = "name"
    ACCOUNT_NUMBER = "account_number"
    EMAIL = "email"
    PHONE = "phone"
    DOMAIN = "domain"


# The fields with a key of their own, in the order `record_keys` returns them.
INDEXED_FIELDS = (
    SearchField.NAME,
    SearchField.ACCOUNT_NUMBER,
    SearchField.EMAIL,
    SearchField.PHONE,
    SearchField.DOMAIN,
)
PHONE_SLOT = INDEXED_FIELDS.index(SearchField.PHONE)

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
# The server joins a domain and its aliases with a newline; a query can span them the same way.
_ALIAS_SEPARATOR = "\n"


def encode(text: str) -> bytes:
    # surrogatepass: a lone surrogate in a name must not stop the list from loading.
    return text.encode("utf-8", "surrogatepass")


def record_keys(record: CustomerFields) -> tuple[str, str, str, str, str]:
    """Normalised keys for INDEXED_FIELDS: what a query is looked for in."""
    if record.alias_domains:
        domain = _ALIAS_SEPARATOR.join((record.domain, *record.alias_domains))
    else:
        domain = record.domain
    # The address's country reads a number written without its calling code (the API's records
    # have one; a record without an address has no country).
    country = getattr(getattr(record, "address", None), "country", "")
    return (
        fold(record.name),
        fold(record.account_number),
        fold(record.email),
        phone_key(record.phone, country),
        fold(domain),
    )


def encoded_keys(records: Sequence[CustomerFields]) -> tuple[list[bytes], ...]:
    """Every record's keys, encoded: one list per INDEXED_FIELDS slot, in record order."""
    columns = zip(*(record_keys(r) for r in records), strict=True)
    keys = tuple([encode(key) for key in column] for column in columns)
    return keys or tuple([] for _ in INDEXED_FIELDS)


@dataclass(frozen=True)
class SearchQuery:
    """What to find in each indexed field; None where the field cannot match."""

    text: str
    field: SearchField
    needles: tuple[str | None, ...]

    def encoded(self) -> tuple[bytes | None, ...]:
        return tuple(None if n is None else encode(n) for n in self.needles)

    def matches(self, keys: tuple[str, ...]) -> bool:
        return any(n is not None and n in key for n, key in zip(self.needles, keys, strict=True))


def parse_query(text: str, field: SearchField) -> SearchQuery | None:
    """None when the text filters nothing (empty or blank)."""
    text = text.strip()
    if not text:
        return None
    folded = fold(text)
    if not folded and field is not SearchField.PHONE:
        return None  # accent marks alone fold to nothing: as the server, every row matches
    digits = phone_digits(text) if _PHONE_QUERY.match(text) else ""
    if field is SearchField.ANY:
        needles: list[str | None] = [folded] * len(INDEXED_FIELDS)
        # A phone key holds only digits: a phone-like query is looked for as its digits, and
        # text with anything else in it cannot match (so that buffer is not even scanned).
        needles[PHONE_SLOT] = digits or (folded if folded.isdigit() else None)
    else:
        needles = [None] * len(INDEXED_FIELDS)
        slot = INDEXED_FIELDS.index(field)
        if field is SearchField.PHONE:
            needles[slot] = digits or None
        else:
            needles[slot] = folded
    return SearchQuery(text, field, tuple(needles))
