"""Follow one operation to its end, without Qt: start it, poll it, then read the customer back.

    start = partial(api.start_operation, cid, "suspend", {"reason": reason}, key)
    outcome = watch_operation(api, start, cid, report=..., stop=...)

This is the one retry layer of an operation (desktop/api/retry.py): every request is sent once
by the transport and sent again from here while the network misbehaves, for as long as it
takes, each pause cut short by `stop`. The start carries one Idempotency-Key, so the server
returns the operation the first request made and nothing happens twice. The poll backs off
from 25 ms to 2 s; lost connections are reported as "reconnecting". The customer is always read
back at the end: whatever the client hoped, the server's record is what the window shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Literal, Protocol, TypeVar

from desktop.api.errors import ApiError, NotFoundError, SessionExpiredError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import Customer, Operation
from desktop.api.retry import Backoff as Backoff
from desktop.api.retry import Stopped, pause, until_answered

Phase = Literal["starting", "waiting", "reconnecting", "confirming"]
T = TypeVar("T")

# The app asked the watch to stop (quit, sign out); the server carries on regardless.
WatchStopped = Stopped


class OperationApi(Protocol):
    """The two calls a watch needs besides the start; PartnerApi has them."""

    def get_operation(self, op_id: str, *, once: bool = ...) -> Operation: ...

    def get_customer(self, customer_id: str, *, once: bool = ...) -> Customer: ...


@dataclass(frozen=True)
class WatchNews:
    """What the watch is doing now; sent through `report` each time it changes."""

    phase: Phase
    operation: Operation | None = None
    # While reconnecting: what went wrong, in the client's words.
    detail: str = ""


@dataclass(frozen=True)
class WatchOutcome:
    operation: Operation | None  # None when the server refused to start it
    customer: Customer | None  # as the server has it afterwards; None if it no longer exists
    error: ApiError | None  # why it did not succeed; None when it did

    @property
    def succeeded(self) -> bool:
        return self.error is None and self.operation is not None and self.operation.succeeded


class _Watch:
    def __init__(
        self,
        report: Callable[[WatchNews], None],
        stop: threading.Event,
        backoff: Backoff,
    ) -> None:
        self._report = report
        self._stop = stop
        self._backoff = backoff
        self._phase: Phase | None = None

    def tell(self, phase: Phase, operation: Operation | None = None, detail: str = "") -> None:
        if phase != self._phase:
            self._phase = phase
            self._report(WatchNews(phase, operation, detail))

    def delays(self) -> Iterator[float]:
        return self._backoff.delays()

    def pause(self, seconds: float) -> None:
        pause(seconds, self._stop)

    def persist(
        self,
        call: Callable[[], T],
        phase: Phase,
        operation: Operation | None,
        at_least_once: bool = False,
    ) -> T:
        """call() until it answers; transient trouble is waited out with backoff, unbounded."""
        if self._stop.is_set() and not at_least_once:
            raise WatchStopped()

        def trouble(error: ApiError) -> None:
            self.tell("reconnecting", operation, error.message)

        result = until_answered(call, self.delays(), stop=self._stop, on_trouble=trouble)
        self.tell(phase, operation)
        return result


def _start(
    watch: _Watch, start: Callable[[], Operation] | Operation
) -> tuple[Operation | None, ApiError | None]:
    """The operation the server started (or the given one), or why it refused."""
    if isinstance(start, Operation):
        watch.tell("waiting", start)
        return start, None
    watch.tell("starting")
    try:
        # Sent even if the app is quitting already: the person confirmed it, and was told
        # the server would finish it.
        operation = watch.persist(start, "starting", None, at_least_once=True)
    except SessionExpiredError:
        raise
    except ApiError as exc:  # refused: already suspended, another operation running...
        return None, exc
    watch.tell("waiting", operation)
    return operation, None


def _follow(
    watch: _Watch, api: OperationApi, operation: Operation
) -> tuple[Operation, ApiError | None]:
    """Poll until the operation ends; the error is why it did not succeed. A scheduled one
    is left at once: it runs at its time, without anyone watching (the feed tells of it)."""
    delays = watch.delays()
    if operation.state == "scheduled":
        return operation, None
    while not operation.finished:
        watch.pause(next(delays))
        try:
            operation = watch.persist(
                partial(api.get_operation, operation.id, once=True), "waiting", operation
            )
        except SessionExpiredError:
            raise
        except ApiError as exc:  # the operation is gone, or the server will not say
            return operation, exc
    if operation.succeeded:
        return operation, None
    failure = operation.error
    reason = (
        failure.message
        if failure
        else Message(
            QT_TRANSLATE_NOOP("ApiMessages", "The operation failed; the server gave no reason.")
        )
    )
    return operation, ApiError(reason, code=failure.code if failure else "")


def watch_operation(
    api: OperationApi,
    start: Callable[[], Operation] | Operation,
    customer_id: str,
    *,
    report: Callable[[WatchNews], None],
    stop: threading.Event,
    backoff: Backoff | None = None,
) -> WatchOutcome:
    """Start (or, given an Operation, resume) an operation and follow it to its end; one the
    server scheduled for later ends the watch as soon as it is accepted.

    `start` sends the request once (PartnerApi.start_operation); it is called again from here
    while that fails on the way. Raises WatchStopped when `stop` is set, and
    SessionExpiredError as it comes: signing in again and calling this once more with the same
    `start` is safe.
    """
    watch = _Watch(report, stop, backoff or Backoff())
    operation, error = _start(watch, start)
    if operation is not None:
        operation, error = _follow(watch, api, operation)
    watch.tell("confirming", operation)
    try:
        customer: Customer | None = watch.persist(
            partial(api.get_customer, customer_id, once=True), "confirming", operation
        )
    except NotFoundError:
        customer = None
    return WatchOutcome(operation, customer, error)
