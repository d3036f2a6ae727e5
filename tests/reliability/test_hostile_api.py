"""Hostile answers to every call of desktop/api: each call returns its documented, validated
record or raises an ApiError; nothing else ever comes out, and nothing hangs.

Hypothesis picks, per example, one call and up to three damaged answers to its first requests
(later requests, such as retries, are answered properly) from tests/reliability/hostile_replies.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.api import ApiError, PartnerApi, new_idempotency_key
from desktop.api.operation_watch import Backoff, WatchOutcome, watch_operation
from desktop.api.records import (
    Customer,
    CustomerPage,
    Event,
    Health,
    LoginLink,
    Logo,
    LogoInfo,
    Me,
    Operation,
    Record,
    Service,
    SignIn,
    Summary,
)
from tests.reliability.hostile_replies import hostile_reply, scripted, valid_reply
from tests.reliability.hostile_server import HostileServer, Reply, Request
from tests.reliability.hostile_tally import Tally
from tests.support.figures import scale

pytestmark = pytest.mark.reliability

READ_TIMEOUT = 0.5
# Small, so that "larger than the cap" costs kilobytes, not the app's 32 MiB.
ANSWER_CAP = 64 * 1024


@dataclass(frozen=True)
class Call:
    name: str
    route: tuple[str, str]
    invoke: Callable[[PartnerApi], object]
    # What a call that does not raise must return (a validated record, or a list of them).
    check: Callable[[object], bool]


def _is(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kind)


def _all(kind: type[Record]) -> Callable[[object], bool]:
    return lambda value: isinstance(value, list) and all(isinstance(v, kind) for v in value)


def _watch(api: PartnerApi) -> WatchOutcome:
    return watch_operation(
        api,
        lambda: api.suspend("c_1", "why", new_idempotency_key()),
        "c_1",
        report=lambda _news: None,
        stop=threading.Event(),
        backoff=Backoff(first=0.001, cap=0.01),
    )


def _sign_in_and_use_the_token(api: PartnerApi) -> SignIn:
    signed_in = api.login("demo", "pw")
    api.me()  # the token the server handed out goes into the next request's header
    return signed_in


def _outcome(value: object) -> bool:
    if not isinstance(value, WatchOutcome):
        return False
    return (value.operation is None or isinstance(value.operation, Operation)) and (
        value.customer is None or isinstance(value.customer, Customer)
    )


CALLS = [
    Call("sign-in", ("POST", "/auth/login"), _sign_in_and_use_the_token, _is(SignIn)),
    Call("me", ("GET", "/me"), lambda a: a.me(), _is(Me)),
    Call("health", ("GET", "/health"), lambda a: a.health(), _is(Health)),
    Call("customer page", ("GET", "/customers"), lambda a: a.list_customers(), _is(CustomerPage)),
    Call(
        "every customer page",
        ("GET", "/customers"),
        lambda a: list(a.iter_customer_pages(page_size=1)),
        _all(CustomerPage),
    ),
    Call("one customer", ("GET", "/customers/c_1"), lambda a: a.get_customer("c_1"), _is(Customer)),
    Call(
        "create", ("POST", "/customers"), lambda a: a.create_customer({"name": "A"}), _is(Customer)
    ),
    Call(
        "update",
        ("PATCH", "/customers/c_1"),
        lambda a: a.update_customer("c_1", {"name": "B"}, 7),
        _is(Customer),
    ),
    Call(
        "services",
        ("GET", "/customers/c_1/services"),
        lambda a: a.list_services("c_1"),
        _all(Service),
    ),
    Call(
        "remove service",
        ("DELETE", "/customers/c_1/services/s_1"),
        lambda a: a.remove_service("c_1", "s_1"),
        _is(type(None)),
    ),
    Call(
        "login link",
        ("POST", "/customers/c_1/login-link"),
        lambda a: a.login_link("c_1"),
        _is(LoginLink),
    ),
    Call("history", ("GET", "/customers/c_1/events"), lambda a: a.list_events("c_1"), _all(Event)),
    Call("summary", ("GET", "/summary"), lambda a: a.summary(), _is(Summary)),
    *(
        Call(
            action,
            ("POST", f"/customers/c_1/{action}"),
            start,
            _is(Operation),
        )
        for action, start in (
            ("suspend", lambda a: a.suspend("c_1", "why", new_idempotency_key())),
            ("unsuspend", lambda a: a.unsuspend("c_1", new_idempotency_key())),
            ("cancel", lambda a: a.cancel("c_1", "why", "100234", new_idempotency_key())),
            ("restore", lambda a: a.restore("c_1", new_idempotency_key())),
        )
    ),
    Call(
        "operation", ("GET", "/operations/op_1"), lambda a: a.get_operation("op_1"), _is(Operation)
    ),
    Call("operation polling", ("GET", "/operations/op_1"), _watch, _outcome),
    Call("suspend, watched", ("POST", "/customers/c_1/suspend"), _watch, _outcome),
    Call(
        "unfinished operations",
        ("GET", "/operations"),
        lambda a: a.unfinished_operations(),
        _all(Operation),
    ),
    Call(
        "logo",
        ("GET", "/branding/logo"),
        lambda a: a.get_logo(),
        lambda v: (
            v is None or (isinstance(v, Logo) and v.content_type in ("image/png", "image/jpeg"))
        ),
    ),
    Call(
        "upload logo",
        ("PUT", "/branding/logo"),
        lambda a: a.put_logo(b"\x89PNG", "image/png"),
        _is(LogoInfo),
    ),
    Call("remove logo", ("DELETE", "/branding/logo"), lambda a: a.delete_logo(), _is(type(None))),
    Call("sign out", ("POST", "/auth/logout"), lambda a: a.logout(), _is(type(None))),
]

TALLY = Tally("api")


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    yield
    TALLY.report()


@pytest.fixture(scope="module")
def impostor() -> Iterator[HostileServer]:
    server = HostileServer().start()
    yield server
    server.stop()


def _replies(call: Call) -> st.SearchStrategy[list[Reply]]:
    valid = valid_reply(Request(*call.route, "", {}, b""))
    return st.lists(
        hostile_reply(valid, stall_seconds=READ_TIMEOUT * 2, endless_bytes=ANSWER_CAP),
        min_size=1,
        max_size=3,
    )


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Call, list[Reply]]:
    call = draw(st.sampled_from(CALLS))
    return call, draw(_replies(call))


def test_every_call_returns_a_validated_record_or_raises_an_api_error(
    impostor: HostileServer,
) -> None:
    @settings(
        max_examples=scale(250, 5000),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=_cases())
    def answered(case: tuple[Call, list[Reply]]) -> None:
        call, replies = case
        TALLY.case(call.name, [reply.kind for reply in replies])
        impostor.script = scripted(call.route, replies, valid_reply)
        api = PartnerApi(
            impostor.root,
            token="t0k3n",
            timeout=(1.0, READ_TIMEOUT),
            max_answer_bytes=ANSWER_CAP,
        )
        api.operation_retry_delays = (0.001, 0.001)
        try:
            try:
                value = call.invoke(api)
            except ApiError as error:
                assert error.message.strip(), "an error a person cannot read"
                assert "Traceback" not in error.message
                return
            assert call.check(value), f"{call.name} returned {value!r:.200}"
            if all(reply.kind == "valid" for reply in replies):
                return
        finally:
            api.close()

    TALLY.property(answered)


def test_valid_answers_are_read_as_they_are(impostor: HostileServer) -> None:
    """The baseline: with no damage at all, every call succeeds (else the suite proves nothing)."""
    impostor.script = valid_reply
    for call in CALLS:
        api = PartnerApi(impostor.root, token="t0k3n", timeout=(1.0, READ_TIMEOUT))
        assert call.check(call.invoke(api)), call.name
        api.close()
