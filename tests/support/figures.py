"""Figures a reliability suite reports (runs, faults injected, failures), and its long form.

Each suite calls `report(...)` once at its end; the figures are printed as the run's last lines
(see `pytest_terminal_summary` in tests/conftest.py), so `make test` and `make soak` both end with
what was tried and what broke. `soak()` is true under `make soak`, which asks for the long form.
"""

from __future__ import annotations

import os

_LINES: list[str] = []


def soak() -> bool:
    """True when the suite should run its long form (`make soak`)."""
    return os.environ.get("PARTNER_DESK_SOAK") == "1"


def scale(short: int, long: int) -> int:
    """How many runs to make: `short` in `make test`, `long` in `make soak`."""
    return long if soak() else short


def report(suite: str, **figures: object) -> str:
    """Keep one line of figures for the end of the run, and print it now too."""
    words = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in figures.items())
    line = f"{suite}: {words}"
    _LINES.append(line)
    print(line)
    return line


def lines() -> list[str]:
    return list(_LINES)
