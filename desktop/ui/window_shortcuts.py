"""The window's own shortcuts win over a control's key bindings, wherever the focus is.

Before Qt runs a shortcut it asks the focused widget whether it wants the key itself (a
ShortcutOverride event). Under the Linux desktops' key scheme a line edit says yes to Ctrl+E
(end of line, as in Emacs) and Ctrl+K, so File > Export Customers (Ctrl+E) did nothing while the
cursor was in the search box. This keeper watches whichever widget of the window takes the
focus and answers no for the keys of the window's enabled actions; the control's other keys
(End, Home, Ctrl+A, Ctrl+C, ...) stay its own.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowShortcuts(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # Only the focused widget is asked, so only it needs watching: no filter on the whole
        # application, which would see every event of every widget.
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        # Dialogs have their own keys (Ctrl+E in a dialog's field stays end of line there).
        if new is not None and new.window() is self._window:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_window_key(QKeySequence(event.keyCombination()))
        ):
            event.ignore()  # not the widget's: the shortcut runs
            return True
        return False

    def _is_window_key(self, pressed: QKeySequence) -> bool:
        # The menus' actions are the window's own children: no walk through every widget on
        # each key typed.
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for action in self._window.findChildren(QAction, options=direct):
            if action.isEnabled() and any(
                pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                for key in action.shortcuts()
            ):
                return True
        return False
