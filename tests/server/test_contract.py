"""The server's OpenAPI document has exactly the calls of shared/API.md, and documents every
error answer in the one error shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.server.helpers import openapi_operations
from tests.support.server import ApiClient

REPO = Path(__file__).resolve().parents[2]
# Beside the repository: in this workspace and in CI's fresh clone alike.
API_MD = REPO.parent / "shared" / "API.md"
CALL = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s?]*)")


def api_md_calls(text: str) -> set[tuple[str, str]]:
    return {(method, path) for method, path in CALL.findall(text)}


def test_api_md_is_parsed() -> None:
    sample = "| `GET /customers?q=&field=` | x |\n| `POST /customers/{id}/suspend` `{...}` |"
    assert api_md_calls(sample) == {("GET", "/customers"), ("POST", "/customers/{id}/suspend")}


def test_openapi_has_exactly_the_calls_of_api_md(anon: ApiClient) -> None:
    if not API_MD.is_file():
        pytest.skip(f"{API_MD} is not there (shared/ is expected beside the repository)")
    documented = api_md_calls(API_MD.read_text(encoding="utf-8"))
    assert ("GET", "/health") in documented
    assert len(documented) >= 20
    served = set(openapi_operations(anon))
    assert served - documented == set(), "served but not in API.md"
    assert documented - served == set(), "in API.md but not served"


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
