"""`--demo`: the reference server as a child process on loopback, with demo data.

The child is tied to this process: on Linux it gets SIGTERM when the parent dies (even by
SIGKILL), and on a normal quit it is stopped and waited for, so no server is left behind. If
it stops on its own (killed, crashed), `has_stopped` says so and `restart` starts it again on
the same data and the same port, so the signed-in app finds it where it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication

from desktop import APP_NAME

log = logging.getLogger("partner_desk.demo")

DEMO_USER = "demo"
DEMO_PASSWORD = "demo"
# A bundle's executable given this as its first argument is `partner-api` (packaging/entry.py).
FROZEN_SERVER_FLAG = "--run-partner-api"


class DemoError(RuntimeError):
    """The demo server could not be started; the message says why, for a person."""


def demo_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


class DemoServer:
    def __init__(self, data_dir: Path | None = None, *, reset: bool = False) -> None:
        self.data_dir = data_dir or demo_dir()
        self.database = self.data_dir / "demo.sqlite3"
        self.reset = reset
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self._port_asked = 0

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    def _server_cmd(self, *args: str) -> list[str]:
        if getattr(sys, "frozen", False):
            # A bundle has no python to run `-m`: its own executable runs the server instead.
            return [sys.executable, FROZEN_SERVER_FLAG, *args]
        return [sys.executable, "-m", "server.cli", *args]

    def prepare(self) -> None:
        """Seed once; --demo-reset starts over from the same demo data."""
        if self.reset:
            for path in self.data_dir.glob("demo.sqlite3*"):
                path.unlink()
        if self.database.exists():
            return
        result = subprocess.run(
            self._server_cmd("seed", "--database", self.database_url),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            with contextlib.suppress(FileNotFoundError):
                self.database.unlink()
            raise DemoError(
                QCoreApplication.translate(
                    "DemoServer", "Could not create the demo data:\n{details}"
                ).format(details=result.stderr.strip()[-2000:])
            )

    @property
    def port(self) -> int:
        """The port it listens on (0 before its first start)."""
        return int(self.url.rsplit(":", 1)[1]) if self.url else 0

    def start(self, timeout: float = 30.0) -> str:
        self.prepare()
        self.spawn()
        return self.wait_ready(timeout)

    def spawn(self, port: int = 0) -> None:
        """Start the server process. Call it on the thread that lives as long as the app: on
        Linux the child's parent-death signal follows the thread that started it."""
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        self._port_asked = port
        self.proc = subprocess.Popen(
            self._server_cmd(
                "serve", "--host", "127.0.0.1", "--port", str(port), "--database", self.database_url
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            preexec_fn=preexec,
        )

    def wait_ready(self, timeout: float = 30.0) -> str:
        """Until the spawned server answers; its address. May run on a worker thread."""
        proc = self.proc
        assert proc is not None and proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.stop()
            if self._port_asked:
                raise DemoError(
                    QCoreApplication.translate(
                        "DemoServer",
                        "The demo server did not start again on port {port}. Is another "
                        "program using it? Quit Partner Desk and start the demo again.",
                    ).format(port=self._port_asked)
                )
            raise DemoError(
                QCoreApplication.translate(
                    "DemoServer", "The demo server did not start. Is the server extra installed?"
                )
            )
        self.url = line
        self._wait_healthy(timeout)
        return self.url

    def has_stopped(self) -> bool:
        """True when its server is not running: it exited (killed, crashed) or never started."""
        proc = self.proc
        return proc is None or proc.poll() is not None

    def restart(self) -> None:
        """Start a stopped server again on the same data and port; then `wait_ready`.

        Never from the demo data afresh: a restart keeps what was done in the demo so far.
        """
        port = self.port
        self.stop()  # reaps the old process and closes its pipe
        self.reset = False
        self.prepare()
        self.spawn(port)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise DemoError(
                    QCoreApplication.translate(
                        "DemoServer", "The demo server stopped while starting."
                    )
                )
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=2) as answer:
                    if json.load(answer).get("status") == "ok":
                        return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.05)
        self.stop()
        raise DemoError(
            QCoreApplication.translate("DemoServer", "The demo server did not answer in time.")
        )

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout:
            proc.stdout.close()
