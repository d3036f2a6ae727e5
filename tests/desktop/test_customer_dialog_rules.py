"""The dialog's field rules say yes and no exactly where the server's do.

desktop/ may not import server/, so the rules are a copy; these tests keep the copy honest.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ui.customer import field_rules as client
from server import validation as server
from server.countries import COUNTRY_CODES as SERVER_COUNTRIES

Rule = Callable[[str], str | None]

RULES: dict[str, tuple[Rule, Rule]] = {
    "email": (client.email_problem, server.email_problem),
    "phone": (client.phone_problem, server.phone_problem),
    "domain": (client.domain_problem, server.domain_problem),
    "website": (client.website_problem, server.website_problem),
    "account_number": (client.account_number_problem, server.account_number_problem),
}

SAMPLES = [
    "ana@acme.hr",
    "a.b+c@mail.example.co.uk",
    "ana@",
    "@acme.hr",
    "ana@@acme.hr",
    "ana..b@acme.hr",
    "ana@acme",
    "+385 1 234 5678",
    "(01) 234-5678",
    "12345",
    "123456",
    "1234567890123456",
    "+385 1 234 5678 ext",
    "acme.hr",
    "ACME.hr",
    "-acme.hr",
    "acme-.hr",
    "acme.123",
    "xn--d1acufc.xn--p1ai",
    "a" * 64 + ".com",
    "localhost",
    "https://acme.hr",
    "http://acme.hr/shop?x=1",
    "https://localhost:8443",
    "ftp://acme.hr",
    "acme.hr/shop",
    "https://",
    "http://[::1",
    "100234",
    "ACC-7",
    "10 00",
    "a" * 21,
]


def server_accepts(rule: Rule, value: str) -> bool:
    try:
        return rule(value) is None
    except ValueError:
        return False  # pydantic turns a ValueError inside a rule into a 422 as well


@pytest.mark.parametrize("rule", sorted(RULES))
@pytest.mark.parametrize("value", SAMPLES)
def test_client_and_server_agree_on_samples(rule: str, value: str) -> None:
    mine, theirs = RULES[rule]
    assert (mine(value) is None) == server_accepts(theirs, value), (rule, value)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab1-.@:/+() _xyzAB", min_size=1, max_size=30), st.sampled_from(sorted(RULES))
)
def test_client_and_server_agree_on_generated_text(value: str, rule: str) -> None:
    value = value.strip()
    if not value:
        return  # empty optional fields are allowed by the server's schema before any rule runs
    mine, theirs = RULES[rule]
    assert (mine(value) is None) == server_accepts(theirs, value), (rule, value)


def test_country_lists_match() -> None:
    assert client.COUNTRY_CODES == SERVER_COUNTRIES
    assert client.country_problem("HR") is None
    assert client.country_problem("") is None
    assert client.country_problem(None) is not None
    assert client.country_problem("XK") is not None


def test_alias_domains_are_split_on_commas_and_lines_and_cleaned() -> None:
    assert client.split_alias_domains("A.example, b.example\n\n a.example ,c.example") == [
        "a.example",
        "b.example",
        "c.example",
    ]
    assert client.alias_domains_problem("ok.example, bad_one") is not None
    assert client.alias_domains_problem("") is None


@pytest.mark.parametrize(
    ("rule", "refused", "taken"),
    [
        # A pasted NUL character is refused, as the server does.
        (client.control_character_problem, "Acme\x00", "Acme"),
        # The name is required.
        (client.name_problem, "   ", "Acme"),
    ],
    ids=["a pasted nul character", "the name is required"],
)
def test_the_dialogs_own_rules_refuse_and_take(rule: Rule, refused: str, taken: str) -> None:
    assert rule(refused) is not None
    assert rule(taken) is None
