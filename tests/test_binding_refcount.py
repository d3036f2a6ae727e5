"""PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None on every void call.

Any real app then aborts with "none_dealloc" after some thousands of calls. pyproject.toml pins
`<6.12`; this test makes a future bump that brings the bug back fail here, not on a desktop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_keep_none_refcount(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
    after = sys.getrefcount(None)
    # Other threads may create references to None; a fall of ~1000 is the bug.
    assert after >= before - 10, f"None lost {before - after} references over 1000 setText calls"


def test_emit_keeps_bool_refcounts(qapp: QApplication) -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.fired.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(1000):
        emitter.fired.emit(i % 2 == 0)
    received.clear()
    assert sys.getrefcount(True) >= before_true - 10
    assert sys.getrefcount(False) >= before_false - 10
