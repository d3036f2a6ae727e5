"""GET /changes over HTTP on SQLite and PostgreSQL: every committed change in commit order with
its whole record, then live; resumed with Last-Event-ID; 410 past the retained window; only the
partner's own; keep-alive comments; the wait form. Several server processes on one database:
tests/server/test_changes_shared.py."""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.server.helpers import assert_error, new_customer, run_operation, take_customer
from tests.server.sse_support import Event, EventStream, changes_now, head, parse_block
from tests.server.staff_support import add_staff, seeded
from tests.support.server import ApiClient, ServerProcess, seed_database

KEEPALIVE = 0.5


@pytest.fixture(scope="module")
def feed(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    url = new_database_url()
    seed_database(url, customers=120, partners=2, seed=3)
    keepalive = ("--keepalive-seconds", str(KEEPALIVE))
    with ServerProcess(url, suspend_seconds=0.05, extra_args=keepalive) as proc:
        yield proc


@pytest.fixture(scope="module")
def owner(feed: ServerProcess) -> ApiClient:
    return ApiClient(feed.url).login()


def _edit(api: ApiClient, c: dict[str, Any], **fields: Any) -> dict[str, Any]:
    current = api.get(f"/customers/{c['id']}").json()
    r = api.patch(
        f"/customers/{c['id']}", json=fields, headers={"If-Match": f'"{current["version"]}"'}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_feed_sends_each_change_in_commit_order_with_its_whole_record(
    owner: ApiClient,
) -> None:
    c = take_customer(owner)
    with EventStream(owner, since=head(owner)) as stream:
        _edit(owner, c, contact_name="Feed Order")
        op = run_operation(owner, c["id"], "suspend", {"reason": "Feed order"})
        events = stream.wait_for(
            "the suspension and the summary after it",
            lambda evs: any(e.event == "summary" for e in evs),
        )
    seqs = [e.seq for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    kinds = [e.event for e in events]
    # The edit, the operation (started, running, ended), the customer it suspended, the summary.
    assert kinds[0] == "customer" and events[0].data["contact_name"] == "Feed Order"
    assert kinds.count("operation") >= 2 and kinds[-2:] == ["customer", "summary"]
    assert events[-2].data == owner.get(f"/customers/{c['id']}").json()
    assert events[-2].data["status"] == "suspended"
    last_op = [e for e in events if e.event == "operation"][-1]
    assert last_op.data == owner.get(f"/operations/{op['id']}").json()
    assert last_op.data["state"] == "succeeded"
    assert events[-1].data == owner.get("/summary").json()


def test_every_kind_of_change_has_its_event(owner: ApiClient, feed: ServerProcess) -> None:
    since = head(owner)
    made = new_customer(owner)
    png = io.BytesIO()
    Image.new("RGB", (16, 8), (20, 120, 200)).save(png, "PNG")
    logo = owner.put("/branding/logo", data=png.getvalue())
    assert logo.status_code == 200, logo.text
    assert owner.delete("/branding/logo").status_code == 204
    colleague, _ = add_staff(owner, "agent")
    items = changes_now(owner, since)["items"]
    by_kind: dict[str, list[Any]] = {}
    for item in items:
        by_kind.setdefault(item["event"], []).append(item["data"])
    assert by_kind["customer"] == [owner.get(f"/customers/{made['id']}").json()]
    assert by_kind["summary"][-1] == owner.get("/summary").json()
    # The logo as it is when sent: removed by then, at both events.
    assert by_kind["branding"] == [None, None]
    assert [s["id"] for s in by_kind["staff"]] == [colleague["id"]]
    assert by_kind["staff"][0] == {k: colleague[k] for k in by_kind["staff"][0]}


def test_wait_0_gives_the_same_events_as_the_stream(owner: ApiClient) -> None:
    since = head(owner)
    c = take_customer(owner)
    with EventStream(owner, since=since) as stream:
        for n in range(3):
            _edit(owner, c, contact_name=f"Wait form {n}")
        streamed = stream.wait_for("three edits", lambda evs: len(evs) >= 3)
    body = changes_now(owner, since)
    assert [(i["id"], i["event"]) for i in body["items"]] == [(e.id, e.event) for e in streamed]
    assert body["cursor"] == streamed[-1].id
    # From the cursor it answered: nothing new, and the same cursor.
    assert changes_now(owner, body["cursor"]) == {"items": [], "cursor": body["cursor"]}


def test_a_waiting_answer_comes_with_the_first_change(owner: ApiClient) -> None:
    since = head(owner)
    c = take_customer(owner)
    started = time.monotonic()
    r = owner.get("/changes", params={"since": since, "wait": 0.3})
    assert r.json() == {"items": [], "cursor": since}
    assert time.monotonic() - started >= 0.3
    _edit(owner, c, contact_name="Waited for")
    r = owner.get("/changes", params={"since": since, "wait": 30})
    assert [i["data"]["contact_name"] for i in r.json()["items"]] == ["Waited for"]


def test_last_event_id_resumes_after_that_event_and_wins_over_since(owner: ApiClient) -> None:
    since = head(owner)
    c = take_customer(owner)
    for n in range(4):
        _edit(owner, c, contact_name=f"Resume {n}")
    everything = [i["id"] for i in changes_now(owner, since)["items"]]
    assert len(everything) == 4
    # As an EventSource reconnects: the first URL (and its old since), and the last id it had.
    with EventStream(owner, since=since, last_event_id=everything[1]) as stream:
        events = stream.wait_for("the rest", lambda evs: len(evs) >= 2)
        time.sleep(KEEPALIVE)  # and nothing more arrives
        assert [e.id for e in stream.events] == everything[2:]
    # Each carries the record as it is when sent: both show the last edit.
    assert [e.data["contact_name"] for e in events] == ["Resume 3", "Resume 3"]


def test_a_stream_cut_mid_event_then_resumed_loses_and_repeats_nothing(owner: ApiClient) -> None:
    since = head(owner)
    c = take_customer(owner)
    for n in range(6):
        _edit(owner, c, contact_name=f"Cut {n}")
    expected = [i["id"] for i in changes_now(owner, since)["items"]]
    # A raw connection read up to the middle of the fourth event's data, then dropped.
    raw = _raw_stream(owner, since)
    received = b""
    while received.count(b"\n\n") < 4:
        received += raw.recv(65536)
    blocks = received.split(b"\n\n")
    raw.close()
    partial = blocks[3][: len(blocks[3]) // 2]
    assert b"data:" in partial  # cut inside the event: a client keeps only what ended
    kept = [parse_block(b, 0.0) for b in blocks[:3]]
    assert all(isinstance(e, Event) for e in kept)
    got = [e.id for e in kept if isinstance(e, Event)]
    with EventStream(owner, since=since, last_event_id=got[-1]) as stream:
        rest = stream.wait_for("the rest", lambda evs: len(got) + len(evs) >= len(expected))
    assert got + [e.id for e in rest] == expected


def _raw_stream(api: ApiClient, since: str) -> _Unchunked:
    url = urlsplit(api.base)
    sock = socket.create_connection((url.hostname, url.port), timeout=30)
    request = (
        f"GET {url.path}/changes?since={since} HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"Authorization: Bearer {api.token}\r\nAccept: text/event-stream\r\n\r\n"
    )
    sock.sendall(request.encode())
    header = b""
    while b"\r\n\r\n" not in header:
        header += sock.recv(1)
    assert header.startswith(b"HTTP/1.1 200"), header
    return _Unchunked(sock)


class _Unchunked:
    """Just enough HTTP/1.1 chunked decoding for the cut test's raw reads."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.pending = b""

    def recv(self, size: int) -> bytes:
        out = b""
        while not out:
            self.pending += self.sock.recv(size)
            while b"\r\n" in self.pending:
                line, _, rest = self.pending.partition(b"\r\n")
                length = int(line, 16)
                if len(rest) < length + 2:
                    break
                out += rest[:length]
                self.pending = rest[length + 2 :]
        return out

    def close(self) -> None:
        self.sock.close()


def test_an_idle_stream_gets_keep_alive_comments(owner: ApiClient) -> None:
    with EventStream(owner) as stream:
        stream.wait_for("nothing", lambda _evs: len(stream.comments) >= 2, timeout=KEEPALIVE * 10)
    assert set(stream.comments) == {"keep-alive"}


def test_a_cursor_the_server_never_gave_is_422(owner: ApiClient) -> None:
    for bad in ("abc", "-1", "1.5", str(10**15)):
        error = assert_error(owner.get("/changes", params={"since": bad}), 422, "validation_failed")
        assert "since" in error["details"]["fields"], bad
    r = owner.get("/changes", headers={"Last-Event-ID": "x"}, params={"wait": 0})
    assert "Last-Event-ID" in assert_error(r, 422, "validation_failed")["details"]["fields"]


def test_another_partners_changes_never_appear(feed: ServerProcess, owner: ApiClient) -> None:
    other = ApiClient(feed.url).login("other", "other")
    ours, theirs = head(owner), head(other)
    mine = take_customer(owner)
    foreign = take_customer(other)
    with EventStream(owner, since=ours) as stream:
        _edit(other, foreign, contact_name="Not yours")
        run_operation(other, foreign["id"], "suspend", {"reason": "Theirs"})
        _edit(owner, mine, contact_name="Yours")
        events = stream.wait_for("our edit", lambda evs: len(evs) >= 1)
        time.sleep(KEEPALIVE)
    assert [e.data["id"] for e in stream.events] == [mine["id"]] == [e.data["id"] for e in events]
    # The wait form too, from the start of the log: only ever our partner's objects.
    ids = {i["data"]["id"] for i in changes_now(owner, "0")["items"] if i["event"] == "customer"}
    assert foreign["id"] not in ids and mine["id"] in ids
    theirs_now = changes_now(other, theirs)["items"]
    assert {i["data"]["id"] for i in theirs_now if i["event"] == "customer"} == {foreign["id"]}


def test_staff_events_reach_only_those_who_manage_staff(
    feed: ServerProcess, owner: ApiClient
) -> None:
    viewer = seeded(feed.url, "viewer")
    since = head(owner)
    colleague, _ = add_staff(owner, "viewer")
    c = take_customer(owner)
    _edit(owner, c, contact_name="Seen by the viewer")
    seen_by_owner = [i["event"] for i in changes_now(owner, since)["items"]]
    seen_by_viewer = changes_now(viewer, since)
    assert "staff" in seen_by_owner
    assert [i["event"] for i in seen_by_viewer["items"]] == ["customer"]
    # The viewer's cursor moves past the staff event all the same.
    assert seen_by_viewer["cursor"] == changes_now(owner, since)["cursor"]
    assert colleague["id"]


def test_a_stream_ends_when_its_session_does(feed: ServerProcess) -> None:
    agent = seeded(feed.url, "agent")
    admin = seeded(feed.url, "admin")
    with EventStream(agent) as stream:
        me = agent.get("/me").json()
        r = admin.patch(f"/staff/{me['id']}", json={"disabled": True})
        assert r.status_code == 200, r.text
        # Its own staff change makes the stream check the session at once, and end.
        stream.wait_for("the end", lambda _evs: stream.ended, timeout=10)
    assert admin.patch(f"/staff/{me['id']}", json={"disabled": False}).status_code == 200


@pytest.fixture(scope="module")
def short_memory(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """A server whose change log keeps two seconds, pruned every tenth of one."""
    url = new_database_url()
    seed_database(url, customers=20, partners=1, seed=5)
    args = ("--changes-retention-seconds", "2", "--changes-prune-seconds", "0.1")
    with ServerProcess(url, suspend_seconds=0.05, extra_args=args) as proc:
        yield proc


def test_a_cursor_past_the_retained_window_is_410(short_memory: ServerProcess) -> None:
    api = ApiClient(short_memory.url).login()
    since = head(api)
    c = take_customer(api)
    _edit(api, c, contact_name="Soon forgotten")
    deadline = time.monotonic() + 30
    while (r := api.get("/changes", params={"since": since, "wait": 0})).status_code == 200:
        assert time.monotonic() < deadline, "never pruned"
        time.sleep(0.1)
    error = assert_error(r, 410, "cursor_expired")
    assert int(error["details"]["oldest_cursor"]) > int(since)
    # The stream says so too, and so does its reconnection by Last-Event-ID.
    assert_error(api.get("/changes", params={"since": since}), 410, "cursor_expired")
    r = api.get("/changes", headers={"Last-Event-ID": since})
    assert_error(r, 410, "cursor_expired")
    # A fresh snapshot's cursor works, and the next change comes after it.
    fresh = head(api)
    _edit(api, c, contact_name="Remembered")
    items = changes_now(api, fresh)["items"]
    assert [i["data"]["contact_name"] for i in items] == ["Remembered"]
