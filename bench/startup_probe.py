"""Run as a child by bench/startup.py: start the app (or a bare window) and report its first paint.

    python -m bench.startup_probe app URL     the real `partner-desk --demo` path, with the demo
                                              server already running at URL (not started again)
    python -m bench.startup_probe bare        a bare PySide6 script that shows one window

Prints "painted" on stdout at the first paint of the main window (or the bare window) and
quits. Only what the measure needs is imported before the app's own code runs.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Says "painted" once, at the first paint of a top-level widget of the given class name."""

    def __init__(self, class_name: str) -> None:
        super().__init__()
        self._class_name = class_name
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._done
            and event.type() == QEvent.Type.Paint
            and type(watched).__name__ == self._class_name
        ):
            self._done = True
            print("painted", flush=True)
            # After this paint has finished, not during it.
            QTimer.singleShot(0, QApplication.quit)
        return False


def bare() -> int:
    app = QApplication(sys.argv)
    watcher = FirstPaint("QWidget")
    app.installEventFilter(watcher)
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(1200, 760)
    window.show()
    return app.exec()


def app(url: str) -> int:
    qt_app = QApplication(sys.argv)
    watcher = FirstPaint("MainWindow")
    qt_app.installEventFilter(watcher)

    import desktop.app
    import desktop.demo
    from desktop.__main__ import main

    class RunningDemo:
        """The demo server the bench started: `--demo` signs in to it instead of starting one."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def start(self, timeout: float = 30.0) -> str:
            return url

        def stop(self) -> None:
            pass

    desktop.app.DemoServer = RunningDemo  # type: ignore[assignment,misc]
    desktop.demo.DemoServer = RunningDemo  # type: ignore[assignment,misc]
    return main(["--demo"])


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else app(sys.argv[2]))
