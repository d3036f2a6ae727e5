"""The main window is on screen before the slow half of the app has loaded.

`partner-desk` paints its frame (sidebar, "Signing in…") first and loads the rest after: the
HTTP client, pydantic, numpy, keyring, the pages, and PySide's `Qt` namespace, whose ~90 enums
take ~35 ms to build at its first use. One stray import at the top of a module the frame needs
would undo that without failing anything else; these tests see it. They run the same child as
`make bench` (bench/startup_probe.py), against a real server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.naming import set_keys
from tests.support.server import ServerProcess

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


def _first_paint(tmp_path: Path, *args: str, preload: str = "") -> dict[str, object]:
    """What the probe says was loaded at the first paint; `preload` runs in the child first."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / var.lower())  # the person's own settings stay out of it
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"{preload}\nimport runpy, sys\nsys.argv[1:] = {list(args)!r}\n"
            "runpy.run_module('bench.startup_probe', run_name='__main__')",
            *args,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr
    assert lines[:1] == ["painted"], done.stderr
    assert lines[1].startswith("loaded: "), lines
    loaded: dict[str, object] = json.loads(lines[1].removeprefix("loaded: "))
    return loaded


def test_the_frame_is_painted_before_the_heavy_modules_and_the_qt_namespace(
    server: ServerProcess, tmp_path: Path
) -> None:
    loaded = _first_paint(tmp_path, "app", server.url)
    assert loaded == {"qt_namespace": False, "modules": []}


def test_the_probe_sees_what_is_loaded(tmp_path: Path) -> None:
    """The check is not blind: what was loaded before the paint, it names."""
    assert _first_paint(tmp_path, "bare") == {"qt_namespace": False, "modules": []}
    preload = "import requests\nfrom PySide6.QtCore import Qt"
    loaded = _first_paint(tmp_path, "bare", preload=preload)
    assert loaded == {"qt_namespace": True, "modules": ["requests"]}


def test_set_keys_sets_a_flag_property_by_its_names(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    label = QLabel("x")
    qtbot.addWidget(label)
    set_keys(label, "alignment", "AlignLeft|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    with pytest.raises(ValueError, match="alignment has no value 'AlignMiddle'"):
        set_keys(label, "alignment", "AlignMiddle")
    assert label.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def test_the_frame_says_first_painted_once_after_its_paint(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.settings import AppSettings
    from desktop.tasks import TaskRunner
    from desktop.ui.main_window import MainWindow

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    frame = MainWindow(None, TaskRunner(), settings)
    qtbot.addWidget(frame)
    told: list[int] = []
    frame.first_painted.connect(lambda: told.append(1))
    with qtbot.waitSignal(frame.first_painted, timeout=5_000):
        frame.show()
    frame.repaint()  # later paints say nothing
    qtbot.wait(50)
    assert told == [1]
    assert frame.findChild(QLabel, "startupMessage").text() == "Signing in…"
