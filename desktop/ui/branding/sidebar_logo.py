"""The partner's logo as the sidebar shows it: one widget for the sidebar and for its preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.ui.widgets.naming import named, set_keys

# Room above the partner's name: a wide logo fills the width, a tall one keeps to the height.
SIDEBAR_LOGO_BOX = QSize(160, 48)


def fitted_pixmap(image: QImage, box: QSize, ratio: float) -> QPixmap:
    """The image shrunk to fit `box` with its aspect kept, sharp at the screen's pixel ratio.

    Never enlarged: a small logo scaled up turns blurry, and it is the partner's own artwork.
    """
    from PySide6.QtCore import Qt  # here: the sidebar is painted before the `Qt` namespace is built

    target = image.size()
    if target.width() > box.width() or target.height() > box.height():
        target = target.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    device = target * ratio
    scaled = image.scaled(
        device, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    pixmap = QPixmap.fromImage(scaled)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class SidebarLogo(QLabel):
    """Hidden until there is a logo; shows it fitted to SIDEBAR_LOGO_BOX."""

    def __init__(
        self, object_name: str, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, object_name, accessible_name)
        set_keys(self, "alignment", "AlignLeft|AlignVCenter")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._image: QImage | None = None
        self.hide()

    @property
    def image(self) -> QImage | None:
        return self._image

    def show_logo(self, image: QImage | None) -> None:
        self._image = None if image is None or image.isNull() else image
        self._render()

    def _render(self) -> None:
        if self._image is None:
            self.clear()
            self.hide()
            return
        self.setPixmap(fitted_pixmap(self._image, SIDEBAR_LOGO_BOX, self.devicePixelRatioF()))
        self.show()

    def event(self, event: QEvent) -> bool:
        # Moved to a screen of another pixel ratio: scale again from the original, not the copy.
        if event.type() == QEvent.Type.DevicePixelRatioChange and self._image is not None:
            self._render()
        return super().event(event)
