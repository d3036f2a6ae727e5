"""schemathesis over the server's own OpenAPI document: no 5xx, and every answer as documented
(status codes, content types, bodies, headers, Allow on 405), signed in as the demo user. Its
stateful phase follows the document's links (server/openapi_links.py): create a customer, then
read, edit, suspend, cancel and restore that one, and follow the operations it started.

Short in `make test` (25 s per backend), long under `make soak` (10 min); SCHEMATHESIS_MAX_TIME
sets it by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.figures import report, scale
from tests.support.server import ApiClient, ServerProcess, seed_database

MAX_TIME = os.environ.get("SCHEMATHESIS_MAX_TIME", str(scale(25, 600)))

pytestmark = pytest.mark.reliability
# The calls that would change what every other call of the run may do (see the first test).
ALONE = "/(auth/logout|partner)$"


def _schemathesis() -> list[str]:
    beside = Path(sys.executable).with_name("schemathesis")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("schemathesis")
    if found is None:
        pytest.skip("schemathesis is not installed (pip install -e '.[test]')")
    return [found]


@dataclass
class Fuzzed:
    server: ServerProcess
    # Signed in before any run: schemathesis tries sign-ins too, and may lock the user out.
    tokens: list[str]


@pytest.fixture(scope="module")
def fuzzed(new_database_url: Callable[[], str]) -> Iterator[Fuzzed]:
    """Its own server: schemathesis creates, edits, suspends and cancels customers at random."""
    url = new_database_url()
    seed_database(url, customers=30)
    with ServerProcess(url, suspend_seconds=0.05) as proc:
        tokens = [str(ApiClient(proc.url).login().token) for _ in range(2)]
        yield Fuzzed(proc, tokens)


def _run(server: ServerProcess, token: str, tmp_path: Path, *args: str) -> str:
    """Run schemathesis until it finds nothing; its report."""
    command = [
        *_schemathesis(),
        "run",
        f"{server.url}/openapi.json",
        "--header",
        f"Authorization: Bearer {token}",
        # Schema-valid is not always valid: the server also checks emails, domains, countries,
        # confirmation numbers and known idempotency keys, which a schema cannot say.
        "--exclude-checks",
        "positive_data_acceptance",
        "--seed",
        "1",
        "--workers",
        "2",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        *args,
    ]
    # The run stops generating at --max-time and then still checks and reports: room for that.
    limit = float(MAX_TIME) * 1.5 + 300
    for _attempt in range(3):
        result = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=limit, check=False
        )
        if result.returncode == 0 or not _only_the_tool_crashed(result.stdout):
            break
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    return result.stdout


def _figure(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in the report:\n{text[-5000:]}"
    return int(found.group(1))


def _only_the_tool_crashed(report: str) -> bool:
    """schemathesis itself hit an internal error (seen: CPython's "AST constructor recursion
    depth mismatch" in its coverage phase) while every generated case passed: run it again.
    A failure the server caused is never retried away."""
    cases = re.search(r"Test cases:\s*\n\s*(.+)", report)
    return (
        "Runtime Error" in report
        and cases is not None
        and "fail" not in cases.group(1)
        and "FAILURES" not in report
    )


def test_schemathesis_finds_nothing(fuzzed: Fuzzed, tmp_path: Path, backend: str) -> None:
    # Signing out would end the session the rest of the run uses, and `PATCH /partner`
    # {"require_mfa": true} would hold every later call to the two-factor set-up (403
    # mfa_setup_required): both run on their own, below. The change feed is a stream that
    # never ends by itself (tests/server/test_changes.py).
    out = _run(
        fuzzed.server,
        fuzzed.tokens[0],
        tmp_path,
        "--exclude-path-regex",
        f"{ALONE}|/changes$",
        "--max-time",
        MAX_TIME,
    )
    cases = _figure(r"(\d+) generated", out)
    # The stateful phase ran, and followed the document's own links, not only inferred ones.
    scenarios = _figure(r"Scenarios:\s+(\d+)", out)
    covered = _figure(r"API Links:\s+(\d+) covered", out)
    total = _figure(r"API Links:.*/ (\d+) total", out)
    inferred = _figure(r"API Links:.*\((\d+) inferred\)", out)
    assert scenarios > 0 and covered > 0 and total > inferred, out[-5000:]
    report(
        f"schemathesis {backend}",
        seconds=MAX_TIME,
        cases=cases,
        stateful_scenarios=scenarios,
        links_covered=f"{covered}/{total}",
        server_errors=0,
        schema_violations=0,
    )


def test_schemathesis_on_logout_and_the_partners_settings(fuzzed: Fuzzed, tmp_path: Path) -> None:
    _run(
        fuzzed.server,
        fuzzed.tokens[1],
        tmp_path,
        "--include-path-regex",
        ALONE,
        "--max-examples",
        "10",
        # No link leads to or from these: nothing for the stateful phase to follow.
        "--phases",
        "examples,coverage,fuzzing",
    )


def test_the_document_links_a_new_customer_to_every_call_on_it(anon: ApiClient) -> None:
    doc = anon.get("/openapi.json").json()
    by_id = {
        op["operationId"]: (method.upper(), path)
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }
    links = doc["paths"]["/api/v1/customers"]["post"]["responses"]["201"]["links"]
    targets = {by_id[link["operationId"]] for link in links.values()}
    on_a_customer = {
        (method, path)
        for method, path in by_id.values()
        if path.startswith("/api/v1/customers/{id}") and "{service_id}" not in path
    }
    assert targets == on_a_customer
    started = doc["paths"]["/api/v1/customers/{id}/suspend"]["post"]["responses"]["202"]["links"]
    assert ("GET", "/api/v1/operations/{op_id}") in {
        by_id[link["operationId"]] for link in started.values()
    }
