"""`--demo`: the reference server as a child process on loopback, with demo data.

The child is tied to this process: on Linux it gets SIGTERM when the parent dies (even by
SIGKILL), and on a normal quit it is stopped and waited for, so no server is left behind.
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

    def start(self, timeout: float = 30.0) -> str:
        self.prepare()
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        self.proc = subprocess.Popen(
            self._server_cmd(
                "serve", "--host", "127.0.0.1", "--port", "0", "--database", self.database_url
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            preexec_fn=preexec,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.stop()
            raise DemoError(
                QCoreApplication.translate(
                    "DemoServer", "The demo server did not start. Is the server extra installed?"
                )
            )
        self.url = line
        self._wait_healthy(timeout)
        return self.url

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
