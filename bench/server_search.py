"""Benchmark: the reference server's customer list and search at scale, and the seed.

    .venv/bin/python -m bench.server_search [--customers N] [--quick] [--repeat R]

Seeds N customers (default 1,000,000; --quick: 100,000) into a temporary SQLite file with
`partner-api seed`, starts the real server on it (`partner-api serve`, loopback), signs in and
measures, as medians of R runs after one warm-up:

(a) one page of 200 at depth 90 % (900,000 of 1,000,000) with the keyset cursor, against a
    baseline of OFFSET pagination of the same query, run in this process on the same file;
(b) `q` searches of several kinds (rare, common, one and two characters, a phone number typed
    with spaces, one field, with a status), against a baseline of what the server did before:
    a plain `LIKE '%q%'` over the partner's rows for the page and again for the total;
(c) the seed's own time (as `partner-api seed` reports it).

"server" figures are the database's share of the request as the server reports it in its
Server-Timing header; "http" figures are the whole request on loopback, JSON included. Both
are compared with the same baseline, which is SQL alone (no HTTP), so the ratios are modest.

Prints a table and merges the figures into bench/results.json (a list of
{name, value, unit, baseline, baseline_value, ratio, goal, met}). Never a test: timings depend
on the machine, and nothing here asserts.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from bench.results import Result, add_smoke_flag, finish, median_ms
from bench.seeded_server import seed, serving

PAGE = 200
PAGE_GOAL_MS = 50.0
SEARCH_GOAL_MS = 300.0
SEED_GOAL_S_PER_MILLION = 60.0


@dataclass(frozen=True)
class Search:
    """One kind of search: its API parameters and the predicate the old server used."""

    kind: str
    q: str
    field: str | None = None
    status: str | None = None


def searches(customers: int) -> list[Search]:
    return [
        Search("rare (a name)", "vega labs"),
        Search("very rare (an account number)", str(100001 + customers // 2)),
        Search("common", "com"),
        Search("1 character", "a"),
        Search("2 characters", "ov"),
        Search("phone typed with spaces", "+385 1 234"),
        Search("field: name", "trikot", field="name"),
        Search("field: phone, 1 character", "7", field="phone"),
        Search("with status", "dental", status="suspended"),
    ]


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        r = self.http.post(
            f"{base}/auth/login", json={"username": "demo", "password": "demo"}, timeout=30
        )
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        self.partner_id: str = r.json()["partner"]["id"]

    def page(self, **params: Any) -> tuple[float, dict[str, Any]]:
        """(the server's database milliseconds, the answer)."""
        r = self.http.get(f"{self.base}/customers", params=params, timeout=60)
        r.raise_for_status()
        server = float(r.headers["Server-Timing"].split("dur=")[1])
        return server, r.json()

    def measure(self, repeat: int, **params: Any) -> tuple[float, float, int]:
        """Medians of (server ms, whole request ms), and the total."""
        server_times = []
        http_times = []
        total = 0
        self.page(**params)
        for _ in range(repeat):
            started = time.perf_counter()
            server, body = self.page(**params)
            http_times.append((time.perf_counter() - started) * 1000)
            server_times.append(server)
            total = body["total"]
        return statistics.median(server_times), statistics.median(http_times), total


# Baselines: plain SQL on the same file, as the server did before (LIKE scans, OFFSET).


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def old_predicate(s: Search) -> tuple[str, list[Any]]:
    """The previous server's WHERE for a search (server/search.py before the FTS index)."""
    text = s.q.strip()
    folded = text.casefold()
    digits = (
        "".join(ch for ch in text if ch.isdigit())
        if re.fullmatch(r"[0-9 +()./-]*[0-9][0-9 +()./-]*", text)
        else ""
    )
    column = {
        "name": "name_key",
        "account_number": "lower(account_number)",
        "email": "email_key",
        "domain": "domain_key",
        None: "search_text",
    }
    sql = ""
    params: list[Any] = []
    if s.field == "phone":
        sql, params = "phone_key LIKE ? ESCAPE '\\'", [_like(digits)]
    else:
        sql, params = f"{column[s.field]} LIKE ? ESCAPE '\\'", [_like(folded)]
        if s.field is None and digits and digits != folded:
            sql = f"({sql} OR phone_key LIKE ? ESCAPE '\\')"
            params.append(_like(digits))
    if s.status:
        sql += " AND status = ?"
        params.append(s.status)
    return sql, params


def old_search(conn: sqlite3.Connection, partner_id: str, s: Search) -> int:
    where, params = old_predicate(s)
    conn.execute(
        f"SELECT * FROM customers WHERE partner_id = ? AND {where} ORDER BY id LIMIT {PAGE + 1}",
        [partner_id, *params],
    ).fetchall()
    return int(
        conn.execute(
            f"SELECT count(*) FROM customers WHERE partner_id = ? AND {where}",
            [partner_id, *params],
        ).fetchone()[0]
    )


# The benchmark.


def run(customers: int, repeat: int) -> list[Result]:
    results: list[Result] = []
    million = customers / 1_000_000
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        path = Path(folder) / "bench.sqlite3"
        url = f"sqlite:///{path}"
        print(f"seeding {customers:,} customers ...", flush=True)
        seed_s, seed_wall = seed(url, customers)
        goal_s = SEED_GOAL_S_PER_MILLION * million
        results.append(
            Result(
                f"seed {customers:,} customers (+{customers // 6:,} of a 2nd partner)",
                round(seed_s, 1),
                "s",
                None,
                None,
                None,
                f"<= {goal_s:g} s (60 s per million)",
                seed_s <= goal_s,
            )
        )
        print(f"  {seed_s:.1f} s (process {seed_wall:.1f} s)", flush=True)
        with serving(url) as base:
            client = Client(base)
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA cache_size = -65536")
            results += page_at_depth(client, conn, customers, repeat)
            for s in searches(customers):
                results += search_kind(client, conn, s, repeat)
            conn.close()
    return results


def page_at_depth(
    client: Client, conn: sqlite3.Connection, customers: int, repeat: int
) -> list[Result]:
    depth = customers * 9 // 10
    partner = client.partner_id
    after = conn.execute(
        "SELECT id FROM customers WHERE partner_id = ? ORDER BY id LIMIT 1 OFFSET ?",
        (partner, depth - 1),
    ).fetchone()[0]
    cursor = _cursor(after)
    server_ms, http_ms, _ = client.measure(repeat, limit=PAGE, cursor=cursor)
    keyset_sql_ms = median_ms(
        lambda: conn.execute(
            "SELECT * FROM customers WHERE partner_id = ? AND id > ? ORDER BY id LIMIT ?",
            (partner, after, PAGE),
        ).fetchall(),
        repeat,
    )
    offset_ms = median_ms(
        lambda: conn.execute(
            "SELECT * FROM customers WHERE partner_id = ? ORDER BY id LIMIT ? OFFSET ?",
            (partner, PAGE, depth),
        ).fetchall(),
        repeat,
    )
    baseline = f"OFFSET {depth:,} of the same query (SQL)"
    name = f"page of {PAGE} at depth {depth:,} (keyset"
    return [
        _result(f"{name}, server)", server_ms, baseline, offset_ms, PAGE_GOAL_MS),
        _result(f"{name}, full HTTP)", http_ms, baseline, offset_ms, PAGE_GOAL_MS),
        _result(f"{name}, SQL alone)", keyset_sql_ms, baseline, offset_ms, PAGE_GOAL_MS),
    ]


def search_kind(client: Client, conn: sqlite3.Connection, s: Search, repeat: int) -> list[Result]:
    params: dict[str, Any] = {"q": s.q, "limit": PAGE}
    if s.field:
        params["field"] = s.field
    if s.status:
        params["status"] = s.status
    server_ms, http_ms, total = client.measure(repeat, **params)
    old_total = old_search(conn, client.partner_id, s)
    if old_total != total:
        raise RuntimeError(f"{s}: the server says {total}, the plain scan {old_total}")
    baseline_ms = median_ms(lambda: old_search(conn, client.partner_id, s), repeat)
    what = (
        f"q={s.q!r}"
        + (f" field={s.field}" if s.field else "")
        + (f" status={s.status}" if s.status else "")
    )
    name = f"search {s.kind}: {what}, {total:,} found"
    baseline = "plain LIKE '%q%' scan, page + count (SQL)"
    return [
        _result(f"{name} (server)", server_ms, baseline, baseline_ms, SEARCH_GOAL_MS),
        _result(f"{name} (full HTTP)", http_ms, baseline, baseline_ms, SEARCH_GOAL_MS),
    ]


def _cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def _result(name: str, ms: float, baseline: str, baseline_ms: float, goal_ms: float) -> Result:
    return Result(
        name,
        round(ms, 1),
        "ms",
        baseline,
        round(baseline_ms, 1),
        round(baseline_ms / ms, 1) if ms > 0 else None,
        f"<= {goal_ms:g} ms",
        ms <= goal_ms,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server_search", description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 customers")
    parser.add_argument("--repeat", type=int, default=9, help="runs per figure (median)")
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.customers, args.repeat = 1_000, 1
    customers = 100_000 if args.quick else args.customers
    results = run(customers, args.repeat)
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores,"
        f" SQLite {sqlite3.sqlite_version}, Python {platform.python_version()},"
        f" medians of {args.repeat}"
    )
    return finish(results, header, smoke=args.smoke)


if __name__ == "__main__":
    sys.exit(main())
