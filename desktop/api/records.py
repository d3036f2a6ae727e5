"""Typed, frozen records of the Partner API's answers (docs/api.md), and their strict parsing.

Every answer is validated as a whole when it arrives, so a malformed one fails here with a
BadResponseError and never later as an AttributeError deep in a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeGuard, TypeVar, get_args

import pydantic
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from desktop.api.errors import BadResponseError
from desktop.api.message import QT_TRANSLATE_NOOP, Message

CustomerStatus = Literal["active", "suspended", "canceled"]
SearchField = Literal["name", "account_number", "email", "phone", "domain"]
# The operations a customer can be put through, as the wire names them. Scheduled operations
# (coming) are these same kinds with a time to run at, not kinds of their own.
OperationKind = Literal["suspend", "unsuspend", "cancel", "restore"]
OPERATION_KINDS: tuple[OperationKind, ...] = get_args(OperationKind)
# scheduled -> pending -> running -> succeeded | failed, or scheduled -> canceled (API.md).
OperationState = Literal["pending", "running", "succeeded", "failed", "scheduled", "canceled"]


def is_operation_kind(value: object) -> TypeGuard[OperationKind]:
    """True for a kind this client knows (one read back from disk may be anything)."""
    return value in OPERATION_KINDS


# Strict types are not enough for what the windows do with a value: Qt takes 32-bit counts,
# money is quantized to cents in 28 digits, a restore deadline is a date plus 14 days, and a
# token goes into an HTTP header. A value past these bounds fails the whole answer here, as a
# BadResponseError, instead of as an OverflowError in a window.


def _plausible_time(value: datetime) -> datetime:
    # The year of the value as written: with any offset it then stays far from datetime's limits.
    if not 1900 <= value.year <= 9000:
        raise ValueError("not a plausible date")
    return value


def _plausible_money(value: Decimal) -> Decimal:
    if not value.is_finite() or abs(value) >= 10**12:
        raise ValueError("not a plausible amount")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_time)]
Money = Annotated[Decimal, AfterValidator(_plausible_money)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
Version = Annotated[int, Field(ge=0, le=2**53 - 1)]
# RFC 6750's b64token: anything else cannot go into an Authorization header as it is.
BearerToken = Annotated[str, Field(pattern=r"^[A-Za-z0-9\-._~+/]+=*$", max_length=4096)]


class Record(BaseModel):
    # strict: "7" is not a version and 1 is not a name; unknown keys are ignored, so a newer
    # server that adds fields still works with this client.
    model_config = ConfigDict(frozen=True, strict=True, extra="ignore")


class Partner(Record):
    id: str
    name: str
    # Only /me says it; a sign-in's partner leaves it out.
    require_mfa: bool = False


class SignIn(Record):
    access_token: BearerToken
    expires_in: Count
    partner: Partner
    # The partner requires two-factor and this user has none yet: every call but /me and the
    # set-up is refused until it is set up, so the app goes straight to the set-up.
    mfa_setup_required: bool = False


class Me(Record):
    username: str
    role: str
    partner: Partner
    # Older servers (before roles were checked) sent none of these: everything was allowed.
    id: str = ""
    display_name: str = ""
    permissions: tuple[str, ...] | None = None
    mfa_enabled: bool = False

    def may(self, permission: str) -> bool:
        return self.permissions is None or permission in self.permissions

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


class Health(Record):
    status: str
    version: str


class Address(Record):
    street: str
    city: str
    region: str
    postal_code: str
    country: str


class NextScheduled(Record):
    """A customer's soonest scheduled operation (API.md, "Scheduled operations")."""

    operation_id: str
    kind: OperationKind
    at: Moment


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
    suspended_at: Moment | None
    suspension_reason: str | None
    canceled_at: Moment | None
    created_at: Moment
    updated_at: Moment
    version: Version
    # An older server sends none: nothing is scheduled there.
    next_scheduled: NextScheduled | None = None

    # The customer list keeps each row packed as JSON values (desktop/models/search/rows.py):
    # these are the fields beyond the ones the list reads, and the record rebuilt from them.
    # Rebuilt without validating again: the values are this validated record's own. The light
    # row carries next_scheduled itself (the list's badge and filter read it).

    def packed_extra(self) -> list[Any]:
        a = self.address
        return [
            self.website,
            [a.street, a.city, a.region, a.postal_code, a.country],
            _iso(self.suspended_at),
            self.suspension_reason,
            _iso(self.canceled_at),
            self.updated_at.isoformat(),
        ]

    @classmethod
    def from_packed(cls, row: Any, extra: Sequence[Any]) -> Customer:
        website, address, suspended_at, reason, canceled_at, updated_at = extra
        street, city, region, postal_code, country = address
        return cls.model_construct(
            id=row.id,
            account_number=row.account_number,
            name=row.name,
            contact_name=row.contact_name,
            email=row.email,
            phone=row.phone,
            domain=row.domain,
            alias_domains=tuple(row.alias_domains),
            website=website,
            address=Address.model_construct(
                street=street, city=city, region=region, postal_code=postal_code, country=country
            ),
            status=row.status,
            suspended_at=_when(suspended_at),
            suspension_reason=reason,
            canceled_at=_when(canceled_at),
            created_at=row.created_at,
            updated_at=datetime.fromisoformat(updated_at),
            version=row.version,
            next_scheduled=_next_scheduled(row.next_scheduled),
        )


def _next_scheduled(packed: Any) -> NextScheduled | None:
    if packed is None:
        return None
    return NextScheduled.model_construct(
        operation_id=packed.operation_id, kind=packed.kind, at=packed.at
    )


def wire_time(moment: datetime) -> str:
    """A moment as the API takes it: RFC 3339 in UTC (the person's zone stays in the client)."""
    if moment.tzinfo is None:
        raise ValueError("a scheduled time needs its offset")
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class CustomerPage(Record):
    items: tuple[Customer, ...]
    next_cursor: str | None
    total: Count


class Service(Record):
    id: str
    name: str
    monthly_price: Money
    currency: str
    enabled_at: Moment


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
    created_at: Moment
    finished_at: Moment | None
    error: OperationError | None
    # Scheduled operations (API.md); an older server sends none of these.
    scheduled_for: Moment | None = None
    created_by: str | None = None
    started_at: Moment | None = None
    follows: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("succeeded", "failed", "canceled")

    @property
    def under_way(self) -> bool:
        """Started and not yet ended: a scheduled one waits for its time, and runs nothing."""
        return self.state in ("pending", "running")

    @property
    def succeeded(self) -> bool:
        return self.state == "succeeded"


class OperationList(Record):
    items: tuple[Operation, ...]


class Event(Record):
    at: Moment
    actor: str
    action: str
    details: dict[str, Any]


class EventList(Record):
    items: tuple[Event, ...]


class LoginLink(Record):
    url: str
    expires_at: Moment


class CustomerCounts(Record):
    active: Count
    suspended: Count
    # Overview, completed (API.md): an older server counts neither.
    canceled: Count = 0
    scheduled: Count = 0


class MonthlyBillable(Record):
    active: Money
    suspended: Money


class Summary(Record):
    customers: CustomerCounts
    monthly_billable: MonthlyBillable
    currency: str


class LogoInfo(Record):
    model_config = ConfigDict(populate_by_name=True)

    width: Count
    height: Count
    # "bytes" on the wire; a field named after the builtin type would shadow it here.
    size: Count = Field(alias="bytes")
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
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The server's answer to {request} could not be read ({problem})."
                ),
                request=what,
                problem=_describe(exc),
            )
        ) from None


def parse_object(record: type[R], value: object, what: str) -> R:
    """Validate an already decoded JSON value, as strictly as `parse` does."""
    try:
        # Back through JSON: strict mode reads ISO times from JSON text only.
        return record.model_validate_json(pydantic.TypeAdapter(Any).dump_json(value))
    except pydantic.ValidationError as exc:
        raise BadResponseError(
            Message(
                QT_TRANSLATE_NOOP(
                    "ApiMessages", "The server's answer to {request} could not be read ({problem})."
                ),
                request=what,
                problem=_describe(exc),
            )
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
