"""Brute-force answers the filter model must agree with: the server's rules, row by row.

Written from server/search_keys.py and server/search.py, not from the model's code, so the two
cannot share a mistake.
"""

from __future__ import annotations

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
_PLAIN = {
    **dict(zip("đðħıłøŧƀǥɨƚƶȼɇɉɍʉɏ", "ddhilotbgilzcejruy", strict=True)),
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(
        _PLAIN.get(ch, ch)
        for ch in decomposed
        if not any(ord(ch) in block for block in _ACCENT_BLOCKS)
    )
    return unicodedata.normalize("NFC", plain.casefold())


def _trunk(region: str | None) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region or "")
    prefix = metadata.national_prefix if metadata is not None else None
    return "".join(ch for ch in prefix or "" if ch.isdigit())


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
        for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
            if rest.startswith(str(code)):
                trunk = _trunk(regions[0])
                return [digits, trunk + rest[len(str(code)) :]] if trunk else [digits]
        return [digits]
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
