"""When a request is sent again: decided here, and nowhere else.

Each request has exactly one layer that may repeat it, never one inside another:

- A GET, PUT or DELETE outside an operation is repeated by the transport itself, through
  urllib3's Retry built by `transport_retries`: a connection that failed, or 429/502/503/504, at
  most three times, with jittered backoff and a Retry-After of up to 10 s. Never a POST or
  PATCH (the server may already have acted on it), never a read timeout.
- Everything an operation sends (the start, a POST whose Idempotency-Key makes a repeat safe;
  the polls; the read-back) goes out once per attempt (`single_attempt`), and `until_answered`
  decides whether to send it again: without bound for the watch (desktop/api/operation_watch.py),
  a few times for PartnerApi.suspend and its siblings when called on their own. Every pause
  ends the moment the stop event is set.

`is_transient` is the one answer to "would asking again help?" on that second path.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

import urllib3
from urllib3.exceptions import InvalidHeader, ReadTimeoutError
from urllib3.util.retry import Retry

from desktop.api.errors import ApiError, BadResponseError, NetworkError, ServerError

log = logging.getLogger("partner_desk.api")

T = TypeVar("T")

# A gateway or the server saying it cannot serve just now: the server is not there for us.
UNAVAILABLE = frozenset({502, 503, 504})
# What the transport repeats a GET, PUT or DELETE for by itself (a 500 is a bug: it repeats).
TRANSPORT_RETRIED_STATUSES = UNAVAILABLE | {429}
# Past this, a Retry-After is not waited out inside one call: the caller hears about it instead.
MAX_RETRY_AFTER_SECONDS = 10.0
# Each pause is shortened by up to this share, at random: clients that lost the server
# together do not all come back in the same instant.
JITTER = 0.25


class Stopped(Exception):
    """The app asked the work to stop (quit, sign out); the server carries on regardless."""


def is_transient(error: ApiError) -> bool:
    """Trouble on the way, not an answer to the request: the same request may well work."""
    if isinstance(error, NetworkError):
        return error.transient  # False for a certificate that does not verify
    return isinstance(error, ServerError | BadResponseError)


def with_jitter(seconds: float, spread: float = JITTER) -> float:
    return seconds * (1.0 - spread * random.random())


@dataclass(frozen=True)
class Backoff:
    """Pauses that grow: `first`, then times `factor` each time, never past `cap` (seconds)."""

    # Soon after the POST, as a fast backend may be done at once (the suspend-to-confirmed
    # benchmark waited 200 ms for nothing); a slow one costs a few extra cheap polls.
    first: float = 0.025
    factor: float = 2.0
    cap: float = 2.0

    def delays(self) -> Iterator[float]:
        """The schedule, without jitter (each pause is at most this long)."""
        delay = self.first
        while True:
            yield delay
            delay = min(delay * self.factor, self.cap)


def pause(seconds: float, stop: threading.Event | None) -> None:
    """Sleep `seconds` with jitter; raise Stopped the moment `stop` is set."""
    if (stop or threading.Event()).wait(with_jitter(seconds)):
        raise Stopped()


def until_answered(
    call: Callable[[], T],
    delays: Iterable[float],
    *,
    stop: threading.Event | None = None,
    on_trouble: Callable[[ApiError], None] | None = None,
) -> T:
    """call() until it answers; transient trouble is waited out, one pause of `delays` each.

    When `delays` runs out the last trouble is raised, and anything not transient at once.
    `on_trouble` hears each trouble that is waited out (the watch says "Reconnecting…").
    """
    pauses = iter(delays)
    while True:
        try:
            return call()
        except ApiError as error:
            delay = next(pauses, None) if is_transient(error) else None
            if delay is None:
                raise
            log.info("%s; asking again", error.message)
            if on_trouble is not None:
                on_trouble(error)
            pause(delay, stop)


class _TransportRetry(Retry):
    """urllib3's Retry, refusing what it would otherwise do that must not happen here.

    urllib3 retries connect errors and "other" errors whatever the method; a POST or PATCH is
    never repeated by the transport, since the server may already have acted on it. A read
    timeout is not retried either: a server that did not answer in time once will keep the
    person waiting a second and third time.
    """

    def get_retry_after(self, response: urllib3.BaseHTTPResponse) -> float | None:
        # urllib3 raises InvalidHeader for a Retry-After it cannot read ("soon", "-1", "²") out
        # of its urlopen, past the answer it has not read: that answer's connection stayed open
        # until the garbage collector came across it (a ResourceWarning at a random moment),
        # and a 503 became a lost connection. Unreadable, it is no wait of its own: the backoff.
        try:
            return super().get_retry_after(response)
        except InvalidHeader:
            return None

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: urllib3.BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: urllib3.connectionpool.ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> _TransportRetry:
        give_up = (
            (error is not None and not self._is_method_retryable(method or ""))
            or isinstance(error, ReadTimeoutError)
            or (
                response is not None
                and (self.get_retry_after(response) or 0) > MAX_RETRY_AFTER_SECONDS
            )
        )
        if give_up:
            # An exhausted copy raises what urllib3 and requests expect when retries run out.
            spent = self.new(total=0)
            return super(_TransportRetry, spent).increment(
                method, url, response, error, _pool, _stacktrace
            )
        return super().increment(method, url, response, error, _pool, _stacktrace)


def transport_retries() -> Retry:
    """The transport's own repeats, for a GET, PUT or DELETE outside an operation."""
    return _TransportRetry(
        total=3,
        connect=3,
        read=2,
        status=3,
        other=0,
        backoff_factor=0.25,
        backoff_max=4.0,
        backoff_jitter=0.1,
        status_forcelist=TRANSPORT_RETRIED_STATUSES,
        allowed_methods=frozenset({"GET", "PUT", "DELETE"}),
        respect_retry_after_header=True,
        # The last 5xx answer is returned and mapped to a ServerError with its message.
        raise_on_status=False,
        raise_on_redirect=False,
    )


def single_attempt() -> Retry:
    """No repeat at all: the caller decides (`until_answered`). Failures look as they do when
    the transport's own repeats run out, so both map to the same NetworkError."""
    return _TransportRetry(
        total=0,
        allowed_methods=frozenset({"GET", "PUT", "DELETE"}),
        status_forcelist=frozenset(),
        raise_on_status=False,
        raise_on_redirect=False,
    )
