"""`--demo` starts the reference server on loopback and leaves no process behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import requests

from desktop.demo import DemoServer


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state in /proc says it is gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def _wait_gone(pid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_demo_server_seeds_once_serves_and_stops(tmp_path: Path) -> None:
    demo = DemoServer(tmp_path)
    url = demo.start()
    assert url.startswith("http://127.0.0.1:")
    login = requests.post(
        f"{url}/api/v1/auth/login", json={"username": "demo", "password": "demo"}, timeout=10
    )
    assert login.status_code == 200
    token = login.json()["access_token"]
    total = requests.get(
        f"{url}/api/v1/customers", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()["total"]
    assert total == 300
    assert demo.proc is not None
    pid = demo.proc.pid
    demo.stop()
    assert _wait_gone(pid)


def _partners(database: Path) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM partners")}


def test_demo_data_is_kept_across_starts_and_reset_starts_over(tmp_path: Path) -> None:
    demo = DemoServer(tmp_path)
    demo.prepare()
    with sqlite3.connect(demo.database) as conn:
        conn.execute("INSERT INTO partners (id, name) VALUES ('p_marker', 'Marker')")
    DemoServer(tmp_path).prepare()
    assert "Marker" in _partners(demo.database), "a second start must not seed again"
    DemoServer(tmp_path, reset=True).prepare()
    assert _partners(demo.database) == {"Demo Partner", "Other Partner"}


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parent-death signal is Linux only"
)
def test_demo_server_dies_with_a_killed_app(tmp_path: Path) -> None:
    """Even kill -9 of the app leaves no server behind: the child gets the parent-death signal."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from desktop.demo import DemoServer
        demo = DemoServer(Path({str(tmp_path)!r}))
        demo.start()
        print(demo.proc.pid, flush=True)
        time.sleep(600)
        """
    )
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    server_pid = int(app.stdout.readline())
    assert _alive(server_pid)
    app.send_signal(signal.SIGKILL)
    app.wait()
    app.stdout.close()
    assert _wait_gone(server_pid), "the demo server outlived the killed app"
