"""PartnerApi: each call of docs/api.md as a typed method. Blocking: run it off the GUI thread."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import quote

from desktop.api import answers
from desktop.api.connection import ConnectionMonitor
from desktop.api.endpoint import parse_endpoint
from desktop.api.errors import BadResponseError, SessionExpiredError
from desktop.api.live import LiveCalls
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.records import (
    Customer,
    CustomerPage,
    CustomerStatus,
    Event,
    EventList,
    Health,
    LoginLink,
    Logo,
    LogoInfo,
    Me,
    Operation,
    OperationKind,
    OperationList,
    SearchField,
    Service,
    ServiceList,
    SignIn,
    Summary,
    parse,
    wire_time,
)
from desktop.api.retry import until_answered
from desktop.api.team import TeamCalls
from desktop.api.transport import DEFAULT_MAX_ANSWER_BYTES, Answer, Timeout, Transport

LOGO_TYPES = frozenset({"image/png", "image/jpeg"})


def new_idempotency_key() -> str:
    """A fresh key for one operation the person asked for; reuse it for every retry of it."""
    return str(uuid.uuid4())


def schedule_body(at: datetime | None, resume_at: datetime | None, **fields: str) -> dict[str, str]:
    """The body of a suspend or re-enable with its times (none: now)."""
    body = dict(fields)
    if at is not None:
        body["at"] = wire_time(at)
    if resume_at is not None:
        body["resume_at"] = wire_time(resume_at)
    return body


def _segment(value: str) -> str:
    # Ids go into the path: an id like "../auth/logout" must stay one segment.
    return quote(value, safe="")


class PartnerApi(TeamCalls, LiveCalls):
    """A client of one Partner API server, shared by every thread of the app."""

    # suspend() and its siblings send the start again this many times more, after these pauses
    # (seconds, less jitter). The watch does not use them: it decides its own (retry.py).
    operation_retry_delays: tuple[float, ...] = (0.5, 1.0, 2.0)

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | None = None,
        allow_insecure_http: bool = False,
        timeout: Timeout = (3.05, 30.0),
        token: str | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        self._endpoint = parse_endpoint(base_url, allow_insecure_http=allow_insecure_http)
        self._transport = Transport(
            self._endpoint, ca_bundle=ca_bundle, timeout=timeout, max_answer_bytes=max_answer_bytes
        )
        # Read on every request, so a sign-in on one thread is seen by all of them.
        self._token = token

    @property
    def token(self) -> str | None:
        return self._token

    @property
    def base_url(self) -> str:
        return self._endpoint.base_url

    @property
    def server_label(self) -> str:
        return self._endpoint.label

    @property
    def connection(self) -> ConnectionMonitor:
        """Whether the server answers, as every call of this client found it."""
        return self._transport.connection

    def close(self) -> None:
        self._transport.close()

    # -- plumbing ------------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: object = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        once: bool = False,
    ) -> Answer:
        all_headers = dict(headers or {})
        token = self._token
        if authenticated and token:
            all_headers["Authorization"] = f"Bearer {token}"
        return self._transport.send(
            method, path, params=params, json=json, data=data, headers=all_headers, once=once
        )

    def _call(self, method: str, path: str, **kwargs: Any) -> Answer:
        """Send and raise the matching ApiError for an error status."""
        signed_in = self._token is not None
        answer = self._send(method, path, **kwargs)
        answers.check(answer, signed_in=signed_in)
        return answer

    def _started(
        self, customer_id: str, kind: OperationKind, body: dict[str, str], idempotency_key: str
    ) -> Operation:
        # The start on its own, sent again a few times with the same key (see start_operation).
        once = partial(self.start_operation, customer_id, kind, body, idempotency_key)
        return until_answered(once, self.operation_retry_delays)

    # -- auth ----------------------------------------------------------------------------------

    def login(self, username: str, password: str) -> SignIn:
        answer = self._send(
            "POST",
            "/auth/login",
            json={"username": username, "password": password},
            authenticated=False,
        )
        return self._signed_in(answer)

    def login_mfa(self, mfa_token: str, code: str) -> SignIn:
        """The second step: the token of a MfaRequiredError and a TOTP or recovery code."""
        answer = self._send(
            "POST",
            "/auth/mfa",
            json={"mfa_token": mfa_token, "code": code.strip()},
            authenticated=False,
            once=True,  # a code is good once: sending it again could only be refused
        )
        return self._signed_in(answer)

    def _signed_in(self, answer: Answer) -> SignIn:
        # Raises MfaRequiredError for an account with two-factor (answers._unauthorized).
        answers.check(answer, sign_in_call=True)
        answers.require_json(answer)
        signed_in = parse(SignIn, answer.body, answer.what)
        self._token = signed_in.access_token
        return signed_in

    def logout(self) -> None:
        """Revoke the token on the server; locally it is forgotten even if the server is gone."""
        try:
            if self._token:
                self._call("POST", "/auth/logout")
        except SessionExpiredError:
            pass  # already unusable: that is what logging out wanted
        finally:
            self._token = None

    def me(self) -> Me:
        return answers.record(self._call("GET", "/me"), Me)

    def health(self) -> Health:
        return answers.record(self._send("GET", "/health", authenticated=False), Health)

    # -- customers -----------------------------------------------------------------------------

    def list_customers(
        self,
        *,
        q: str = "",
        field: SearchField | None = None,
        status: CustomerStatus | None = None,
        limit: int = 200,
        cursor: str | None = None,
    ) -> CustomerPage:
        params: dict[str, str | int] = {"limit": limit}
        if q:
            params["q"] = q
        if field:
            params["field"] = field
        if status:
            params["status"] = status
        if cursor:
            params["cursor"] = cursor
        return answers.record(self._call("GET", "/customers", params=params), CustomerPage)

    def iter_customer_pages(
        self,
        page_size: int = 1000,
        *,
        q: str = "",
        field: SearchField | None = None,
        status: CustomerStatus | None = None,
    ) -> Iterator[CustomerPage]:
        """Every page of a search, first to last, following the server's cursor."""
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = self.list_customers(
                q=q, field=field, status=status, limit=page_size, cursor=cursor
            )
            yield page
            if page.next_cursor is None:
                return
            if page.next_cursor in seen:
                # A server handing back an old cursor would keep us here forever.
                raise BadResponseError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "ApiMessages", "The server's customer list does not end (cursor loop)."
                        )
                    )
                )
            seen.add(page.next_cursor)
            cursor = page.next_cursor

    def get_customer(self, customer_id: str, *, once: bool = False) -> Customer:
        """`once`: a failure is not repeated by the transport; the caller decides (retry.py)."""
        answer = self._call("GET", f"/customers/{_segment(customer_id)}", once=once)
        return answers.record(answer, Customer)

    def create_customer(self, fields: dict[str, Any]) -> Customer:
        return answers.record(self._call("POST", "/customers", json=fields), Customer)

    def update_customer(self, customer_id: str, changes: dict[str, Any], version: int) -> Customer:
        """PATCH with If-Match: a 412 ConflictError carries the server's current customer."""
        answer = self._call(
            "PATCH",
            f"/customers/{_segment(customer_id)}",
            json=changes,
            headers={"If-Match": f'"{version}"'},
        )
        return answers.record(answer, Customer)

    def list_services(self, customer_id: str) -> list[Service]:
        answer = self._call("GET", f"/customers/{_segment(customer_id)}/services")
        return list(answers.record(answer, ServiceList).items)

    def remove_service(self, customer_id: str, service_id: str) -> None:
        path = f"/customers/{_segment(customer_id)}/services/{_segment(service_id)}"
        answer = self._send("DELETE", path)
        if answer.status == 404 and answer.retried:
            # The first attempt removed it and its answer was lost; the retry finds it gone.
            return
        answers.check(answer, signed_in=self._token is not None)

    def login_link(self, customer_id: str) -> LoginLink:
        answer = self._call("POST", f"/customers/{_segment(customer_id)}/login-link")
        return answers.record(answer, LoginLink)

    def list_events(self, customer_id: str) -> list[Event]:
        answer = self._call("GET", f"/customers/{_segment(customer_id)}/events")
        return list(answers.record(answer, EventList).items)

    def summary(self) -> Summary:
        return answers.record(self._call("GET", "/summary"), Summary)

    # -- operations ----------------------------------------------------------------------------

    def start_operation(
        self,
        customer_id: str,
        kind: OperationKind,
        body: Mapping[str, str],
        idempotency_key: str,
    ) -> Operation:
        """One POST that starts `kind`; sent once: the caller decides whether to send it again.

        Unlike other POSTs, this one may be repeated: the server keys the operation on the
        Idempotency-Key, so a second request with the same key returns the operation the first
        one started (even when the first answer was lost) and can never act twice. `body`:
        `reason` for suspend; `reason` and `confirm_account_number` for cancel.
        """
        answer = self._call(
            "POST",
            f"/customers/{_segment(customer_id)}/{kind}",
            json=dict(body),
            headers={"Idempotency-Key": idempotency_key},
            once=True,
        )
        answers.require_json(answer)
        return parse(Operation, answer.body, answer.what)

    def suspend(self, customer_id: str, reason: str, idempotency_key: str) -> Operation:
        return self._started(customer_id, "suspend", {"reason": reason}, idempotency_key)

    def unsuspend(self, customer_id: str, idempotency_key: str) -> Operation:
        return self._started(customer_id, "unsuspend", {}, idempotency_key)

    def cancel(
        self, customer_id: str, reason: str, confirm_account_number: str, idempotency_key: str
    ) -> Operation:
        body = {"reason": reason, "confirm_account_number": confirm_account_number}
        return self._started(customer_id, "cancel", body, idempotency_key)

    def restore(self, customer_id: str, idempotency_key: str) -> Operation:
        return self._started(customer_id, "restore", {}, idempotency_key)

    def schedule_suspend(
        self,
        customer_id: str,
        reason: str,
        at: datetime | None,
        resume_at: datetime | None,
        idempotency_key: str,
    ) -> Operation:
        """A suspension at `at` (None: now), and with `resume_at` a re-enable that follows it.

        The answer is the suspension: `scheduled` until its time (nothing to watch till then).
        """
        return self._started(
            customer_id, "suspend", schedule_body(at, resume_at, reason=reason), idempotency_key
        )

    def schedule_unsuspend(self, customer_id: str, at: datetime, idempotency_key: str) -> Operation:
        return self._started(customer_id, "unsuspend", schedule_body(at, None), idempotency_key)

    def scheduled_operations(self, customer_id: str | None = None) -> list[Operation]:
        """The partner's scheduled operations (of one customer when given), soonest first."""
        params = {"state": "scheduled"}
        if customer_id is not None:
            params["customer_id"] = customer_id
        answer = self._call("GET", "/operations", params=params)
        return list(answers.record(answer, OperationList).items)

    def cancel_scheduled(self, op_id: str) -> None:
        """The scheduled operation (and a re-enable following it) becomes `canceled`.

        A DELETE, repeated by the transport: the server answers 204 again for one canceled.
        Raises ConflictError (`not_scheduled`) once it has started.
        """
        self._call("DELETE", f"/operations/{_segment(op_id)}")

    def get_operation(self, op_id: str, *, once: bool = False) -> Operation:
        """`once`: a failure is not repeated by the transport; the caller decides (retry.py)."""
        answer = self._call("GET", f"/operations/{_segment(op_id)}", once=once)
        return answers.record(answer, Operation)

    def unfinished_operations(self) -> list[Operation]:
        answer = self._call("GET", "/operations", params={"unfinished": "true"})
        return list(answers.record(answer, OperationList).items)

    # -- branding ------------------------------------------------------------------------------

    def get_logo(self) -> Logo | None:
        """The partner's logo, or None when none is set."""
        answer = self._send("GET", "/branding/logo", headers={"Accept": "image/png, image/jpeg"})
        if answer.status == 404:
            return None
        answers.check(answer, signed_in=self._token is not None)
        content_type = answers.media_type(answer)
        if content_type not in LOGO_TYPES:
            raise BadResponseError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages",
                        "The server sent the logo as {kind}, not as a PNG or JPEG image.",
                    ),
                    kind=content_type or "?",
                )
            )
        return Logo(answer.body, content_type, answer.headers.get("ETag"))

    def put_logo(self, data: bytes, content_type: str) -> LogoInfo:
        answer = self._call(
            "PUT", "/branding/logo", data=data, headers={"Content-Type": content_type}
        )
        return answers.record(answer, LogoInfo)

    def delete_logo(self) -> None:
        self._call("DELETE", "/branding/logo")
