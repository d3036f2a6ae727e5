"""The server's OpenAPI document has exactly the served calls of docs/api.md (the contract as
built), docs/api.md covers every call of the provider's shared/API.md when that is beside the
repository, and every error answer is documented in the one error shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.server.helpers import openapi_operations
from tests.support.server import ApiClient

REPO = Path(__file__).resolve().parents[2]
DOCS_API_MD = REPO / "docs" / "api.md"
# The provider's contract, beside the repository in a workspace and in CI's clone alike.
SHARED_API_MD = REPO.parent / "shared" / "API.md"
CALL = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s?]*)")
NOT_YET = "## Not yet served"

Call = tuple[str, str]


def api_md_calls(text: str) -> set[Call]:
    return {(method, path) for method, path in CALL.findall(text)}


def shape(calls: set[Call]) -> set[Call]:
    """The calls with their path parameters unnamed: `/operations/{id}` and `{op_id}` are one
    path (OpenAPI forbids two that differ only in a parameter's name)."""
    return {(method, re.sub(r"\{[^}]*\}", "{}", path)) for method, path in calls}


def served_and_planned(text: str) -> tuple[set[Call], set[Call]]:
    """docs/api.md's calls before its "Not yet served" heading, and after it."""
    served, _, planned = text.partition(NOT_YET)
    return api_md_calls(served), api_md_calls(planned)


def test_api_md_is_parsed() -> None:
    sample = "| `GET /customers?q=&field=` | x |\n| `POST /customers/{id}/suspend` `{...}` |"
    assert api_md_calls(sample) == {("GET", "/customers"), ("POST", "/customers/{id}/suspend")}
    served, planned = served_and_planned(f"`GET /a`\n{NOT_YET}\n`POST /b`")
    assert (served, planned) == ({("GET", "/a")}, {("POST", "/b")})


def test_openapi_has_exactly_the_served_calls_of_docs_api_md(anon: ApiClient) -> None:
    served, _ = served_and_planned(DOCS_API_MD.read_text(encoding="utf-8"))
    assert ("GET", "/health") in served
    assert len(served) >= 20
    openapi = set(openapi_operations(anon))
    assert openapi - served == set(), "served but not in docs/api.md"
    assert served - openapi == set(), "in docs/api.md as served, but not served"


def test_planned_calls_are_not_served_yet(anon: ApiClient) -> None:
    # A call built since is moved up into the served part of docs/api.md.
    served, planned = served_and_planned(DOCS_API_MD.read_text(encoding="utf-8"))
    # A served call may appear among the planned ones too, for a parameter still to come.
    assert (planned - served) & set(openapi_operations(anon)) == set()


def test_docs_api_md_covers_every_call_of_shared_api_md() -> None:
    if not SHARED_API_MD.is_file():
        pytest.skip(f"{SHARED_API_MD} is not there (the provider's contract is not beside us)")
    served, planned = served_and_planned(DOCS_API_MD.read_text(encoding="utf-8"))
    shared = shape(api_md_calls(SHARED_API_MD.read_text(encoding="utf-8")))
    missing = shared - shape(served) - shape(planned)
    assert missing == set(), "in shared/API.md but not in docs/api.md"


def test_no_two_paths_of_the_document_differ_only_in_a_parameters_name(anon: ApiClient) -> None:
    paths = {path for _method, path in openapi_operations(anon)}
    assert len(shape({("", path) for path in paths})) == len(paths), sorted(paths)


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "responses" in op
    ]


def test_every_error_answer_is_documented_in_the_error_shape(anon: ApiClient) -> None:
    doc = anon.get("/openapi.json").json()
    error_ref = "#/components/schemas/ErrorResponse"
    assert set(doc["components"]["schemas"]["ErrorResponse"]["required"]) == {"error"}
    for method, path, op in _operations(doc):
        for status, answer in op["responses"].items():
            if int(status) < 400:
                continue
            schema = answer["content"]["application/json"]["schema"]
            assert schema == {"$ref": error_ref}, (method, path, status, schema)


def test_protected_calls_document_401_and_id_calls_404(anon: ApiClient) -> None:
    doc = anon.get("/openapi.json").json()
    for method, path, op in _operations(doc):
        short = path.removeprefix("/api/v1")
        if (method, short) not in {("GET", "/health"), ("POST", "/auth/login")}:
            assert "401" in op["responses"], (method, path)
        if "{" in path:
            assert "404" in op["responses"], (method, path)
