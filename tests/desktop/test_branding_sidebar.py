"""The whole app, signed in: the sidebar shows the partner's logo and follows every change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.desktop.branding_images import logo_server, png_bytes, write
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with logo_server(tmp_path_factory.mktemp("sidebar")) as running:
        yield running


def _sidebar_logo(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "sidebarLogo")
    assert label is not None
    return label


def _open_branding(qtbot: QtBot, window: MainWindow) -> None:
    page = window.branding
    window.sidebar.setCurrentRow(window.pages.indexOf(page))
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.is_loaded and not page.is_busy, timeout=TIMEOUT_MS)


def test_the_sidebar_shows_the_logo_right_after_sign_in(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, raw: ApiClient
) -> None:
    raw.put("/branding/logo", data=png_bytes((400, 100)), headers={"Content-Type": "image/png"})
    window = harness.sign_in(qtbot, server.root)
    logo = _sidebar_logo(window)
    qtbot.waitUntil(logo.isVisible, timeout=TIMEOUT_MS)
    # 400 × 100 into 160 × 48: the width limits it, the aspect stays.
    assert logo.pixmap().deviceIndependentSize().toSize().toTuple() == (160, 40)
    assert window.pages.currentWidget() is not window.branding  # no visit to Branding needed


def test_an_upload_shows_in_the_sidebar_at_once(
    qtbot: QtBot, raw: ApiClient, tmp_path: Path, window: MainWindow
) -> None:
    _open_branding(qtbot, window)
    logo = _sidebar_logo(window)
    assert not logo.isVisible()
    assert window.branding.upload_file(write(tmp_path, "acme.png", png_bytes((640, 200))))
    qtbot.waitUntil(logo.isVisible, timeout=TIMEOUT_MS)
    assert raw.get("/branding/logo").status_code == 200
    assert logo.pixmap().deviceIndependentSize().toSize().toTuple() == (153, 48)


def test_removing_the_logo_hides_it_in_the_sidebar(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, raw: ApiClient
) -> None:
    raw.put("/branding/logo", data=png_bytes((300, 90)), headers={"Content-Type": "image/png"})
    window = harness.sign_in(qtbot, server.root)
    logo = _sidebar_logo(window)
    qtbot.waitUntil(logo.isVisible, timeout=TIMEOUT_MS)
    _open_branding(qtbot, window)
    page = window.branding
    qtbot.mouseClick(page.findChild(QPushButton, "removeLogoButton"), Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "removeLogoConfirm")
    qtbot.waitUntil(box.isVisible, timeout=TIMEOUT_MS)
    qtbot.mouseClick(
        box.findChild(QPushButton, "confirmRemoveLogoButton"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not logo.isVisible() and not page.is_busy, timeout=TIMEOUT_MS)
    assert raw.get("/branding/logo").status_code == 404
    assert page.current.stack.currentWidget().objectName() == "logoEmptyState"
    assert page.message.text() == "Your logo is removed."
