"""What the scheduled-operation tests share: a server with the test clock, moving that clock,
scheduling, and waiting for an operation to reach a state."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.server.helpers import unique
from tests.support.server import ApiClient, ServerProcess

TEST_CLOCK_ENV = {"PARTNER_API_TEST_CLOCK": "1"}
HOUR = 3600.0


def clocked_server(url: str, **options: Any) -> ServerProcess:
    """A server (not started) with the test clock on: both the flag and the variable."""
    extra = (*options.pop("extra_args", ()), "--test-clock")
    return ServerProcess(url, extra_args=extra, env=dict(TEST_CLOCK_ENV), **options)


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class TestClock:
    """The scheduling clock of one server process (POST /test/clock)."""

    __test__ = False  # not a test class, whatever pytest thinks of its name

    def __init__(self, server: ServerProcess) -> None:
        self.url = f"{server.root}/test/clock"

    def read(self) -> dict[str, Any]:
        r = requests.get(self.url, timeout=30)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def now(self) -> datetime:
        return parse(self.read()["now"])

    def set(self, offset_seconds: float) -> None:
        r = requests.post(self.url, json={"offset_seconds": offset_seconds}, timeout=30)
        assert r.status_code == 200, r.text

    def advance(self, seconds: float) -> None:
        self.set(self.read()["offset_seconds"] + seconds)

    def after(self, seconds: float) -> str:
        """The server's now plus `seconds`, as a request writes it."""
        return rfc3339(self.now() + timedelta(seconds=seconds))


def schedule(
    api: ApiClient, customer_id: str, kind: str, body: dict[str, Any], key: str | None = None
) -> requests.Response:
    if kind == "suspend":
        body = {"reason": "Not paid by the 15th", **body}
    return api.post(
        f"/customers/{customer_id}/{kind}",
        json=body,
        headers={"Idempotency-Key": key or unique("sched-")},
    )


def scheduled_op(
    api: ApiClient, customer_id: str, kind: str, body: dict[str, Any]
) -> dict[str, Any]:
    r = schedule(api, customer_id, kind, body)
    assert r.status_code == 202, r.text
    return dict(r.json())


def operation(api: ApiClient, op_id: str) -> dict[str, Any]:
    r = api.get(f"/operations/{op_id}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def wait_state(api: ApiClient, op_id: str, *states: str, timeout: float = 30) -> dict[str, Any]:
    """Poll the operation until its state is one of `states`."""
    deadline = time.monotonic() + timeout
    while True:
        op = operation(api, op_id)
        if op["state"] in states:
            return op
        if time.monotonic() > deadline:
            raise AssertionError(f"operation {op_id} is {op['state']}, never {states}")
        time.sleep(0.05)


def scheduled_of(api: ApiClient, customer_id: str) -> list[dict[str, Any]]:
    r = api.get("/operations", params={"state": "scheduled", "customer_id": customer_id})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def actions(api: ApiClient, customer_id: str) -> list[dict[str, Any]]:
    """The customer's events, oldest first."""
    r = api.get(f"/customers/{customer_id}/events")
    assert r.status_code == 200, r.text
    return list(reversed(r.json()["items"]))
