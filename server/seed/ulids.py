"""ULIDs for a million rows: the time part (48 bits, 10 characters) through a table of character
pairs; the random part (80 bits, 16 characters) straight from random bytes, 5 bits of each (256
is a multiple of 32, so every character is uniform), for a whole batch in one call."""

from __future__ import annotations

import random

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in CROCKFORD for b in CROCKFORD]
_RANDOM_CHARS = bytes.maketrans(
    bytes(range(256)), bytes(ord(CROCKFORD[b & 31]) for b in range(256))
)


def ulid_time(ms: int) -> str:
    """The first 10 characters of a ULID: its 48-bit millisecond time."""
    return (
        CROCKFORD[ms >> 45]
        + _PAIRS[(ms >> 35) & 1023]
        + _PAIRS[(ms >> 25) & 1023]
        + _PAIRS[(ms >> 15) & 1023]
        + _PAIRS[(ms >> 5) & 1023]
        + CROCKFORD[ms & 31]
    )


def ulid_randomness(rng: random.Random, count: int) -> str:
    """`count` ULID random parts (16 characters each), end to end."""
    return rng.randbytes(16 * count).translate(_RANDOM_CHARS).decode("ascii")
