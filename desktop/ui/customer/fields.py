"""The customer's fields in the form's terms: their keys (as the server names them in 422
answers), a record's value for each, and the nested shape the API takes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.api.records import Customer

FieldValue = str | list[str] | None

FIELD_KEYS = (
    "name",
    "account_number",
    "contact_name",
    "email",
    "phone",
    "website",
    "address.street",
    "address.postal_code",
    "address.city",
    "address.region",
    "address.country",
    "domain",
    "alias_domains",
)


def customer_value(customer: Customer, key: str) -> FieldValue:
    """A field of a Customer record in the form's terms, normalised as the form normalises.

    Stray spaces stored on the server must not make an untouched field count as changed.
    """
    if key == "alias_domains":
        return list(customer.alias_domains)
    if key.startswith("address."):
        text = str(getattr(customer.address, key.removeprefix("address."))).strip()
    else:
        text = str(getattr(customer, key)).strip()
    return text.lower() if key == "domain" else text


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """{"address.city": x} -> {"address": {"city": x}}: the shape the API takes."""
    body: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith("address."):
            body.setdefault("address", {})[key.removeprefix("address.")] = value
        else:
            body[key] = value
    return body
