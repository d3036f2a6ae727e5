"""A painted, animated Off/On slider switch whose position always means the server's state.

Flipping it (click, Space) does not change `isChecked()`: it asks, through `toggle_requested`,
and snaps back unless whoever listens confirms with `set_checked_from_server()`. A listener may
run a modal confirmation inside the signal; the knob waits in the asked-for position meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

_TRACK_WIDTH = 40
_TRACK_HEIGHT = 22
_KNOB_MARGIN = 3
_TEXT_GAP = 8
_FOCUS_PAD = 4  # room around the track for the focus ring
# The ring stands apart from the track, so it shows even when On fills the track with the
# same highlight colour.
_RING_GAP = 2.5


class ToggleSwitch(QAbstractButton):
    toggle_requested = Signal(bool)  # the state the person asked for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._position = 0.0  # 0 = Off, 1 = On; what is painted
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(140)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_value)
        self.toggled.connect(self._slide_to)
        self._update_accessible_state()

    # --- the hook for whoever owns the real state --------------------------------------------

    def set_checked_from_server(self, checked: bool) -> None:
        """The backend's state: the only way the switch changes position for good."""
        self.setChecked(checked)
        self._slide_to(checked)

    def knob_position(self) -> float:
        """0.0 is Off, 1.0 is On; in between while sliding."""
        return self._position

    def is_animating(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def nextCheckState(self) -> None:
        # A flip is a request, not a change: the server's state decides (DESIGN.md).
        requested = not self.isChecked()
        self._slide_to(requested)
        self.toggle_requested.emit(requested)
        self._slide_to(self.isChecked())

    # --- painting ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        text_width = max(QFontMetrics(self.font()).horizontalAdvance(t) for t in self._labels())
        width = _TRACK_WIDTH + _TEXT_GAP + text_width + 2 * _FOCUS_PAD
        height = max(_TRACK_HEIGHT, QFontMetrics(self.font()).height()) + 2 * _FOCUS_PAD
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        enabled = self.isEnabled()
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled

        track = QRectF(
            _FOCUS_PAD,
            (self.height() - _TRACK_HEIGHT) / 2,
            _TRACK_WIDTH,
            _TRACK_HEIGHT,
        )
        off = palette.color(group, QPalette.ColorRole.Mid)
        on = palette.color(group, QPalette.ColorRole.Highlight)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_blend(off, on, self._position))
        if not enabled:
            painter.setOpacity(0.55)
        radius = _TRACK_HEIGHT / 2
        painter.drawRoundedRect(track, radius, radius)

        knob_d = _TRACK_HEIGHT - 2 * _KNOB_MARGIN
        travel = _TRACK_WIDTH - 2 * _KNOB_MARGIN - knob_d
        center = QPointF(
            track.left() + _KNOB_MARGIN + knob_d / 2 + travel * self._position,
            track.center().y(),
        )
        painter.setBrush(palette.color(group, QPalette.ColorRole.Base))
        painter.drawEllipse(center, knob_d / 2, knob_d / 2)
        painter.setOpacity(1.0)

        if self.hasFocus():
            ring = QPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
            ring.setWidthF(1.5)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                track.adjusted(-_RING_GAP, -_RING_GAP, _RING_GAP, _RING_GAP),
                radius + _RING_GAP,
                radius + _RING_GAP,
            )

        # The word, not only the colour, says the state (colour-blind and greyscale safe).
        painter.setPen(palette.color(group, QPalette.ColorRole.WindowText))
        text_rect = QRectF(track.right() + _TEXT_GAP, 0, self.width(), self.height())
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self._labels()[1 if self._position >= 0.5 else 0],
        )
        painter.end()

    # --- internals -----------------------------------------------------------------------------

    def _labels(self) -> tuple[str, str]:
        return (self.tr("Off"), self.tr("On"))

    @Slot(bool)
    def _slide_to(self, checked: bool) -> None:
        target = 1.0 if checked else 0.0
        self._update_accessible_state()
        if self._animation.state() == QVariantAnimation.State.Running:
            if self._animation.endValue() == target:
                return
            self._animation.stop()
        if self._position == target:
            return
        if not self.isVisible():
            # Nothing to watch: jump, so a hidden switch never lags behind its state.
            self._position = target
            self.update()
            return
        self._animation.setStartValue(self._position)
        self._animation.setEndValue(target)
        self._animation.start()

    @Slot(object)
    def _on_animation_value(self, value: object) -> None:
        self._position = float(value)  # type: ignore[arg-type]
        self.update()

    def setAccessibleName(self, name: str) -> None:
        """A screen reader hears what the switch is for and its state: "Suspend Customer: Off"."""
        self._base_name = name
        super().setAccessibleName(f"{name}: {self._state_word()}" if name else name)

    def base_accessible_name(self) -> str:
        return getattr(self, "_base_name", "")

    def _state_word(self) -> str:
        return self._labels()[1] if self.isChecked() else self._labels()[0]

    def _update_accessible_state(self) -> None:
        self.setAccessibleDescription(self._state_word())
        if self.base_accessible_name():
            self.setAccessibleName(self.base_accessible_name())


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )
