"""OpenAPI links between the calls of API.md: which answer feeds which next call.

They document how the calls chain (a created customer's id is what its sub-resources take; a
202's operation id is what GET /operations/{op_id} takes), and they are what stateful API
testers (schemathesis) follow to build realistic sequences instead of guessing ids.
"""

from __future__ import annotations

from typing import Any

# Where a customer's id, version and account number are in an answer, by the answer's shape.
_CUSTOMER: dict[str, str | None] = {
    "id": "$response.body#/id",
    "version": "$response.body#/version",
    "account_number": "$response.body#/account_number",
}
_FIRST_ITEM: dict[str, str | None] = {
    "id": "$response.body#/items/0/id",
    "version": "$response.body#/items/0/version",
    "account_number": "$response.body#/items/0/account_number",
}
_SAME_PATH: dict[str, str | None] = {
    "id": "$request.path.id",
    "version": None,
    "account_number": None,
}

Link = tuple[str, str, dict[str, str], dict[str, str] | None]

# Calls that take only the customer id in their path, by (method, path under the prefix).
_BY_CUSTOMER_ID = (
    ("GET", "/customers/{id}"),
    ("GET", "/customers/{id}/services"),
    ("GET", "/customers/{id}/events"),
    ("POST", "/customers/{id}/login-link"),
    ("POST", "/customers/{id}/suspend"),
    ("POST", "/customers/{id}/unsuspend"),
    ("POST", "/customers/{id}/cancel"),
    ("POST", "/customers/{id}/restore"),
)


def _customer_links(source: dict[str, str | None]) -> list[Link]:
    """Links to every call on one customer: its id, and where `source` has them its version
    (If-Match) and account number (the confirmation a cancel needs)."""
    at = {"path.id": str(source["id"])}
    links: list[Link] = [(m, p, at, None) for m, p in _BY_CUSTOMER_ID]
    version, account_number = source["version"], source["account_number"]
    if version is not None:
        # If-Match carries the version as a quoted ETag; embedded expressions keep the quotes.
        if_match = '"{' + version + '}"'
        links.append(("PATCH", "/customers/{id}", {**at, "header.if-match": if_match}, None))
    if account_number is not None:
        confirmed = {"reason": "Closing the account", "confirm_account_number": account_number}
        links.append(("POST", "/customers/{id}/cancel", at, confirmed))
    return links


# (method, path, status) of an answer -> the calls it feeds: (method, path, parameters, body).
_LINKS: dict[tuple[str, str, str], list[Link]] = {
    ("POST", "/customers", "201"): _customer_links(_CUSTOMER),
    ("GET", "/customers/{id}", "200"): _customer_links(_CUSTOMER),
    ("PATCH", "/customers/{id}", "200"): _customer_links(_CUSTOMER),
    ("GET", "/customers", "200"): _customer_links(_FIRST_ITEM),
    ("GET", "/customers/{id}/services", "200"): [
        (
            "DELETE",
            "/customers/{id}/services/{service_id}",
            {"path.id": "$request.path.id", "path.service_id": "$response.body#/items/0/id"},
            None,
        ),
        *_customer_links(_SAME_PATH),
    ],
    ("GET", "/operations", "200"): [
        ("GET", "/operations/{op_id}", {"path.op_id": "$response.body#/items/0/id"}, None),
    ],
    ("GET", "/operations/{op_id}", "200"): [
        ("GET", "/customers/{id}", {"path.id": "$response.body#/customer_id"}, None),
    ],
}
for _kind in ("suspend", "unsuspend", "cancel", "restore"):
    _LINKS[("POST", f"/customers/{{id}}/{_kind}", "202")] = [
        ("GET", "/operations/{op_id}", {"path.op_id": "$response.body#/id"}, None),
        *_customer_links(_SAME_PATH),
    ]


def _link_name(method: str, path: str, body: dict[str, str] | None) -> str:
    """A readable name, unique within one answer: `PostCustomersIdSuspend`."""
    words = [method.capitalize(), "Confirmed" if body else ""]
    for part in path.strip("/").split("/"):
        for word in part.strip("{}").replace("-", "_").split("_"):
            words.append(word.capitalize())
    return "".join(words)


def add_links(schema: dict[str, Any], prefix: str) -> None:
    """Add the links of `_LINKS` to the answers of `schema` (paths under `prefix`), in place.

    Targets are named by operationId, looked up here, so a renamed route keeps its links, and a
    link whose call is gone fails at start-up instead of silently pointing nowhere."""
    paths: dict[str, Any] = schema["paths"]
    ids = {
        (method.upper(), path.removeprefix(prefix)): op["operationId"]
        for path, item in paths.items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    for (method, path, status), targets in _LINKS.items():
        answer = paths[prefix + path][method.lower()]["responses"][status]
        links = answer.setdefault("links", {})
        for target_method, target_path, parameters, body in targets:
            link: dict[str, Any] = {
                "operationId": ids[(target_method, target_path)],
                "parameters": dict(parameters),
            }
            if body is not None:
                link["requestBody"] = dict(body)
            links[_link_name(target_method, target_path, body)] = link
