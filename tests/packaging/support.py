"""Shared by the packaging tests: the repository's folders, bundle_config, and process checks."""

from __future__ import annotations

import importlib.util
import os
import re
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def bundle_config() -> ModuleType:
    """packaging/bundle_config.py, loaded by path: `packaging` is also a PyPI library's name."""
    spec = importlib.util.spec_from_file_location("bundle_config", PACKAGING / "bundle_config.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def headless_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def demo_pid(stdout: str) -> int:
    """The demo server's pid, from the line the self-test prints when it starts watching."""
    found = re.search(r"self-test: demo server pid (\d+)", stdout)
    assert found, f"the self-test did not name its demo server:\n{stdout}"
    return int(found.group(1))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state in /proc says it is gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def wait_gone(pid: int, bound: float = 15) -> bool:
    """A bound against hanging, not a timing check: the server should already be gone."""
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False
