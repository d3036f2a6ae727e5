"""What a hostile or broken Partner API answers: valid answers per route, and Hypothesis
strategies that damage them every way the issue lists (malformed JSON, wrong types, missing
fields, extreme values, huge bodies, wrong content types, trickles, stalls, random statuses,
broken connections, bad headers).

Every string of a damaged 2xx document carries CANARY, so a suite can check that nothing from
an answer the records refused ever reaches the screen.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import strategies as st

from tests.desktop.branding_images import png_bytes
from tests.desktop.test_api_bad_answers import CUSTOMER, OPERATION
from tests.reliability.hostile_server import Reply, Request

CANARY = "QZX"
# Tags in EXTREMES: a label showing them unescaped renders the server's markup. Tags the app
# never writes itself, so a name that merely starts with the canary, inside the app's own <b>,
# is not taken for the server's markup.
MARKUP = ("<b class='qzx'>", "<a href='https://evil.example'>")
TOKEN = "valid-token-0123"

PARTNER = {"id": "p_1", "name": "Demo Partner"}
SERVICE = {
    "id": "s_1",
    "name": "Hosting",
    "monthly_price": "19.90",
    "currency": "EUR",
    "enabled_at": "2026-01-05T10:00:00Z",
}
EVENT = {
    "at": "2026-03-01T09:12:44Z",
    "actor": "demo",
    "action": "suspend",
    "details": {"reason": "Non-payment", "old": {"name": "A"}, "new": {"name": "B"}},
}
DONE = {**OPERATION, "state": "succeeded", "finished_at": "2026-01-05T10:00:02Z"}
SECOND = {**CUSTOMER, "id": "c_2", "account_number": "100235", "name": "Beta d.o.o."}

# One valid document per route; "{id}" parts are the ones every suite uses.
DOCUMENTS: dict[tuple[str, str], tuple[int, object]] = {
    ("POST", "/auth/login"): (
        200,
        {"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600, "partner": PARTNER},
    ),
    ("GET", "/me"): (200, {"username": "demo", "role": "admin", "partner": PARTNER}),
    ("GET", "/health"): (200, {"status": "ok", "version": "1.0"}),
    ("GET", "/customers"): (200, {"items": [CUSTOMER, SECOND], "next_cursor": None, "total": 2}),
    ("POST", "/customers"): (201, CUSTOMER),
    ("GET", "/customers/c_1"): (200, CUSTOMER),
    ("PATCH", "/customers/c_1"): (200, CUSTOMER),
    ("GET", "/customers/c_1/services"): (200, {"items": [SERVICE]}),
    ("POST", "/customers/c_1/login-link"): (
        200,
        {"url": "https://cp.example.com/one-time/abc", "expires_at": "2026-03-01T09:13:44Z"},
    ),
    ("GET", "/customers/c_1/events"): (200, {"items": [EVENT]}),
    ("GET", "/summary"): (
        200,
        {
            "customers": {"active": 1, "suspended": 1},
            "monthly_billable": {"active": "1234.50", "suspended": "310.80"},
            "currency": "EUR",
        },
    ),
    ("POST", "/customers/c_1/suspend"): (202, OPERATION),
    ("POST", "/customers/c_1/unsuspend"): (202, {**OPERATION, "kind": "unsuspend"}),
    ("POST", "/customers/c_1/cancel"): (202, {**OPERATION, "kind": "cancel"}),
    ("POST", "/customers/c_1/restore"): (202, {**OPERATION, "kind": "restore"}),
    ("GET", "/operations/op_1"): (200, DONE),
    ("GET", "/operations"): (200, {"items": []}),
    ("PUT", "/branding/logo"): (200, {"width": 4, "height": 4, "bytes": 99, "sha256": "ab" * 32}),
}
NO_CONTENT = {
    ("DELETE", "/customers/c_1/services/s_1"),
    ("DELETE", "/branding/logo"),
    ("POST", "/auth/logout"),
}
LOGO = ("GET", "/branding/logo")
LOGO_PNG = png_bytes((4, 4))


def encoded(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def valid_reply(request: Request) -> Reply:
    """What a well-behaved server answers to `request`; 404 for what it does not know."""
    route = (request.method, request.path)
    if (
        route == ("GET", "/customers")
        and "cursor=" not in request.query
        and "limit=1" in (request.query)
    ):
        # A one-per-page listing (iter_customer_pages(page_size=1)) gets two pages.
        return Reply(200, encoded({"items": [CUSTOMER], "next_cursor": "n2", "total": 2}))
    if route == ("GET", "/customers") and "cursor=n2" in request.query:
        return Reply(200, encoded({"items": [SECOND], "next_cursor": None, "total": 2}))
    if route in DOCUMENTS:
        status, document = DOCUMENTS[route]
        return Reply(status, encoded(document))
    if route in NO_CONTENT:
        return Reply(204, b"", None)
    if route == LOGO:
        return Reply(200, LOGO_PNG, "image/png", (("ETag", '"1"'),))
    return Reply(404, encoded({"error": {"code": "not_found", "message": "Not found."}}))


def scripted(
    target: tuple[str, str], hostile: list[Reply], fallback: Callable[[Request], Reply]
) -> Callable[[Request], Reply]:
    """`hostile` replies, in order, to the first requests on `target`; `fallback` otherwise."""
    queue = list(hostile)

    def script(request: Request) -> Reply:
        if (request.method, request.path) == target and queue:
            return queue.pop(0)
        return fallback(request)

    return script


# -- damaging documents ----------------------------------------------------------------------


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


# Free text only: a canary in a status, a time or an amount would break every document.
_FREE_TEXT = {"name", "contact_name", "street", "city", "region", "actor", "username", "reason"}


def _with_canary(value: object, key: object = None) -> object:
    if isinstance(value, str) and key in _FREE_TEXT:
        return f"{CANARY}{value}"
    if isinstance(value, dict):
        return {name: _with_canary(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_with_canary(item, key) for item in value]
    return value


def _set(document: object, path: tuple[Any, ...], value: object) -> object:
    """A copy of `document` with `path` set to `value`, or removed when value is ...."""
    changed = copy.deepcopy(document)
    *parents, last = path
    target: Any = changed
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return changed


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)

# Right type (mostly), wrong in every other way: what strict typing alone lets through.
EXTREMES: list[object] = [
    "",
    " ",
    "x" * 100_000,
    f"<b class='qzx'>{CANARY}</b><img src='http://evil.example/x.png'>",
    f"<a href='https://evil.example'>{CANARY} sign in again</a>",
    f"{CANARY}\x00\x1b[2J\u202e\ud7ff\r\n",
    "javascript:alert(1)",
    "токен",
    "file:///etc/passwd",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "2026-02-30T10:00:00Z",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "0.001",
    "-19.90",
    "9" * 400,
    "NaN",
    "Infinity",
    -1,
    0,
    2**31,
    2**63,
    10**40,
    -(10**40),
    1e308,
    [],
    ["x"] * 5000,
    {},
]


@st.composite
def damaged_document(draw: st.DrawFn, document: object) -> tuple[str, bytes]:
    """(kind, body): the document with one thing wrong, every string carrying CANARY."""
    marked = _with_canary(document)
    paths = list(_paths(marked))
    kind = draw(st.sampled_from(["wrong type", "missing field", "extreme value"]))
    if kind == "missing field":
        keyed = [p for p in paths if isinstance(p[-1], str)] or paths
        path = draw(st.sampled_from(keyed))
        return kind, encoded(_set(marked, path, ...))
    path = draw(st.sampled_from(paths))
    value = draw(JSON_VALUES if kind == "wrong type" else st.sampled_from(EXTREMES))
    return kind, encoded(_set(marked, path, value))


@st.composite
def malformed_json(draw: st.DrawFn, body: bytes) -> bytes:
    marked = body.replace(b'"', f'"{CANARY}'.encode(), 1)
    return draw(
        st.sampled_from(
            [
                b"",
                b"\xef\xbb\xbf" + body,
                body + b"}",
                body.replace(b":", b":\xff", 1),
                b"[" * 100_000 + b"]" * 100_000,
                b'{"a":' * 50_000,
                b'{"total": NaN, "items": [], "next_cursor": null}',
                b"<!doctype html><h1>" + CANARY.encode() + b"</h1>",
                "\u2028".encode() + body,
            ]
        )
        | st.integers(0, max(0, len(marked) - 1)).map(lambda cut: marked[:cut])
        | st.binary(max_size=300)
    )


CONTENT_TYPES = [
    None,
    "",
    "text/html; charset=utf-8",
    "text/plain",
    "application/xml",
    "image/png",
    "application/octet-stream",
    "application/json; charset=latin-1",
    "APPLICATION/JSON",
    "application/problem+json",
    "application/json, text/html",
    ";;;",
]

STATUSES = [
    100,
    101,
    199,
    200,
    201,
    202,
    204,
    206,
    301,
    302,
    304,
    307,
    400,
    401,
    403,
    404,
    405,
    406,
    409,
    410,
    412,
    413,
    415,
    418,
    422,
    428,
    429,
    451,
    500,
    501,
    502,
    503,
    504,
    599,
    600,
    999,
]

ODD_HEADERS = [
    ("Retry-After", "0"),
    ("Retry-After", "²"),
    ("Retry-After", "-1"),
    ("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
    ("Retry-After", "9" * 40),
    ("Retry-After", "soon"),
    ("Location", "http://evil.example/steal"),
    ("Location", ""),
    ("X-Request-ID", f"{CANARY}\u00e9" * 50),
    ("ETag", "\u00ff" * 10),
    ("Content-Length", "²"),
    ("Content-Length", "-1"),
    ("Content-Length", "abc"),
    ("Content-Length", "0"),
    ("Content-Encoding", "gzip"),
    ("Content-Encoding", "deflate"),
    ("Content-Encoding", "br"),
    ("Content-Encoding", "x-unknown"),
    ("Transfer-Encoding", "chunked"),
    ("Set-Cookie", "session=" + "a" * 5000),
]

ERROR_BODIES = st.one_of(
    st.builds(
        lambda code, message, details: encoded(
            {"error": {"code": code, "message": message, "details": details}}
        ),
        st.text(max_size=20) | JSON_VALUES,
        st.text(max_size=40) | JSON_VALUES,
        st.fixed_dictionaries(
            {},
            optional={
                "fields": JSON_VALUES,
                "current": JSON_VALUES | st.just(CUSTOMER),
                "retry_after": JSON_VALUES,
                "request_id": JSON_VALUES,
            },
        ),
    ),
    st.just(b"<html><body>Bad Gateway</body></html>"),
    st.just(b""),
    st.binary(max_size=100),
)


def hostile_reply(
    valid: Reply, *, stall_seconds: float, endless_bytes: int
) -> st.SearchStrategy[Reply]:
    """Every way the answer `valid` (to one route) can come back wrong."""
    status, body = valid.status, valid.body
    is_json = valid.content_type == "application/json" and body
    document = json.loads(body) if is_json else None
    kinds: list[st.SearchStrategy[Reply]] = [
        st.just(valid),
        st.builds(
            lambda raw: Reply(status, raw, kind="malformed JSON"), malformed_json(body or b"{}")
        ),
        st.sampled_from(CONTENT_TYPES).map(
            lambda kind: Reply(status, body, kind, valid.headers, kind="wrong content type")
        ),
        st.builds(
            lambda code, raw, headers: Reply(
                code, raw, "application/json", tuple(headers), kind="random status"
            ),
            st.sampled_from(STATUSES) | st.integers(100, 599),
            ERROR_BODIES,
            st.lists(st.sampled_from(ODD_HEADERS[:10]), max_size=2),
        ),
        st.builds(
            lambda header, raw: Reply(
                status, raw, valid.content_type, (header,), kind="bad header"
            ),
            st.sampled_from(ODD_HEADERS),
            st.just(body) | st.binary(max_size=64),
        ),
        st.sampled_from(["cut", "hang_up", "garbage"]).map(
            lambda how: Reply(
                status, body, valid.content_type, delivery=how, kind="broken connection"
            )
        ),
        st.integers(1, 64).map(
            lambda piece: Reply(
                status, body, valid.content_type, valid.headers, "trickle", "slow trickle", piece
            )
        ),
        st.just(
            Reply(
                status,
                body or b"{}",
                valid.content_type,
                delivery="stall",
                kind="stalled answer",
                stall_seconds=stall_seconds,
            )
        ),
        st.sampled_from(["declared_huge", "endless"]).map(
            lambda how: Reply(
                status,
                body,
                valid.content_type,
                delivery=how,
                kind="huge body",
                endless_bytes=endless_bytes,
            )
        ),
    ]
    if document is not None:
        kinds.append(
            damaged_document(document).map(lambda damage: Reply(status, damage[1], kind=damage[0]))
        )
        kinds.append(st.just(Reply(status, _padded(document, endless_bytes), kind="huge body")))
    return st.one_of(kinds)


def _padded(document: object, size: int) -> bytes:
    """The valid document, made larger than `size` by whitespace: still valid JSON."""
    body = encoded(document)
    return body[:-1] + b" " * (size + 1) + body[-1:]
