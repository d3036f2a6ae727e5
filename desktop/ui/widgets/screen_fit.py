"""No window bigger than the screen it is on, and content that scrolls rather than pushes.

A dialog sizes itself from its content, so a long text or a big font could make it wider than
the screen, with its buttons out of reach and no way to make it smaller. keep_on_screen() caps a
window at its screen's available area each time it is shown or moves to another screen, and
pulls it back inside that area; FormScroll lets a form scroll (up and down first) instead of
asking for more room than there is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt, Slot
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QWidget


def screen_area(window: QWidget) -> QRect:
    """The part of the window's screen a window may use (no task bar, no dock)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame(window: QWidget) -> QMargins:
    # Known once a window manager has framed the window; until then the frame is taken as none.
    handle = window.windowHandle()
    return handle.frameMargins() if handle is not None else QMargins()


def fit_to_screen(window: QWidget) -> None:
    """Cap `window` (frame included) at its screen's available area and move it inside."""
    area = screen_area(window)
    frame = _frame(window)
    room = QSize(
        max(1, area.width() - frame.left() - frame.right()),
        max(1, area.height() - frame.top() - frame.bottom()),
    )
    window.setMaximumSize(room)
    size = window.size().boundedTo(room)
    if size != window.size():
        window.resize(size)
    outer = window.frameGeometry()
    x = min(max(outer.x(), area.left()), area.right() + 1 - outer.width())
    y = min(max(outer.y(), area.top()), area.bottom() + 1 - outer.height())
    if QPoint(x, y) != outer.topLeft():
        window.move(x, y)  # move() places the frame's corner, as frameGeometry() reports it


class ScreenFit(QObject):
    """Refits its window on every show and whenever the window lands on another screen."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._followed: QObject | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            handle = self._window.windowHandle()
            if handle is not None and handle is not self._followed:
                handle.screenChanged.connect(self.fit)
                self._followed = handle
            self.fit()
        return False

    @Slot()
    def fit(self) -> None:
        fit_to_screen(self._window)


def keep_on_screen(window: QWidget) -> ScreenFit:
    """Call once from a window's constructor; lives as long as the window."""
    return ScreenFit(window)


class FormScroll(QScrollArea):
    """A form whose columns stand side by side when there is room, one above the other when not.

    The content's layout is a QBoxLayout of columns. It asks for the width the columns need side
    by side, but can do with the widest column alone: then they stack and it scrolls up and
    down, so a narrow screen gets a usable form instead of squeezed fields or a window wider
    than the screen. Error lines open up under fields; on a short screen the form scrolls.
    """

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Not a Tab stop of its own: the fields inside are, and it scrolls to the one focused.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        self._content = content
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)

    def is_stacked(self) -> bool:
        layout = self._columns()
        return layout is not None and layout.direction() == QBoxLayout.Direction.TopToBottom

    def _columns(self) -> QBoxLayout | None:
        layout = self._content.layout()
        return layout if isinstance(layout, QBoxLayout) else None

    def _widths(self, hint: bool) -> tuple[int, int]:
        """(side by side, stacked): the width the columns take either way."""
        layout = self._columns()
        if layout is None:
            size = self._content.sizeHint() if hint else self._content.minimumSizeHint()
            return size.width(), size.width()
        found = (layout.itemAt(index) for index in range(layout.count()))
        items = [item for item in found if item is not None]
        widths = [(item.sizeHint() if hint else item.minimumSize()).width() for item in items]
        margins = layout.contentsMargins()
        edges = margins.left() + margins.right()
        beside = sum(widths) + layout.spacing() * max(0, len(widths) - 1) + edges
        return beside, max(widths, default=0) + edges

    def _extra_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._widths(hint=False)[1] + self._extra_width(), 120)

    def sizeHint(self) -> QSize:
        beside = self._widths(hint=True)[0]
        return QSize(beside + self._extra_width(), self._content.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Decided before the content is resized to the new width, so it never sees a squeeze.
        layout = self._columns()
        if layout is not None:
            room = event.size().width() - self._extra_width()
            wide = room >= self._widths(hint=True)[0]
            direction = (
                QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
            )
            if layout.direction() != direction:
                layout.setDirection(direction)
        super().resizeEvent(event)
