"""POST /test/clock: moves this server process's scheduling clock (server/clock.py), for tests.

Served only by a server started with `--test-clock` and PARTNER_API_TEST_CLOCK=1 together
(server/cli.py); any other has no such route (404). Outside /api/v1 and the OpenAPI document:
it is no part of the Partner API. Each process has its own clock: a test with several processes
moves each.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, field_validator

from server import clock

router = APIRouter(include_in_schema=False)


class ClockSet(BaseModel):
    # How far the scheduling clock is ahead of the real time (negative: behind).
    offset_seconds: float

    @field_validator("offset_seconds")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or abs(value) > 10 * 366 * 86400:
            raise ValueError("must be a number of seconds within ten years")
        return value


def _state() -> dict[str, Any]:
    return {"offset_seconds": clock.offset_seconds(), "now": clock.now()}


@router.get("/test/clock")
def read_clock() -> dict[str, Any]:
    return _state()


@router.post("/test/clock")
def set_clock(body: ClockSet, request: Request) -> dict[str, Any]:
    clock.set_offset(body.offset_seconds)
    request.app.state.worker.wake()  # what is due, and when the next one is, moved with it
    return _state()
