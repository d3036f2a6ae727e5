"""The search keys every write stores: each searchable field folded once, and `search_text`.

Text is folded so that case and accents do not count: casefolded (full Unicode, so "ČAKOVEC"
and "čak" meet), decomposed (NFKD) with its accent marks dropped, the few letters whose accent
does not decompose (đ, ł, ø, æ, ...) replaced by their plain letters, recomposed (NFC), control
characters turned into spaces. So "trikotaza" finds "Trikotaža" and "sibenik" finds "Šibenik";
a query is folded the same way, so "Šibenik" still does. The marks dropped are those of the
Combining Diacritical Marks blocks (the accents of Latin, Greek and Cyrillic letters); the marks
of other scripts are part of their spelling and stay.

A phone is kept as its digits, and beside them the same number as written the other way (see
`phone_key`): "+385 1 443 8687" also as 014438687, so the number as dialled at home finds it.

`search_text` puts the keys behind one-character field tags:

    \\x01 name \\x02 account number \\x03 email \\x04 phone digits \\x05 domain \\n alias \\n ...

A folded query never holds a control character, so a substring of `search_text` is a substring
of one field, and a GLOB pattern can say which field (server.search_plan.glob_pattern). The key
columns hold the same parts one by one (the FTS index is made of those, the scans read
search_text). desktop/models/search/fold.py folds the loaded rows by the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

import phonenumbers

from server.models import Customer

# The searchable fields, in the order of their tags in search_text (tag = position + 1).
FIELDS = ("name", "account_number", "email", "phone", "domain")
TAGS = "\x01\x02\x03\x04\x05"
# Between a customer's domain and its alias domains, inside the domain field; and between the
# forms of a phone number, inside the phone field.
DOMAIN_SEP = "\n"
PHONE_SEP = "\n"
# Every C0 control character and DEL becomes a space: none can then appear in a key or a query,
# which is what keeps the tags and the separators unambiguous.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_DIGIT = re.compile(r"[^0-9]")
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PLAIN = str.maketrans(
    {
        **dict(zip("đðħıłøŧƀǥɨƚƶȼɇɉɍʉɏ", "ddhilotbgilzcejruy", strict=True)),
        **{"æ": "ae", "œ": "oe", "þ": "th"},
    }
)


def fold(value: str) -> str:
    """The comparable form of a field or a query: no case, no accents, no control characters."""
    folded = value.casefold()
    if not folded.isascii():
        # Casefolded again after NFKD: a compatibility letter ("ℌ") decomposes to a capital.
        plain = _ACCENTS.sub("", unicodedata.normalize("NFKD", folded).casefold())
        folded = unicodedata.normalize("NFC", plain.translate(_PLAIN))
    return _CONTROL.sub(" ", folded)


def digits(value: str) -> str:
    """The digits of a phone number, or of a query typed like one."""
    return _NOT_DIGIT.sub("", value)


@cache
def _calling_code(head: str) -> tuple[int, str]:
    """(length of the calling code the digits `head` start with, its country's trunk prefix);
    (0, "") when they start with none. Calling codes are prefix-free: one fits at most."""
    for size in (1, 2, 3):
        if len(head) >= size and int(head[:size]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.region_code_for_country_code(int(head[:size]))
            return size, phonenumbers.ndd_prefix_for_region(region, True) or ""
    return 0, ""


@cache
def _country(region: str) -> tuple[str, str]:
    """(calling code, trunk prefix) of a country (ISO code); ("", "") when unknown."""
    code = phonenumbers.country_code_for_region(region.upper())
    if not code:
        return "", ""
    return str(code), phonenumbers.ndd_prefix_for_region(region.upper(), True) or ""


def phone_key(phone: str, country: str = "") -> str:
    """The phone's digits, and the same number written the other way, joined by PHONE_SEP.

    International ("+385 1 443 8687", or "00385 ..."): also the national form, the country's
    trunk prefix before the number after the calling code (014438687), which is how it is
    dialled at home; the calling code says the country, whoever the customer is. National
    ("01 443 8687"), for a customer with a country: also the international digits
    (38514438687), and the trunk form first when it was written without the 0. A form that is
    part of the other is left out. desktop/models/search/fold.py does the same, line for line.
    """
    number = digits(phone)
    if not number:
        return number
    if phone.lstrip().startswith("+"):
        rest = number
    elif number.startswith("00"):
        rest = number[2:]
    else:
        return _national_key(number, country) if country else number
    size, trunk = _calling_code(rest[:3])
    national = trunk + rest[size:] if size and trunk else ""
    # No trunk prefix (+39), or a national form inside the number (+1 "1", +20 "0"): it alone.
    return number if national in number else number + PHONE_SEP + national


def _national_key(number: str, country: str) -> str:
    code, trunk = _country(country)
    if not code:
        return number
    significant = number[len(trunk) :] if trunk and number.startswith(trunk) else number
    # The national form holds the number as written (it is it, or it after the trunk prefix).
    national, international = trunk + significant, code + significant
    if national in international or international in national:
        return max(national, international, key=len)
    return national + PHONE_SEP + international


def compose_search_text(
    name_key: str, account_key: str, email_key: str, phone_key: str, domain_key: str
) -> str:
    return f"\x01{name_key}\x02{account_key}\x03{email_key}\x04{phone_key}\x05{domain_key}"


def key_values(
    name: str,
    account_number: str,
    email: str,
    phone: str,
    domain: str,
    aliases: Sequence[str],
    country: str = "",
) -> tuple[str, str, str, str, str]:
    """(search_text, name_key, email_key, phone_key, domain_key) of a customer's fields."""
    name_key = fold(name)
    email_key = fold(email)
    phone = phone_key(phone, country)
    domain_key = DOMAIN_SEP.join([fold(domain), *(fold(a) for a in aliases)])
    search_text = compose_search_text(name_key, fold(account_number), email_key, phone, domain_key)
    return search_text, name_key, email_key, phone, domain_key


def search_keys(
    name: str,
    account_number: str,
    email: str,
    phone: str,
    domain: str,
    aliases: list[str],
    country: str = "",
) -> dict[str, str]:
    search_text, name_key, email_key, phone_value, domain_key = key_values(
        name, account_number, email, phone, domain, aliases, country
    )
    return {
        "name_key": name_key,
        "email_key": email_key,
        "phone_key": phone_value,
        "domain_key": domain_key,
        "search_text": search_text,
    }


def apply_keys(c: Customer) -> None:
    for key, value in search_keys(
        c.name,
        c.account_number,
        c.email,
        c.phone,
        c.domain,
        list(c.alias_domains or []),
        c.country or "",
    ).items():
        setattr(c, key, value)
