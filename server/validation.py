"""Field rules shared by create and edit. Each returns a message fit to show a person, or None."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from server.countries import COUNTRY_CODES

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,63}$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")
_ACCOUNT = re.compile(r"^[0-9A-Za-z-]{1,20}$")


def phone_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def email_problem(value: str) -> str | None:
    if len(value) > 254 or not _EMAIL.match(value) or ".." in value:
        return "not an email address"
    return None


def phone_problem(value: str) -> str | None:
    if not _PHONE_CHARS.match(value):
        return "use digits, spaces and + ( ) - . / only"
    if not 6 <= len(phone_digits(value)) <= 15:
        return "a phone number has 6 to 15 digits"
    return None


def domain_problem(value: str) -> str | None:
    name = value.lower().rstrip(".")
    labels = name.split(".")
    if (
        len(name) > 253
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return "not a domain name (like example.com)"
    return None


def website_problem(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not a web address (like https://example.com)"
    if domain_problem(parts.hostname) and parts.hostname != "localhost":
        return "not a web address (like https://example.com)"
    return None


def country_problem(value: str) -> str | None:
    if value and value not in COUNTRY_CODES:
        return "not an ISO 3166-1 country code (like HR)"
    return None


def account_number_problem(value: str) -> str | None:
    if not _ACCOUNT.match(value):
        return "use 1 to 20 letters, digits or dashes"
    return None
