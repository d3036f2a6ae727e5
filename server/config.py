"""Server settings, from the command line or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

FAULT_ENV = "PARTNER_API_FAULT"
# The server key that encrypts TOTP secrets at rest (server/server_key.py).
SECRET_KEY_ENV = "PARTNER_API_SECRET_KEY"


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir("partner-api", appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'partner-api.sqlite3'}"


@dataclass(frozen=True)
class FaultRule:
    """One injected fault: `fail` or `stall`, for every operation or one account number."""

    effect: str
    account_number: str | None = None


def parse_faults(spec: str) -> tuple[FaultRule, ...]:
    """Parse `fail`, `stall`, `fail:100234`, comma separated; unknown words are an error."""
    rules = []
    for raw in spec.split(","):
        word = raw.strip()
        if not word:
            continue
        effect, _, account = word.partition(":")
        if effect not in ("fail", "stall"):
            raise ValueError(
                f"unknown fault {word!r}: use fail, stall, fail:ACCOUNT or stall:ACCOUNT"
            )
        rules.append(FaultRule(effect, account or None))
    return tuple(rules)


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    suspend_seconds: float = 2.0
    faults: tuple[FaultRule, ...] = field(
        default_factory=lambda: parse_faults(os.environ.get(FAULT_ENV, ""))
    )
    token_ttl_seconds: int = 12 * 3600
    # A claimed operation whose lease ran out belongs to a dead server and is taken over.
    lease_seconds: float = 15.0
    operation_workers: int = 8
    login_failures_allowed: int = 5
    login_failure_window_seconds: int = 60
    restore_window_days: int = 14
    # Two-factor sign-in (server/mfa.py): the password step's mfa_token, and wrong codes.
    mfa_token_ttl_seconds: int = 300
    mfa_failures_allowed: int = 5
    mfa_failure_window_seconds: int = 300
    # Never printed with the settings: it decrypts every TOTP secret.
    secret_key: str = field(default_factory=lambda: os.environ.get(SECRET_KEY_ENV, ""), repr=False)
    # "" is the default place: beside a SQLite database, else in the data folder.
    secret_key_file: str = ""
    # The change log and its streams (server/changes.py, server/change_hub.py): how long
    # changes are kept (a cursor older is 410), how often old ones are pruned, how often
    # SQLite's log is polled for other processes' changes, the keep-alive comment's interval,
    # and how often an open stream checks that its session is still valid.
    changes_retention_seconds: float = 24 * 3600
    changes_prune_seconds: float = 600.0
    changes_poll_seconds: float = 0.1
    changes_keepalive_seconds: float = 15.0
    changes_recheck_seconds: float = 60.0
    # Tests only (server/routes/test_clock.py): POST /test/clock moves the scheduling clock.
    test_clock: bool = False

    def fault_for(self, account_number: str) -> str | None:
        for rule in self.faults:
            if rule.account_number in (None, account_number):
                return rule.effect
        return None
