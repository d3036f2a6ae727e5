"""Fixtures shared by the desktop tests.

The Customer dialog tests (dialog, conflict, history, services, login) each get their own seeded
server for the whole module, a signed-in API on it, a picker handing every test its own
customers, and a plain HTTP client; a test module that needs something else (another server,
another runner) defines its own fixture of the same name, which takes precedence over these.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.tasks import TaskRunner
from tests.desktop.customer_dialog_support import (
    CustomerPicker,
    raw_client,
    seeded_server,
    signed_in_api,
)
from tests.support.server import ApiClient, ServerProcess

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """A seeded server of the test module's own, so modules never see each other's changes."""
    folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    with seeded_server(folder) as running:
        yield running


@pytest.fixture(scope="module")
def api(server: ServerProcess) -> Iterator[PartnerApi]:
    client = signed_in_api(server)
    yield client
    client.close()


@pytest.fixture(scope="module")
def customers(api: PartnerApi) -> CustomerPicker:
    return CustomerPicker(api)


@pytest.fixture(scope="module")
def client(server: ServerProcess) -> ApiClient:
    return raw_client(server)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    assert tasks.drain(10000)


@pytest.fixture
def raw(server: ServerProcess) -> ApiClient:
    """Plain HTTP with no logo on the server, to set the scene and see what the server holds."""
    client = ApiClient(server.url).login()
    client.delete("/branding/logo")
    return client


@pytest.fixture
def uk_locale(qapp: object) -> Iterator[None]:
    # The models read the default locale when made; the person's own is put back after.
    before = QLocale()
    QLocale.setDefault(UK)
    yield
    QLocale.setDefault(before)
