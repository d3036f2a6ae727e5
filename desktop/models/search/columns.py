"""The customer table's columns and the key each one sorts by."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.models.search.record import CustomerFields

ACCOUNT, NAME, CONTACT, EMAIL, PHONE, DOMAIN, STATUS, CREATED = range(8)
COLUMN_COUNT = 8

STATUSES = ("active", "suspended", "canceled")
# Lifecycle order, not alphabetical: it stays the same in every translation.
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
UNKNOWN_STATUS_RANK = len(STATUSES)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

SortKey = str | int


def phone_digits(text: str) -> str:
    # The server's rule (server/validation.py), so local and server search agree.
    return "".join(filter(str.isdigit, text))


def created_key(created_at: datetime) -> int:
    """Microseconds since the epoch: exact, and an int that numpy sorts natively."""
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    return (created_at - _EPOCH) // _MICROSECOND


def _text_key(text: str) -> str:
    # NUL is dropped because the sort stores keys as NUL-padded bytes.
    folded = text.casefold()
    return folded.replace("\0", "") if "\0" in folded else folded


def account_key(account_number: str) -> str:
    """Numeric accounts in numeric order ("9" before "10"), then the others, case-blind."""
    if account_number.isascii() and account_number.isdigit() and len(account_number) < 100:
        return f"{len(account_number):02d}{account_number}"
    # ":" sorts after every digit, so non-numeric accounts follow the numeric ones.
    return ":" + _text_key(account_number)


def sort_key(record: CustomerFields, column: int) -> SortKey:
    """The value a column sorts by; ties keep the order the rows arrived in."""
    if column == ACCOUNT:
        return account_key(record.account_number)
    if column == NAME:
        return _text_key(record.name)
    if column == CONTACT:
        return _text_key(record.contact_name)
    if column == EMAIL:
        return _text_key(record.email)
    if column == PHONE:
        return phone_digits(record.phone)
    if column == DOMAIN:
        return _text_key(record.domain)
    if column == STATUS:
        return STATUS_RANK.get(record.status, UNKNOWN_STATUS_RANK)
    if column == CREATED:
        return created_key(record.created_at)
    raise IndexError(f"no column {column}")


def is_numeric_column(column: int) -> bool:
    return column in (STATUS, CREATED)
