"""The two views on the Branding page: the logo itself, and the sidebar as it will look."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.branding.sidebar_logo import SIDEBAR_LOGO_BOX, SidebarLogo, fitted_pixmap
from desktop.ui.widgets.empty_state import EmptyState
from desktop.ui.widgets.naming import named

# Big enough to judge the artwork, small enough to leave room for the sidebar preview.
LOGO_VIEW_BOX = QSize(440, 220)
_CHECKER_SQUARE = 8


def _checker_brush() -> QBrush:
    """Light squares behind the logo, so its transparent parts show as transparent."""
    tile = QPixmap(2 * _CHECKER_SQUARE, 2 * _CHECKER_SQUARE)
    tile.fill(QColor("#ffffff"))
    painter = QPainter(tile)
    dark = QColor("#e6e6e6")
    painter.fillRect(0, 0, _CHECKER_SQUARE, _CHECKER_SQUARE, dark)
    painter.fillRect(_CHECKER_SQUARE, _CHECKER_SQUARE, _CHECKER_SQUARE, _CHECKER_SQUARE, dark)
    painter.end()
    return QBrush(tile)


def _section_list(sections: tuple[str, ...]) -> QFrame:
    """A picture of the sidebar's list, the page's own entry selected; nothing to click."""
    frame = QFrame()
    frame.setObjectName("sidebarPreviewList")
    frame.setStyleSheet("#sidebarPreviewList { background: palette(base); }")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for index, section in enumerate(sections):
        entry = QLabel(section)
        entry.setFixedHeight(36)  # the sidebar's row height
        selected = index == len(sections) - 1
        colours = (
            "background: palette(highlight); color: palette(highlighted-text);"
            if selected
            else "color: palette(text);"
        )
        entry.setStyleSheet(f"{colours} padding-left: 4px;")
        layout.addWidget(entry)
    layout.addStretch(1)
    return frame


class CurrentLogoView(QGroupBox):
    """The logo at its own size (shrunk only when larger than the view), or why there is none."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Current logo"), parent)
        named(self, "currentLogo", self.tr("Current logo"))
        self.stack = QStackedWidget()
        self.loading = named(
            QLabel(self.tr("Loading your logo…")), "logoLoading", self.tr("Loading")
        )
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("color: palette(placeholder-text);")
        self.empty = named(
            EmptyState(
                self.tr("No logo yet"),
                self.tr(
                    "Upload your logo and your customers see it in their control panel; "
                    "you see it here, in the sidebar."
                ),
            ),
            "logoEmptyState",
            self.tr("No logo yet"),
        )
        self.failed = named(
            EmptyState(self.tr("Your logo could not be loaded"), ""),
            "logoLoadFailed",
            self.tr("Your logo could not be loaded"),
        )
        self.failed.body.setTextFormat(Qt.TextFormat.PlainText)
        retry = named(QPushButton(self.tr("Try Again")), "reloadLogoButton", self.tr("Load again"))
        retry.clicked.connect(self.retry)
        grid = self.failed.layout()
        assert isinstance(grid, QGridLayout)
        grid.addWidget(retry, 3, 1, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture = named(QLabel(), "logoImage", self.tr("Your logo"))
        self.picture.setAutoFillBackground(True)
        palette = self.picture.palette()
        palette.setBrush(QPalette.ColorRole.Window, _checker_brush())
        self.picture.setPalette(palette)
        self.picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignCenter)
        for page in (self.loading, self.empty, self.failed, holder):
            self.stack.addWidget(page)
        self._holder = holder
        self.info = named(QLabel(), "logoInfo", self.tr("Logo format and size"))
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setStyleSheet("color: palette(placeholder-text);")
        self.stack.setMinimumHeight(LOGO_VIEW_BOX.height() + 24)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.info)

    def show_loading(self) -> None:
        self.stack.setCurrentWidget(self.loading)
        self.info.clear()

    def show_failure(self, reason: str) -> None:
        self.failed.body.setText(reason)
        self.stack.setCurrentWidget(self.failed)
        self.info.clear()

    def show_logo(self, image: QImage | None, facts: str = "") -> None:
        if image is None:
            self.picture.clear()
            self.stack.setCurrentWidget(self.empty)
            self.info.clear()
            return
        pixmap = fitted_pixmap(image, LOGO_VIEW_BOX, self.devicePixelRatioF())
        self.picture.setPixmap(pixmap)
        self.picture.setFixedSize(pixmap.deviceIndependentSize().toSize())
        self.stack.setCurrentWidget(self._holder)
        shrunk = pixmap.deviceIndependentSize().toSize() != image.size()
        self.info.setText(
            self.tr("{facts} · shown smaller here").format(facts=facts) if shrunk else facts
        )


class SidebarPreview(QGroupBox):
    """A copy of the sidebar's top: the same logo widget above the partner's name."""

    def __init__(self, partner_name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("In the sidebar"), parent)
        named(self, "sidebarPreviewBox", self.tr("How the logo looks in the sidebar"))
        panel = QFrame()
        panel.setObjectName("sidebarPreview")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMinimumHeight(260)
        panel.setFixedWidth(200)  # the sidebar's own default width
        self.logo = SidebarLogo("logoPreview", self.tr("Logo preview"))
        name = QLabel(partner_name)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setWordWrap(True)
        bold = name.font()
        bold.setBold(True)
        name.setFont(bold)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(12, 16, 12, 12)
        panel_layout.addWidget(self.logo)
        panel_layout.addWidget(name)
        panel_layout.addSpacing(8)
        panel_layout.addWidget(
            _section_list((self.tr("Overview"), self.tr("My Customers"), self.tr("Branding"))),
            1,
        )
        note = QLabel(
            self.tr("Fitted into {w} × {h} px; never enlarged.").format(
                w=SIDEBAR_LOGO_BOX.width(), h=SIDEBAR_LOGO_BOX.height()
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addWidget(panel, 1, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(note)
