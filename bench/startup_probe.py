"""Run as a child by bench/startup.py: start the app (or a bare window) and report its first paint.

    python -m bench.startup_probe app URL     the real `partner-desk --demo` path, with the demo
                                              server already running at URL (not started again)
    python -m bench.startup_probe bare        a bare PySide6 script that shows one window

Prints "painted" on stdout at the first paint of the main window (or the bare window), then
a line "loaded: {json}" saying what had been loaded by then (tests/desktop/test_first_paint.py
reads it), and quits. Only what the measure needs is imported before the app's own code runs.

The watcher is an event filter on the measured window alone, in both runs. An application-wide
filter would be a Python override that every event of every object passes through: each child
widget then gets a Python wrapper, and finding its most derived type makes shiboken initialise
every widget class with all its enums (about 80 ms for the main window's children; the bare
window has none), a cost of the instrument that the app itself never pays.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# What the app loads only after its first paint, each far slower to load than the frame is to
# show; "loaded" names those already in sys.modules at the paint.
AFTER_PAINT = (
    "requests",
    "pydantic",
    "numpy",
    "keyring",
    "platformdirs",
    "desktop.api.client",
    "desktop.demo",
    "desktop.ui.customers.page",
    "desktop.ui.signin.dialog",
)


class FirstPaint(QObject):
    """Says "painted" once, at the first paint event of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            print("painted", flush=True)
            loaded = {
                # PySide builds the namespace's ~90 enums at its first use (~35 ms).
                "qt_namespace": "Qt" in vars(QtCore),
                "modules": [name for name in AFTER_PAINT if name in sys.modules],
            }
            print("loaded:", json.dumps(loaded), flush=True)
            # After this paint has finished, not during it.
            QTimer.singleShot(0, QApplication.quit)
        return False


def bare() -> int:
    app = QApplication(sys.argv)
    watcher = FirstPaint()
    window = QWidget()
    window.installEventFilter(watcher)
    window.setWindowTitle("bare")
    window.resize(1200, 760)
    window.show()
    return app.exec()


def app(url: str) -> int:
    QApplication(sys.argv)  # as the bare script does; the app's run() finds it
    watcher = FirstPaint()

    class RunningDemo:
        """The demo server the bench started: `--demo` signs in to it instead of starting one."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def start(self, timeout: float = 30.0) -> str:
            return url

        def stop(self) -> None:
            pass

    # Each module is replaced in as it is first imported, by the app itself: importing one
    # here would put its import time on the clock earlier (or, for desktop.demo, which the app
    # imports only after its first paint, at all).
    sys.meta_path.insert(0, ReplaceOnImport("desktop.demo", "DemoServer", RunningDemo))
    sys.meta_path.insert(0, WatchOnImport("desktop.ui.main_window", "MainWindow", watcher))
    from desktop.__main__ import main

    return main(["--demo"])


class ReplaceOnImport(importlib.abc.MetaPathFinder):
    """Replaces one name in a module as soon as that module is first imported, not before."""

    def __init__(self, module: str, name: str, value: object) -> None:
        self._module = module
        self._name = name
        self._value = value

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self._module:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            self.replace(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec

    def replace(self, module: ModuleType) -> None:
        setattr(module, self._name, self._value)


class WatchOnImport(ReplaceOnImport):
    """Puts the watcher on every window of one class as it is built, once its module loads."""

    def replace(self, module: ModuleType) -> None:
        window_class = getattr(module, self._name)
        watcher = self._value
        assert isinstance(watcher, FirstPaint)
        build = window_class.__init__

        def init(window: QWidget, *args: object, **kwargs: object) -> None:
            build(window, *args, **kwargs)
            window.installEventFilter(watcher)

        window_class.__init__ = init


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else app(sys.argv[2]))
