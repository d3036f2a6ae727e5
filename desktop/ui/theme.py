"""Light and dark: Fusion with a palette that follows the OS colour scheme or the Settings choice.

Custom-painted widgets read the palette when they paint, so they follow a switch at once; the
few coloured words set in style sheets take theirs from `desktop/ui/tones.py` when shown.

The theme is applied before the main window's first paint, and the OS's colour scheme is a
value of PySide's `Qt` namespace, whose ~90 enums take ~35 ms to build at its first use. So the
first answer for "system" comes from the palette the platform gives (dark where the OS is), and
`settle` asks the colour scheme itself once the window is on screen, changing only if they
differ.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from desktop.ui.widgets.naming import set_keys

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def dark_palette() -> QPalette:
    """A dark palette with every role set, disabled text included (Fusion's own misses some)."""
    window = QColor(0x2B, 0x2D, 0x30)
    base = QColor(0x1F, 0x21, 0x23)
    text = QColor(0xE8, 0xE8, 0xE8)
    dim = QColor(0x8C, 0x8F, 0x94)
    highlight = QColor(0x2F, 0x6B, 0xBF)  # white on it: 5.3:1
    palette = QPalette()
    colours = {
        Role.Window: window,
        Role.WindowText: text,
        Role.Base: base,
        Role.AlternateBase: QColor(0x27, 0x29, 0x2C),
        Role.ToolTipBase: QColor(0x3A, 0x3D, 0x41),
        Role.ToolTipText: text,
        Role.PlaceholderText: QColor(0xA0, 0xA4, 0xAA),
        Role.Text: text,
        Role.Button: QColor(0x36, 0x39, 0x3D),
        Role.ButtonText: text,
        Role.BrightText: QColor(0xFF, 0x6B, 0x6B),
        Role.Light: QColor(0x4A, 0x4D, 0x52),
        Role.Midlight: QColor(0x40, 0x43, 0x47),
        Role.Mid: QColor(0x5A, 0x5E, 0x64),
        Role.Dark: QColor(0x18, 0x19, 0x1B),
        Role.Shadow: QColor(0x0C, 0x0C, 0x0D),
        Role.Highlight: highlight,
        Role.HighlightedText: QColor(0xFF, 0xFF, 0xFF),
        Role.Link: QColor(0x7C, 0xB7, 0xFF),
        Role.LinkVisited: QColor(0xB3, 0x9D, 0xDB),
        Role.Accent: highlight,
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    # Disabled text is a step below the hint grey of notes (#a0a4aa), or a disabled form reads
    # as an enabled one: 3.9:1 from enabled text, still 2.9:1 on the window.
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(0x70, 0x73, 0x78))
    palette.setColor(Group.Disabled, Role.PlaceholderText, QColor(0x5E, 0x61, 0x66))
    palette.setColor(Group.Disabled, Role.HighlightedText, dim)
    palette.setColor(Group.Disabled, Role.Link, dim)
    # A disabled field or button sinks into the window: flat, only its frame shows.
    palette.setColor(Group.Disabled, Role.Base, window)
    palette.setColor(Group.Disabled, Role.Button, QColor(0x2E, 0x30, 0x33))
    palette.setColor(Group.Disabled, Role.Highlight, QColor(0x4A, 0x4D, 0x52))
    # The toggle's track when off: lighter than the window, or it disappears into it.
    palette.setColor(Group.Disabled, Role.Mid, QColor(0x46, 0x49, 0x4E))
    palette.setColor(Group.Inactive, Role.Highlight, QColor(0x35, 0x5E, 0x96))
    return palette


def light_palette(style: QStyle) -> QPalette:
    """The style's own light palette, with disabled text that can still be read.

    Fusion's disabled text (#bebebe on #efefef, 1.6:1) all but vanishes; #8a8a8a is 3:1 there
    and 6:1 from enabled black. A disabled field's hint stays fainter than its text.
    """
    palette = style.standardPalette()
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(0x8A, 0x8A, 0x8A))
    palette.setColor(Group.Disabled, Role.PlaceholderText, QColor(0xA3, 0xA3, 0xA3))
    return palette


def system_is_dark() -> bool:
    from PySide6.QtCore import Qt  # here, not at the top: see the module's docstring

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(choice: str, system_dark: bool | None = None) -> bool:
    """The Settings choice ("system", "light", "dark") made into light or dark.

    For "system", `system_dark` is what the OS is taken to be; None asks its colour scheme.
    """
    if choice == "dark":
        return True
    if choice == "light":
        return False
    return system_is_dark() if system_dark is None else system_dark


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


class ThemeKeeper(QObject):
    """Applies the chosen theme, and again whenever the OS switches while "system" is chosen."""

    def __init__(self, app: QApplication, choice: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._choice = choice
        self._applying = False
        app.setStyle("Fusion")  # the one style whose look we control on every OS
        # The scheme itself is not taken: its type would build the `Qt` namespace right now.
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        # Read before ours replaces it: the platform's palette is dark where the OS is.
        self.apply(choice, system_dark=palette_is_dark(app.palette()))

    @property
    def choice(self) -> str:
        return self._choice

    @property
    def dark(self) -> bool:
        return palette_is_dark(self._app.palette())

    def apply(self, choice: str, *, system_dark: bool | None = None) -> None:
        """Applies a Settings choice; `system_dark` as for `wants_dark`."""
        self._choice = choice
        self._applying = True
        try:
            # Native pieces (title bars, file dialogs) follow too where the platform allows.
            scheme = {"dark": "Dark", "light": "Light"}.get(choice, "Unknown")
            set_keys(self._app.styleHints(), "colorScheme", scheme)
            dark = wants_dark(choice, system_dark)
            style = self._app.style()
            self._app.setPalette(dark_palette() if dark else light_palette(style))
            _refresh_style_sheets()
        finally:
            self._applying = False

    def settle(self) -> None:
        """Once the window is on screen: follow the OS's colour scheme if the first guess missed."""
        if self._choice == "system" and system_is_dark() != self.dark:
            self.apply("system")

    @Slot()
    def _on_scheme_changed(self) -> None:
        if not self._applying and self._choice == "system":
            self.apply("system")


def _refresh_style_sheets() -> None:
    """Style sheets fix `palette(...)` and the widget's own palette when set: set them again.

    Clearing a sheet hands the widget the new application palette; a widget that tints itself
    from it (Callout) sets its new sheet right then, and keeps it.
    """
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            if not widget.styleSheet():
                widget.setStyleSheet(sheet)
