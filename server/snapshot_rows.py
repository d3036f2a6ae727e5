"""The snapshot's customer records, built straight from the database's row values.

The same record as serialize.customer_out (what GET /customers answers), field for field:
tests/server/test_snapshot.py compares every field of every customer with the paged list. It is
built without ORM rows and without converting each time to an aware UTC datetime, which were
most of the cost of a 100,000-customer snapshot: the SQL names the columns, each row is a plain
tuple, and orjson writes the times as the API does (a naive one as UTC, as SQLite stores them;
PostgreSQL's are read in UTC by the snapshot's transaction). A field added to customer_out is
added here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson

COLUMNS = (
    "id",
    "account_number",
    "name",
    "contact_name",
    "email",
    "phone",
    "domain",
    # As text, parsed by orjson: several times faster than the JSON type's json.loads.
    "CAST(alias_domains AS TEXT)",
    "website",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "status",
    "suspended_at",
    "suspension_reason",
    "canceled_at",
    "created_at",
    "updated_at",
    "version",
    "next_op_id",
    "next_op_kind",
    "next_op_at",
)
_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def select_sql(placeholder: str) -> str:
    """The partner's customers in id order (the paged list's order); one parameter."""
    return (
        f"SELECT {', '.join(COLUMNS)} FROM customers WHERE partner_id = {placeholder} ORDER BY id"
    )


def sqlite_time(value: str | None) -> datetime | None:
    """SQLite keeps times as ISO 8601 text, in UTC by the server's convention."""
    return None if value is None else datetime.fromisoformat(value)


def same_time(value: Any) -> Any:
    """PostgreSQL's driver hands back datetimes already (in UTC here)."""
    return value


def lines(rows: list[tuple[Any, ...]], when: Callable[[Any], Any]) -> bytes:
    """Each row (in COLUMNS' order) as a JSON line."""
    dumps, loads = orjson.dumps, orjson.loads
    out = []
    for row in rows:
        (
            id_,
            account_number,
            name,
            contact_name,
            email,
            phone,
            domain,
            alias_domains,
            website,
            street,
            city,
            region,
            postal_code,
            country,
            status,
            suspended_at,
            suspension_reason,
            canceled_at,
            created_at,
            updated_at,
            version,
            next_op_id,
            next_op_kind,
            next_op_at,
        ) = row
        record = {
            "id": id_,
            "account_number": account_number,
            "name": name,
            "contact_name": contact_name,
            "email": email,
            "phone": phone,
            "domain": domain,
            "alias_domains": (loads(alias_domains) if alias_domains else None) or [],
            "website": website,
            "address": {
                "street": street,
                "city": city,
                "region": region,
                "postal_code": postal_code,
                "country": country,
            },
            "status": status,
            "suspended_at": when(suspended_at),
            "suspension_reason": suspension_reason,
            "canceled_at": when(canceled_at),
            "created_at": when(created_at),
            "updated_at": when(updated_at),
            "version": version,
            "next_scheduled": (
                {"operation_id": next_op_id, "kind": next_op_kind, "at": when(next_op_at)}
                if next_op_id is not None
                else None
            ),
        }
        out.append(dumps(record, option=_OPTIONS))
    out.append(b"")
    return b"\n".join(out)
