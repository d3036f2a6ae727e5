"""Typed, frozen records of the Partner API's answers (shared/API.md), and their strict parsing.

Every answer is validated as a whole when it arrives, so a malformed one fails here with a
BadResponseError and never later as an AttributeError deep in a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar

import pydantic
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from desktop.api.errors import BadResponseError

CustomerStatus = Literal["active", "suspended", "canceled"]
SearchField = Literal["name", "account_number", "email", "phone", "domain"]
OperationKind = Literal["suspend", "unsuspend", "cancel", "restore"]
OperationState = Literal["pending", "running", "succeeded", "failed"]


class Record(BaseModel):
    # strict: "7" is not a version and 1 is not a name; unknown keys are ignored, so a newer
    # server that adds fields still works with this client.
    model_config = ConfigDict(frozen=True, strict=True, extra="ignore")


class Partner(Record):
    id: str
    name: str


class SignIn(Record):
    access_token: str
    expires_in: int
    partner: Partner


class Me(Record):
    username: str
    role: str
    partner: Partner


class Health(Record):
    status: str
    version: str


class Address(Record):
    street: str
    city: str
    region: str
    postal_code: str
    country: str


class Customer(Record):
    id: str
    account_number: str
    name: str
    contact_name: str
    email: str
    phone: str
    domain: str
    alias_domains: tuple[str, ...]
    website: str
    address: Address
    status: CustomerStatus
    suspended_at: AwareDatetime | None
    suspension_reason: str | None
    canceled_at: AwareDatetime | None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int


class CustomerPage(Record):
    items: tuple[Customer, ...]
    next_cursor: str | None
    total: int


class Service(Record):
    id: str
    name: str
    monthly_price: Decimal
    currency: str
    enabled_at: AwareDatetime


class ServiceList(Record):
    items: tuple[Service, ...]


class OperationError(Record):
    code: str
    message: str


class Operation(Record):
    id: str
    kind: OperationKind
    customer_id: str
    state: OperationState
    created_at: AwareDatetime
    finished_at: AwareDatetime | None
    error: OperationError | None

    @property
    def finished(self) -> bool:
        return self.state in ("succeeded", "failed")

    @property
    def succeeded(self) -> bool:
        return self.state == "succeeded"


class OperationList(Record):
    items: tuple[Operation, ...]


class Event(Record):
    at: AwareDatetime
    actor: str
    action: str
    details: dict[str, Any]


class EventList(Record):
    items: tuple[Event, ...]


class LoginLink(Record):
    url: str
    expires_at: AwareDatetime


class CustomerCounts(Record):
    active: int
    suspended: int


class MonthlyBillable(Record):
    active: Decimal
    suspended: Decimal


class Summary(Record):
    customers: CustomerCounts
    monthly_billable: MonthlyBillable
    currency: str


class LogoInfo(Record):
    model_config = ConfigDict(populate_by_name=True)

    width: int
    height: int
    # "bytes" on the wire; a field named after the builtin type would shadow it here.
    size: int = Field(alias="bytes")
    sha256: str


@dataclass(frozen=True)
class Logo:
    """The partner's logo as the server stores it (PNG or JPEG, re-encoded by the server)."""

    data: bytes
    content_type: str
    etag: str | None


R = TypeVar("R", bound=Record)


def parse(record: type[R], body: bytes, what: str) -> R:
    """Validate a JSON answer into `record`; anything malformed becomes a BadResponseError."""
    try:
        return record.model_validate_json(body)
    except pydantic.ValidationError as exc:
        raise BadResponseError(
            f"The server's answer to {what} could not be read ({_describe(exc)})."
        ) from None


def parse_object(record: type[R], value: object, what: str) -> R:
    """Validate an already decoded JSON value, as strictly as `parse` does."""
    try:
        # Back through JSON: strict mode reads ISO times from JSON text only.
        return record.model_validate_json(pydantic.TypeAdapter(Any).dump_json(value))
    except pydantic.ValidationError as exc:
        raise BadResponseError(
            f"The server's answer to {what} could not be read ({_describe(exc)})."
        ) from None


def _describe(exc: pydantic.ValidationError, limit: int = 3) -> str:
    # The offending values are left out: they can be huge, and are the server's data anyway.
    problems = exc.errors(include_url=False, include_input=False, include_context=False)
    parts = []
    for problem in problems[:limit]:
        where = ".".join(str(p) for p in problem["loc"])
        parts.append(f"{where}: {problem['msg']}" if where else str(problem["msg"]))
    if len(problems) > limit:
        parts.append(f"{len(problems) - limit} more")
    return "; ".join(parts)
