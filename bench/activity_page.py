"""Benchmark: a page of the Activity log on a large book, against a customer's history.

    .venv/bin/python -m bench.activity_page [--events N] [--repeat R]

Seeds the demo book (2,000 customers) into a temporary SQLite file, adds N events to the Demo
Partner (default 200,000: one in ten a customer's, the rest sign-ins and staff changes, by four
staff users), starts the real server on it, and measures, as medians of R runs after one warm-up,
whole requests on loopback:

- `GET /activity` (100 items): the first page, a page at 90 % depth by its cursor, one
  customer's events, and one actor's;
- against the baseline of a plain customer-events page, `GET /customers/{id}/events` of a
  customer with 100 events (the same page size, one index range, no join).

A ratio near 1 means a page of the whole log costs what one customer's short history does,
whatever the size of the book. Prints a table and merges the figures into bench/results.json;
never a test, nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

from bench.results import Result, add_smoke_flag, finish
from bench.seeded_server import seed, serving
from server.db import Database
from server.models import Customer, Event, Partner

PAGE = 100
GOAL_MS = 50.0
ACTORS = ("demo", "admin", "agent", "viewer")
PARTNER_ACTIONS = ("auth.login", "auth.logout", "auth.login_failed", "staff.updated")


def add_events(url: str, count: int) -> str:
    """`count` events of the Demo Partner; the id of the customer that has exactly PAGE."""
    db = Database(url)
    try:
        with db.session(write=True) as s:
            partner = s.execute(select(Partner.id).where(Partner.name == "Demo Partner")).scalar()
            customers = list(
                s.execute(
                    select(Customer.id).where(Customer.partner_id == partner).order_by(Customer.id)
                ).scalars()
            )
            busy, others = customers[0], customers[1:]
            start = datetime.now(UTC) - timedelta(days=365)
            step = timedelta(days=365) / count
            # Every busy_every-th event is the baseline customer's: PAGE of them in all.
            busy_every = max(10, count // PAGE // 10 * 10)
            batch: list[dict[str, Any]] = []
            for n in range(count):
                customer = None
                if n % 10 == 0:
                    customer = busy if n % busy_every == 0 else others[n % len(others)]
                batch.append(
                    {
                        "partner_id": partner,
                        "customer_id": customer,
                        "at": start + n * step,
                        "actor": ACTORS[n % len(ACTORS)],
                        "action": "updated" if customer else PARTNER_ACTIONS[n % 4],
                        "details": {"n": n},
                    }
                )
                if len(batch) == 10_000:
                    s.execute(Event.__table__.insert(), batch)
                    batch = []
            if batch:
                s.execute(Event.__table__.insert(), batch)
            has = s.execute(select(func.count()).where(Event.customer_id == busy)).scalar_one()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        print(f"added {count} events; the baseline customer has {has}")
        return str(busy)
    finally:
        db.dispose()


def median_ms(http: requests.Session, url: str, repeat: int, **params: Any) -> float:
    def once() -> float:
        started = time.perf_counter()
        r = http.get(url, params=params, timeout=60)
        r.raise_for_status()
        assert len(r.json()["items"]) == PAGE, (url, params, len(r.json()["items"]))
        return (time.perf_counter() - started) * 1000

    once()
    return statistics.median(once() for _ in range(repeat))


def run(events: int, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-activity-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        seed(url, 2_000)
        busy = add_events(url, events)
        with serving(url) as base:
            http = requests.Session()
            r = http.post(f"{base}/auth/login", json={"username": "demo", "password": "demo"})
            r.raise_for_status()
            http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
            baseline = median_ms(http, f"{base}/customers/{busy}/events", repeat)
            deep = _cursor_at(http, f"{base}/activity", int(events * 0.9))
            pages = {
                "first page": {},
                "page at 90 % depth": {"cursor": deep},
                "one customer's": {"customer_id": busy},
                "one actor's": {"actor": "agent"},
            }
            results = []
            for what, params in pages.items():
                ms = median_ms(http, f"{base}/activity", repeat, limit=PAGE, **params)
                results.append(
                    _result(f"activity {what} of {events:,} events (http)", ms, baseline)
                )
            return results


def _cursor_at(http: requests.Session, url: str, depth: int) -> str:
    """The cursor after `depth` events, walked in pages of 500."""
    cursor: str | None = None
    walked = 0
    while walked < depth:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        body = http.get(url, params=params, timeout=60).json()
        walked += len(body["items"])
        cursor = body["next_cursor"]
        assert cursor is not None
    return cursor


def _result(name: str, ms: float, baseline_ms: float) -> Result:
    return Result(
        name,
        round(ms, 1),
        "ms",
        f"GET /customers/{{id}}/events, {PAGE} events (http)",
        round(baseline_ms, 1),
        round(baseline_ms / ms, 2) if ms > 0 else None,
        f"<= {GOAL_MS:g} ms",
        ms <= GOAL_MS,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.activity_page", description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=9, help="runs per figure (median)")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        # 4,500 deep is nine of the walk's pages of 500, and a whole page is left after it.
        args.events, args.repeat = 5_000, 1
    results = run(args.events, args.repeat)
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" SQLite {sqlite3.sqlite_version}, Python {platform.python_version()},"
        f" medians of {args.repeat}; ratio = baseline / value"
    )
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    raise SystemExit(main())
