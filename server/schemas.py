"""Request and response bodies of API.md, as pydantic models (they also make the OpenAPI doc)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from server import scheduling, validation
from server.passwords import MAX_LENGTH as MAX_PASSWORD
from server.passwords import password_problem
from server.permissions import Role

Status = Literal["active", "suspended", "canceled"]
SearchField = Literal["name", "account_number", "email", "phone", "domain"]


def _rule(problem: Callable[[str], str | None], allow_empty: bool = True) -> AfterValidator:
    def check(value: str) -> str:
        value = value.strip()
        if value == "" and allow_empty:
            return value
        msg = problem(value) if value else "is required"
        if msg:
            raise ValueError(msg)
        return value

    return AfterValidator(check)


def _required_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("is required")
    return value


def _domains(values: list[str]) -> list[str]:
    cleaned = []
    for value in values:
        value = value.strip().lower()
        msg = validation.domain_problem(value)
        if msg:
            raise ValueError(f"{value!r}: {msg}")
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


Email = Annotated[str, Field(max_length=254), _rule(validation.email_problem)]
Phone = Annotated[str, Field(max_length=40), _rule(validation.phone_problem)]
Domain = Annotated[str, Field(max_length=253), _rule(validation.domain_problem)]
Website = Annotated[str, Field(max_length=500), _rule(validation.website_problem)]
Country = Annotated[str, Field(max_length=2), _rule(validation.country_problem)]
AccountNumber = Annotated[
    str, Field(max_length=20), _rule(validation.account_number_problem, allow_empty=False)
]
Name = Annotated[str, Field(max_length=200), AfterValidator(_required_text)]
Text200 = Annotated[str, Field(max_length=200)]
Text100 = Annotated[str, Field(max_length=100)]
Domains = Annotated[list[str], Field(max_length=50), AfterValidator(_domains)]


class Input(BaseModel):
    """A request body. No text in it may hold a NUL character: PostgreSQL cannot store one, and
    rejecting it here answers 422 on every backend instead of a database error."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError("must not contain NUL characters")
        return value


class Strict(Input):
    model_config = ConfigDict(extra="forbid")


class Address(Strict):
    street: Text200 = ""
    city: Text100 = ""
    region: Text100 = ""
    postal_code: Annotated[str, Field(max_length=20)] = ""
    country: Country = ""


class AddressPatch(Strict):
    street: Text200 | None = None
    city: Text100 | None = None
    region: Text100 | None = None
    postal_code: Annotated[str, Field(max_length=20)] | None = None
    country: Country | None = None


class CustomerCreate(Strict):
    account_number: AccountNumber | None = None
    name: Name
    contact_name: Text200 = ""
    email: Email = ""
    phone: Phone = ""
    domain: Domain = ""
    alias_domains: Domains = []
    website: Website = ""
    address: Address = Address()


class CustomerPatch(Strict):
    account_number: AccountNumber | None = None
    name: Name | None = None
    contact_name: Text200 | None = None
    email: Email | None = None
    phone: Phone | None = None
    domain: Domain | None = None
    alias_domains: Domains | None = None
    website: Website | None = None
    address: AddressPatch | None = None


class NextScheduled(BaseModel):
    """The customer's soonest scheduled operation."""

    operation_id: str
    kind: Literal["suspend", "unsuspend"]
    at: datetime


class CustomerOut(BaseModel):
    id: str
    account_number: str
    name: str
    contact_name: str
    email: str
    phone: str
    domain: str
    alias_domains: list[str]
    website: str
    address: Address
    status: Status
    suspended_at: datetime | None
    suspension_reason: str | None
    canceled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    next_scheduled: NextScheduled | None


class CustomerPage(BaseModel):
    items: list[CustomerOut]
    next_cursor: str | None
    total: int


class ServiceOut(BaseModel):
    id: str
    name: str
    monthly_price: str
    currency: str
    enabled_at: datetime


class ServiceList(BaseModel):
    items: list[ServiceOut]


class OperationError(BaseModel):
    code: str
    message: str


OperationState = Literal["scheduled", "pending", "running", "succeeded", "failed", "canceled"]


class OperationOut(BaseModel):
    id: str
    kind: Literal["suspend", "unsuspend", "cancel", "restore"]
    customer_id: str
    state: OperationState
    # A scheduled operation's time; null for one started at once.
    scheduled_for: datetime | None
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: OperationError | None
    # The suspension this re-enable follows (made by its resume_at), or null.
    follows: str | None


class OperationList(BaseModel):
    items: list[OperationOut]


class EventOut(BaseModel):
    at: datetime
    actor: str
    action: str
    details: dict[str, Any]


class EventList(BaseModel):
    items: list[EventOut]


class LoginRequest(Input):
    username: Annotated[str, Field(min_length=1, max_length=100)]
    password: Annotated[str, Field(min_length=1, max_length=1000)]


class PartnerOut(BaseModel):
    id: str
    name: str


class LoginResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"]
    expires_in: int
    partner: PartnerOut
    # The partner requires two-factor and this user has none yet: only /me, /me/mfa/* and
    # /auth/logout answer until it is set up (server/permissions.py).
    mfa_setup_required: bool


# A TOTP code or a recovery code as typed ("123 456", "abcde-fghjk"); ASCII only.
MfaCodeText = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9 -]+$")]


class MfaSignIn(Strict):
    mfa_token: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]
    code: MfaCodeText


class MfaCode(Strict):
    code: MfaCodeText


class MfaSetupOut(BaseModel):
    secret: str
    otpauth_uri: str


class RecoveryCodesOut(BaseModel):
    recovery_codes: list[str]


class MyPartnerOut(PartnerOut):
    require_mfa: bool


class MeOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: Role
    permissions: list[str]
    mfa_enabled: bool
    partner: MyPartnerOut


def _new_password(value: str) -> str:
    # Not stripped: spaces are part of a password.
    problem = password_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# true or false, never "yes" or 1: a switch that decides who can do what is not guessed at.
StrictBool = Annotated[bool, Field(strict=True)]
NewPassword = Annotated[str, Field(max_length=MAX_PASSWORD), AfterValidator(_new_password)]
Username = Annotated[
    str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")
]


class StaffOut(BaseModel):
    id: str
    username: str
    display_name: str
    email: str
    role: Role
    mfa_enabled: bool
    disabled_at: datetime | None
    last_login_at: datetime | None
    created_at: datetime | None


class StaffList(BaseModel):
    items: list[StaffOut]


class StaffCreate(Strict):
    username: Username
    display_name: Name
    email: Email = ""
    role: Role
    password: NewPassword


class StaffPatch(Strict):
    role: Role | None = None
    display_name: Name | None = None
    email: Email | None = None
    disabled: StrictBool | None = None


class PasswordChange(Strict):
    current_password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD)]
    new_password: NewPassword


class PartnerPatch(Strict):
    require_mfa: StrictBool


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(scheduling.TIME_FORMAT)
    return scheduling.parse_time(value)


# RFC 3339 with an offset, parsed here (pydantic's own datetime also takes numbers and times
# without an offset); whether it is in the future is checked after the Idempotency-Key, so a
# retry after the time has passed still returns its operation.
ScheduledTime = Annotated[datetime | None, BeforeValidator(_time)]


class SuspendRequest(Strict):
    reason: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_required_text)]
    at: ScheduledTime = None
    resume_at: ScheduledTime = None


class UnsuspendRequest(Strict):
    at: ScheduledTime = None


class CancelRequest(Strict):
    reason: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_required_text)]
    confirm_account_number: Annotated[str, Field(max_length=20)]


class LoginLinkOut(BaseModel):
    url: str
    expires_at: datetime


class StatusCounts(BaseModel):
    active: int
    suspended: int
    canceled: int
    # Customers that have a scheduled operation (of any status).
    scheduled: int


class BillableTotals(BaseModel):
    active: str
    suspended: str


class SummaryOut(BaseModel):
    customers: StatusCounts
    monthly_billable: BillableTotals
    currency: str


class LogoInfo(BaseModel):
    width: int
    height: int
    bytes: int
    sha256: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any]


class ErrorResponse(BaseModel):
    error: ErrorDetail
