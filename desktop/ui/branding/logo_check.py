"""Checking a logo file before it is sent, by its content and with Qt only.

The limits are the server's (docs/api.md): checking them here tells the person at once, in
their own words, and nothing the server would refuse crosses the network. Safe to run on a
worker thread: QImage and QImageReader are, QPixmap is not and is not used here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject
from PySide6.QtGui import QImage, QImageReader

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4096
# The largest image within MAX_SIDE a side decodes to 4096 × 4096 × 8 bytes (16-bit RGBA).
ALLOCATION_LIMIT_MB = 128
CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}
FORMAT_LABELS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# Enough of a file for Qt's handlers to tell its format (an SVG's root element may come late).
_HEAD_BYTES = 64 * 1024
_MIB = 1024 * 1024
_JPEG_START_OF_SCAN = b"\xff\xda"
_JPEG_END_OF_IMAGE = b"\xff\xd9"


class LogoCheck(QObject):
    """The translation context of this file's words (lupdate reads `LogoCheck.tr` as it)."""


class LogoRejected(Exception):
    """The file cannot be a logo; `message` says why, in words for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedLogo:
    """A file that passed every check: its bytes, its type by content, and the decoded image."""

    data: bytes
    content_type: str
    image: QImage

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS[self.content_type]


def format_size(size: int) -> str:
    """Bytes as people read them; MB and KB mean MiB and KiB, as file managers show them."""
    if size < 1024:
        # A plural: lupdate finds the %n form only in Class.tr(), which the stubs do not type.
        return LogoCheck.tr("%n bytes", "", size)  # type: ignore[arg-type]
    if size < _MIB:
        return QCoreApplication.translate("LogoCheck", "{n:.1f} KB").format(n=size / 1024)
    return QCoreApplication.translate("LogoCheck", "{n:.1f} MB").format(n=size / _MIB)


def describe_logo(content_type: str, width: int, height: int, size: int) -> str:
    """One line of facts: "PNG · 640 × 200 px · 18.4 KB"."""
    kind = FORMAT_LABELS.get(content_type, content_type)
    return QCoreApplication.translate("LogoCheck", "{kind} · {w} × {h} px · {size}").format(
        kind=kind, w=width, h=height, size=format_size(size)
    )


def check_logo_file(path: str | Path) -> CheckedLogo:
    """Check a file chosen by the person; raises LogoRejected with the reason.

    The type is judged from the first bytes and the size from the file system, so a huge file
    that is not a logo is refused without being read.
    """
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as file:
            size = path.stat().st_size
            head = file.read(_HEAD_BYTES)
            _check_type(head, name)
            if size > MAX_BYTES:
                raise _too_many_bytes(name, size)
            data = head + file.read(MAX_BYTES + 1 - len(head))
    except OSError as exc:
        raise LogoRejected(
            QCoreApplication.translate("LogoCheck", "Cannot read “{name}”: {reason}.").format(
                name=name, reason=exc.strerror or exc
            )
        ) from exc
    return check_logo_bytes(data, name)


def check_logo_bytes(data: bytes, name: str) -> CheckedLogo:
    """Check a logo held in memory; `name` is how messages call it."""
    content_type = _check_type(data, name)
    if len(data) > MAX_BYTES:
        raise _too_many_bytes(name, len(data))
    buffer = _buffer(data)
    reader = QImageReader(buffer, _qt_format(content_type))
    dimensions = reader.size()  # from the header alone: nothing is decoded yet
    if not dimensions.isValid():
        raise _damaged(name, content_type)
    width, height = dimensions.width(), dimensions.height()
    if width > MAX_SIDE or height > MAX_SIDE:
        raise LogoRejected(
            QCoreApplication.translate(
                "LogoCheck", "“{name}” is {w} × {h} px — at most {max} px a side."
            ).format(name=name, w=width, h=height, max=MAX_SIDE)
        )
    if content_type == "image/jpeg" and not _jpeg_is_complete(data):
        # Qt fills a cut-off JPEG with grey and calls it fine; the server refuses it.
        raise _damaged(name, content_type)
    image = _decode(reader)
    if image is None:
        raise _damaged(name, content_type)
    return CheckedLogo(data, content_type, image)


def decode_logo(data: bytes, content_type: str) -> QImage | None:
    """Decode a logo as the server sent it; None when it cannot be shown."""
    if content_type not in FORMAT_LABELS:
        return None
    buffer = _buffer(data)
    reader = QImageReader(buffer, _qt_format(content_type))
    dimensions = reader.size()
    if not dimensions.isValid() or max(dimensions.width(), dimensions.height()) > MAX_SIDE:
        return None  # a server that breaks its own limit gets no chance to exhaust memory
    return _decode(reader)


def _check_type(data: bytes, name: str) -> str:
    if not data:
        raise LogoRejected(
            QCoreApplication.translate("LogoCheck", "“{name}” is empty.").format(name=name)
        )
    qt_format = bytes(QImageReader.imageFormat(_buffer(data)).data()).decode("ascii", "replace")
    content_type = CONTENT_TYPES.get(qt_format.lower())
    if content_type is not None:
        return content_type
    reason = QCoreApplication.translate(
        "LogoCheck", "“{name}” is {kind}, not a PNG or JPEG."
    ).format(name=name, kind=_kind_of(qt_format.lower(), data))
    if qt_format:  # another image format: the person can convert it
        reason += " " + QCoreApplication.translate(
            "LogoCheck", "Save it as PNG or JPEG, then upload that."
        )
    raise LogoRejected(reason)


def _kind_of(qt_format: str, data: bytes) -> str:
    """What the file is, as a phrase: "a GIF image", "a text file"."""
    if qt_format in ("svg", "svgz"):
        return QCoreApplication.translate("LogoCheck", "an SVG drawing")
    if qt_format == "gif":
        return QCoreApplication.translate("LogoCheck", "a GIF image")
    if qt_format == "webp":
        return QCoreApplication.translate("LogoCheck", "a WebP image")
    if qt_format in ("tif", "tiff"):
        return QCoreApplication.translate("LogoCheck", "a TIFF image")
    if qt_format in ("ico", "cur", "icns"):
        return QCoreApplication.translate("LogoCheck", "an icon file")
    if qt_format:
        return QCoreApplication.translate("LogoCheck", "a {format} image").format(
            format=qt_format.upper()
        )
    if _looks_like_text(data[:_HEAD_BYTES]):
        return QCoreApplication.translate("LogoCheck", "a text file")
    return QCoreApplication.translate("LogoCheck", "a file of another kind")


def _looks_like_text(head: bytes) -> bool:
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The head may end inside a character; only a fault before that is not text.
        return exc.start >= len(head) - 3
    return True


def _jpeg_is_complete(data: bytes) -> bool:
    # Scan data escapes every 0xFF, so an end marker after the last scan marker is the real end
    # (an embedded thumbnail's own end marker comes before the main image's scans).
    return data.rfind(_JPEG_END_OF_IMAGE) > data.rfind(_JPEG_START_OF_SCAN) >= 0


def _decode(reader: QImageReader) -> QImage | None:
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    image = reader.read()
    return None if image.isNull() else image


def _buffer(data: bytes) -> QBuffer:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def _qt_format(content_type: str) -> QByteArray:
    return QByteArray(b"png" if content_type == "image/png" else b"jpeg")


def _too_many_bytes(name: str, size: int) -> LogoRejected:
    return LogoRejected(
        QCoreApplication.translate(
            "LogoCheck", "“{name}” is {size} — the limit is {max} MB."
        ).format(name=name, size=_rounded_up(size), max=MAX_BYTES // _MIB)
    )


def _rounded_up(size: int) -> str:
    # Up, not to the nearest: a file just over the limit must never read as "2.0 MB".
    if size < 1024 * _MIB:
        return QCoreApplication.translate("LogoCheck", "{n:.1f} MB").format(
            n=math.ceil(size * 10 / _MIB) / 10
        )
    return QCoreApplication.translate("LogoCheck", "{n:.1f} GB").format(
        n=math.ceil(size * 10 / (1024 * _MIB)) / 10
    )


def _damaged(name: str, content_type: str) -> LogoRejected:
    return LogoRejected(
        QCoreApplication.translate(
            "LogoCheck", "“{name}” starts like a {kind} image but is damaged or incomplete."
        ).format(name=name, kind=FORMAT_LABELS[content_type])
    )
