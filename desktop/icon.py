"""The application's icon, from the PNGs rendered out of resources/partner-desk.svg."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QIcon

# The same place from source and in a bundle (which lays out resources/ beside desktop/).
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
# packaging/linux/ID.desktop (bundle_config.APP_ID): Wayland shells find the icon through it.
DESKTOP_FILE_NAME = "io.partnerdesk.PartnerDesk"


def app_icon() -> QIcon:
    """Every size there is, so each OS picks a sharp one; an empty icon if none was shipped."""
    icon = QIcon()
    for png in sorted(ICON_DIR.glob("partner-desk-*.png")):
        icon.addFile(str(png))
    return icon


def install_app_icon(app: QGuiApplication) -> None:
    """Every window gets the icon, and the desktop shell learns which launcher it belongs to."""
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
