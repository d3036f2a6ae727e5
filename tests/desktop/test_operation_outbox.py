"""The confirmations kept on disk until their end is seen (crash recovery before the send)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.api.records import Customer
from desktop.operations.outbox import ConfirmedOperation, OperationOutbox
from desktop.settings import AppSettings

CUSTOMER = Customer.model_validate_json(
    '{"id": "c_1", "account_number": "100234", "name": "Acme d.o.o.", "contact_name": "Ana",'
    ' "email": "ana@acme.hr", "phone": "+385 1 234 5678", "domain": "acme.hr",'
    ' "alias_domains": ["acme.com"], "website": "https://acme.hr", "address": {"street":'
    ' "Ilica 1", "city": "Zagreb", "region": "", "postal_code": "10000", "country": "HR"},'
    ' "status": "active", "suspended_at": null, "suspension_reason": null, "canceled_at": null,'
    ' "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-03-01T09:12:44Z", "version": 7}'
)


def _settings(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def test_a_confirmation_survives_a_new_process_until_it_is_removed(
    qapp: object, tmp_path: Path
) -> None:
    confirmed = ConfirmedOperation("key-1", "suspend", CUSTOMER, {"reason": "Non-payment"})
    OperationOutbox(_settings(tmp_path), "http://a/api/v1 ana").add(confirmed)

    # What a restarted app reads from the same file.
    again = OperationOutbox(_settings(tmp_path), "http://a/api/v1 ana")
    assert again.pending() == [confirmed]
    assert OperationOutbox(_settings(tmp_path), "http://a/api/v1 ivo").pending() == []
    again.remove("key-1")
    assert OperationOutbox(_settings(tmp_path), "http://a/api/v1 ana").pending() == []


def test_an_unreadable_outbox_is_dropped_not_fatal(qapp: object, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.set_confirmed_operations("s", '[{"key": "k"}, 3, "x"]')
    assert OperationOutbox(settings, "s").pending() == []
    settings.set_confirmed_operations("s", "not json")
    assert OperationOutbox(settings, "s").pending() == []
