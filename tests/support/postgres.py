"""A throwaway PostgreSQL cluster in a temp directory, run as the `postgres` user.

Placeholder until the PostgreSQL work lands: it skips with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest


class PostgresCluster:
    def new_database(self, name: str) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        pass


def start_cluster(directory: Path) -> PostgresCluster:
    pytest.skip("PostgreSQL cluster fixture not written yet")
