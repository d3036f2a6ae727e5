"""The rules for a password set through the API (POST /staff, POST /me/password).

At least 12 characters (NIST SP 800-63B asks for length, not for mixed character classes), and
not a password that people choose most: one of server/common_passwords.py's, one of its words
with only digits and punctuation around it, the user's own name so dressed, one character or a
short group repeated, or a run along the alphabet or the digits ("123456789012", "abcdefghijkl").
The demo seed's passwords are set without these rules.
"""

from __future__ import annotations

import itertools
import string

from server.common_passwords import WHOLE, WORDS

MIN_LENGTH = 12
MAX_LENGTH = 1000
_DRESSING = string.digits + string.punctuation + " "


def _repeats_a_short_group(text: str) -> bool:
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in (1, 2, 3, 4)
    )


def _is_a_run(text: str) -> bool:
    """Each character one step from the one before, all the same way ("0987…", "abcd…")."""
    if not (text.isdigit() or text.isalpha()):
        return False
    alphabet = string.digits if text.isdigit() else string.ascii_lowercase
    if any(c not in alphabet for c in text):
        return False
    steps = {
        (alphabet.index(b) - alphabet.index(a)) % len(alphabet) for a, b in itertools.pairwise(text)
    }
    return steps in ({1}, {len(alphabet) - 1})


def password_problem(password: str, username: str = "") -> str | None:
    """What is wrong with a new password, in words for the person choosing it; None if fine."""
    if len(password) < MIN_LENGTH:
        return f"must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"must be at most {MAX_LENGTH} characters"
    folded = password.casefold()
    core = folded.strip(_DRESSING)
    if folded in WHOLE or core in WORDS or _repeats_a_short_group(folded) or _is_a_run(folded):
        return "is one of the most common passwords; choose another"
    name = username.casefold()
    if name and name in folded and folded.replace(name, "", 1).strip(_DRESSING) == "":
        return "is the user name; choose another"
    return None
