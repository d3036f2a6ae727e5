"""The change log: every committed change, numbered in commit order (table `changes`).

A writer says what it changed inside its write transaction (`changed`, `customer_changed`...);
the rows are inserted by the session's before_commit hook, last, one per object however often
the transaction touched it. GET /changes streams the log (server/change_hub.py), and
/customers/snapshot's cursor is its head.

Commit order is seq order, so a reader that has seen seq N has seen every change before N and
never has to come back for a gap:
- SQLite: one writer at a time (BEGIN IMMEDIATE, across processes too); a seq is taken and
  committed before the next writer starts.
- PostgreSQL: a sequence alone does not do it (A takes 10, B takes 11, B commits first: a reader
  that saw 11 and moved on would never see 10). Each writer takes a transaction-level advisory
  lock right before it inserts its rows, and PostgreSQL releases it only after the commit is
  visible, so the next writer's nextval comes after it: every snapshot sees a prefix of the log.
  Only the last step of writers (the insert and the commit) is serial. Chosen over a reader's
  grace period, which delays every reader and is still a guess, and over comparing xid
  snapshots, which puts more on every read and works on PostgreSQL alone.
  The same transaction NOTIFYs (delivered at commit) so that every server process wakes.

The summary is an event of its own, written by the writers whose change moves a count or a
billed total (create, suspend, re-enable, cancel, restore, a removed service): its data is
computed when it is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, delete, event, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from server.models import Change, ChangeHorizon, Customer, Operation, User
from server.serialize import now

KINDS = ("customer", "operation", "summary", "branding", "staff")
# The PostgreSQL channel every server process LISTENs on; the payload names the kinds.
CHANNEL = "partner_changes"
# Any fixed number, the same in every process: names the lock that orders the log's writers.
CHANGES_LOCK = 0x6368_616E_6765_73  # "changes"
_PENDING = "pending_changes"
# The log is read through a session, or the snapshot's own connection.
Reader = Session | Connection
_COMMITTED = "committed_kinds"


def changed(s: Session, partner_id: str, kind: str, object_id: str) -> None:
    """Log that `object_id` of `kind` changed, when (and only if) the transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"no such change kind: {kind}")
    pending: dict[tuple[str, str, str], None] = s.info.setdefault(_PENDING, {})
    pending.pop((partner_id, kind, object_id), None)  # once, at its last place
    pending[(partner_id, kind, object_id)] = None


def customer_changed(s: Session, c: Customer, *, counts: bool = False) -> None:
    """The customer changed; `counts`: in a way that moves the summary too."""
    changed(s, c.partner_id, "customer", c.id)
    if counts:
        changed(s, c.partner_id, "summary", c.partner_id)


def operation_changed(s: Session, op: Operation) -> None:
    changed(s, op.partner_id, "operation", op.id)


def staff_changed(s: Session, user: User) -> None:
    changed(s, user.partner_id, "staff", user.id)


def branding_changed(s: Session, partner_id: str) -> None:
    changed(s, partner_id, "branding", partner_id)


def install(factory: sessionmaker[Session], committed: Callable[[frozenset[str]], None]) -> None:
    """Write the pending changes of every session of `factory` at its commit, then tell
    `committed` the kinds written (this process's listener wakes at once)."""

    def before_commit(session: Session) -> None:
        pending = session.info.pop(_PENDING, None)
        if not pending:
            return
        session.flush()  # the ORM's own writes first: the lock below is the last one taken
        conn = session.connection()
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGES_LOCK})
        at = now()
        rows = [
            {"partner_id": p, "kind": kind, "object_id": object_id, "at": at}
            for p, kind, object_id in pending
        ]
        conn.execute(insert(Change), rows)
        kinds = frozenset(kind for _, kind, _ in pending)
        if postgres:
            conn.execute(text("SELECT pg_notify(:channel, :kinds)"), _notice(kinds))
        session.info[_COMMITTED] = kinds

    def after_commit(session: Session) -> None:
        kinds = session.info.pop(_COMMITTED, None)
        if kinds:
            committed(kinds)

    def after_rollback(session: Session) -> None:
        # Nothing of a rolled-back transaction is logged, nor carried into the next one.
        session.info.pop(_PENDING, None)
        session.info.pop(_COMMITTED, None)

    event.listen(factory, "before_commit", before_commit)
    event.listen(factory, "after_commit", after_commit)
    event.listen(factory, "after_rollback", after_rollback)


def _notice(kinds: frozenset[str]) -> dict[str, str]:
    return {"channel": CHANNEL, "kinds": ",".join(sorted(kinds))}


def pruned_through(s: Reader) -> int:
    """The last seq pruned: a cursor below it may have missed changes."""
    found = s.execute(select(ChangeHorizon.pruned_through).where(ChangeHorizon.id == 1)).scalar()
    return int(found or 0)


def head(s: Reader) -> int:
    """The log's last seq as this transaction sees it: the cursor of "everything so far"."""
    last = s.execute(select(func.max(Change.seq))).scalar()
    return max(int(last or 0), pruned_through(s))


def rows_after(
    s: Session, after: int, *, upto: int | None = None, partner_id: str | None = None, limit: int
) -> list[Any]:
    """(seq, partner_id, kind, object_id) of the changes after `after`, in order."""
    query = select(Change.seq, Change.partner_id, Change.kind, Change.object_id).where(
        Change.seq > after
    )
    if upto is not None:
        query = query.where(Change.seq <= upto)
    if partner_id is not None:
        query = query.where(Change.partner_id == partner_id)
    return list(s.execute(query.order_by(Change.seq).limit(limit)).all())


def prune(s: Session, retention_seconds: float) -> int:
    """Delete the changes older than the retained window; how many went."""
    cutoff = now() - timedelta(seconds=retention_seconds)
    through = s.execute(select(func.max(Change.seq)).where(Change.at < cutoff)).scalar()
    if through is None:
        return 0
    # Up to a seq, not by time alone: the horizon must be exactly what is gone.
    result = s.execute(delete(Change).where(Change.seq <= through))
    s.execute(
        update(ChangeHorizon)
        .where(ChangeHorizon.id == 1, ChangeHorizon.pruned_through < through)
        .values(pruned_through=through)
    )
    return int(getattr(result, "rowcount", 0) or 0)
