"""What the models read from a customer: any frozen record with these attributes will do.

`desktop.api.records` defines the real record; the models depend only on this shape, so they
load (and their tests run) without the API package.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, Self


class CustomerFields(Protocol):
    """What the list shows, searches and sorts by."""

    @property
    def id(self) -> str: ...
    @property
    def account_number(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def contact_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def alias_domains(self) -> tuple[str, ...]: ...
    @property
    def status(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...


class CustomerRecord(CustomerFields, Protocol):
    """A whole customer as the API gives it; the table keeps each row packed."""

    # The table keeps each row packed (desktop/models/search/rows.py): the record gives the
    # values of its other fields as JSON values, and is rebuilt from them.
    def packed_extra(self) -> list[Any]: ...
    @classmethod
    def from_packed(cls, row: Any, extra: Sequence[Any]) -> Self: ...
