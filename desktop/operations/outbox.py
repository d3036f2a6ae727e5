"""Confirmed operations kept on disk until their end is seen, so a crash loses none of them.

A person's confirmation is written here before its request is sent, and removed once the
operation's end (success, failure, refusal) has been shown. If the app dies in between, even
before the request left or reached the server, the next sign-in to the same server as the same
person sends it again with the same Idempotency-Key: the server starts it then, or hands back
the operation the first request started. Either way, one confirmation is one operation.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from desktop.api.records import Customer, OperationKind, is_operation_kind

if TYPE_CHECKING:
    from desktop.settings import AppSettings

log = logging.getLogger("partner_desk.operations")


@dataclass(frozen=True)
class ConfirmedOperation:
    idempotency_key: str
    kind: OperationKind
    customer: Customer
    params: dict[str, str]


def _kind(value: object) -> OperationKind:
    # A kind this client does not know (an edited file, a newer version's) is dropped.
    if not is_operation_kind(value):
        raise ValueError(f"unknown operation kind {value!r}")
    return value


def _params(value: object) -> dict[str, str]:
    # Read back from a file the person could have edited: a wrong shape is a TypeError, skipped.
    if not isinstance(value, dict):
        raise TypeError("params is not an object")
    return {str(key): str(item) for key, item in value.items()}


class OperationOutbox:
    def __init__(self, settings: AppSettings, scope: str) -> None:
        self._settings = settings
        # The server and the person: another's confirmations are never sent in their name.
        self._scope = scope

    def pending(self) -> list[ConfirmedOperation]:
        found = []
        for item in self._load():
            try:
                # From JSON text: the records are strict, and only JSON reads dates from text.
                customer = Customer.model_validate_json(str(item["customer"]))
                found.append(
                    ConfirmedOperation(
                        str(item["key"]), _kind(item["kind"]), customer, _params(item["params"])
                    )
                )
            except (KeyError, TypeError, ValueError, ValidationError):
                log.warning("a confirmed operation kept on disk is unreadable; dropped")
        return found

    def add(self, confirmed: ConfirmedOperation) -> None:
        items = [i for i in self._load() if i.get("key") != confirmed.idempotency_key]
        items.append(
            {
                "key": confirmed.idempotency_key,
                "kind": confirmed.kind,
                "customer": confirmed.customer.model_dump_json(),
                "params": confirmed.params,
            }
        )
        self._save(items)

    def remove(self, idempotency_key: str) -> None:
        items = self._load()
        kept = [i for i in items if i.get("key") != idempotency_key]
        if len(kept) != len(items):
            self._save(kept)

    def _load(self) -> list[dict[str, object]]:
        text = self._settings.confirmed_operations(self._scope)
        try:
            items = json.loads(text) if text else []
        except ValueError:
            log.warning("the confirmed operations kept on disk are unreadable; dropped")
            return []
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []

    def _save(self, items: list[dict[str, object]]) -> None:
        self._settings.set_confirmed_operations(self._scope, json.dumps(items) if items else "")
        # On disk now: the app may be killed the next moment.
        self._settings.sync()
