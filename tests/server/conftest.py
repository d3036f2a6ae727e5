"""The server suite runs twice: on a temporary SQLite file and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresCluster, start_cluster
from tests.support.server import ApiClient, ServerProcess, run_cli, seed_database

_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    cluster = start_cluster(tmp_path_factory.mktemp("pg"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def new_database_url(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Callable[[], str]:
    """Makes an empty database on the current backend and returns its URL."""

    def make() -> str:
        n = next(_counter)
        if backend == "postgres":
            cluster: PostgresCluster = request.getfixturevalue("postgres")
            return cluster.new_database(f"t{n}")
        path: Path = tmp_path_factory.mktemp("db") / f"api{n}.sqlite3"
        return f"sqlite:///{path}"

    return make


@pytest.fixture(scope="session")
def server(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """One seeded server per backend, shared by the tests that do not need their own."""
    url = new_database_url()
    seed_database(url)
    with ServerProcess(url, suspend_seconds=0.2) as proc:
        yield proc


@pytest.fixture
def api(server: ServerProcess) -> ApiClient:
    return ApiClient(server.url).login("demo", "demo")


@pytest.fixture
def other_api(server: ServerProcess) -> ApiClient:
    return ApiClient(server.url).login("other", "other")


@pytest.fixture
def anon(server: ServerProcess) -> ApiClient:
    return ApiClient(server.url)


@pytest.fixture(scope="session")
def scratch(new_database_url: Callable[[], str]) -> Iterator[ServerProcess]:
    """A second seeded server per backend, for tests that change the seeded data (remove
    services, suspend, cancel, upload a logo) without disturbing the shared `server`, whose
    totals and statuses other tests count on. Tests still use distinct customers."""
    url = new_database_url()
    seed_database(url, customers=80, partners=2, seed=7)
    with ServerProcess(url, suspend_seconds=0.1) as proc:
        yield proc


@pytest.fixture(scope="session")
def _scratch_tokens(scratch: ServerProcess) -> dict[str, str]:
    """One sign-in per user for the whole run (each costs a password hash); no test signs out."""
    return {user: str(ApiClient(scratch.url).login(user, user).token) for user in ("demo", "other")}


def _signed_in(base: str, token: str) -> ApiClient:
    client = ApiClient(base)
    client.token = token
    client.http.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def scratch_api(scratch: ServerProcess, _scratch_tokens: dict[str, str]) -> ApiClient:
    return _signed_in(scratch.url, _scratch_tokens["demo"])


@pytest.fixture
def scratch_other_api(scratch: ServerProcess, _scratch_tokens: dict[str, str]) -> ApiClient:
    return _signed_in(scratch.url, _scratch_tokens["other"])


@pytest.fixture
def new_user(scratch: ServerProcess) -> Callable[..., tuple[str, str]]:
    """Adds a user on `scratch` (to a new partner unless one is named): (username, password)."""

    def make(partner: str | None = None) -> tuple[str, str]:
        username = f"u{uuid.uuid4().hex[:12]}"
        result = run_cli(
            "add-user",
            "--database",
            scratch.database_url,
            "--partner",
            partner or f"Partner {username}",
            "--username",
            username,
            stdin=f"pw-{username}\n",
        )
        assert result.returncode == 0, result.stderr
        return username, f"pw-{username}"

    return make
