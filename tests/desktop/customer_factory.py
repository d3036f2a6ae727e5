"""Realistic customers for model tests and benchmarks: deterministic, and a million in seconds.

`FakeCustomer` has the attributes the desktop models read from the API's customer record, so
the model tests do not depend on `desktop.api.records`.
"""

from __future__ import annotations

import dataclasses
import gc
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from desktop.api.records import Customer

_T = TypeVar("_T")

EPOCH = datetime(2023, 1, 1, tzinfo=UTC)
STATUSES = ("active", "suspended", "canceled")

# (country code, tld, phone prefix, legal forms, cities, first names, last names)
_COUNTRIES = (
    (
        "HR",
        "hr",
        "+385 1",
        ("d.o.o.", "j.d.o.o.", "obrt"),
        ("Zagreb", "Split", "Rijeka", "Osijek", "Čakovec", "Varaždin", "Šibenik"),
        ("Ana", "Ivan", "Marija", "Luka", "Petra", "Željko", "Đurđa", "Nikola"),
        ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Šarić", "Knežević"),
    ),
    (
        "SI",
        "si",
        "+386 1",
        ("d.o.o.", "s.p."),
        ("Ljubljana", "Maribor", "Celje", "Kranj", "Koper"),
        ("Maja", "Jure", "Nina", "Žiga", "Tjaša", "Matej"),
        ("Novak", "Horvat", "Krajnc", "Zupančič", "Potočnik"),
    ),
    (
        "DE",
        "de",
        "+49 30",
        ("GmbH", "UG", "KG"),
        ("Berlin", "München", "Köln", "Düsseldorf", "Straße"),
        ("Jürgen", "Anna", "Lukas", "Sophie", "Björn", "Grete"),
        ("Müller", "Schmidt", "Weiß", "Groß", "Schäfer", "Fuß"),
    ),
    (
        "GB",
        "co.uk",
        "+44 20",
        ("Ltd", "LLP", "plc"),
        ("London", "Leeds", "Bristol", "York"),
        ("Oliver", "Amelia", "Harry", "Isla", "Jack"),
        ("Smith", "Jones", "Taylor", "Brown", "O'Neill"),
    ),
)
_CORES = (
    "Acme",
    "Adria",
    "Alpha",
    "Bura",
    "Čakovec",
    "Delta",
    "Jadran",
    "Kvarner",
    "Lux",
    "Modra",
    "Nord",
    "Omega",
    "Panonija",
    "Sava",
    "Sunce",
    "Velebit",
    "Zora",
    "Grüne",
    "Straße",
    "Mreža",
)
_TRADES = (
    "Hosting",
    "Web",
    "Digital",
    "Media",
    "Studio",
    "Trade",
    "Solutions",
    "Consulting",
    "Tours",
    "Bakery",
    "Design",
    "Labs",
)


@dataclass(frozen=True, slots=True)
class FakeAddress:
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class FakeCustomer:
    id: str
    account_number: str
    name: str
    contact_name: str
    email: str
    phone: str
    domain: str
    alias_domains: tuple[str, ...]
    website: str
    status: str
    created_at: datetime
    version: int = 1
    address: FakeAddress = FakeAddress()
    next_scheduled: Any = None

    def packed_extra(self) -> list[object]:
        a = self.address
        return [self.website, [a.street, a.city, a.region, a.postal_code, a.country]]

    @classmethod
    def from_packed(cls, row: Any, extra: Sequence[Any]) -> FakeCustomer:
        website, address = extra
        fields = row._asdict()
        del fields["id"]
        return cls(row.id, website=website, address=FakeAddress(*address), **fields)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(
        part for part in "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    )


def _ulid(rng: random.Random) -> str:
    # Upper-case hex is a subset of the Crockford alphabet the server's ids use.
    return rng.randbytes(13).hex().upper()


def make_customers(count: int, seed: int = 1, first_account: int = 100001) -> list[FakeCustomer]:
    """`count` customers, the same ones for the same seed; account numbers and ids unique."""
    # Collections triggered by a million young objects would triple the time; none are cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _make(count, seed, first_account)
    finally:
        if was_enabled:
            gc.enable()


def _make(count: int, seed: int, first_account: int) -> list[FakeCustomer]:
    rng = random.Random(seed)
    # Precomputed pieces keep a million customers to a few seconds.
    slugs = {(core, trade): _slug(f"{core}-{trade}") for core in _CORES for trade in _TRADES}
    seen: dict[str, int] = {}
    addresses = {
        (c[0], city): FakeAddress(street="Ilica 1", city=city, postal_code="10000", country=c[0])
        for c in _COUNTRIES
        for city in c[4]
    }
    step = (3 * 365 * 86400) / max(count, 1)
    customers: list[FakeCustomer] = []
    append = customers.append
    rand = rng.random

    def choice(seq: tuple[_T, ...]) -> _T:
        # random.choice costs twice as much and the factory calls it eight times a customer.
        return seq[int(rand() * len(seq))]

    mailboxes = {
        first: ("info", "office", "support", _slug(first)) for c in _COUNTRIES for first in c[5]
    }
    for i in range(count):
        code, tld, prefix, legal, cities, firsts, lasts = choice(_COUNTRIES)
        core = choice(_CORES)
        trade = choice(_TRADES)
        base = slugs[core, trade]
        n = seen.get(base, 0)
        seen[base] = n + 1
        stem = f"{base}{n}" if n else base
        domain = f"{stem}.{tld}"
        first = choice(firsts)
        roll = rand()
        status = "active" if roll < 0.9 else "suspended" if roll < 0.98 else "canceled"
        city = choice(cities)
        append(
            FakeCustomer(
                id=f"c_{_ulid(rng)}",
                account_number=str(first_account + i),
                name=f"{core} {trade} {choice(legal)}",
                contact_name=f"{first} {choice(lasts)}",
                email=f"{choice(mailboxes[first])}@{domain}",
                phone=f"{prefix} {200 + int(rand() * 800)} {1000 + int(rand() * 9000)}",
                domain=domain,
                alias_domains=(f"{stem}.com",) if roll * 10 % 1 < 0.2 else (),
                website=f"https://www.{domain}",
                status=status,
                created_at=EPOCH + timedelta(seconds=int(i * step + rand() * step * 0.5)),
                address=addresses[code, city],
            )
        )
    return customers


def changed(customer: FakeCustomer, **fields: object) -> FakeCustomer:
    """The same customer after an edit: the given fields replaced and the version bumped."""
    return dataclasses.replace(customer, version=customer.version + 1, **fields)  # type: ignore[arg-type]


def customer_record(status: str = "active", next_scheduled: object = None) -> Customer:
    """One validated Customer record of Acme d.o.o., for widgets shown without a server."""
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "id": "c1",
        "account_number": "100001",
        "name": "Acme d.o.o.",
        "contact_name": "Ana",
        "email": "a@example.com",
        "phone": "+385 1 234 5678",
        "domain": "acme.hr",
        "alias_domains": (),
        "website": "",
        "address": {
            "street": "Ilica 1",
            "city": "Zagreb",
            "region": "",
            "postal_code": "10000",
            "country": "HR",
        },
        "status": status,
        "suspended_at": now if status == "suspended" else None,
        "suspension_reason": "Non-payment" if status == "suspended" else None,
        "canceled_at": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "next_scheduled": next_scheduled,
    }
    return Customer.model_validate(fields, strict=False)
