"""GET /customers: every way of searching, exact totals, and keyset pages that stay stable.

Most tests run over real HTTP against a seeded server of this module (demo partner: 300
customers; conftest.py's `api` and `other_api` sign in to it), on both backends. Expected
answers come from a plain reading of the partner's customers and the rules of API.md,
implemented here independently of the server. The server's SQLite plans (FTS, scans, sorted or
walked pages) are also checked against each other directly on the database file, and the seed
against the search keys the API's own code makes.

No timings are asserted here: bench/server_search.py measures.
"""

from __future__ import annotations

import base64
import json
import random
import re
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from tests.server.helpers import assert_error, clients_like, new_customer, unique
from tests.support.server import ApiClient, ServerProcess, seed_database


@pytest.fixture(scope="module")
def server(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """A seeded server of this module's own (demo partner: 300 customers): these tests add
    customers, which the suite's shared server must not see."""
    url = new_database_url()
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        yield proc


PHONE_QUERY = re.compile(r"^[0-9 +()./-]*[0-9][0-9 +()./-]*$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ID = re.compile(r"^c_[0-9A-HJKMNP-TV-Z]{26}$")


# The rules of API.md, independently of server/search.py.


# Accents: the marks of the Combining Diacritical Marks blocks, and the letters that carry one
# without decomposing into it.
ACCENT_BLOCKS = (
    (0x300, 0x36F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
PLAIN_LETTERS = dict(zip("đðħıłøŧƀǥɨƚƶȼɇɉɍʉɏ", "ddhilotbgilzcejruy", strict=True))
PLAIN_LETTERS.update({"æ": "ae", "œ": "oe", "þ": "th"})


def fold(text: str) -> str:
    """Case and accents ignored: casefolded, NFKD without its accent marks, then NFC."""
    kept = []
    for ch in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()):
        if not any(lo <= ord(ch) <= hi for lo, hi in ACCENT_BLOCKS):
            kept.append(PLAIN_LETTERS.get(ch, ch))
    return CONTROL.sub(" ", unicodedata.normalize("NFC", "".join(kept).casefold()))


def phone_forms(phone: str, country: str) -> list[str]:
    """A phone's digits, and the same number written the other way (international digits for a
    national number of the customer's country, the national form, trunk prefix and all, for an
    international one), from phonenumbers' parser."""
    plain = "".join(ch for ch in phone if ch in "0123456789")
    forms = [plain]
    try:
        number = phonenumbers.parse(phone, country or None)
    except phonenumbers.NumberParseException:
        return forms
    region = phonenumbers.region_code_for_country_code(number.country_code)
    significant = phonenumbers.national_significant_number(number)
    trunk = phonenumbers.ndd_prefix_for_region(region, True) or ""
    return [*forms, f"{number.country_code}{significant}", trunk + significant]


def fields_of(c: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "name": [fold(c["name"])],
        "account_number": [fold(c["account_number"])],
        "email": [fold(c["email"])],
        "phone": phone_forms(c["phone"], c["address"]["country"]) if c["phone"] else [""],
        "domain": [fold(d) for d in [c["domain"], *c["alias_domains"]]],
    }


def matches(c: dict[str, Any], q: str, field: str | None) -> bool:
    text = q.strip()
    if not text:
        return True
    folded = fold(text)
    digits = "".join(ch for ch in text if ch in "0123456789") if PHONE_QUERY.match(text) else ""
    values = fields_of(c)
    if field == "phone":
        return bool(digits) and any(digits in v for v in values["phone"])
    if field is not None:
        return any(folded in v for v in values[field])
    if any(folded in v for vs in values.values() for v in vs):
        return True
    return bool(digits) and any(digits in v for v in values["phone"])


def expected(
    everyone: list[dict[str, Any]], q: str = "", field: str | None = None, status: str | None = None
) -> list[str]:
    return sorted(
        c["id"]
        for c in everyone
        if (status is None or c["status"] == status) and matches(c, q, field)
    )


# Reading the API.


def pages(api: ApiClient, limit: int = 1000, **params: Any) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        query = {**params, "limit": limit}
        if cursor:
            query["cursor"] = cursor
        r = api.get("/customers", params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        yield page
        cursor = page["next_cursor"]
        if cursor is None:
            return


def every(api: ApiClient, limit: int = 1000, **params: Any) -> tuple[list[str], set[int]]:
    """The ids of every page in order, and the totals the pages gave."""
    ids: list[str] = []
    totals: set[int] = set()
    for page in pages(api, limit, **params):
        ids += [c["id"] for c in page["items"]]
        totals.add(page["total"])
    return ids, totals


def everyone(api: ApiClient) -> list[dict[str, Any]]:
    return [c for page in pages(api) for c in page["items"]]


def search(api: ApiClient, **params: Any) -> tuple[list[str], int]:
    ids, totals = every(api, **params)
    assert len(totals) == 1, totals
    return ids, totals.pop()


def assert_search(api: ApiClient, people: list[dict[str, Any]], **params: Any) -> list[str]:
    ids, total = search(api, **params)
    want = expected(people, **params)
    assert ids == want, params
    assert total == len(want), params
    return ids


# Every way of searching.


def queries_from(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A mix of queries made from the data itself: rare, common, short, per field, by status."""
    rng = random.Random(7)
    sample = rng.sample(people, 6)
    queries: list[dict[str, Any]] = [
        {"q": "a"},
        {"q": "A"},
        {"q": "ov"},
        {"q": "7", "field": "phone"},
        {"q": "hr", "field": "domain"},
        {"q": "com", "field": "domain"},
        {"q": ".com"},
        {"q": "d.o.o", "field": "name", "status": "active"},
        {"q": "zzqzz"},
        {"q": "-"},
        {"q": "@"},
        {"q": "e", "status": "suspended"},
        {"q": "info", "field": "email", "status": "canceled"},
        {"q": "  info  "},
    ]
    for c in sample:
        name = c["name"]
        queries += [
            {"q": name[2:6]},
            {"q": name.upper()},
            {"q": name[:3].lower(), "field": "name"},
            {"q": c["account_number"]},
            {"q": c["account_number"][-3:], "field": "account_number"},
            {"q": c["email"].split("@")[0][:4] + "@", "field": "email"},
            {"q": c["phone"][:9]},
            {"q": c["phone"][-6:], "field": "phone"},
            {"q": c["domain"].split(".")[0][-5:], "field": "domain"},
            {"q": c["domain"], "field": "email"},
            {"q": name[:4], "status": c["status"]},
        ]
    return queries


def test_every_way_of_searching_answers_exactly_what_api_md_says(api: ApiClient) -> None:
    people = everyone(api)
    assert len(people) >= 300
    for params in queries_from(people):
        assert_search(api, people, **params)


def test_a_phone_number_is_found_by_its_digits_however_it_is_typed(api: ApiClient) -> None:
    tag = str(random.Random().randrange(10**6, 10**7))
    c = new_customer(api, phone=f"+385 1 {tag[:3]} {tag[3:]}")
    people = everyone(api)
    for q in (f"+385 1 {tag[:3]}", f"3851{tag[:3]}", f"(1) {tag[:3]}-{tag[3:5]}", f"1/{tag}"):
        assert c["id"] in assert_search(api, people, q=q), q
        assert c["id"] in assert_search(api, people, q=q, field="phone"), q
    # Other fields are not searched as phones: the digits are not in the name.
    assert c["id"] not in assert_search(api, people, q=f"3851{tag[:3]}", field="name")
    # Letters are no phone number: only a text search.
    assert assert_search(api, people, q=f"x{tag}", field="phone") == []


def test_alias_domains_are_searched_as_domains(api: ApiClient) -> None:
    tag = unique("al")
    c = new_customer(api, alias_domains=[f"{tag}-one.example.com", f"www.{tag}-two.example.net"])
    people = everyone(api)
    assert assert_search(api, people, q=f"{tag}-two") == [c["id"]]
    assert assert_search(api, people, q=f"{tag}-TWO.EXAMPLE.NET", field="domain") == [c["id"]]
    assert assert_search(api, people, q=f"{tag}-one", field="email") == []
    # The domain and its aliases are separate values: nothing matches across two of them.
    assert assert_search(api, people, q="com www", field="domain") == []


def test_unicode_case_is_folded_both_ways(api: ApiClient) -> None:
    tag = unique("u")
    c = new_customer(api, name=f"ČAKOVEC Straße Ærø {tag} d.o.o.", contact_name="Đuro Đaković")
    people = everyone(api)
    for q in ("čak", "ČAK", "čAkOvEc", "strasse", "STRASSE", "ærø", "ÆRØ"):
        ids = assert_search(api, people, q=f"{q}")
        assert c["id"] in ids, q
        assert c["id"] in assert_search(api, people, q=q, field="name"), q
    # Decomposed input (c + combining caron) finds the composed name too.
    assert c["id"] in assert_search(api, people, q=unicodedata.normalize("NFD", "čakovec"))
    # The contact person is not one of the searched fields.
    assert c["id"] not in assert_search(api, people, q="đaković")


def test_accents_are_ignored_both_ways(api: ApiClient) -> None:
    tag = unique("acc")
    c = new_customer(api, name=f"Trikotaža Šibenik Łódź Øresund Đakovo Straße Ærø {tag} d.o.o.")
    people = everyone(api)
    for q in (
        "trikotaza",
        "TRIKOTAZA",
        "trikotaža",
        "sibenik",
        "Šibenik",
        "lodz",
        "oresund",
        "dakovo",
        "Đakovo",
        "strasse",
        "aero",
        "ærø",
        unicodedata.normalize("NFD", "šibenik"),
    ):
        assert c["id"] in assert_search(api, people, q=q), q
        assert c["id"] in assert_search(api, people, q=q, field="name"), q
    # One accented letter is its plain letter: "ž" finds the "z" of "trikotaza" (and of others).
    assert c["id"] in assert_search(api, people, q="ž", field="name")
    # Accent marks alone are no text: like a blank query, every customer (and no phone).
    assert len(assert_search(api, people, q="\u0301\u0308")) == len(people)
    assert assert_search(api, people, q="\u0301", field="phone") == []


def test_a_national_number_finds_the_international_one_and_back(api: ApiClient) -> None:
    tag = str(random.Random().randrange(10**6, 10**7))
    zagreb = new_customer(api, phone=f"+385 1 {tag[:3]} {tag[3:]}")
    berlin = new_customer(
        api,
        phone=f"+49 30 {tag[:3]} {tag[3:]}",
        address={
            "street": "Unter den Linden 1",
            "city": "Berlin",
            "region": "",
            "postal_code": "10117",
            "country": "DE",
        },
    )
    # Stored as dialled at home: found by the international form too (the address's country).
    split = new_customer(api, phone=f"021 {tag[:3]} {tag[3:]}")
    people = everyone(api)
    for q, who in (
        (f"01 {tag[:3]} {tag[3:]}", zagreb),
        (f"01{tag}", zagreb),
        (f"(01) {tag[:3]}-{tag[3:]}", zagreb),
        (f"030 {tag[:3]} {tag[3:]}", berlin),
        (f"+385 21 {tag[:3]} {tag[3:]}", split),
        (f"38521{tag}", split),
        (f"021 {tag}", split),
    ):
        assert assert_search(api, people, q=q) == [who["id"]], q
        assert assert_search(api, people, q=q, field="phone") == [who["id"]], q
    # Only a number's own country's trunk prefix: "0" before a German number is no Croatian one.
    assert assert_search(api, people, q=f"030 {tag}", field="phone") == [berlin["id"]]
    assert assert_search(api, people, q=f"01 {tag[:3]}", field="name") == []


def test_query_characters_are_text_not_syntax(api: ApiClient) -> None:
    tag = unique("s")
    c = new_customer(api, name=f'Quote "Q" 100% [x]_y*z? {tag} \\ o\'k')
    people = everyone(api)
    for q in ('"q"', "100%", "[x]", "]_y", "_y*", "*z?", "%", "_", "\\ o'k", '"', "z? "):
        ids = assert_search(api, people, q=q)
        assert c["id"] in ids, q
    assert assert_search(api, people, q=f"{tag} AND q") == []
    assert assert_search(api, people, q=f"{tag}*") == []


def test_status_filter_and_totals_match_the_book(api: ApiClient) -> None:
    people = everyone(api)
    by_status: dict[str, int] = {}
    for c in people:
        by_status[c["status"]] = by_status.get(c["status"], 0) + 1
    assert "active" in by_status, by_status
    for status, count in by_status.items():
        ids = assert_search(api, people, status=status)
        assert len(ids) == count
    assert search(api)[1] == len(people)


def test_field_narrows_to_one_field(api: ApiClient) -> None:
    tag = unique("f")
    by_name = new_customer(api, name=f"{tag} Consulting")
    by_email = new_customer(api, email=f"{tag}@example.hr")
    by_domain = new_customer(api, domain=f"{tag}.example.hr")
    people = everyone(api)
    assert set(assert_search(api, people, q=tag)) == {
        by_name["id"],
        by_email["id"],
        by_domain["id"],
    }
    assert assert_search(api, people, q=tag, field="name") == [by_name["id"]]
    # Emails of new_customer hold their domain; this one's email is the only one with the tag.
    assert assert_search(api, people, q=tag, field="email") == [by_email["id"]]
    assert assert_search(api, people, q=tag, field="domain") == [by_domain["id"]]
    assert assert_search(api, people, q=tag, field="account_number") == []
    assert assert_search(api, people, q=by_name["account_number"], field="account_number") == [
        by_name["id"]
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"field": "contact_name", "q": "a"}, "field"),
        ({"field": ""}, "field"),
        ({"status": "deleted"}, "status"),
        ({"status": "ACTIVE"}, "status"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": base64.urlsafe_b64encode(b"c_123").decode()}, "cursor"),
        ({"cursor": base64.urlsafe_b64encode(b"' OR 1=1 --").decode()}, "cursor"),
        ({"cursor": "%%%"}, "cursor"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_invalid_parameters_are_422_in_the_one_error_shape(
    api: ApiClient, params: dict[str, Any], field: str
) -> None:
    r = api.get("/customers", params=params)
    error = assert_error(r, 422, "validation_failed")
    assert field in json.dumps(error["details"]), error


def test_pagination_visits_every_row_exactly_once(api: ApiClient) -> None:
    people = everyone(api)
    for params in ({}, {"status": "active"}, {"q": "a"}, {"q": "o", "field": "name"}):
        want = expected(people, **params)
        for limit in (1, 7, 200):
            if limit == 1 and len(want) > 150:
                continue
            ids, totals = every(api, limit=limit, **params)
            assert ids == want, (params, limit)
            assert totals == {len(want)}, (params, limit)


def test_cursor_is_opaque_but_stable(api: ApiClient) -> None:
    first = api.get("/customers", params={"limit": 3}).json()
    again = api.get("/customers", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    twice = api.get("/customers", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    assert again["items"] == twice["items"]
    assert again["items"][0]["id"] > first["items"][-1]["id"]
    # A cursor from another query still means "after this id": keyset, not offset.
    other = api.get(
        "/customers", params={"limit": 3, "cursor": first["next_cursor"], "status": "active"}
    ).json()
    assert all(c["id"] > first["items"][-1]["id"] for c in other["items"])
    # A cursor past the last row gives an empty last page, not an error.
    last = base64.urlsafe_b64encode(("c_7" + "Z" * 25).encode()).decode().rstrip("=")
    end = api.get("/customers", params={"cursor": last})
    assert end.status_code == 200, end.text
    assert end.json()["items"] == [] and end.json()["next_cursor"] is None


def test_new_and_edited_customers_are_found_at_once(api: ApiClient) -> None:
    tag = unique("e")
    c = new_customer(api, name=f"Before {tag}")
    assert search(api, q=f"before {tag}")[0] == [c["id"]]
    etag = api.get(f"/customers/{c['id']}").headers["ETag"]
    r = api.patch(
        f"/customers/{c['id']}",
        json={"name": f"After {tag}", "alias_domains": [f"{tag}.example.org"]},
        headers={"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert search(api, q=f"before {tag}")[0] == []
    assert search(api, q=f"after {tag}")[0] == [c["id"]]
    assert search(api, q=f"{tag}.example.org", field="domain")[0] == [c["id"]]
    # A status change moves the customer between status totals and status searches.
    suspended_before = search(api, status="suspended")[1]
    op = api.post(
        f"/customers/{c['id']}/suspend",
        json={"reason": "search test"},
        headers={"Idempotency-Key": unique("k")},
    )
    assert op.status_code == 202, op.text
    assert api.wait_operation(op.json()["id"], timeout=60)["state"] == "succeeded"
    assert search(api, status="suspended")[1] == suspended_before + 1
    assert search(api, q=f"after {tag}", status="suspended")[0] == [c["id"]]
    assert search(api, q=f"after {tag}", status="active")[0] == []


def test_pages_stay_stable_while_rows_are_inserted_and_changed(api: ApiClient) -> None:
    """A walk page by page sees every row that exists for the whole walk exactly once, in id
    order, while other clients insert customers and edit them (If-Match), matching or not."""
    tag = unique("st")
    own = [new_customer(api, name=f"Stable {tag} {i:03d}") for i in range(40)]
    before_q = {c["id"] for c in own}
    before_all = set(every(api)[0])
    stop = threading.Event()
    failures: list[str] = []

    def churn(client: ApiClient, seed: int) -> None:
        rng = random.Random(seed)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                made = new_customer(client, name=f"Stable {tag} new {seed}-{n}")
                target = rng.choice(own)
                current = client.get(f"/customers/{target['id']}")
                r = client.patch(
                    f"/customers/{target['id']}",
                    json={"name": f"Stable {tag} edited {seed}-{n}", "phone": f"+385 1 {n:07d}"},
                    headers={"If-Match": current.headers["ETag"]},
                )
                if r.status_code not in (200, 412):
                    failures.append(r.text)
                current = client.get(f"/customers/{made['id']}")
                client.patch(
                    f"/customers/{made['id']}",
                    json={"name": f"Gone {n}"},
                    headers={"If-Match": current.headers["ETag"]},
                )
            except Exception as exc:  # reported below; a thread cannot fail the test itself
                failures.append(repr(exc))

    threads = [
        threading.Thread(target=churn, args=(client, seed), daemon=True)
        for seed, client in enumerate(clients_like(api, 2))
    ]
    for t in threads:
        t.start()
    try:
        walks = {
            "q": every(api, limit=5, q=f"stable {tag}")[0],
            "all": every(api, limit=50)[0],
            "name": every(api, limit=3, q=tag, field="name")[0],
        }
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert not failures, failures[:3]
    for what, ids in walks.items():
        assert len(ids) == len(set(ids)), f"{what}: a row was seen twice"
        assert ids == sorted(ids), f"{what}: not in id order"
        assert all(ID.match(i) for i in ids)
    assert before_q <= set(walks["q"])
    assert before_q <= set(walks["name"])
    assert before_all <= set(walks["all"])
    # And once the dust settles, the totals agree with the rows again.
    people = everyone(api)
    assert_search(api, people, q=f"stable {tag}")
    assert_search(api, people, q="gone")


def test_totals_are_exact_for_a_partner_of_its_own(other_api: ApiClient, api: ApiClient) -> None:
    """Another partner's customers are never counted nor found."""
    mine = everyone(api)
    theirs = everyone(other_api)
    assert {c["id"] for c in mine}.isdisjoint({c["id"] for c in theirs})
    for params in ({}, {"q": "a"}, {"q": "com"}, {"status": "suspended"}):
        assert search(other_api, **params)[1] == len(expected(theirs, **params))
        assert search(api, **params)[1] == len(expected(mine, **params))


def test_the_answer_says_how_long_the_database_took(api: ApiClient) -> None:
    r = api.get("/customers", params={"q": "a", "limit": 1})
    assert re.fullmatch(r"db;dur=\d+(\.\d+)?", r.headers["Server-Timing"])


# The SQLite plans against each other, directly on the database of the shared server.


def _sqlite_path(server: ServerProcess) -> str:
    if not server.database_url.startswith("sqlite:///"):
        pytest.skip("SQLite's own plans")
    return server.database_url


def test_sqlite_plans_agree_with_each_other_and_with_the_rules(
    api: ApiClient, server: ServerProcess
) -> None:
    from server.db import Database
    from server.search import CustomerQuery
    from server.search_plan import SqliteSearch

    class Scan(SqliteSearch):
        def _fts_match(self, needles: Any, partner_total: int) -> str | None:
            return None

    class Sort(SqliteSearch):
        SORT_OVER_WALK = 0
        SMALL_PARTNER = 0
        SHORT_FTS_LIMIT = 10**12
        MAX_TERMS = 10**6

    class Walk(Sort):
        SORT_OVER_WALK = 10**12

    class Uncounted(SqliteSearch):
        def _counted_total(self, needles: Any) -> int | None:
            return None

    url = _sqlite_path(server)
    tag = unique("p")
    new_customer(api, name=f"Plan {tag} Ærø", alias_domains=[f"{tag}.example.com"])
    people = everyone(api)
    partner = api.get("/me").json()["partner"]["id"]
    db = Database(url)
    try:
        counted = [{"q": "e", "status": "suspended"}, {"q": "3"}, {"q": "'"}, {"q": "đ"}]
        for params in [*queries_from(people), *counted, {"q": tag}, {"q": "ær"}, {"q": "ø"}]:
            want = expected(people, **params)
            middle = want[len(want) // 2] if want else None
            for plan in (SqliteSearch, Scan, Sort, Walk, Uncounted):
                for after in (None, middle):
                    with db.session() as s:
                        query = CustomerQuery(
                            partner, params.get("q", ""), params.get("field"), params.get("status")
                        )
                        ids, total = plan(s, query).run(after, 1000)
                    assert ids == [i for i in want if after is None or i > after], (plan, params)
                    assert total == len(want), (plan, params)
    finally:
        db.dispose()


def _char_counts_are_exact(conn: sqlite3.Connection) -> None:
    """customer_char_counts holds what a count of every row would give, and nothing else."""
    from server.search_sqlite import ANY_FIELD, COUNTED_CHARS, DIGITS, PHONE_FIELD

    stored = {
        tuple(row[:4]): row[4]
        for row in conn.execute(
            "SELECT partner_id, status, field, ch, n FROM customer_char_counts WHERE n != 0"
        )
    }
    want: dict[tuple[Any, ...], int] = {}
    rows = conn.execute("SELECT partner_id, status, search_text, phone_key FROM customers")
    for partner, status, search_text, phone_key in rows:
        for field, key, chars in (
            (ANY_FIELD, search_text, COUNTED_CHARS),
            (PHONE_FIELD, phone_key, DIGITS),
        ):
            for ch in set(key) & set(chars):
                want[(partner, status, field, ch)] = want.get((partner, status, field, ch), 0) + 1
    assert stored == want


def test_character_counts_follow_every_write(tmp_path: Path) -> None:
    """One-character totals come from customer_char_counts: the seed's bulk fill, and the
    triggers on every insert, edit, status change and delete, keep it exact."""
    url = f"sqlite:///{tmp_path / 'counts.sqlite3'}"
    seed_database(url, customers=400)
    conn = sqlite3.connect(tmp_path / "counts.sqlite3")
    try:
        _char_counts_are_exact(conn)
        ids = [r[0] for r in conn.execute("SELECT id FROM customers ORDER BY id LIMIT 3")]
        conn.execute("UPDATE customers SET status = 'canceled' WHERE id = ?", (ids[0],))
        conn.execute(
            "UPDATE customers SET name_key = 'zzz', phone_key = '999',"
            " search_text = char(1) || 'zzz' || char(2) || lower(account_number) || char(3)"
            " || email_key || char(4) || '999' || char(5) || domain_key WHERE id = ?",
            (ids[1],),
        )
        # (This connection does not enforce foreign keys: its services may stay.)
        conn.execute("DELETE FROM customers WHERE id = ?", (ids[2],))
        conn.commit()
        _char_counts_are_exact(conn)
    finally:
        conn.close()


def test_the_character_counts_migration_fills_them_and_they_stay_exact(tmp_path: Path) -> None:
    """A database equipped for search before customer_char_counts existed gets it filled by
    migration 0005, with triggers that keep it exact from then on."""
    from alembic import command

    from server.db import Database
    from server.migrate import alembic_config

    path = tmp_path / "before.sqlite3"
    seed_database(f"sqlite:///{path}", customers=300)
    with sqlite3.connect(path) as conn:
        # What a database at 0004 had before this table: no counts, triggers that keep none.
        for name in search_sqlite_triggers():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE customer_char_counts")
        conn.execute("DROP TABLE customer_count_chars")
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    db = Database(f"sqlite:///{path}")
    try:
        config = alembic_config(db.engine)
        # Only the migration under test: the later ones' tables and indexes are all there
        # already (the database was made at head), and each need not expect to find its own.
        command.upgrade(config, "0005")
        command.stamp(config, "head")
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:
        _char_counts_are_exact(conn)
        conn.execute("UPDATE customers SET status = 'suspended' WHERE rowid % 7 = 0")
        _char_counts_are_exact(conn)


def search_sqlite_triggers() -> list[str]:
    from server.search_sqlite import TRIGGERS

    return list(TRIGGERS)


# The seed.


def test_seed_is_deterministic_and_makes_the_keys_the_api_makes(
    new_database_url: Callable[[], str],
) -> None:
    from server.db import Database
    from server.migrate import upgrade
    from server.search import key_values
    from server.seed import seed

    def seeded(url: str) -> list[list[Any]]:
        db = Database(url)
        try:
            upgrade(db.engine)
            totals = seed(db, customers=120, partners=3, seed_value=5, today=date(2026, 3, 1))
            assert totals == {"partners": 3, "customers": 160, "services": totals["services"]}
            with db.session() as s:
                return [
                    [list(row) for row in s.execute(_text(f"SELECT * FROM {t} ORDER BY id"))]
                    for t in ("partners", "customers", "services", "operations")
                ]
        finally:
            db.dispose()

    first = seeded(new_database_url())
    second = seeded(new_database_url())
    assert first[1:] == second[1:]
    assert [p[:2] for p in first[0]] == [p[:2] for p in second[0]]
    customers = first[1]
    assert {c[15] for c in customers} == {"active", "suspended", "canceled"}
    for c in customers:
        aliases = c[8] if isinstance(c[8], list) else json.loads(c[8])
        keys = key_values(c[3], c[2], c[5], c[6], c[7], aliases, c[14])
        assert (c[22], c[23], c[24], c[25], c[26]) == keys, c
    services_per_customer: dict[str, int] = {}
    for s in first[2]:
        services_per_customer[s[1]] = services_per_customer.get(s[1], 0) + 1
        assert s[4] == "EUR" and s[3] > 0
    assert set(services_per_customer.values()) <= {1, 2, 3, 4, 5}
    assert len(services_per_customer) == len(customers)


def _text(sql: str) -> Any:
    from sqlalchemy import text

    return text(sql)


def test_migration_brings_an_older_sqlite_database_into_the_search(tmp_path: Path) -> None:
    """A database made before migration 0003, with rows in the old key format, is searchable
    (and exactly so, on every plan) after upgrading."""
    from alembic import command

    from server.db import Database
    from server.migrate import alembic_config
    from server.search import CustomerQuery
    from server.search_plan import SqliteSearch

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url)
    try:
        command.upgrade(alembic_config(db.engine), "0002")
        partner = "p_01GNRQX600YPRPA8JAB2VS3WER"
        rows = []
        for i, (name, phone, aliases) in enumerate(
            [
                ("Ačme\nOne", "+385 1 111", ["acme.com"]),
                ("Beta\x02Two", "+43 1 222", []),
                ("Gamma", "", []),
            ]
        ):
            domain = f"d{i}.hr"
            keys = [
                name.casefold(),
                f"info@{domain}",
                phone.replace(" ", "").replace("+", ""),
                "\n".join([domain, *aliases]),
            ]
            old_text = "\n".join([keys[0], str(100 + i), keys[1], keys[2], keys[3]])
            rows.append(
                (
                    f"c_01GNRR{i:020d}",
                    partner,
                    str(100 + i),
                    name,
                    f"info@{domain}",
                    phone,
                    domain,
                    json.dumps(aliases),
                    old_text,
                    *keys,
                )
            )
        with sqlite3.connect(tmp_path / "old.sqlite3") as conn:
            conn.execute("INSERT INTO partners VALUES (?, 'Old')", (partner,))
            for row in rows:
                conn.execute(
                    "INSERT INTO customers (id, partner_id, account_number, name, contact_name,"
                    " email, phone, domain, alias_domains, website, street, city, region,"
                    " postal_code, country, status, created_at, updated_at, version, search_text,"
                    " name_key, email_key, phone_key, domain_key) VALUES (?, ?, ?, ?, '', ?, ?, ?,"
                    " ?, '', '', '', '', '', 'HR', 'active', '2024-01-01 00:00:00.000000',"
                    " '2024-01-01 00:00:00.000000', 1, ?, ?, ?, ?, ?)",
                    row,
                )
        command.upgrade(alembic_config(db.engine), "head")

        class Sort(SqliteSearch):
            SORT_OVER_WALK = 0
            SMALL_PARTNER = 0
            SHORT_FTS_LIMIT = 10**12

        answers = {}
        for q, field in [
            ("ačme", None),
            ("one", "name"),
            ("two", None),
            ("111", "phone"),
            ("acme.com", "domain"),
            ("a", None),
            ("10", "account_number"),
        ]:
            for plan in (SqliteSearch, Sort):
                with db.session() as s:
                    answers[(q, field, plan)] = plan(s, CustomerQuery(partner, q, field)).run(
                        None, 10
                    )
            assert answers[(q, field, SqliteSearch)] == answers[(q, field, Sort)], (q, field)
        assert answers[("ačme", None, Sort)][1] == 1
        assert answers[("one", "name", Sort)][1] == 1
        assert answers[("two", None, Sort)][1] == 1
        assert answers[("acme.com", "domain", Sort)][1] == 1
        assert answers[("10", "account_number", Sort)][1] == 3
        with db.session() as s:
            counts = s.execute(_text("SELECT status, n FROM customer_counts")).all()
        assert [tuple(r) for r in counts] == [("active", 3)]
    finally:
        db.dispose()


def test_migration_0006_folds_the_keys_of_older_rows_and_back(
    new_database_url: Callable[[], str],
) -> None:
    """Rows keyed by revision 0005's rules (accents kept, the phone as its digits only) are
    found without accents and by their national number after upgrading, on every plan; a
    downgrade gives the old keys back."""
    from alembic import command
    from sqlalchemy import text as sql

    from server.db import Database
    from server.migrate import alembic_config
    from server.search import CustomerQuery, search_page

    url = new_database_url()
    db = Database(url)
    partner = "p_01GNRQX600YPRPA8JAB2VS3WEX"
    rows = [("Trikotaža Šibenik", "+385 22 443 8687", "HR"), ("Zagreb", "01 443 8688", "HR")]
    try:
        command.upgrade(alembic_config(db.engine), "0005")
        with db.session(write=True) as s:
            s.execute(sql("INSERT INTO partners VALUES (:p, 'Old')"), {"p": partner})
            for i, (name, phone, country) in enumerate(rows):
                old = {
                    "name_key": name.casefold(),
                    "email_key": f"info@d{i}.hr",
                    "phone_key": "".join(ch for ch in phone if ch.isdigit()),
                    "domain_key": f"d{i}.hr",
                }
                s.execute(
                    sql(
                        "INSERT INTO customers (id, partner_id, account_number, name,"
                        " contact_name, email, phone, domain, alias_domains, website, street,"
                        " city, region, postal_code, country, status, created_at, updated_at,"
                        " version, search_text, name_key, email_key, phone_key, domain_key)"
                        " VALUES (:id, :p, :a, :name, '', :email, :phone, :domain, '[]',"
                        " '', '', '', '', '', :country, 'active', :at, :at, 1, :text, :name_key,"
                        " :email_key, :phone_key, :domain_key)"
                    ),
                    {
                        "id": f"c_01GNRR{i:020d}",
                        "p": partner,
                        "a": str(100 + i),
                        "name": name,
                        "phone": phone,
                        "email": old["email_key"],
                        "domain": old["domain_key"],
                        "country": country,
                        "at": "2024-01-01 00:00:00",
                        "text": f"\x01{old['name_key']}\x02{100 + i}\x03{old['email_key']}"
                        f"\x04{old['phone_key']}\x05{old['domain_key']}",
                        **old,
                    },
                )
        command.upgrade(alembic_config(db.engine), "head")

        def found(q: str, field: str | None = None) -> list[str]:
            with db.session() as s:
                page = search_page(s, CustomerQuery(partner, q, field), None, 10)
            assert page.total == len(page.rows), q
            return [c.name for c in page.rows]

        assert found("sibenik") == found("šibenik", "name") == ["Trikotaža Šibenik"]
        assert found("trikotaza") == ["Trikotaža Šibenik"]
        assert found("022 443 8687", "phone") == ["Trikotaža Šibenik"]
        assert found("+385 1 443 8688") == ["Zagreb"]
        assert found("443 868") == ["Trikotaža Šibenik", "Zagreb"]
        if url.startswith("sqlite:///"):
            with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
                _char_counts_are_exact(conn)
        command.downgrade(alembic_config(db.engine), "0005")
        with db.session() as s:
            keys = s.execute(sql("SELECT name_key, phone_key FROM customers ORDER BY id")).all()
        assert [tuple(k) for k in keys] == [
            ("trikotaža šibenik", "385224438687"),
            ("zagreb", "014438688"),
        ]
    finally:
        db.dispose()


def test_seed_rows_are_the_same_whichever_process_makes_them(tmp_path: Path) -> None:
    """Big seeds make their rows in a helper process: the very same rows, in the same order.
    (In a child Python, so that forking never happens inside the test runner itself.)"""
    script = """
import hashlib, random, sqlite3, sys
from datetime import date
from server.seed.chunks import chunk_files
state = random.Random(3).getstate()
plan = [("p_a", "demo", 130_000), ("p_b", "other", 20)]
digests = []
for parallel in (False, True):
    digest = hashlib.sha256()
    folder = f"{sys.argv[1]}/{parallel}"
    for path in chunk_files(state, plan, date(2026, 1, 1), folder, parallel):
        chunk = sqlite3.connect(path)
        for table in ("customers", "services", "operations", "catalog"):
            for row in chunk.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        chunk.close()
    digests.append(digest.hexdigest())
print(digests[0] == digests[1], digests[0])
"""
    for name in ("False", "True"):
        (tmp_path / name).mkdir()
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("True "), done.stdout
