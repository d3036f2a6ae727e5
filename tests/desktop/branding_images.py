"""Image files for the Branding tests, made with Pillow (tests only: the client checks with Qt),
and the small seeded server those tests upload them to."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from tests.support.server import ServerProcess, seed_database

MIB = 1024 * 1024


@contextmanager
def logo_server(folder: Path) -> Iterator[ServerProcess]:
    """A real server with a few customers, its database in that folder."""
    url = f"sqlite:///{folder / 'api.sqlite3'}"
    seed_database(url, customers=20)
    with ServerProcess(url) as proc:
        yield proc


def picture(mode: str, size: tuple[int, int]) -> Image.Image:
    """A gradient, so decoding has real work to do and damage shows."""
    ramp = Image.linear_gradient("L").resize(size)
    bands = [ramp, ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.new("L", size, 160)]
    if mode == "RGBA":
        bands.append(Image.new("L", size, 255))
    return Image.merge(mode, bands)


def png_bytes(size: tuple[int, int] = (640, 200), mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    if mode == "1":
        Image.new("1", size).save(out, "PNG")  # cheap even when huge
    else:
        picture(mode, size).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (300, 120)) -> bytes:
    out = io.BytesIO()
    picture("RGB", size).save(out, "JPEG", quality=90)
    return out.getvalue()


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
TEXT = b"this is a text file that someone named logo.png\n"


def padded(data: bytes, total: int) -> bytes:
    """`data` followed by zeros up to `total` bytes: a real image header, a size over the limit."""
    return data + b"\0" * (total - len(data))


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)
