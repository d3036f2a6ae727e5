"""Brute-force answers the filter model must agree with: the server's rules, row by row.

Written from server/search_keys.py and server/search.py, not from the model's code, so the two
cannot share a mistake.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import phonenumbers

from desktop.models.search.record import CustomerRecord

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
# Accents: the Combining Diacritical Marks blocks, and letters that do not decompose.
_ACCENT_BLOCKS = (
    range(0x300, 0x370),
    range(0x1AB0, 0x1B00),
    range(0x1DC0, 0x1E00),
    range(0x20D0, 0x2100),
    range(0xFE20, 0xFE30),
)
# Looked up once per character: a million customers' fields are tens of millions of them.
_ACCENTS = frozenset(point for block in _ACCENT_BLOCKS for point in block)
_PLAIN = {
    **dict(zip("đðħıłøŧƀǥɨƚƶȼɇɉɍʉɏ", "ddhilotbgilzcejruy", strict=True)),
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()  # all the steps below do to ASCII: nothing decomposes or is an accent
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(_PLAIN.get(ch, ch) for ch in decomposed if ord(ch) not in _ACCENTS)
    return unicodedata.normalize("NFC", plain.casefold())


@functools.cache
def _trunk(region: str | None) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region or "")
    prefix = metadata.national_prefix if metadata is not None else None
    return "".join(ch for ch in prefix or "" if ch.isdigit())


_LONGEST_CODE = max(len(str(code)) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


@functools.cache
def _calling_code(head: str) -> tuple[str, str] | None:
    """The first calling code `head` (a number's first digits) starts with, and its region."""
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        if head.startswith(str(code)):
            return str(code), regions[0]
    return None


def phone_forms(phone: str, country: str) -> list[str]:
    """The phone's digits, and the number written the other way: the national form (trunk
    prefix and all) of an international number, the international digits of a national one of
    the customer's country."""
    digits = _digits(phone)
    if not digits or not digits.isascii():
        return [digits]
    international = phone.strip().startswith("+") or digits.startswith("00")
    rest = digits[2:] if not phone.strip().startswith("+") and international else digits
    if international:
        found = _calling_code(rest[:_LONGEST_CODE])
        if found is None:
            return [digits]
        code, region = found
        trunk = _trunk(region)
        return [digits, trunk + rest[len(code) :]] if trunk else [digits]
    code = phonenumbers.country_code_for_region(country) if country else 0
    if not code:
        return [digits]
    trunk = _trunk(country)
    significant = digits.removeprefix(trunk) if trunk else digits
    return [digits, f"{code}{significant}", trunk + significant]


def matches(customer: CustomerRecord, text: str, field: str | None) -> bool:
    text = text.strip()
    if not text:
        return True
    folded = fold(text)
    digits = _digits(text) if _PHONE_QUERY.match(text) else ""
    keys = {
        "name": fold(customer.name),
        "account_number": fold(customer.account_number),
        "email": fold(customer.email),
        "domain": "\n".join(fold(d) for d in (customer.domain, *customer.alias_domains)),
    }
    address = getattr(customer, "address", None)
    phones = phone_forms(customer.phone, getattr(address, "country", ""))
    if field == "phone":
        return bool(digits) and any(digits in phone for phone in phones)
    if field:
        return folded in keys[field]
    return (
        any(folded in key for key in keys.values())
        or any(folded in phone for phone in phones)
        or (bool(digits) and any(digits in phone for phone in phones))
    )


def filtered_rows(
    customers: Sequence[CustomerRecord], text: str, field: str | None, status: str | None
) -> list[int]:
    return [
        row
        for row, c in enumerate(customers)
        if (status is None or c.status == status) and matches(c, text, field)
    ]


def sorted_rows(rows: list[int], key: Callable[[int], Any], descending: bool) -> list[int]:
    """As Qt's proxy sorts: stable, so equal keys keep row order either way."""
    return sorted(sorted(rows), key=key, reverse=descending)
