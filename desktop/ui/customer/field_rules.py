"""Client-side field rules: the same checks as the server's (server/validation.py), as typed.

The server stays the judge (it validates again and answers 422); these rules only let the
person see a problem beside the field before anything is sent. They are copied, not imported,
because desktop/ never imports server/.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject

# ISO 3166-1 alpha-2, the officially assigned codes: the server accepts exactly these.
_ISO_3166_ALPHA_2 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
"""
COUNTRY_CODES = frozenset(_ISO_3166_ALPHA_2.split())

# Lengths the server's schema allows (server/schemas.py; a test compares them), in characters;
# the line edits refuse more, and say so.
MAX_LENGTH = {
    "name": 200,
    "account_number": 20,
    "contact_name": 200,
    "email": 254,
    "phone": 40,
    "domain": 253,
    "website": 500,
    "address.street": 200,
    "address.city": 100,
    "address.region": 100,
    "address.postal_code": 20,
}
MAX_ALIAS_DOMAINS = 50

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,63}$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")
_ACCOUNT = re.compile(r"^[0-9A-Za-z-]{1,20}$")
_ALIAS_SEPARATORS = re.compile(r"[,\n]")


class FieldRules(QObject):
    """The translation context of this file's words (lupdate reads `FieldRules.tr` as it)."""


def control_character_problem(value: str) -> str | None:
    # The server refuses NUL anywhere (PostgreSQL cannot store it); it only arrives by pasting.
    return (
        QCoreApplication.translate("FieldRules", "Remove the invisible NUL character (pasted in?).")
        if "\x00" in value
        else None
    )


def too_long_notice(limit: int) -> str:
    """Said when typing or a paste reaches a field's limit: what did not fit was left out."""
    # A plural: lupdate finds the %n form only in Class.tr(), which the stubs do not type.
    return FieldRules.tr("At most %n characters fit here; the rest was not taken.", "", limit)  # type: ignore[arg-type]


def name_problem(value: str) -> str | None:
    return (
        QCoreApplication.translate("FieldRules", "An account name is required.")
        if not value.strip()
        else None
    )


def account_number_problem(value: str, *, required: bool = True) -> str | None:
    value = value.strip()
    if not value:
        return (
            QCoreApplication.translate("FieldRules", "An account number is required.")
            if required
            else None
        )
    if not _ACCOUNT.match(value):
        return QCoreApplication.translate("FieldRules", "Use 1 to 20 letters, digits or dashes.")
    return None


def email_problem(value: str) -> str | None:
    value = value.strip()
    if value and (len(value) > 254 or not _EMAIL.match(value) or ".." in value):
        return QCoreApplication.translate(
            "FieldRules", "Not an email address (like ana@example.com)."
        )
    return None


def phone_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _PHONE_CHARS.match(value):
        return QCoreApplication.translate("FieldRules", "Use digits, spaces and + ( ) - . / only.")
    digits = sum(ch.isdigit() for ch in value)
    if not 6 <= digits <= 15:
        return QCoreApplication.translate("FieldRules", "A phone number has 6 to 15 digits.")
    return None


def _is_domain(value: str) -> bool:
    name = value.lower().rstrip(".")
    labels = name.split(".")
    return (
        len(name) <= 253
        and len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and not labels[-1].isdigit()
    )


def domain_problem(value: str) -> str | None:
    value = value.strip()
    if value and not _is_domain(value):
        return QCoreApplication.translate("FieldRules", "Not a domain name (like example.com).")
    return None


def split_alias_domains(text: str) -> list[str]:
    """Comma- or newline-separated names, cleaned the way the server stores them."""
    names: list[str] = []
    for part in _ALIAS_SEPARATORS.split(text):
        name = part.strip().lower()
        if name and name not in names:
            names.append(name)
    return names


def alias_domains_problem(text: str) -> str | None:
    names = split_alias_domains(text)
    bad = [name for name in names if not _is_domain(name)]
    if bad:
        return QCoreApplication.translate("FieldRules", "Not a domain name: {names}.").format(
            names=", ".join(bad)
        )
    if len(names) > MAX_ALIAS_DOMAINS:
        # A plural: lupdate finds the %n form only in Class.tr(), which the stubs do not type.
        return FieldRules.tr("At most %n alias domains.", "", MAX_ALIAS_DOMAINS)  # type: ignore[arg-type]
    return None


def website_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        parts = urlsplit(value)
        scheme, host = parts.scheme, parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        scheme, host = "", None
    if scheme not in ("http", "https") or not host or not (host == "localhost" or _is_domain(host)):
        return QCoreApplication.translate(
            "FieldRules", "Not a web address (like https://example.com)."
        )
    return None


def country_problem(code: str | None) -> str | None:
    """`code` is what the picker resolved: "" for none, None when the text names no country."""
    if code is None or (code and code not in COUNTRY_CODES):
        return QCoreApplication.translate(
            "FieldRules", "Choose a country from the list, or type its code (like HR)."
        )
    return None
