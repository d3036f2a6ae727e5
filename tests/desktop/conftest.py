"""Fixtures shared by the desktop tests.

Every test module gets its own seeded server for the whole module (`server`), a signed-in API
on it, a picker handing every test its own customers, and a plain HTTP client; `harness` is the
whole app and `window` its main window signed in on `server`; `language` runs a test in English
and in Croatian, `croatian` in Croatian only. A test module that needs something else (another
server, another runner) defines its own fixture of the same name, which takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.api.client import PartnerApi
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.desktop.customer_dialog_support import (
    CustomerPicker,
    raw_client,
    seeded_server,
    signed_in_api,
)
from tests.support.gui import AppHarness, MemoryKeyring
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


@pytest.fixture(params=["en", "hr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    i18n.install_language(qapp, request.param)
    yield str(request.param)
    i18n.remove_language(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def croatian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    locale = i18n.install_language(qapp, "hr")
    assert locale.language() == QLocale.Language.Croatian
    yield
    i18n.remove_language(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def harness(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path) -> Iterator[AppHarness]:
    """The whole app, on a keyring of its own; `harness.sign_in(qtbot, server.root)` opens it.

    Marked `auto_close_ms(0)` (a test, or a module's pytestmark), an Edit Customer dialog
    closes the moment its operation ends instead of after the person's 1.5 s.
    """
    app = AppHarness(tmp_path / "app", MemoryKeyring())
    marker = request.node.get_closest_marker("auto_close_ms")
    if marker is not None:
        app.settings.auto_close_ms = marker.args[0]
    yield app
    app.close()


@pytest.fixture
def window(qtbot: QtBot, harness: AppHarness, server: ServerProcess) -> MainWindow:
    """Signed in as demo on the module's `server`, every customer loaded, on My Customers."""
    return harness.sign_in(qtbot, server.root)
