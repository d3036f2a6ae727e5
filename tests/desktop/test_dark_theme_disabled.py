"""A disabled control looks disabled, in the dark theme as in the light one.

While an operation runs, the Edit Customer dialog disables its fields and buttons. In the dark
theme their text was #8c8f94: nearly the grey of the enabled hint and note text (#a0a4aa), so
a disabled form read as an enabled one. Disabled text must stand clearly apart from enabled
text, and still be legible on its own background (WCAG contrast, from the palette and from the
pixels Qt draws).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.customers.status_badge import contrast_ratio
from desktop.ui.theme import ThemeKeeper

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
# Each text role and the background it is drawn on.
TEXT_ON = {Role.Text: Role.Base, Role.WindowText: Role.Window, Role.ButtonText: Role.Button}
APART = 3.0  # enabled against disabled text: a clear step, not a shade
LEGIBLE = 2.5  # disabled text against its own background: dim, still readable


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[ThemeKeeper]:
    """The app's look is global: put the style and palette back for the tests after."""
    style, palette = qapp.style().name(), qapp.palette()
    keeper = ThemeKeeper(qapp, "light")
    yield keeper
    keeper.setParent(None)
    qapp.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _shown(palette: QPalette, group: QPalette.ColorGroup, fore: Role, back: Role) -> QColor:
    """The colour as seen: a translucent one (Fusion's light placeholder) over its background."""
    colour, under = palette.color(group, fore), palette.color(group, back)
    alpha = colour.alphaF()
    pairs = zip(colour.getRgbF()[:3], under.getRgbF()[:3], strict=True)
    return QColor.fromRgbF(*(alpha * c + (1 - alpha) * u for c, u in pairs))


@pytest.mark.parametrize("choice", ["dark", "light"])
def test_disabled_text_stands_apart_and_stays_legible(
    theme: ThemeKeeper, qapp: QApplication, choice: str
) -> None:
    theme.apply(choice)
    palette = qapp.palette()
    problems = []
    for fore, back in TEXT_ON.items():
        enabled = _shown(palette, Group.Active, fore, back)
        disabled = _shown(palette, Group.Disabled, fore, back)
        background = palette.color(Group.Disabled, back)
        apart = contrast_ratio(enabled, disabled)
        legible = contrast_ratio(disabled, background)
        if apart < APART:
            problems.append(f"{fore.name}: enabled {enabled.name()} / disabled {disabled.name()}")
        if legible < LEGIBLE:
            problems.append(f"{fore.name}: {disabled.name()} on {background.name()} {legible:.2f}")
    # A disabled field's hint dims with its text, never brighter than it.
    hint = _shown(palette, Group.Disabled, Role.PlaceholderText, Role.Base)
    text = _shown(palette, Group.Disabled, Role.Text, Role.Base)
    base = palette.color(Group.Disabled, Role.Base)
    if contrast_ratio(hint, base) > contrast_ratio(text, base):
        problems.append(f"disabled hint {hint.name()} is brighter than disabled text")
    assert not problems, "\n".join(problems)


def test_in_the_dark_disabled_text_is_not_the_grey_of_enabled_notes(
    theme: ThemeKeeper, qapp: QApplication
) -> None:
    # Notes and hints are PlaceholderText ("Customer since …"): disabled text must not pass
    # for one of them. (In the light theme enabled text is black, far from both.)
    theme.apply("dark")
    palette = qapp.palette()
    note = _shown(palette, Group.Active, Role.PlaceholderText, Role.Window)
    for fore, back in TEXT_ON.items():
        disabled = _shown(palette, Group.Disabled, fore, back)
        assert contrast_ratio(note, disabled) >= 1.5, (fore.name, note.name(), disabled.name())


def _brightest(image: QImage) -> QColor:
    """The brightest pixel: on a dark background, the text's own colour at its strokes."""
    best, best_light = QColor(0, 0, 0), -1.0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            light = contrast_ratio(colour, QColor(0, 0, 0))
            if light > best_light:
                best, best_light = colour, light
    return best


@pytest.mark.parametrize("kind", ["line edit", "button"])
def test_a_disabled_control_is_drawn_visibly_dimmer_in_the_dark(
    qtbot: QtBot, theme: ThemeKeeper, kind: str
) -> None:
    theme.apply("dark")
    drawn = {}
    for enabled in (True, False):
        widget: QWidget = QLineEdit("Kamen Legal obrt") if kind == "line edit" else QPushButton()
        if isinstance(widget, QPushButton):
            widget.setText("Log into Control Panel")
        widget.setObjectName(f"sample_{enabled}")
        widget.setAccessibleName(kind)
        widget.setEnabled(enabled)
        widget.setFixedWidth(260)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        # The frame's edge is left out: only the text and what is behind it.
        image = widget.grab().toImage()
        drawn[enabled] = _brightest(image.copy(4, 4, image.width() - 8, image.height() - 8))
    apart = contrast_ratio(drawn[True], drawn[False])
    assert apart >= APART, (drawn[True].name(), drawn[False].name(), round(apart, 2))
