"""The otpauth URI as a QR code a phone's camera reads: segno makes the matrix, drawn here.

Black modules on white whatever the theme (a camera reads dark on light best), with the quiet
zone of four modules that the QR standard asks for, each module a whole number of pixels so the
edges stay sharp.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)
MODULE_PX = 5  # a version 6 code (an otpauth URI) is then 245 px: large enough, not too large


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code of `text`, quiet zone included; True is dark."""
    import segno  # only the set-up needs it

    # Level M (15% may be lost): a screen photographed at an angle, not a worn label.
    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def qr_image(text: str, module_px: int = MODULE_PX) -> QImage:
    """Each module `module_px` pixels square, quiet zone included."""
    matrix = qr_matrix(text)
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(x * module_px, y * module_px, module_px, module_px)
    finally:
        painter.end()
    return image


def qr_pixmap(text: str, ratio: float = 1.0, module_px: int = MODULE_PX) -> QPixmap:
    """For a screen of device pixel `ratio`: drawn in its own pixels, never blurred by scaling."""
    pixmap = QPixmap.fromImage(qr_image(text, max(1, round(module_px * ratio))))
    pixmap.setDevicePixelRatio(max(1.0, float(round(module_px * ratio)) / module_px))
    return pixmap
