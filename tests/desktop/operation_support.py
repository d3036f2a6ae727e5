"""Servers and customers for the operation tests: each test takes customers no other test uses.

Faults are the server's own knob (`--fault fail:ACCOUNT`, `stall:ACCOUNT`), aimed at account
numbers chosen from the seeded database before the server starts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.server import ApiClient, ServerProcess, seed_database


def _path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def demo_accounts(url: str, status: str) -> list[str]:
    """Account numbers of the demo partner's customers with that status, in order."""
    with sqlite3.connect(_path(url)) as db:
        rows = db.execute(
            "SELECT c.account_number FROM customers c JOIN users u ON u.partner_id = c.partner_id"
            " WHERE u.username = 'demo' AND c.status = ? ORDER BY c.account_number",
            (status,),
        ).fetchall()
    return [row[0] for row in rows]


@dataclass
class Accounts:
    """Hands out account numbers of one status, each once."""

    numbers: list[str]
    taken: int = 0

    def take(self) -> str:
        number = self.numbers[self.taken]
        self.taken += 1
        return number


@dataclass
class FaultyServer:
    """A seeded server; `failing` and `stalling` accounts are refused or hang forever."""

    server: ServerProcess
    active: Accounts
    suspended: Accounts
    canceled: Accounts
    failing: list[str] = field(default_factory=list)
    stalling: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def root(self) -> str:
        return self.server.root

    def client(self) -> ApiClient:
        return ApiClient(self.server.url).login()

    def customer(self, account_number: str) -> dict[str, Any]:
        client = self.client()
        items = client.get(
            "/customers", params={"q": account_number, "field": "account_number"}
        ).json()["items"]
        (match,) = [c for c in items if c["account_number"] == account_number]
        return dict(match)

    def operations_of(self, customer_id: str) -> list[dict[str, Any]]:
        """Every operation the server has for this customer, finished or not (from its events
        and its unfinished list: the API has no "all operations" call)."""
        client = self.client()
        events = client.get(f"/customers/{customer_id}/events").json()["items"]
        ids = {e["details"].get("operation_id") for e in events} - {None}
        unfinished = client.get("/operations", params={"unfinished": "true"}).json()["items"]
        ids |= {op["id"] for op in unfinished if op["customer_id"] == customer_id}
        return [client.get(f"/operations/{op_id}").json() for op_id in sorted(ids)]


@contextmanager
def faulty_server(
    folder: Path, failing: int = 0, stalling: int = 0, suspend_seconds: float = 0.2
) -> Iterator[FaultyServer]:
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'operations.sqlite3'}"
    seed_database(url)
    active = demo_accounts(url, "active")
    # The faulty accounts come from the end, the healthy ones from the start.
    failing_accounts = active[len(active) - failing :] if failing else []
    stalling_accounts = active[len(active) - failing - stalling : len(active) - failing]
    healthy = active[: len(active) - failing - stalling]
    faults = [f"fail:{a}" for a in failing_accounts] + [f"stall:{a}" for a in stalling_accounts]
    with ServerProcess(
        url, suspend_seconds=suspend_seconds, fault=",".join(faults) or None
    ) as server:
        yield FaultyServer(
            server,
            Accounts(healthy),
            Accounts(demo_accounts(url, "suspended")),
            Accounts(demo_accounts(url, "canceled")),
            failing_accounts,
            stalling_accounts,
        )
