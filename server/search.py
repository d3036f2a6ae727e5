"""Customer search keys (computed once per write) and the list query with keyset pagination."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from server.errors import field_errors
from server.models import Customer
from server.validation import phone_digits

_PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
_ID = re.compile(r"^c_[0-9A-HJKMNP-TV-Z]{26}$")
SEP = "\n"


def search_keys(
    name: str, account_number: str, email: str, phone: str, domain: str, aliases: list[str]
) -> dict[str, str]:
    name_key = name.casefold()
    email_key = email.casefold()
    phone_key = phone_digits(phone)
    domain_key = SEP.join([domain, *aliases]).casefold()
    return {
        "name_key": name_key,
        "email_key": email_key,
        "phone_key": phone_key,
        "domain_key": domain_key,
        "search_text": SEP.join(
            [name_key, account_number.casefold(), email_key, phone_key, domain_key]
        ),
    }


def apply_keys(c: Customer) -> None:
    for key, value in search_keys(
        c.name, c.account_number, c.email, c.phone, c.domain, list(c.alias_domains or [])
    ).items():
        setattr(c, key, value)


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
class CustomerQuery:
    partner_id: str
    q: str = ""
    field: str | None = None
    status: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = [Customer.partner_id == self.partner_id]
        if self.status:
            conds.append(Customer.status == self.status)
        text = self.q.strip()
        if text:
            conds.append(self._match(text))
        return conds

    def _match(self, text: str) -> ColumnElement[bool]:
        folded = text.casefold()
        digits = phone_digits(text) if _PHONE_QUERY.match(text) else ""
        if self.field == "name":
            return Customer.name_key.contains(folded, autoescape=True)
        if self.field == "account_number":
            return func.lower(Customer.account_number).contains(folded, autoescape=True)
        if self.field == "email":
            return Customer.email_key.contains(folded, autoescape=True)
        if self.field == "domain":
            return Customer.domain_key.contains(folded, autoescape=True)
        if self.field == "phone":
            return Customer.phone_key.contains(digits, autoescape=True) if digits else _never()
        any_text = Customer.search_text.contains(folded, autoescape=True)
        if digits and digits != folded:
            return or_(any_text, Customer.phone_key.contains(digits, autoescape=True))
        return any_text

    def page(self, after_id: str | None, limit: int) -> Select[Any]:
        conds = self.conditions()
        if after_id:
            conds.append(Customer.id > after_id)
        return select(Customer).where(and_(*conds)).order_by(Customer.id).limit(limit)

    def count(self) -> Select[Any]:
        return select(func.count()).select_from(Customer).where(and_(*self.conditions()))


def _never() -> ColumnElement[bool]:
    return Customer.id.is_(None)
