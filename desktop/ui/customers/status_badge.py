"""Paints a customer's status as a rounded badge with the word inside, and a pending operation.

The word is always drawn: colour only reinforces it. Badge colours are a tint of the status hue
over the view's own base colour, and the text is the palette's text colour, so the badge reads
in light and dark palettes alike (and keeps WCAG AA contrast; the tests check both).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.models.customer_table import PendingRole, ScheduledRole, StatusRole, StatusTextRole

AnyIndex = QModelIndex | QPersistentModelIndex

# Hues chosen to stay apart for the common colour-vision deficiencies; the word carries meaning.
_HUES = {
    "active": QColor(0x2E, 0x7D, 0x32),  # green
    "suspended": QColor(0xC7, 0x7C, 0x02),  # amber
    "canceled": QColor(0xC6, 0x28, 0x28),  # red
}
_UNKNOWN_HUE = QColor(0x75, 0x75, 0x75)
_TINT = 0.22  # how much hue goes into the badge's fill
_MARGIN = 6  # from the cell's left edge
_PAD_X, _PAD_Y = 8, 2  # inside the badge
_GAP = 6  # between the badge and the pending text


def _mix(base: QColor, hue: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * amount,
        base.greenF() + (hue.greenF() - base.greenF()) * amount,
        base.blueF() + (hue.blueF() - base.blueF()) * amount,
    )


def badge_colors(status: str, palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Fill, border and text colours of a status badge for a palette."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    hue = _HUES.get(status, _UNKNOWN_HUE)
    return _mix(base, hue, _TINT), _mix(base, hue, 0.75), text


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _italic(font: QFont) -> QFont:
    italic = QFont(font)
    italic.setItalic(True)
    return italic


def badge_cell_width(font: QFont, word: str, pending: str = "") -> int:
    """The width a cell needs to show the badge and the pending operation's text uncut."""
    width = 2 * _MARGIN + QFontMetrics(font).horizontalAdvance(word) + 2 * _PAD_X
    if pending:
        # One pixel over the rounded advance: the text's real width is fractional.
        width += _GAP + QFontMetrics(_italic(font)).horizontalAdvance(pending) + 1
    return width


def status_column_width(font: QFont, words: Iterable[str], pending: Iterable[str]) -> int:
    """The width that shows any status word with any running operation's text, uncut."""
    widest_word = max(words, key=QFontMetrics(font).horizontalAdvance, default="")
    italic = QFontMetrics(_italic(font))
    widest_pending = max(pending, key=italic.horizontalAdvance, default="")
    return badge_cell_width(font, widest_word, widest_pending)


class StatusBadgeDelegate(QStyledItemDelegate):
    def badge_text(self, index: AnyIndex) -> tuple[str, str]:
        """The status word, and the pending operation's text, or else what is scheduled
        ("Suspends 15 Dec"); "" when neither."""
        word = index.data(StatusTextRole) or index.data(Qt.ItemDataRole.DisplayRole) or ""
        pending = index.data(PendingRole) or ""
        # While an operation runs, the display text names it ("Suspending…").
        pending_text = str(index.data(Qt.ItemDataRole.DisplayRole) or "") if pending else ""
        return str(word), pending_text or str(index.data(ScheduledRole) or "")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        word, pending = self.badge_text(index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Selection and hover backgrounds exactly as the style draws any other cell.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        status = str(index.data(StatusRole) or "")
        running = bool(index.data(PendingRole))
        badge = _paint_badge(painter, opt, status, word, dashed=running)
        if pending:
            _paint_pending(painter, opt, badge, pending)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        word, pending = self.badge_text(index)
        metrics = QFontMetrics(opt.font)
        height = max(super().sizeHint(option, index).height(), metrics.height() + 2 * _PAD_Y + 4)
        return QSize(badge_cell_width(opt.font, word, pending), height)


def _paint_badge(
    painter: QPainter, opt: QStyleOptionViewItem, status: str, word: str, *, dashed: bool
) -> QRectF:
    """The rounded badge with the status word, at the cell's left; returns where it is."""
    rect: QRect = opt.rect
    metrics = QFontMetrics(opt.font)
    fill, border, text = badge_colors(status, opt.palette)
    badge_width = metrics.horizontalAdvance(word) + 2 * _PAD_X
    badge_height = min(metrics.height() + 2 * _PAD_Y, rect.height())
    badge = QRectF(
        rect.left() + _MARGIN,
        rect.top() + (rect.height() - badge_height) / 2,
        min(badge_width, max(rect.width() - 2 * _MARGIN, 0)),
        badge_height,
    )
    pen = QPen(border, 1)
    if dashed:
        # A dashed edge marks a badge whose state is about to change.
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    radius = badge_height / 2
    painter.drawRoundedRect(badge.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.setPen(text)
    painter.setFont(opt.font)
    # Elide only when the cell is narrower than the badge: the advance is fractional and
    # eliding at its rounded-down width would cut even a word that fits.
    elided_word = (
        word
        if badge.width() >= badge_width
        else metrics.elidedText(word, Qt.TextElideMode.ElideRight, int(badge.width()) - 2 * _PAD_X)
    )
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, elided_word)
    return badge


def _paint_pending(
    painter: QPainter, opt: QStyleOptionViewItem, badge: QRectF, pending: str
) -> None:
    """The running operation's text ("Suspending…"), in italics right of the badge."""
    rect: QRect = opt.rect
    italic = _italic(opt.font)
    painter.setFont(italic)
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setPen(opt.palette.color(role))
    left = int(badge.right()) + _GAP
    room = QRect(left, rect.top(), max(rect.right() - left - _MARGIN, 0), rect.height())
    italic_metrics = QFontMetrics(italic)
    # As for the word: cut only what does not fit, not a text rounding makes look long.
    shown = (
        pending
        if italic_metrics.horizontalAdvance(pending) <= room.width()
        else italic_metrics.elidedText(pending, Qt.TextElideMode.ElideRight, room.width())
    )
    painter.drawText(room, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
