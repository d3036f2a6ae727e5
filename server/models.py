"""Tables. The schema itself is made by the Alembic migrations in server/migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


def _now() -> datetime:
    return datetime.now(UTC)


class Partner(Base):
    __tablename__ = "partners"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Staff without two-factor are held to setting it up (server/permissions.py, need).
    require_mfa: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class User(Base):
    """A partner's staff user; `role` is one of server/permissions.py's ROLES."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="admin")
    display_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    disabled_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    # Nullable only for the rows of databases older than migration 0007, which fills them.
    created_at: Mapped[datetime | None] = mapped_column(default=_now)
    # Two-factor sign-in (server/mfa.py). The secrets are ciphertexts under the server key
    # (server/server_key.py), never the secret itself; the pending one waits to be confirmed.
    mfa_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mfa_secret_encrypted: Mapped[str | None] = mapped_column(Text)
    mfa_pending_secret_encrypted: Mapped[str | None] = mapped_column(Text)
    # The time step of the last code accepted: a code of that step or an earlier one is refused.
    mfa_last_step: Mapped[int | None] = mapped_column(BigInteger)


class Token(Base):
    __tablename__ = "tokens"
    # Only the SHA-256 of the token is stored: a leaked database gives no usable token.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginFailure(Base):
    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    __table_args__ = (Index("ix_login_failures_username_at", "username", "at"),)


class MfaRecoveryCode(Base):
    """An unused recovery code, as its keyed digest only (server/mfa.py); deleted when used."""

    __tablename__ = "mfa_recovery_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]


class MfaToken(Base):
    """The password step of a two-factor sign-in, for POST /auth/mfa: deleted when used."""

    __tablename__ = "mfa_tokens"
    # Only the SHA-256 of the mfa_token, as for bearer tokens.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class MfaFailure(Base):
    """A wrong two-factor code, counted per user for the 429 (server/mfa.py)."""

    __tablename__ = "mfa_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]
    __table_args__ = (Index("ix_mfa_failures_user_id_at", "user_id", "at"),)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"))
    account_number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    domain: Mapped[str] = mapped_column(String(253), default="")
    alias_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    website: Mapped[str] = mapped_column(String(500), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    suspended_at: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    canceled_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Search keys, normalised once on write (server/search_keys.py: text without case or
    # accents; the phone as its digits and its other form, national or international).
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Text, not String(200): casefolding can lengthen a name ("ß" -> "ss"); migration 0002.
    name_key: Mapped[str] = mapped_column(Text, default="")
    email_key: Mapped[str] = mapped_column(String(254), default="")
    # Text, not String(40), as the phone's two forms are longer than it: migration 0006.
    phone_key: Mapped[str] = mapped_column(Text, default="")
    domain_key: Mapped[str] = mapped_column(Text, default="")
    # The soonest of its scheduled operations (`next_scheduled`), kept here by
    # server/scheduling.py whenever one is made, canceled or started, so that every list,
    # snapshot and change event has it without a query per customer.
    next_op_id: Mapped[str | None] = mapped_column(String(40))
    next_op_kind: Mapped[str | None] = mapped_column(String(20))
    next_op_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("partner_id", "account_number", name="uq_customers_partner_account"),
        Index("ix_customers_partner_id_id", "partner_id", "id"),
        Index("ix_customers_partner_status_id", "partner_id", "status", "id"),
    )


class Service(Base):
    __tablename__ = "services"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    monthly_price_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    enabled_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]
    # Set when a cancellation removed the service, so a restore brings back exactly these.
    removed_by_operation: Mapped[str | None] = mapped_column(String(40))


class Operation(Base):
    __tablename__ = "operations"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="pending")
    idempotency_key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    claim_token: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[datetime | None]
    # How many times a server claimed it; past MAX_ATTEMPTS it ends failed instead of looping.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # A scheduled operation's time (state `scheduled` until then); None for an immediate one.
    scheduled_for: Mapped[datetime | None]
    # The suspension a re-enable made by `resume_at` follows: canceled if that one fails.
    follows: Mapped[str | None] = mapped_column(String(40), index=True)

    __table_args__ = (
        UniqueConstraint("partner_id", "idempotency_key", name="uq_operations_partner_key"),
        # At most one unfinished operation per customer, enforced by the database itself so
        # that two racing requests with different keys cannot both start one.
        Index(
            "uq_operations_one_unfinished",
            "customer_id",
            unique=True,
            sqlite_where=text("state IN ('pending', 'running')"),
            postgresql_where=text("state IN ('pending', 'running')"),
        ),
        Index("ix_operations_state_created", "state", "created_at"),
        # The scheduler's due and next-due reads.
        Index("ix_operations_state_scheduled_for", "state", "scheduled_for"),
        # One scheduled operation of a kind per customer (409 already_scheduled), by the database.
        Index(
            "uq_operations_one_scheduled_kind",
            "customer_id",
            "kind",
            unique=True,
            sqlite_where=text("state = 'scheduled'"),
            postgresql_where=text("state = 'scheduled'"),
        ),
    )


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"))
    # None for an event of the partner as a whole: a sign-in, a staff or two-factor change.
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    __table_args__ = (
        Index("ix_events_customer_id_id", "customer_id", "id"),
        # The Activity log reads a partner's events newest first, a page at a time.
        Index("ix_events_partner_id_id", "partner_id", "id"),
    )


class LoginLink(Base):
    __tablename__ = "login_links"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Logo(Base):
    __tablename__ = "logos"
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


# SQLite's INTEGER PRIMARY KEY is the rowid (a BIGINT key is not); AUTOINCREMENT there keeps a
# pruned number from ever being handed out again, as PostgreSQL's sequence never does.
_SEQ = BigInteger().with_variant(Integer, "sqlite")


class Change(Base):
    """The change log (server/changes.py): one row per object changed by a committed
    transaction, numbered in commit order; GET /changes streams it, /customers/snapshot's cursor
    is its head."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(_SEQ, primary_key=True, autoincrement=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"))
    # customer, operation, summary, branding or staff; object_id is the partner's for the last
    # three but staff (a summary and the logo are the partner's own).
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    __table_args__ = (
        Index("ix_changes_partner_id_seq", "partner_id", "seq"),
        Index("ix_changes_at", "at"),
        {"sqlite_autoincrement": True},
    )


class ChangeHorizon(Base):
    """One row: the last seq pruned from the change log. A cursor below it is 410."""

    __tablename__ = "change_horizon"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pruned_through: Mapped[int] = mapped_column(BigInteger, default=0)
