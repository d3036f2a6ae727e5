"""The Branding page against a real server: what is checked, what is sent, what the person reads."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.tasks import TaskRunner
from desktop.ui.branding.logo_check import CheckedLogo
from desktop.ui.branding.page import BrandingPage
from tests.desktop.branding_images import (
    FAKE_PNG,
    MIB,
    TEXT,
    jpeg_bytes,
    logo_server,
    padded,
    png_bytes,
    write,
)
from tests.support.server import ApiClient, ServerProcess

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with logo_server(tmp_path_factory.mktemp("branding")) as running:
        yield running


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.drain(10_000)


def _open_page(
    qtbot: QtBot, server: ServerProcess, runner: TaskRunner, **kwargs: object
) -> BrandingPage:
    api = PartnerApi(server.url)
    api.login("demo", "demo")
    page = BrandingPage(api, runner, "Demo Partner d.o.o.", **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1000, 620)
    page.show()  # the first show loads the logo
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT_MS)
    return page


@pytest.fixture
def page(qtbot: QtBot, server: ServerProcess, raw: ApiClient, runner: TaskRunner) -> BrandingPage:
    return _open_page(qtbot, server, runner)


def _upload(qtbot: QtBot, page: BrandingPage, path: str) -> str:
    assert page.upload_file(path)
    qtbot.waitUntil(lambda: not page.is_busy, timeout=TIMEOUT_MS)
    return _message(page)


def _message(page: BrandingPage) -> str:
    label = page.findChild(QLabel, "logoMessage")
    assert label.isVisible()
    return str(label.text())


def _etag(raw: ApiClient) -> str | None:
    answer = raw.get("/branding/logo")
    assert answer.status_code in (200, 404), answer.text
    return answer.headers["ETag"] if answer.status_code == 200 else None


def _preview(page: BrandingPage) -> QLabel:
    return page.findChild(QLabel, "logoPreview")


def test_no_logo_yet_is_said_plainly(page: BrandingPage) -> None:
    assert page.current.stack.currentWidget().objectName() == "logoEmptyState"
    assert not _preview(page).isVisible()
    assert not page.findChild(QPushButton, "removeLogoButton").isEnabled()


def test_a_png_is_sent_and_shown_with_the_servers_facts(
    qtbot: QtBot, page: BrandingPage, raw: ApiClient, tmp_path: Path
) -> None:
    data = png_bytes((640, 200))
    message = _upload(qtbot, page, write(tmp_path, "acme.png", data))
    stored = raw.get("/branding/logo")
    assert stored.status_code == 200
    assert stored.headers["Content-Type"] == "image/png"
    image = QImage.fromData(stored.content)
    assert (image.width(), image.height()) == (640, 200)
    assert message.startswith(
        "“acme.png” is your logo now. The server stored it as PNG · 640 × 200"
    )
    assert page.findChild(QLabel, "logoInfo").text().startswith("PNG · 640 × 200 px · ")
    preview = _preview(page)
    assert preview.isVisible()
    # 640 × 200 fitted into 160 × 48: the height limits it, the aspect stays.
    assert preview.pixmap().deviceIndependentSize().toSize().toTuple() == (153, 48)
    assert page.findChild(QPushButton, "removeLogoButton").isEnabled()


def test_a_jpeg_is_sent_as_a_jpeg(
    qtbot: QtBot, page: BrandingPage, raw: ApiClient, tmp_path: Path
) -> None:
    message = _upload(qtbot, page, write(tmp_path, "photo.jpeg", jpeg_bytes((300, 120))))
    stored = raw.get("/branding/logo")
    assert stored.headers["Content-Type"] == "image/jpeg"
    assert "JPEG · 300 × 120 px" in message
    assert _preview(page).pixmap().deviceIndependentSize().toSize().toTuple() == (120, 48)


def test_a_small_logo_is_never_enlarged_in_the_sidebar(
    qtbot: QtBot, page: BrandingPage, tmp_path: Path
) -> None:
    _upload(qtbot, page, write(tmp_path, "tiny.png", png_bytes((40, 20))))
    assert _preview(page).pixmap().deviceIndependentSize().toSize().toTuple() == (40, 20)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("logo.png", FAKE_PNG, "“logo.png” starts like a PNG image but is damaged or incomplete."),
        ("logo.png", TEXT, "“logo.png” is a text file, not a PNG or JPEG."),
        ("wide.png", png_bytes((5000, 10), mode="1"), "“wide.png” is 5000 × 10 px — at most 4096"),
        (
            "big.png",
            padded(png_bytes(), int(2.5 * MIB)),
            "“big.png” is 2.5 MB — the limit is 2 MB.",
        ),
        ("cut.jpg", jpeg_bytes()[:-300], "“cut.jpg” starts like a JPEG image but is damaged"),
    ],
    ids=["fake-png", "text-named-png", "5000x10", "2.5-mib", "truncated-jpeg"],
)
def test_a_file_the_server_would_refuse_is_never_sent(
    qtbot: QtBot,
    page: BrandingPage,
    raw: ApiClient,
    tmp_path: Path,
    name: str,
    data: bytes,
    words: str,
) -> None:
    message = _upload(qtbot, page, write(tmp_path, name, data))
    assert message.startswith(words)
    assert message.endswith("Nothing was uploaded.")
    assert page.message.property("kind") == "error"
    assert _etag(raw) is None  # the server never saw it


def test_a_refused_file_leaves_the_old_logo_in_place(
    qtbot: QtBot, page: BrandingPage, raw: ApiClient, tmp_path: Path
) -> None:
    _upload(qtbot, page, write(tmp_path, "good.png", png_bytes((200, 100))))
    before = _etag(raw)
    assert before is not None
    _upload(qtbot, page, write(tmp_path, "fake.png", FAKE_PNG))
    assert _etag(raw) == before
    assert _preview(page).isVisible()
    assert page.findChild(QLabel, "logoInfo").text().startswith("PNG · 200 × 100 px")


def _no_check(path: str) -> CheckedLogo:
    """Lets every file through, so the server's own refusals can be seen reaching the person."""
    return CheckedLogo(Path(path).read_bytes(), "image/png", QImage())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (TEXT, "The server refused the logo: it is not a PNG or JPEG image."),
        (
            padded(png_bytes(), int(2.5 * MIB)),
            "The server refused the logo: it is larger than 2 MB.",
        ),
        (
            png_bytes((5000, 10), mode="1"),
            "The server refused the logo. The logo is 5000×10 pixels; at most 4096 a side.",
        ),
        (FAKE_PNG, "The server refused the logo. The image file is damaged."),
    ],
    ids=["415", "413", "422-pixels", "422-damaged"],
)
def test_the_servers_refusal_reaches_the_person_in_words(
    qtbot: QtBot,
    server: ServerProcess,
    raw: ApiClient,
    runner: TaskRunner,
    tmp_path: Path,
    data: bytes,
    words: str,
) -> None:
    page = _open_page(qtbot, server, runner, check=_no_check)
    assert _upload(qtbot, page, write(tmp_path, "logo.png", data)) == words
    assert _etag(raw) is None


def _confirm_box(qtbot: QtBot, page: BrandingPage) -> QMessageBox:
    qtbot.mouseClick(page.findChild(QPushButton, "removeLogoButton"), Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "removeLogoConfirm")
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=TIMEOUT_MS)
    return box


def test_keeping_the_logo_sends_nothing(
    qtbot: QtBot, page: BrandingPage, raw: ApiClient, tmp_path: Path
) -> None:
    _upload(qtbot, page, write(tmp_path, "acme.png", png_bytes()))
    box = _confirm_box(qtbot, page)
    qtbot.mouseClick(box.findChild(QPushButton, "keepLogoButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "removeLogoConfirm") is None)
    assert not page.is_busy
    assert _etag(raw) is not None
    assert _preview(page).isVisible()


def test_the_upload_button_opens_a_file_dialog_whose_choice_is_checked(
    qtbot: QtBot, page: BrandingPage, raw: ApiClient, tmp_path: Path
) -> None:
    path = write(tmp_path, "chosen.png", png_bytes((320, 100)))
    qtbot.mouseClick(page.findChild(QPushButton, "uploadLogoButton"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(QFileDialog, "logoFileDialog")
    assert dialog is not None
    assert "*.png" in dialog.nameFilters()[0]
    dialog.selectFile(path)
    dialog.accept()
    qtbot.waitUntil(lambda: _etag(raw) is not None and not page.is_busy, timeout=TIMEOUT_MS)
    assert "“chosen.png” is your logo now" in _message(page)


def test_a_logo_set_elsewhere_is_shown_on_first_show(
    qtbot: QtBot, server: ServerProcess, raw: ApiClient, runner: TaskRunner
) -> None:
    raw.put("/branding/logo", data=jpeg_bytes((480, 96)), headers={"Content-Type": "image/jpeg"})
    page = _open_page(qtbot, server, runner)
    assert page.findChild(QLabel, "logoInfo").text().startswith("JPEG · 480 × 96 px · ")
    assert _preview(page).pixmap().deviceIndependentSize().toSize().toTuple() == (160, 32)
    visible: QWidget = page.current.stack.currentWidget()
    assert visible.findChild(QLabel, "logoImage") is not None


def test_a_logo_that_cannot_be_loaded_says_why_and_offers_to_try_again(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = PartnerApi(f"http://127.0.0.1:{port}/api/v1", token="not-used")
    page = BrandingPage(api, runner, "Demo Partner d.o.o.")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy, timeout=TIMEOUT_MS)
    failed = page.current.stack.currentWidget()
    assert failed.objectName() == "logoLoadFailed"
    assert failed.findChild(QPushButton, "reloadLogoButton").isVisible()
    assert page.findChild(QPushButton, "uploadLogoButton").isEnabled()
    assert not page.is_loaded  # showing the page again tries again


def test_a_damaged_logo_from_the_server_is_named_not_shown(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """A server that sends PNG bytes no decoder can read: the page says so in a sentence."""
    from tests.support.scripted_http import ScriptedServer, send

    fake = ScriptedServer().start()
    fake.route("GET", "/branding/logo", lambda handler: send(handler, 200, b"", "image/png"))
    try:
        page = BrandingPage(PartnerApi(fake.root, token="t0k3n"), runner, "Demo Partner d.o.o.")
        qtbot.addWidget(page)
        page.show()
        failed = page.findChild(QWidget, "logoLoadFailed")
        qtbot.waitUntil(failed.isVisible, timeout=TIMEOUT_MS)
        texts = [label.text() for label in failed.findChildren(QLabel)]
        assert "The logo on the server is damaged and cannot be shown." in texts
        assert page.findChild(QPushButton, "reloadLogoButton").isVisible()
        assert not page.findChild(QLabel, "logoImage").isVisible()
    finally:
        fake.stop()
