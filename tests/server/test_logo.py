"""The partner's logo: PNG and JPEG round trips without metadata, and every way to refuse one."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from collections.abc import Callable, Iterator

import pytest
from PIL import Image, PngImagePlugin

from tests.server.helpers import assert_error
from tests.support.server import ApiClient, ServerProcess

SECRET = "secret-metadata-do-not-keep"


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = SECRET  # camera make
    exif[0x8298] = SECRET  # copyright
    return exif.tobytes()


def _picture(mode: str, size: tuple[int, int]) -> Image.Image:
    """A gradient, so the pixels are worth comparing after the round trip."""
    red = Image.linear_gradient("L").resize(size)
    green = red.transpose(Image.Transpose.ROTATE_90).resize(size)
    bands = [red, green, Image.new("L", size, 128), Image.new("L", size, 200)][: len(mode)]
    return Image.merge(mode, bands)


def png_bytes(size: tuple[int, int] = (64, 32), metadata: bool = True) -> bytes:
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if metadata:
        info.add_text("Author", SECRET)
        info.add_itxt("Comment", SECRET)
    image = _picture("RGBA", size)
    image.save(out, "PNG", pnginfo=info, exif=_exif() if metadata else b"")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (48, 40)) -> bytes:
    out = io.BytesIO()
    _picture("RGB", size).save(
        out, "JPEG", quality=95, exif=_exif(), comment=SECRET.encode(), icc_profile=b"\0" * 64
    )
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side: int = 20000) -> bytes:
    """A valid 1-bit greyscale PNG, side x side pixels, of all zeros: ~50 KB on the wire."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\0" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


@pytest.fixture
def logo_api(scratch_api: ApiClient) -> Iterator[ApiClient]:
    yield scratch_api
    scratch_api.delete("/branding/logo")


def test_a_png_round_trips_without_its_metadata(logo_api: ApiClient) -> None:
    data = png_bytes()
    assert SECRET.encode() in data
    r = logo_api.put("/branding/logo", data=data, headers={"Content-Type": "image/png"})
    assert r.status_code == 200, r.text
    info = r.json()
    assert set(info) == {"width", "height", "bytes", "sha256"}
    assert (info["width"], info["height"]) == (64, 32)
    got = logo_api.get("/branding/logo")
    assert got.status_code == 200
    assert got.headers["Content-Type"] == "image/png"
    assert got.headers["ETag"] == f'"{info["sha256"]}"'
    assert hashlib.sha256(got.content).hexdigest() == info["sha256"]
    assert len(got.content) == info["bytes"]
    assert SECRET.encode() not in got.content
    image = Image.open(io.BytesIO(got.content))
    image.load()
    assert image.format == "PNG"
    assert not image.info.get("exif") and "Author" not in image.info
    assert "Comment" not in image.info
    assert image.tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_a_jpeg_round_trips_without_its_metadata(logo_api: ApiClient) -> None:
    data = jpeg_bytes()
    r = logo_api.put("/branding/logo", data=data, headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 200, r.text
    info = r.json()
    assert (info["width"], info["height"]) == (48, 40)
    got = logo_api.get("/branding/logo")
    assert got.status_code == 200
    assert got.headers["Content-Type"] == "image/jpeg"
    assert got.headers["ETag"] == f'"{info["sha256"]}"'
    assert hashlib.sha256(got.content).hexdigest() == info["sha256"]
    assert SECRET.encode() not in got.content
    image = Image.open(io.BytesIO(got.content))
    assert image.format == "JPEG"
    for key in ("exif", "comment", "icc_profile"):
        assert not image.info.get(key), key


def test_the_type_is_judged_by_content_not_by_name(logo_api: ApiClient) -> None:
    r = logo_api.put("/branding/logo", data=png_bytes(), headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 200, r.text
    assert logo_api.get("/branding/logo").headers["Content-Type"] == "image/png"
    r = logo_api.put(
        "/branding/logo", data=b"hello, I am text", headers={"Content-Type": "image/png"}
    )
    assert_error(r, 415, "unsupported_media_type")


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    return out.getvalue()


def _bmp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (lambda: b"this is a text file named logo.png\n", "image/png"),
        (lambda: SVG, "image/svg+xml"),
        (lambda: SVG, "image/png"),
        (_gif, "image/gif"),
        (_gif, "image/png"),
        (_bmp, "image/png"),
        (lambda: b"", "image/png"),
    ],
    ids=["text", "svg", "svg-as-png", "gif", "gif-as-png", "bmp", "empty"],
)
def test_what_is_not_png_or_jpeg_is_415(
    logo_api: ApiClient, make: Callable[[], bytes], content_type: str
) -> None:
    before = logo_api.put("/branding/logo", data=png_bytes(), headers={"Content-Type": "image/png"})
    r = logo_api.put("/branding/logo", data=make(), headers={"Content-Type": content_type})
    assert_error(r, 415, "unsupported_media_type")
    # The logo set before stays.
    assert logo_api.get("/branding/logo").headers["ETag"] == f'"{before.json()["sha256"]}"'


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        lambda: png_bytes((200, 200), metadata=False)[:300],
        lambda: b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50,
    ],
    ids=["png-signature-then-garbage", "truncated-png", "jpeg-signature-then-garbage"],
)
def test_a_damaged_image_is_422(logo_api: ApiClient, make: Callable[[], bytes]) -> None:
    error = assert_error(
        logo_api.put("/branding/logo", data=make(), headers={"Content-Type": "image/png"}),
        422,
        "image_not_decodable",
    )
    assert error["message"]


def test_a_decompression_bomb_is_422(logo_api: ApiClient) -> None:
    data = bomb_png()
    assert len(data) < 2 * 1024 * 1024
    r = logo_api.put("/branding/logo", data=data, headers={"Content-Type": "image/png"})
    assert_error(r, 422, "image_too_large")
    assert_error(logo_api.get("/branding/logo"), 404, "not_found")


@pytest.mark.parametrize("size", [(4097, 1), (1, 4097), (5000, 5000)])
def test_over_4096_pixels_a_side_is_422(logo_api: ApiClient, size: tuple[int, int]) -> None:
    out = io.BytesIO()
    Image.new("1", size).save(out, "PNG")
    r = logo_api.put("/branding/logo", data=out.getvalue(), headers={"Content-Type": "image/png"})
    assert_error(r, 422, "image_too_large")


def test_4096_pixels_a_side_is_fine(logo_api: ApiClient) -> None:
    out = io.BytesIO()
    Image.new("1", (4096, 16)).save(out, "PNG")
    r = logo_api.put("/branding/logo", data=out.getvalue(), headers={"Content-Type": "image/png"})
    assert r.status_code == 200, r.text
    assert (r.json()["width"], r.json()["height"]) == (4096, 16)


def test_a_body_over_2_mib_is_413(logo_api: ApiClient) -> None:
    big = png_bytes(metadata=False) + b"\0" * (3 * 1024 * 1024)
    r = logo_api.put("/branding/logo", data=big, headers={"Content-Type": "image/png"})
    assert_error(r, 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:
        # No Content-Length: the server must count as it reads.
        for _ in range(48):
            yield b"\0" * 65536

    r = logo_api.put("/branding/logo", data=chunks(), headers={"Content-Type": "image/png"})
    assert_error(r, 413, "payload_too_large")
    assert_error(logo_api.get("/branding/logo"), 404, "not_found")


def test_delete_then_get_is_404(logo_api: ApiClient) -> None:
    r = logo_api.put("/branding/logo", data=png_bytes(), headers={"Content-Type": "image/png"})
    assert r.status_code == 200
    assert logo_api.delete("/branding/logo").status_code == 204
    assert_error(logo_api.get("/branding/logo"), 404, "not_found")
    # Deleting what is not there is fine too.
    assert logo_api.delete("/branding/logo").status_code == 204


def test_each_partner_has_its_own_logo(
    logo_api: ApiClient, scratch: ServerProcess, new_user: Callable[..., tuple[str, str]]
) -> None:
    r = logo_api.put("/branding/logo", data=png_bytes(), headers={"Content-Type": "image/png"})
    assert r.status_code == 200
    other = ApiClient(scratch.url).login(*new_user())
    assert_error(other.get("/branding/logo"), 404, "not_found")
    assert other.delete("/branding/logo").status_code == 204
    assert logo_api.get("/branding/logo").status_code == 200


PAYLOAD = b"<script>alert('polyglot')</script>"
ZIP_TAIL = b"PK\x03\x04" + PAYLOAD * 8


def _before_idat(png: bytes, chunk: bytes) -> bytes:
    at = png.index(b"IDAT") - 4
    return png[:at] + chunk + png[at:]


def _text_bomb(kind: bytes) -> bytes:
    """A small PNG with a text or colour-profile chunk that inflates to 50 MiB."""
    inflated = zlib.compress(b"\0" * (50 * 1024 * 1024), 9)
    header = b"Comment\0\0" if kind == b"zTXt" else b"icc\0\0"
    return _before_idat(png_bytes(metadata=False), _chunk(kind, header + inflated))


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims another size."""
    data = bytearray(jpeg_bytes())
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"<html><body>" + PAYLOAD + b"</body></html>" + png_bytes(metadata=False),
        lambda: b"%PDF-1.4\n" + png_bytes(metadata=False),
        lambda: _gif() + ZIP_TAIL,
        lambda: ZIP_TAIL + png_bytes(metadata=False),
    ],
    ids=["html-then-png", "pdf-then-png", "gif-then-zip", "zip-then-png"],
)
def test_a_polyglot_that_does_not_start_as_png_or_jpeg_is_415(
    logo_api: ApiClient, make: Callable[[], bytes]
) -> None:
    r = logo_api.put("/branding/logo", data=make(), headers={"Content-Type": "image/png"})
    assert_error(r, 415, "unsupported_media_type")
    assert_error(logo_api.get("/branding/logo"), 404, "not_found")


@pytest.mark.parametrize(
    "make",
    [
        lambda: png_bytes(metadata=False) + ZIP_TAIL,
        lambda: jpeg_bytes() + ZIP_TAIL,
        lambda: _before_idat(png_bytes(metadata=False), _chunk(b"tEXt", b"x\0" + PAYLOAD)),
    ],
    ids=["png-then-zip", "jpeg-then-zip", "png-with-script-text"],
)
def test_a_polyglot_that_is_a_real_image_is_stored_without_its_payload(
    logo_api: ApiClient, make: Callable[[], bytes]
) -> None:
    """A valid image with something hidden after or inside it is an image (API.md judges by
    content); what is served back is the re-encoded pixels, never the hidden part."""
    data = make()
    r = logo_api.put("/branding/logo", data=data, headers={"Content-Type": "image/png"})
    assert r.status_code == 200, r.text
    served = logo_api.get("/branding/logo").content
    assert PAYLOAD not in served and b"PK\x03\x04" not in served
    assert len(served) == r.json()["bytes"]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: jpeg_bytes((200, 200))[: len(jpeg_bytes((200, 200))) // 2], "image_not_decodable"),
        (lambda: jpeg_bytes()[:-2], "image_not_decodable"),
        (lambda: b"\x89PNG\r\n\x1a\n", "image_not_decodable"),
        (lambda: b"\xff\xd8\xff", "image_not_decodable"),
        (lambda: b"\x89PNG\r\n\x1a\n" + jpeg_bytes(), "image_not_decodable"),
        (lambda: b"\xff\xd8\xff" + png_bytes(metadata=False), "image_not_decodable"),
        (lambda: _text_bomb(b"zTXt"), "image_not_decodable"),
        (lambda: _text_bomb(b"iCCP"), "image_not_decodable"),
        (lambda: _jpeg_claiming(60000, 60000), "image_too_large"),
        (lambda: _jpeg_claiming(4097, 10), "image_too_large"),
    ],
    ids=[
        "truncated-jpeg",
        "jpeg-without-end",
        "png-signature-only",
        "jpeg-signature-only",
        "png-signature-then-jpeg",
        "jpeg-signature-then-png",
        "ztxt-bomb",
        "iccp-bomb",
        "jpeg-claiming-60000px",
        "jpeg-claiming-4097px",
    ],
)
def test_damaged_and_bomb_images_are_422_and_leave_the_logo_as_it_was(
    logo_api: ApiClient, make: Callable[[], bytes], code: str
) -> None:
    before = logo_api.put("/branding/logo", data=png_bytes(), headers={"Content-Type": "image/png"})
    data = make()
    assert len(data) < 2 * 1024 * 1024
    r = logo_api.put("/branding/logo", data=data, headers={"Content-Type": "image/jpeg"})
    assert_error(r, 422, code)
    assert logo_api.get("/branding/logo").headers["ETag"] == f'"{before.json()["sha256"]}"'


@pytest.mark.parametrize(
    ("make", "content_type", "served_as"),
    [
        (png_bytes, "text/plain", "image/png"),
        (png_bytes, "application/octet-stream", "image/png"),
        (png_bytes, "image/gif", "image/png"),
        (jpeg_bytes, "image/png", "image/jpeg"),
        (jpeg_bytes, None, "image/jpeg"),
    ],
)
def test_a_real_image_under_a_wrong_name_is_judged_by_its_content(
    logo_api: ApiClient, make: Callable[[], bytes], content_type: str | None, served_as: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = logo_api.put("/branding/logo", data=make(), headers=headers)
    assert r.status_code == 200, r.text
    assert logo_api.get("/branding/logo").headers["Content-Type"] == served_as


@pytest.mark.parametrize("content_type", [None, "image/png", "image/jpeg"])
def test_a_zero_byte_body_is_415(logo_api: ApiClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = logo_api.put("/branding/logo", data=b"", headers={**headers, "Content-Length": "0"})
    assert_error(r, 415, "unsupported_media_type")
    assert_error(logo_api.get("/branding/logo"), 404, "not_found")
