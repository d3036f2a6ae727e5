"""The client's own logo check: type by content, bytes, pixels a side, damage; all with Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.branding.logo_check import (
    MAX_BYTES,
    LogoRejected,
    check_logo_bytes,
    check_logo_file,
    decode_logo,
    format_size,
)
from tests.desktop.branding_images import (
    FAKE_PNG,
    MIB,
    SVG,
    TEXT,
    gif_bytes,
    jpeg_bytes,
    padded,
    png_bytes,
    write,
)


@pytest.fixture(autouse=True)
def _qt(qapp: QApplication) -> None:
    """Qt's image plugins are found through the application object."""


def _reason(path: str) -> str:
    with pytest.raises(LogoRejected) as refused:
        check_logo_file(path)
    return refused.value.message


def test_a_png_passes_with_its_pixels_decoded(tmp_path: Path) -> None:
    logo = check_logo_file(write(tmp_path, "logo.png", png_bytes((640, 200))))
    assert logo.content_type == "image/png"
    assert logo.format_label == "PNG"
    assert (logo.image.width(), logo.image.height()) == (640, 200)


def test_a_jpeg_passes_whatever_its_name(tmp_path: Path) -> None:
    logo = check_logo_file(write(tmp_path, "logo.png", jpeg_bytes((300, 120))))
    assert logo.content_type == "image/jpeg"
    assert (logo.image.width(), logo.image.height()) == (300, 120)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (TEXT, "a text file"),
        (gif_bytes(), "a GIF image"),
        (SVG, "an SVG drawing"),
        (b"\0\x01\x02\x03binary", "a file of another kind"),
    ],
    ids=["text", "gif", "svg", "binary"],
)
def test_what_is_not_png_or_jpeg_is_named_for_what_it_is(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    reason = _reason(write(tmp_path, "logo.png", data))
    assert reason.startswith(f"“logo.png” is {kind}, not a PNG or JPEG.")


def test_a_png_signature_followed_by_garbage_is_damaged(tmp_path: Path) -> None:
    reason = _reason(write(tmp_path, "logo.png", FAKE_PNG))
    assert reason == "“logo.png” starts like a PNG image but is damaged or incomplete."


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_a_cut_off_image_is_damaged(tmp_path: Path, kind: str) -> None:
    data = png_bytes((300, 300)) if kind == "png" else jpeg_bytes((300, 300))
    reason = _reason(write(tmp_path, f"logo.{kind}", data[: len(data) * 2 // 3]))
    assert "is damaged or incomplete" in reason


def test_a_jpeg_missing_only_its_end_marker_is_damaged(tmp_path: Path) -> None:
    # Qt shows it without complaint; the server's decoder refuses it, so it is not sent.
    reason = _reason(write(tmp_path, "logo.jpg", jpeg_bytes()[:-2]))
    assert "is damaged or incomplete" in reason


def test_over_4096_px_a_side_is_refused_with_the_dimensions(tmp_path: Path) -> None:
    reason = _reason(write(tmp_path, "wide.png", png_bytes((5000, 10), mode="1")))
    assert reason == "“wide.png” is 5000 × 10 px — at most 4096 px a side."


def test_4096_px_a_side_is_fine(tmp_path: Path) -> None:
    logo = check_logo_file(write(tmp_path, "edge.png", png_bytes((4096, 16), mode="1")))
    assert logo.image.width() == 4096


def test_over_2_mib_is_refused_with_the_size(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", padded(png_bytes(), int(2.5 * MIB)))
    assert _reason(path) == "“big.png” is 2.5 MB — the limit is 2 MB."


def test_just_over_the_limit_never_reads_as_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", padded(png_bytes(), MAX_BYTES + 1))
    assert _reason(path) == "“big.png” is 2.1 MB — the limit is 2 MB."


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.write(png_bytes((10, 10)))
        file.truncate(64 * 1024 * MIB)  # sparse: 64 GiB on paper, nothing on disk
    assert _reason(str(path)) == "“huge.png” is 64.0 GB — the limit is 2 MB."


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert _reason(write(tmp_path, "logo.png", b"")) == "“logo.png” is empty."


def test_a_missing_file_is_refused_in_words(tmp_path: Path) -> None:
    reason = _reason(str(tmp_path / "gone.png"))
    assert reason.startswith("Cannot read “gone.png”:")


def test_bytes_are_checked_like_files() -> None:
    with pytest.raises(LogoRejected, match="not a PNG or JPEG"):
        check_logo_bytes(TEXT, "pasted")
    assert check_logo_bytes(png_bytes((20, 10)), "pasted").image.width() == 20


def test_the_servers_logo_is_decoded_or_refused() -> None:
    assert decode_logo(png_bytes((20, 10)), "image/png") is not None
    assert decode_logo(FAKE_PNG, "image/png") is None
    assert decode_logo(png_bytes((20, 10)), "image/gif") is None


@pytest.mark.parametrize(
    ("size", "words"),
    [(512, "512 bytes"), (18_842, "18.4 KB"), (int(1.5 * MIB), "1.5 MB")],
)
def test_sizes_read_as_people_expect(size: int, words: str) -> None:
    assert format_size(size) == words
