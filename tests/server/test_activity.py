"""GET /activity over HTTP, on both backends: the partner's whole log newest first, keyset pages
that see each event once while others are written, filters alone and combined, time bounds, 422s
for what the server did not give out, no other partner's events, the partner-wide events of
sign-ins and staff changes with their actors, and "who suspended this customer last Tuesday".
Each test works in a partner of its own, so that it knows every event its log should hold."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pyotp
import pytest
from sqlalchemy import func, select, text, update

from server.db import Database
from server.models import Event
from tests.server.helpers import assert_error, events, new_customer, run_operation, unique
from tests.server.staff_support import add_staff, seeded, sign_in, strong_password
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database

ITEM_KEYS = {"id", "at", "actor", "action", "customer_id", "customer_name", "details"}


@pytest.fixture(scope="module")
def book(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """Its own server: these tests back-date events and count every one of a partner's."""
    url = new_database_url()
    seed_database(url, customers=40, seed=16)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        yield proc


@dataclass
class Team:
    """A partner of its own, with its owner signed in."""

    server: ServerProcess
    owner: ApiClient
    owner_name: str
    owner_password: str

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture
def team(book: ServerProcess) -> Team:
    username, password = unique("own"), strong_password()
    added = run_cli(
        "add-user", "--database", book.database_url, "--partner", f"Activity {username}",
        "--username", username, stdin=password + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return Team(book, sign_in(book.url, username, password), username, password)


def page(client: ApiClient, **params: Any) -> dict[str, Any]:
    r = client.get("/activity", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"items", "next_cursor"}, body
    return dict(body)


def whole_log(client: ApiClient, **params: Any) -> list[dict[str, Any]]:
    """Every item, page after page, the filters the same on each."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        body = page(client, **params, **({"cursor": cursor} if cursor else {}))
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def moment(item: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(item["at"].replace("Z", "+00:00"))


def _busy_day(t: Team) -> tuple[ApiClient, str, list[dict[str, Any]]]:
    """Two customers and an admin: created, edited, one suspended by the admin."""
    admin_user, password = add_staff(t.owner, "admin")
    admin = sign_in(t.url, admin_user["username"], password)
    first, second = new_customer(t.owner), new_customer(admin)
    for c, who in ((first, t.owner), (second, admin), (first, admin)):
        current = who.get(f"/customers/{c['id']}").json()
        r = who.patch(
            f"/customers/{c['id']}",
            json={"contact_name": unique("Iva ")},
            headers={"If-Match": f'"{current["version"]}"'},
        )
        assert r.status_code == 200, r.text
    assert run_operation(admin, second["id"], "suspend", {"reason": "Unpaid"})["state"] == (
        "succeeded"
    )
    return admin, admin_user["username"], [first, second]


def test_the_log_is_every_event_newest_first_in_the_contracts_shape(team: Team) -> None:
    _, admin_name, (first, second) = _busy_day(team)
    items = page(team.owner, limit=500)["items"]
    assert all(set(item) == ITEM_KEYS for item in items), items[0]
    ids = [item["id"] for item in items]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert [moment(i) for i in items] == sorted((moment(i) for i in items), reverse=True)
    assert all(item["at"].endswith("Z") or item["at"].endswith("+00:00") for item in items)
    # Customers' events and the partner's own, side by side.
    actions = [item["action"] for item in items]
    assert actions[0] == "suspended" and items[0]["actor"] == admin_name
    assert actions.count("created") == 2 and actions.count("updated") == 3
    assert {"auth.login", "staff.created"} <= set(actions)
    named = {i["customer_id"]: i["customer_name"] for i in items if i["customer_id"]}
    assert named == {first["id"]: first["name"], second["id"]: second["name"]}
    partner_wide = [i for i in items if i["action"].startswith(("auth.", "staff."))]
    assert all(i["customer_id"] is None and i["customer_name"] is None for i in partner_wide)
    # The history's own answer for a customer is this log's items of that customer.
    history = events(team.owner, second["id"])
    mine = [i for i in items if i["customer_id"] == second["id"]]
    assert [(h["actor"], h["action"], h["details"]) for h in history] == [
        (i["actor"], i["action"], i["details"]) for i in mine
    ]
    # The default page is 100; a short log is one page without a cursor.
    assert page(team.owner)["next_cursor"] is None


def test_pages_see_every_event_once_while_new_ones_are_written(team: Team) -> None:
    _busy_day(team)
    before = [item["id"] for item in page(team.owner, limit=500)["items"]]
    assert len(before) >= 9
    walked: list[int] = []
    cursor: str | None = None
    pages = 0
    while True:
        body = page(team.owner, limit=3, **({"cursor": cursor} if cursor else {}))
        assert len(body["items"]) <= 3
        walked += [item["id"] for item in body["items"]]
        pages += 1
        # Between pages, the team keeps working: a new customer and a sign-in.
        new_customer(team.owner)
        sign_in(team.url, team.owner_name, team.owner_password)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert walked == before, "each event exactly once, newest first, none of the later ones"
    assert pages == -(-len(before) // 3)
    newest = page(team.owner, limit=500)["items"]
    assert len(newest) == len(before) + 2 * pages
    assert all(item["id"] > before[0] for item in newest[: 2 * pages])
    assert [item["id"] for item in newest[2 * pages :]] == before


def test_each_filter_and_all_together_answer_the_whole_log_filtered(team: Team) -> None:
    _, admin_name, (first, second) = _busy_day(team)
    everything = whole_log(team.owner, limit=500)

    def expect(**want: Any) -> list[dict[str, Any]]:
        return [i for i in everything if all(i[key] == value for key, value in want.items())]

    cases: list[dict[str, Any]] = [
        {"actor": admin_name},
        {"actor": team.owner_name},
        {"action": "updated"},
        {"action": "staff.created"},
        {"customer_id": first["id"]},
        {"customer_id": second["id"], "actor": admin_name},
        {"customer_id": first["id"], "actor": admin_name, "action": "updated"},
        {"customer_id": first["id"], "actor": team.owner_name, "action": "suspended"},
        {"actor": "nobody-at-all"},
    ]
    for want in cases:
        expected = expect(**want)
        assert whole_log(team.owner, limit=2, **want) == expected, want
        assert page(team.owner, **want)["items"] == expected, want
    assert len(expect(customer_id=first["id"], actor=admin_name, action="updated")) == 1
    # Another partner's customer is as a made-up one: nothing, though it has events of its own.
    demo = seeded(team.url, "owner")
    theirs = new_customer(demo)["id"]
    assert [i["action"] for i in page(demo, customer_id=theirs)["items"]] == ["created"]
    assert page(team.owner, customer_id=theirs)["items"] == []
    assert page(team.owner, customer_id="c_01NOSUCHCUSTOMER0000000000")["items"] == []


def test_since_is_inclusive_and_until_exclusive_whatever_the_offset(team: Team) -> None:
    _busy_day(team)
    everything = whole_log(team.owner, limit=500)
    pivot = everything[len(everything) // 2]
    at = moment(pivot)
    later = [i for i in everything if moment(i) >= at]
    earlier = [i for i in everything if moment(i) < at]
    assert later and earlier and pivot in later
    zagreb = at.astimezone(timezone(timedelta(hours=2)))
    for written in (at.isoformat(), at.isoformat().replace("+00:00", "Z"), zagreb.isoformat()):
        assert whole_log(team.owner, since=written) == later, written
        assert whole_log(team.owner, until=written) == earlier, written
    # Without an offset a time is UTC; a date alone is its midnight.
    assert whole_log(team.owner, since=at.replace(tzinfo=None).isoformat()) == later
    today = at.date()
    tomorrow = today + timedelta(days=1)
    day = whole_log(team.owner, since=today.isoformat(), until=tomorrow.isoformat())
    assert day == [i for i in everything if moment(i).date() == today]
    # Both bounds, and other filters beside them.
    window = whole_log(team.owner, since=moment(everything[-1]).isoformat(), until=at.isoformat())
    assert window == earlier
    assert page(team.owner, since=pivot["at"], until=pivot["at"])["items"] == []
    updated = whole_log(team.owner, since=pivot["at"], action="updated")
    assert updated == [i for i in later if i["action"] == "updated"]
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert page(team.owner, since=future)["items"] == []


def _fields(r: Any) -> dict[str, str]:
    error = assert_error(r, 422, "validation_failed")
    return dict(error["details"]["fields"])


def test_a_cursor_or_date_the_server_did_not_give_out_is_422_naming_it(team: Team) -> None:
    owner = team.owner
    forged = [
        "nope",
        "!!!!",
        base64.urlsafe_b64encode(b"ev:abc").decode(),
        base64.urlsafe_b64encode(b"ev:-5").decode(),
        base64.urlsafe_b64encode(b"ev:0").decode(),
        # A customer list's cursor is not a page of this log.
        base64.urlsafe_b64encode(b"c_01H0000000000000000000000").decode().rstrip("="),
    ]
    for cursor in forged:
        r = owner.get("/activity", params={"cursor": cursor})
        assert "cursor" in _fields(r), cursor
        assert "first page" in r.json()["error"]["message"]
    for field in ("since", "until"):
        for bad in ("yesterday", "2026-13-01", "10.03.2026.", "2026-03-10T25:00", ""):
            r = owner.get("/activity", params={field: bad})
            fields = _fields(r)
            assert field in fields and "ISO 8601" in fields[field], (field, bad, fields)
    r = owner.get("/activity", params={"since": "2026-03-10", "until": "2026-03-09"})
    assert set(_fields(r)) == {"until"}
    for limit in (0, 501, -1):
        assert "limit" in _fields(owner.get("/activity", params={"limit": limit}))
    assert len(page(owner, limit=500)["items"]) <= 500


def test_another_partners_events_never_appear(team: Team) -> None:
    _busy_day(team)
    demo = seeded(team.url, "owner")
    new_customer(demo)  # the Demo Partner writes while we read
    mine = whole_log(team.owner, limit=500)
    theirs = whole_log(demo, limit=500)
    assert mine and theirs
    assert {i["id"] for i in mine}.isdisjoint(i["id"] for i in theirs)
    my_people = {team.owner_name} | {i["actor"] for i in mine}
    assert not any(i["actor"] in my_people for i in theirs)
    assert whole_log(team.owner, actor="demo") == []
    assert whole_log(demo, actor=team.owner_name) == []


def _actions_since(t: Team, last_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    fresh = [i for i in whole_log(t.owner, limit=500) if i["id"] > last_id]
    assert all(i["customer_id"] is None and i["customer_name"] is None for i in fresh)
    return [(i["actor"], i["action"], i["details"]) for i in reversed(fresh)]


def _last_id(t: Team) -> int:
    return int(page(t.owner, limit=1)["items"][0]["id"])


def _count_events_of(server: ServerProcess, actor: str) -> int:
    db = Database(server.database_url)
    try:
        with db.session() as s:
            return int(s.execute(select(func.count()).where(Event.actor == actor)).scalar_one())
    finally:
        db.dispose()


def test_sign_ins_failures_and_sign_outs_are_written_with_their_actor(team: Team) -> None:
    member, password = add_staff(team.owner, "agent")
    name = member["username"]
    start = _last_id(team)
    session = sign_in(team.url, name, password)
    wrong = ApiClient(team.url).post("/auth/login", json={"username": name, "password": "x" * 14})
    assert_error(wrong, 401, "invalid_credentials")
    assert session.post("/auth/logout").status_code == 204
    assert _actions_since(team, start) == [
        (name, "auth.login", {}),
        (name, "auth.login_failed", {"reason": "wrong_password"}),
        (name, "auth.logout", {}),
    ]
    # A disabled user's right password is a failure too, and says why.
    assert team.owner.patch(f"/staff/{member['id']}", json={"disabled": True}).status_code == 200
    start = _last_id(team)
    refused = ApiClient(team.url).post("/auth/login", json={"username": name, "password": password})
    assert_error(refused, 401, "account_disabled")
    assert _actions_since(team, start) == [
        (name, "auth.login_failed", {"reason": "account_disabled"})
    ]
    # A name that is no one's belongs to no partner: it is written nowhere.
    nobody = unique("nobody")
    missing = ApiClient(team.url).post("/auth/login", json={"username": nobody, "password": "x"})
    assert_error(missing, 401, "invalid_credentials")
    assert _count_events_of(team.server, nobody) == 0
    assert _actions_since(team, start) == [
        (name, "auth.login_failed", {"reason": "account_disabled"})
    ]


def test_staff_and_team_changes_are_written_with_their_actor_and_no_secret(team: Team) -> None:
    owner = team.owner_name
    start = _last_id(team)
    member, password = add_staff(team.owner, "viewer", display_name="Ana Kovač")
    uid, name = member["id"], member["username"]
    who = {"user_id": uid, "username": name}
    changes = [
        {"role": "agent"},
        {"display_name": "Ana K.", "email": "ana.k@example.hr", "role": "agent"},
        {"display_name": "Ana K."},  # no change: no event
        {"disabled": True},
        {"disabled": True},  # already disabled: no event
        {"disabled": False},
    ]
    for body in changes:
        r = team.owner.patch(f"/staff/{uid}", json=body)
        assert r.status_code == 200, r.text
    new_password = strong_password()
    r = team.owner.post(
        "/me/password",
        json={"current_password": "not-my-password-1", "new_password": new_password},
    )
    assert r.status_code == 401  # a wrong current password changes nothing
    member_session = sign_in(team.url, name, password)
    r = member_session.post(
        "/me/password", json={"current_password": password, "new_password": new_password}
    )
    assert r.status_code == 204, r.text
    # Two-factor first: once the team requires it, a user without it may do nothing else.
    setup = team.owner.post("/me/mfa/setup").json()
    confirmed = team.owner.post("/me/mfa/confirm", json={"code": pyotp.TOTP(setup["secret"]).now()})
    assert confirmed.status_code == 200, confirmed.text
    for value in (True, True, False):
        assert team.owner.patch("/partner", json={"require_mfa": value}).status_code == 200
    created = {
        **who,
        "display_name": "Ana Kovač",
        "email": member["email"],
        "role": "viewer",
    }
    assert _actions_since(team, start) == [
        (owner, "staff.created", created),
        (owner, "staff.updated", {**who, "fields": ["role"], "changes": {"role": "agent"}}),
        (
            owner,
            "staff.updated",
            {
                **who,
                "fields": ["display_name", "email"],
                "changes": {"display_name": "Ana K.", "email": "ana.k@example.hr"},
            },
        ),
        (owner, "staff.disabled", who),
        (owner, "staff.enabled", who),
        (name, "auth.login", {}),
        (name, "auth.password_changed", {}),
        (owner, "mfa.enabled", {}),
        (owner, "partner.updated", {"fields": ["require_mfa"], "changes": {"require_mfa": True}}),
        (owner, "partner.updated", {"fields": ["require_mfa"], "changes": {"require_mfa": False}}),
    ]
    written = str(whole_log(team.owner, limit=500))
    secrets = [password, new_password, team.owner_password, str(member_session.token)]
    for secret in [*secrets, setup["secret"], *confirmed.json()["recovery_codes"]]:
        assert secret not in written


def _last_tuesday(today: datetime) -> datetime:
    back = (today.weekday() - 1) % 7 or 7
    day = (today - timedelta(days=back)).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _back_date(server: ServerProcess, event_id: int, at: datetime) -> None:
    db = Database(server.database_url)
    try:
        with db.session(write=True) as s:
            s.execute(update(Event).where(Event.id == event_id).values(at=at))
    finally:
        db.dispose()


def test_who_suspended_this_customer_last_tuesday(team: Team) -> None:
    agent_user, password = add_staff(team.owner, "agent")
    agent = sign_in(team.url, agent_user["username"], password)
    c = new_customer(team.owner)
    other = new_customer(team.owner)
    assert run_operation(agent, c["id"], "suspend", {"reason": "Unpaid"})["state"] == "succeeded"
    assert run_operation(agent, other["id"], "suspend", {"reason": "Unpaid"})["state"] == (
        "succeeded"
    )
    assert run_operation(team.owner, c["id"], "unsuspend")["state"] == "succeeded"
    tuesday = _last_tuesday(datetime.now(UTC))
    for item, hour in zip(reversed(page(team.owner, limit=3)["items"]), (10, 11, 16), strict=True):
        _back_date(team.server, item["id"], tuesday + timedelta(hours=hour))
    # Today the owner suspends it again: the filter must still name Tuesday's.
    assert run_operation(team.owner, c["id"], "suspend", {"reason": "Again"})["state"] == (
        "succeeded"
    )
    asked = {
        "action": "suspended",
        "customer_id": c["id"],
        "since": tuesday.date().isoformat(),
        "until": (tuesday + timedelta(days=1)).date().isoformat(),
    }
    answer = page(team.owner, **asked)["items"]
    assert [(i["actor"], i["customer_name"], i["details"]["reason"]) for i in answer] == [
        (agent_user["username"], c["name"], "Unpaid")
    ]
    assert moment(answer[0]) == tuesday + timedelta(hours=10)
    both = page(team.owner, action="suspended", customer_id=c["id"])["items"]
    assert [i["actor"] for i in both] == [team.owner_name, agent_user["username"]]


def test_a_customers_history_still_shows_only_its_own_events(team: Team) -> None:
    _, _, (first, second) = _busy_day(team)
    for c in (first, second):
        history = events(team.owner, c["id"])
        assert history and all(set(h) == {"at", "actor", "action", "details"} for h in history)
        assert not any(h["action"].startswith(("auth.", "staff.")) for h in history)
        assert len(history) == len(whole_log(team.owner, customer_id=c["id"]))


def test_only_owners_and_admins_read_the_log(book: ServerProcess) -> None:
    for role, status in (("owner", 200), ("admin", 200), ("agent", 403), ("viewer", 403)):
        r = seeded(book.url, role).get("/activity")
        assert r.status_code == status, (role, r.text)
        if status == 403:
            assert assert_error(r, 403, "forbidden")["details"] == {"required": "activity.read"}
    assert_error(ApiClient(book.url).get("/activity"), 401, "unauthenticated")


def _explain(db: Database, query: Any) -> str:
    """The database's plan for a query, as one text."""
    compiled = query.compile(dialect=db.engine.dialect)
    with db.engine.connect() as conn:
        if db.is_sqlite:
            params = tuple(compiled.params[name] for name in compiled.positiontup)
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).all()
            return "\n".join(str(row[-1]) for row in rows)
        rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).all()
        return "\n".join(str(row[0]) for row in rows)


def _many_events(db: Database, small: int, large: int) -> tuple[str, str]:
    """A book of three partners: the first with `small` events, the others `large` each, one in
    ten of them a customer's, spread over the last 60 days; (the first partner, its customer)."""
    with db.session(write=True) as s:
        customers = s.execute(
            text("SELECT partner_id, min(id) FROM customers GROUP BY partner_id ORDER BY 1")
        ).all()
        assert len(customers) == 3
        start = datetime.now(UTC) - timedelta(days=60)
        for (partner, customer), count in zip(customers, (small, large, large), strict=True):
            step = timedelta(days=60) / count
            rows = [
                {
                    "partner_id": partner,
                    "customer_id": customer if n % 10 == 0 else None,
                    "at": start + n * step,
                    "actor": f"user{n % 7}",
                    "action": "updated" if n % 10 == 0 else "auth.login",
                    "details": {},
                }
                for n in range(count)
            ]
            s.execute(Event.__table__.insert(), rows)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return customers[0][0], customers[0][1]


def test_a_page_is_one_query_off_an_index_on_both_backends(
    new_database_url: Callable[[], str],
) -> None:
    """The route's own query, planned by each database on a book of 63,000 events, for the
    first page and a later one, unfiltered and filtered: the events are found through an index,
    never a scan of the table. The first page of the whole log, the page the Activity log opens
    on, is read backwards off (partner_id, id) and stops at the limit, with no sort. PostgreSQL
    may instead gather and sort the few rows it expects a narrow filter to match (through
    indexes too); SQLite always walks an index in id order."""
    from server.routes.activity import ActivityFilter, activity_query

    url = new_database_url()
    seed_database(url, customers=30, partners=3, seed=5)
    db = Database(url)
    try:
        partner, customer = _many_events(db, 3_000, 30_000)
        with db.session() as s:
            newest = s.execute(
                select(func.max(Event.id)).where(Event.partner_id == partner)
            ).scalar_one()
        now = datetime.now(UTC)
        plan = _explain(db, activity_query(ActivityFilter(partner), None, 100))
        assert "ix_events_partner_id_id" in plan and "Sort" not in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        cases = [
            ActivityFilter(partner),
            ActivityFilter(partner, actor="user3"),
            ActivityFilter(partner, action="updated", since=now - timedelta(days=40), until=now),
            ActivityFilter(partner, actor="user3", action="updated", until=now),
            ActivityFilter(partner, customer_id=customer),
        ]
        indexes = ("ix_events_partner_id_id", "ix_events_customer_id_id", "events_pkey")
        for f in cases:
            for before in (None, int(newest) // 2):
                plan = _explain(db, activity_query(f, before, 100))
                assert any(name in plan for name in indexes), (f, before, plan)
                assert "Seq Scan on events" not in plan, (f, before, plan)
                if db.is_sqlite:
                    assert "SCAN events" not in plan and "TEMP B-TREE" not in plan, (f, plan)
    finally:
        db.dispose()
