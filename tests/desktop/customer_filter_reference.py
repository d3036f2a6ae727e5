"""Brute-force answers the filter model must agree with: the server's rules, row by row.

Written from server/search.py, not from the model's code, so the two cannot share a mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from desktop.models.customer_record import CustomerRecord

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def matches(customer: CustomerRecord, text: str, field: str | None) -> bool:
    text = text.strip()
    if not text:
        return True
    folded = text.casefold()
    digits = _digits(text) if _PHONE_QUERY.match(text) else ""
    keys = {
        "name": customer.name.casefold(),
        "account_number": customer.account_number.casefold(),
        "email": customer.email.casefold(),
        "domain": "\n".join((customer.domain, *customer.alias_domains)).casefold(),
    }
    phone = _digits(customer.phone)
    if field == "phone":
        return bool(digits) and digits in phone
    if field:
        return folded in keys[field]
    return (
        any(folded in key for key in keys.values())
        or folded in phone
        or (bool(digits) and digits in phone)
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
