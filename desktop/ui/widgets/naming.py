"""Small helpers every window uses."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str, description: str = "") -> W:
    """Tests and screen readers find a control the same way: by its name."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def set_keys(target: QObject, prop: str, keys: str) -> None:
    """Sets an enum or flags property from its key names, e.g. "AlignLeft|AlignVCenter".

    For what is built before the main window's first paint: Qt's meta-object system turns the
    names into the value, while PySide builds the whole `Qt` namespace, some 90 enums, at its
    first use (about 35 ms), which can wait until the window is on screen.
    """
    if not target.setProperty(prop, keys):
        raise ValueError(f"{type(target).__name__}.{prop} has no value {keys!r}")
