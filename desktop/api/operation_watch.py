"""Follow one operation to its end, without Qt: start it, poll it, then read the customer back.

    outcome = watch_operation(api, lambda: api.suspend(cid, reason, key), cid, report=..., stop=...)

The start call is repeated with the same Idempotency-Key while the network misbehaves (the server
returns the operation the first request made, so nothing happens twice); the poll backs off from
25 ms to 2 s; lost connections are ridden out for as long as it takes, reported as
"reconnecting". The customer is always read back at the end: whatever the client hoped, the
server's record is what the window shows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Literal, Protocol, TypeVar

from desktop.api.errors import (
    ApiError,
    BadResponseError,
    NetworkError,
    NotFoundError,
    ServerError,
    SessionExpiredError,
)
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import Customer, Operation

log = logging.getLogger("partner_desk.operations")

Phase = Literal["starting", "waiting", "reconnecting", "confirming"]
T = TypeVar("T")


class OperationApi(Protocol):
    """The two calls a watch needs besides the start; PartnerApi has them."""

    def get_operation(self, op_id: str) -> Operation: ...

    def get_customer(self, customer_id: str) -> Customer: ...


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


class WatchStopped(Exception):
    """The app asked the watch to stop (quit, sign out); the server carries on regardless."""


@dataclass(frozen=True)
class Backoff:
    # Soon after the POST, as a fast backend may be done at once (the suspend-to-confirmed
    # benchmark waited 200 ms for nothing); a slow one costs a few extra cheap polls.
    first: float = 0.025
    factor: float = 2.0
    cap: float = 2.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay
            delay = min(delay * self.factor, self.cap)


def is_retryable(error: ApiError) -> bool:
    """Trouble on the way, not an answer: asking again (same key) is safe and may work."""
    if isinstance(error, NetworkError):
        return error.transient
    return isinstance(error, ServerError | BadResponseError)


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
        if self._stop.wait(seconds):
            raise WatchStopped()

    def persist(
        self,
        call: Callable[[], T],
        phase: Phase,
        operation: Operation | None,
        at_least_once: bool = False,
    ) -> T:
        """call() until it answers; retryable trouble is waited out with backoff."""
        delays = self.delays()
        while True:
            if self._stop.is_set() and not at_least_once:
                raise WatchStopped()
            at_least_once = False
            try:
                result = call()
            except ApiError as exc:
                if not is_retryable(exc):
                    raise
                log.info("operation watch: %s; trying again", exc.message)
                self.tell("reconnecting", operation, exc.message)
                self.pause(next(delays))
                continue
            self.tell(phase, operation)
            return result


def watch_operation(
    api: OperationApi,
    start: Callable[[], Operation] | Operation,
    customer_id: str,
    *,
    report: Callable[[WatchNews], None],
    stop: threading.Event,
    backoff: Backoff | None = None,
) -> WatchOutcome:
    """Start (or, given an Operation, resume) an operation and follow it to its end.

    Raises WatchStopped when `stop` is set, and SessionExpiredError as it comes: signing in
    again and calling this once more with the same `start` is safe.
    """
    watch = _Watch(report, stop, backoff or Backoff())
    operation: Operation | None
    error: ApiError | None = None
    if isinstance(start, Operation):
        operation = start
        watch.tell("waiting", operation)
    else:
        watch.tell("starting")
        try:
            # Sent even if the app is quitting already: the person confirmed it, and was told
            # the server would finish it.
            operation = watch.persist(start, "starting", None, at_least_once=True)
        except SessionExpiredError:
            raise
        except ApiError as exc:  # refused: already suspended, another operation running...
            operation, error = None, exc
        else:
            watch.tell("waiting", operation)

    if operation is not None:
        delays = watch.delays()
        while not operation.finished:
            watch.pause(next(delays))
            try:
                operation = watch.persist(
                    partial(api.get_operation, operation.id), "waiting", operation
                )
            except SessionExpiredError:
                raise
            except ApiError as exc:  # the operation is gone, or the server will not say
                error = exc
                break
        if error is None and not operation.succeeded:
            failure = operation.error
            error = ApiError(
                failure.message
                if failure
                else Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages", "The operation failed; the server gave no reason."
                    )
                ),
                code=failure.code if failure else "",
            )

    watch.tell("confirming", operation)
    try:
        customer: Customer | None = watch.persist(
            partial(api.get_customer, customer_id), "confirming", operation
        )
    except NotFoundError:
        customer = None
    return WatchOutcome(operation, customer, error)
