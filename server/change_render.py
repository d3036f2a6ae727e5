"""A change as the feed sends it: the whole current record, as the matching GET answers it.

A change row says only what changed; its data is read when it is rendered, so it is the record
as it is now (at least as new as the change). One read per kind for a whole batch of rows, and
one rendering per object however many rows of the batch name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import Customer, Logo, Operation, User
from server.routes.summary import summary_body
from server.serialize import customer_out, operation_out, staff_out

# Times as the rest of the API writes them (pydantic's): "2026-03-01T09:12:44Z".
_OPTIONS = orjson.OPT_UTC_Z
_IN_CHUNK = 500


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTIONS)


@dataclass(frozen=True, slots=True)
class Rendered:
    """One event of the feed, ready to send to any stream of its partner."""

    seq: int
    partner_id: str
    kind: str
    object_id: str
    data: bytes
    frame: bytes = field(repr=False)


def event_frame(seq: int, kind: str, data: bytes) -> bytes:
    """The Server-Sent Event: its id is the cursor after it. orjson never writes a newline, so
    the data is always one `data:` line."""
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, kind.encode(), data)


def render(s: Session, rows: Sequence[Any]) -> list[Rendered]:
    """Each (seq, partner_id, kind, object_id) row as its event, in the rows' order."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.kind, set()).add(row.object_id)
    records = _records(s, wanted)
    data: dict[tuple[str, str], bytes] = {}
    out = []
    for seq, partner_id, kind, object_id in rows:
        key = (kind, object_id)
        if key not in data:
            data[key] = dumps(records.get(key))
        out.append(
            Rendered(seq, partner_id, kind, object_id, data[key], event_frame(seq, kind, data[key]))
        )
    return out


def _records(s: Session, wanted: dict[str, set[str]]) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for c in _by_ids(s, Customer, wanted.get("customer", ())):
        found[("customer", c.id)] = customer_out(c)
    for op in _by_ids(s, Operation, wanted.get("operation", ())):
        found[("operation", op.id)] = operation_out(op)
    for u in _by_ids(s, User, wanted.get("staff", ())):
        found[("staff", u.id)] = staff_out(u)
    for partner_id in wanted.get("summary", ()):
        found[("summary", partner_id)] = summary_body(s, partner_id)
    for partner_id in wanted.get("branding", ()):
        found[("branding", partner_id)] = logo_info(s, partner_id)
    return found


def _by_ids(s: Session, table: Any, ids: Iterable[str]) -> list[Any]:
    ids = sorted(ids)
    rows: list[Any] = []
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        rows.extend(s.execute(select(table).where(table.id.in_(chunk))).scalars())
    return rows


def logo_info(s: Session, partner_id: str) -> dict[str, Any] | None:
    """The logo as PUT /branding/logo answers it, or None when the partner has none."""
    row = s.execute(
        select(Logo.width, Logo.height, func.length(Logo.content), Logo.sha256).where(
            Logo.partner_id == partner_id
        )
    ).first()
    if row is None:
        return None
    width, height, size, sha256 = row
    return {"width": width, "height": height, "bytes": int(size), "sha256": sha256}
