"""The one clock of scheduling: every "now" that decides when a scheduled operation is due, how
late it ran, and the times written on operations reads `now()` here.

It is the real UTC time plus an offset that stays 0 unless the server was started with the test
clock (`--test-clock` and PARTNER_API_TEST_CLOCK=1, server/routes/test_clock.py), so that tests
move a server days ahead instead of waiting. Sign-in tokens, leases and the change log keep the
real time: moving the test clock signs no one out and prunes nothing.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from server.serialize import now as real_now

# Both required together: the variable says the environment is a test's, the flag that this
# server was meant to be started so.
TEST_CLOCK_ENV = "PARTNER_API_TEST_CLOCK"

_lock = threading.Lock()
_offset = timedelta(0)


def now() -> datetime:
    """The scheduling clock's time, aware, in UTC."""
    return real_now() + _offset


def offset_seconds() -> float:
    return _offset.total_seconds()


def set_offset(seconds: float) -> None:
    """Only the test clock's route calls this."""
    global _offset
    with _lock:
        _offset = timedelta(seconds=seconds)
