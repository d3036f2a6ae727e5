"""A small horizontal bar chart drawn with QPainter: PySide6-Essentials ships no QtCharts.

Each bar carries its figure in words beside it, and the chart's accessible description says
every figure, so nothing is told by bar length or colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

_PAD = 8
_GAP = 10  # between a label, its bar and its figure
_MIN_BAR = 2.0  # a value above zero always shows as a sliver
_FILL = 0.8  # how much hue goes into a bar over the view's base colour


@dataclass(frozen=True)
class Bar:
    label: str  # "Suspended"
    value: float  # what the length is proportional to; only for drawing
    text: str  # the figure as a person reads it: "310.80 EUR"
    hue: QColor
    emphasis: bool = False  # drawn bold: the figure the page is about


def _mix(base: QColor, hue: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * amount,
        base.greenF() + (hue.greenF() - base.greenF()) * amount,
        base.blueF() + (hue.blueF() - base.blueF()) * amount,
    )


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def set_bars(self, bars: list[Bar] | tuple[Bar, ...]) -> None:
        self._bars = tuple(bars)
        # Screen readers get the figures the bars stand for.
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.text}" for bar in self._bars))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def sizeHint(self) -> QSize:
        return QSize(360, _PAD * 2 + self._row_height() * max(len(self._bars), 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bold = QFont(self.font())
        bold.setBold(True)
        plain_metrics, bold_metrics = QFontMetrics(self.font()), QFontMetrics(bold)

        def width_of(bar: Bar, text: str) -> int:
            return (bold_metrics if bar.emphasis else plain_metrics).horizontalAdvance(text)

        label_width = max(width_of(bar, bar.label) for bar in self._bars)
        figure_width = max(width_of(bar, bar.text) for bar in self._bars)
        bar_left = _PAD + label_width + _GAP
        bar_room = max(self.width() - bar_left - _GAP - figure_width - _PAD, 1)
        largest = max((bar.value for bar in self._bars), default=0.0)
        row = self._row_height()
        thickness = row * 0.55

        for number, bar in enumerate(self._bars):
            top = _PAD + number * row
            painter.setFont(bold if bar.emphasis else self.font())
            painter.setPen(text_colour)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(
                QRectF(_PAD, top, label_width, row), align | Qt.AlignmentFlag.AlignRight, bar.label
            )
            length = bar_room * bar.value / largest if largest > 0 else 0.0
            if bar.value > 0:
                length = max(length, _MIN_BAR)
            if length > 0:
                rect = QRectF(bar_left, top + (row - thickness) / 2, length, thickness)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_mix(base, bar.hue, _FILL))
                painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(bar_left + length + _GAP, top, figure_width + _PAD, row),
                align | Qt.AlignmentFlag.AlignLeft,
                bar.text,
            )
        painter.end()
