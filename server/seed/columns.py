"""The seed's tables: their columns, and how a chunk's rows become whole rows of them."""

from __future__ import annotations

import json

CUSTOMER_COLUMNS = (
    "id",
    "partner_id",
    "account_number",
    "name",
    "contact_name",
    "email",
    "phone",
    "domain",
    "alias_domains",
    "website",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "status",
    "suspended_at",
    "suspension_reason",
    "canceled_at",
    "created_at",
    "updated_at",
    "version",
    "search_text",
    "name_key",
    "email_key",
    "phone_key",
    "domain_key",
)
SERVICE_COLUMNS = (
    "id",
    "customer_id",
    "name",
    "monthly_price_cents",
    "currency",
    "enabled_at",
    "removed_at",
    "removed_by_operation",
)
OPERATION_COLUMNS = (
    "id",
    "partner_id",
    "customer_id",
    "kind",
    "state",
    "idempotency_key",
    "request_hash",
    "params",
    "actor",
    "created_at",
    "started_at",
    "finished_at",
    "error",
    "claim_token",
    "lease_until",
)
CANCEL_PARAMS = json.dumps({"reason": "Customer request", "previous_status": "active"})

# The tables a chunk fills, in the order of a batch's rows (customers.Batch).
TABLES = ("customers", "services", "operations")

# What the row maker writes into a chunk: only what Python has to make. The other columns are
# derived in SQL by CHUNK_SELECT, which costs far less than binding them a million times.
CHUNK_COLUMNS = {
    "customers": (
        "id",
        "partner_id",
        "account_number",
        "name",
        "contact_name",
        "email",
        "phone",
        "domain",
        "alias_domains",
        "street",
        "city",
        "postal_code",
        "country",
        "status",
        "suspended_at",
        "canceled_at",
        "created_at",
        "name_key",
        "domain_key",
        "phone_key",
        "operation_id",
    ),
    # customer: the chunk's rowid of the customer; service: its index in SERVICES.
    "services": ("id", "customer", "service"),
    "operations": ("id", "partner_id", "customer_id", "actor", "at"),
}
# Whole rows out of a chunk ({chunk} is "" or "schema."), in the order of *_COLUMNS. search_text
# is search_keys.compose_search_text's, the keys search_keys.key_values's: the seeded emails,
# domains and account numbers are lower-case ASCII already (tests/server/test_search.py checks).
CHUNK_SELECT = {
    "customers": (
        CUSTOMER_COLUMNS,
        "SELECT c.id, c.partner_id, c.account_number, c.name, c.contact_name, c.email, c.phone,"
        " c.domain, c.alias_domains, 'https://www.' || c.domain, c.street, c.city, '',"
        " c.postal_code, c.country, c.status, c.suspended_at,"
        " CASE c.status WHEN 'suspended' THEN 'Non-payment' END, c.canceled_at, c.created_at,"
        " c.created_at, 1, char(1) || c.name_key || char(2) || c.account_number || char(3)"
        " || c.email || char(4) || c.phone_key || char(5) || c.domain_key, c.name_key,"
        " c.email, c.phone_key, c.domain_key FROM {chunk}customers AS c",
    ),
    "services": (
        SERVICE_COLUMNS,
        "SELECT s.id, c.id, k.name, k.cents, 'EUR', c.created_at, c.canceled_at, c.operation_id"
        " FROM {chunk}services AS s CROSS JOIN {chunk}customers AS c ON c.rowid = s.customer"
        " CROSS JOIN {chunk}catalog AS k ON k.n = s.service",
    ),
    "operations": (
        OPERATION_COLUMNS,
        "SELECT o.id, o.partner_id, o.customer_id, 'cancel', 'succeeded', 'seed-' || o.id,"
        f" 'seed', '{CANCEL_PARAMS}', o.actor, o.at, o.at, o.at, 'null', NULL, NULL"
        " FROM {chunk}operations AS o",
    ),
}
