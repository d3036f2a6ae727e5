"""Records of the team calls (docs/api.md: staff, two-factor, activity), parsed as strictly as the
customer records in records.py."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from desktop.api.records import Moment, Record

Role = Literal["owner", "admin", "agent", "viewer"]
ROLES: tuple[Role, ...] = ("owner", "admin", "agent", "viewer")
# A TOTP code or a recovery code as the person typed it; the server decides whether it is right.
Code = Annotated[str, Field(min_length=1, max_length=64)]


class StaffUser(Record):
    id: str
    username: str
    display_name: str
    email: str
    role: Role
    mfa_enabled: bool
    disabled_at: Moment | None = None
    last_login_at: Moment | None = None
    created_at: Moment | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


class StaffList(Record):
    items: tuple[StaffUser, ...]


class MfaSetup(Record):
    """A secret waiting for its first code. Held in memory by the set-up dialog only."""

    secret: Annotated[str, Field(min_length=16, max_length=128, pattern=r"^[A-Z2-7]+=*$")]
    otpauth_uri: Annotated[str, Field(pattern=r"^otpauth://totp/", max_length=2048)]


class RecoveryCodes(Record):
    recovery_codes: tuple[Annotated[str, Field(min_length=4, max_length=64)], ...]


class ActivityItem(Record):
    id: int
    at: Moment
    actor: str
    action: str
    customer_id: str | None = None
    customer_name: str | None = None
    details: dict[str, Any]


class ActivityPage(Record):
    items: tuple[ActivityItem, ...]
    next_cursor: str | None = None


class ActivityFilter(Record):
    """What the Activity page asks for; empty strings and None mean "any"."""

    actor: str = ""
    action: str = ""
    customer_id: str = ""
    since: Moment | None = None
    until: Moment | None = None

    def params(self) -> dict[str, str]:
        chosen = {"actor": self.actor, "action": self.action, "customer_id": self.customer_id}
        params = {name: value for name, value in chosen.items() if value}
        if self.since is not None:
            params["since"] = self.since.isoformat()
        if self.until is not None:
            params["until"] = self.until.isoformat()
        return params
