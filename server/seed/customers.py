"""A partner's demo customers as plain tuples, with their services and (canceled ones) their
cancel operations, in batches: the rows of a chunk (CHUNK_COLUMNS).

Each customer takes one big random integer, cut into its choices by divmod, instead of a dozen
`random` calls; the random parts of a batch's ids are one `randbytes` call; the search keys of
the few thousand distinct names are folded once. The order of every draw is the data: the same
seed gives the same rows only while it stays.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from typing import Any

from server.search_keys import fold, phone_key
from server.seed.data import COUNTRIES, COUNTRY_WEIGHTS, NAME_CORES, NAME_TRADES, SERVICES
from server.seed.ulids import CROCKFORD, ulid_randomness, ulid_time

# Fixed, so the same seed gives the same rows on any day.
EPOCH = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
EPOCH_MS = int(EPOCH.timestamp() * 1000)
BATCH = 50_000
# Customers join evenly over three years.
SPAN_US = 3 * 365 * 86400 * 1_000_000
# In every block of this many customers (in id order): 1 canceled, 4 suspended, the rest
# active. Fixed proportions rather than dice, so that even a small demo has each status.
STATUS_BLOCK = 50
SUSPENDED_PER_BLOCK = 4

Rows = list[tuple[Any, ...]]
Batch = tuple[Rows, Rows, Rows]  # customers, services, operations (columns.TABLES)

_NAIVE_EPOCH = EPOCH.replace(tzinfo=None)
_UNIX_EPOCH = datetime(1970, 1, 1)
_DAY_US = 86_400_000_000


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _stamp(us: int, base: datetime = _NAIVE_EPOCH) -> str:
    """A time `us` microseconds after `base`, as SQLAlchemy stores datetimes in SQLite (UTC)."""
    return (base + timedelta(microseconds=us)).isoformat(" ", "microseconds")


class _Country:
    """One country's word lists, with what every customer would otherwise recompute."""

    def __init__(self, index: int) -> None:
        c = COUNTRIES[index]
        self.code = c.code
        self.tld = c.tld
        self.phone_prefix = c.phone_prefix
        # Seeded numbers are the prefix and 7 digits, and each form of their key ends with those
        # 7 (search_keys.phone_key): the key as a template, made once.
        sample = phone_key(f"{c.phone_prefix} 200 1000", c.code)
        self.phone_key = sample.replace("2001000", "{0}")
        self.legal = c.legal
        self.cities = c.cities
        self.streets = c.streets
        self.first_names = [(first, _slug(first)) for first in c.first_names]
        self.last_names = c.last_names


_COUNTRIES = [_Country(i) for i in range(len(COUNTRIES))]
# A draw of 0..99 picks a country with the weights of seed.data.
_BY_PERCENT = [_COUNTRIES[i] for i, weight in enumerate(COUNTRY_WEIGHTS) for _ in range(weight)]
_BRANDS = [(core, trade, _slug(f"{core}-{trade}")) for core in NAME_CORES for trade in NAME_TRADES]
# Every (number of services, which ones) a customer can have, so that one draw picks both.
_SERVICE_SETS = [list(combinations(range(len(SERVICES)), k)) for k in range(1, 6)]
# Where a customer's services take their ids from: (offset in the batch's random part, the
# customer's ULID time part, its milliseconds, its rowid in the chunk, its services).
_ServicesWanted = list[tuple[int, str, int, int, tuple[int, ...]]]


class CustomerMaker:
    """A partner's customers, with their services and (canceled ones) their operations."""

    def __init__(
        self, rng: random.Random, partner_id: str, actor: str, count: int, day: date
    ) -> None:
        self.rng = rng
        self.partner_id = partner_id
        self.actor = actor
        self.count = count
        self.step = max(1_000_000, SPAN_US // max(count, 1))
        self.today = datetime(day.year, day.month, day.day)
        self.today_ms = int((self.today - _UNIX_EPOCH).total_seconds()) * 1000
        self.seen_domains: dict[str, int] = {}
        self.name_keys: dict[str, str] = {}

    def batches(self) -> Iterator[Batch]:
        for start in range(0, self.count, BATCH):
            yield self._batch(start, min(self.count, start + BATCH))

    def _statuses(self, block_start: int) -> dict[int, str]:
        picks = self.rng.sample(range(STATUS_BLOCK), 1 + SUSPENDED_PER_BLOCK)
        marks = {block_start + picks[0]: "canceled"}
        for pick in picks[1:]:
            marks[block_start + pick] = "suspended"
        return marks

    def _batch(self, start: int, stop: int) -> Batch:
        # Locals, not attributes, in the loop: it runs a million times.
        getrandbits = self.rng.getrandbits
        describe = self._describe
        step = self.step
        # Up to 1 (customer) + 5 (services) + 1 (operation) ids each; unused parts are skipped.
        randomness = ulid_randomness(self.rng, 7 * (stop - start))
        at = 0
        customers: Rows = []
        operations: Rows = []
        wanted: _ServicesWanted = []
        statuses: dict[int, str] = {}
        partner_id = self.partner_id
        for i in range(start, stop):
            if i % STATUS_BLOCK == 0 or not statuses:
                statuses = self._statuses(i - i % STATUS_BLOCK)
            status = statuses.get(i, "active")
            x, jitter, service_set, fields, keys = describe(i, getrandbits(192))
            created_us = i * step + jitter
            ms = EPOCH_MS + created_us // 1000
            time_part = ulid_time(ms)
            cid = f"c_{time_part}{randomness[at : at + 16]}"
            at += 16
            canceled_at = operation_id = None
            if status == "canceled":
                random_part = randomness[at : at + 16]
                at += 16
                canceled_at, operation_id = self._cancellation(x, cid, random_part, operations)
            suspended_at = _stamp(created_us + 30 * _DAY_US) if status == "suspended" else None
            times = (status, suspended_at, canceled_at, _stamp(created_us))
            customers.append((cid, partner_id, *fields, *times, *keys, operation_id))
            wanted.append((at, time_part, ms, i - start + 1, service_set))  # rowid in the chunk
            at += 16 * len(service_set)
        return customers, _services(wanted, randomness), operations

    def _describe(
        self, i: int, x: int
    ) -> tuple[int, int, tuple[int, ...], tuple[str, ...], tuple[str, str, str]]:
        """Customer `i` drawn from `x`: what is left of `x`, the jitter of its creation time,
        its services, its columns from account_number to country, and its search keys."""
        x, pick = divmod(x, 100)
        country = _BY_PERCENT[pick]
        x, pick = divmod(x, len(_BRANDS))
        core, trade, base = _BRANDS[pick]
        x, pick = divmod(x, len(country.legal))
        name = f"{core} {trade} {country.legal[pick]}"
        x, pick = divmod(x, len(country.first_names))
        first, first_slug = country.first_names[pick]
        x, pick = divmod(x, len(country.last_names))
        last = country.last_names[pick]
        x, pick = divmod(x, len(country.cities))
        city, postal = country.cities[pick]
        x, pick = divmod(x, len(country.streets))
        street = country.streets[pick]
        x, number = divmod(x, 120)
        x, local_pick = divmod(x, 4)
        x, area = divmod(x, 800)
        x, line = divmod(x, 9000)
        x, alias_roll = divmod(x, 5)
        x, jitter = divmod(x, self.step // 2)
        x, service_count = divmod(x, 5)
        service_sets = _SERVICE_SETS[service_count]
        x, pick = divmod(x, len(service_sets))
        domain, aliases, domain_key = self._domains(base, country.tld, alias_roll)
        # name_key as search.fold makes it; a few thousand distinct names, folded once each.
        name_key = self.name_keys.get(name)
        if name_key is None:
            name_key = self.name_keys[name] = fold(name)
        mailbox = ("info", "office", "support", first_slug)[local_pick]
        phone = f"{country.phone_prefix} {200 + area} {1000 + line}"
        address = f"{street} {number + 1}"
        contact = f"{first} {last}"
        account = str(100001 + i)
        fields = (account, name, contact, f"{mailbox}@{domain}", phone, domain, aliases)
        place = (address, city, postal, country.code)
        keys = (name_key, domain_key, country.phone_key.format(f"{200 + area}{1000 + line}"))
        return x, jitter, service_sets[pick], fields + place, keys

    def _domains(self, base: str, tld: str, alias_roll: int) -> tuple[str, str, str]:
        """The customer's domain (numbered when its name's is taken), its alias domains as
        JSON, and its domain search key."""
        n = self.seen_domains.get(base, 0)
        self.seen_domains[base] = n + 1
        label = f"{base}{n}" if n else base
        domain = f"{label}.{tld}"
        if alias_roll == 0:
            alias = f"{label}.com"
            return domain, f'["{alias}"]', f"{domain}\n{alias}"
        return domain, "[]", domain

    def _cancellation(
        self, x: int, cid: str, random_part: str, operations: Rows
    ) -> tuple[str, str]:
        """(canceled_at, operation id) of a canceled customer; the operation joins `operations`."""
        # Canceled recently, through an operation, so the demo can restore it.
        x, days = divmod(x, 10)
        x, moment = divmod(x, _DAY_US)
        offset = moment - (days + 1) * _DAY_US
        canceled_at = _stamp(offset, self.today)
        operation_id = f"op_{ulid_time(self.today_ms + offset // 1000)}{random_part}"
        operations.append((operation_id, self.partner_id, cid, self.actor, canceled_at))
        return canceled_at, operation_id


def _services(wanted: _ServicesWanted, randomness: str) -> Rows:
    """The services of a batch's customers, in order, with their ids."""
    services: Rows = []
    for at, time_part, ms, row, service_set in wanted:
        # The k-th service's id is time ms + k: mostly just another last character.
        low = ms & 31
        for k, service in enumerate(service_set):
            if k == 0:
                service_time = time_part
            elif low + k < 32:
                service_time = time_part[:9] + CROCKFORD[low + k]
            else:
                service_time = ulid_time(ms + k)
            services.append((f"s_{service_time}{randomness[at : at + 16]}", row, service))
            at += 16
    return services
