"""Render every icon the app and its installers use from resources/partner-desk.svg.

    .venv/bin/python -m scripts.render_icons

Writes resources/icons/partner-desk-N.png (N = 16 … 512: the window icon and Linux's hicolor
sizes), packaging/windows/partner-desk.ico and packaging/macos/partner-desk.icns. The results
are committed, so a build needs neither QtSvg's renderer nor Pillow; run this after editing the
SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "partner-desk.svg"
PNG_DIR = ROOT / "resources" / "icons"
ICO = ROOT / "packaging" / "windows" / "partner-desk.ico"
ICNS = ROOT / "packaging" / "macos" / "partner-desk.icns"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows reads 256 as its largest; macOS wants up to 1024 (512 at 2x).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024


def render(size: int) -> bytes:
    """The SVG drawn at `size` px square, as PNG bytes, antialiased at that very size."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; it wants str
    return bytes(buffer.data().data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    rendered: dict[int, Image.Image] = {}
    for size in sorted({*PNG_SIZES, *ICO_SIZES, ICNS_SIZE}):
        data = render(size)
        rendered[size] = Image.open(io.BytesIO(data)).convert("RGBA")
        if size in PNG_SIZES:
            (PNG_DIR / f"partner-desk-{size}.png").write_bytes(data)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    # Each size drawn on its own (not scaled down from 256), so small ones stay crisp.
    largest = rendered[max(ICO_SIZES)]
    largest.save(
        ICO,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[rendered[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    rendered[ICNS_SIZE].save(
        ICNS, format="ICNS", append_images=[rendered[s] for s in (16, 32, 64, 128, 256, 512)]
    )
    print(f"wrote {len(PNG_SIZES)} PNGs in {PNG_DIR.relative_to(ROOT)}, {ICO.name}, {ICNS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
