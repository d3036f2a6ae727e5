"""Remember me against a real system keyring: Debian's gnome-keyring as the Secret Service, in a
D-Bus session of this test's own (`dbus-run-session`), unlocked with a password of its own so
that its file on disk is encrypted, as a person's login keyring is.

The checks themselves are in real_keyring_session.py, run here in a child pytest inside that
session: a keyring backend is chosen per process and talks to the session bus it was started on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

INNER = Path(__file__).with_name("real_keyring_session.py")
ROOT = Path(__file__).resolve().parents[2]
# The Makefile installs both (TEST_DEBS); a box without them says why this did not run.
MISSING = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)]


@pytest.mark.skipif(
    bool(MISSING), reason=f"not installed: {', '.join(MISSING)} (make test installs them)"
)
def test_remember_me_against_gnome_keyring(tmp_path: Path) -> None:
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),  # where gnome-keyring writes login.keyring
        "XDG_RUNTIME_DIR": str(runtime),
        "PARTNER_DESK_REAL_KEYRING": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    script = (
        # The daemon reads the unlock password on stdin, prints its variables, and stays.
        'printf %s "keyring-test-unlock" | gnome-keyring-daemon --unlock --components=secrets'
        ' --daemonize >/dev/null && exec "$@"'
    )
    command = [
        "dbus-run-session", "--", "sh", "-c", script, "sh",
        sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
        "--basetemp", str(tmp_path / "inner"), str(INNER),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "1 passed" in done.stdout, output
