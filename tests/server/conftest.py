"""The server suite runs twice: on a temporary SQLite file and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresCluster, start_cluster
from tests.support.server import ApiClient, ServerProcess, seed_database

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
