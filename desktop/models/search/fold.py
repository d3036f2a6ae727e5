"""The server's folding of search keys and queries (server/search_keys.py), for the loaded rows.

Text: casefolded, decomposed (NFKD) without its accent marks, the letters whose accent does not
decompose (đ, ł, ø, æ, ...) made plain, recomposed (NFC): "sibenik" finds "Šibenik". A phone:
its digits, and the same number written the other way, "+385 1 443 8687" also as 014438687
(see `phone_key`). The server keeps its own copy (it imports nothing from the client); a test
holds the two to the same answers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import phonenumbers

from desktop.models.search.columns import phone_digits

# Between the forms of a phone number inside its key, as on the server.
PHONE_SEP = "\n"
# The marks of the Combining Diacritical Marks blocks: the accents of Latin, Greek and Cyrillic
# letters. Other scripts' marks are part of their spelling and stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PLAIN = str.maketrans(
    {
        **dict(zip("đðħıłøŧƀǥɨƚƶȼɇɉɍʉɏ", "ddhilotbgilzcejruy", strict=True)),
        **{"æ": "ae", "œ": "oe", "þ": "th"},
    }
)


def _unaccented(folded: str) -> str:
    # Casefolded again after NFKD: a compatibility letter ("ℌ") decomposes to a capital.
    plain = _ACCENTS.sub("", unicodedata.normalize("NFKD", folded).casefold())
    return unicodedata.normalize("NFC", plain.translate(_PLAIN))


# Below U+0250 (Latin-1, Latin Extended-A and -B: nearly every accented name) there are no marks,
# so each letter folds on its own: one table lookup a letter (a quarter faster than the rest).
_LATIN = str.maketrans({chr(code): _unaccented(chr(code)) for code in range(0x80, 0x250)})
_LATIN_END = "\u0250"


def fold(text: str) -> str:
    """Case and accents taken out; ASCII text (most keys) only pays for the casefold."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    if max(folded) < _LATIN_END:
        return folded.translate(_LATIN)
    return _unaccented(folded)


@cache
def _calling_code(head: str) -> tuple[int, str]:
    """(length of the calling code the digits `head` start with, its country's trunk prefix);
    (0, "") when none. Calling codes are prefix-free: one fits at most."""
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

    International ("+385 1 443 8687", "00385 ..."): also the national form, the trunk prefix of
    the calling code's country before the rest (014438687). National, for a customer with a
    country: also the international digits (38514438687). A form that is part of another is
    left out. Each row pays a few string operations: the tables are looked up once per prefix.
    """
    number = phone_digits(phone)
    if not number.isascii() or not number:
        return number  # (other scripts' digits: no calling code to read; the server refuses them)
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
