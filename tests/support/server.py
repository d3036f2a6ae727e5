"""Start the real reference server as a child process, on 127.0.0.1, for tests to call over HTTP."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests


def run_cli(
    *args: str, stdin: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _seed(url: str, customers: int, partners: int, seed: int) -> None:
    result = run_cli(
        "seed",
        "--database",
        url,
        "--customers",
        str(customers),
        "--partners",
        str(partners),
        "--seed",
        str(seed),
    )
    assert result.returncode == 0, result.stderr


# Seeded SQLite files of this test process, by (customers, partners, seed): the seed is the
# same rows every time, so a copy of the first is what seeding again would make, in
# milliseconds instead of seconds (a migration, the rows, password hashes, a new process).
_TEMPLATES: dict[tuple[int, int, int], Path] = {}


def seed_database(url: str, customers: int = 300, partners: int = 2, seed: int = 1) -> None:
    target = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if target is None or "?" in url or target.exists():
        _seed(url, customers, partners, seed)  # PostgreSQL, or adding to a database in use
        return
    key = (customers, partners, seed)
    if key not in _TEMPLATES:
        folder = tempfile.mkdtemp(prefix="partner-desk-seeded-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = Path(folder) / "seeded.sqlite3"
        _seed(f"sqlite:///{template}", customers, partners, seed)
        _TEMPLATES[key] = template
    template = _TEMPLATES[key]
    for suffix in ("", "-wal"):  # a write-ahead log is only left by a seed that did not close
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{target}{suffix}")


@dataclass
class ServerProcess:
    """One `partner-api serve --port 0` process; `url` is its /api/v1 base."""

    database_url: str
    suspend_seconds: float = 0.2
    fault: str | None = None
    # None keeps the server's default (15 s); tests of a server's death shorten it.
    lease_seconds: float | None = None
    # More `serve` options, like ("--token-ttl-seconds", "2").
    extra_args: tuple[str, ...] = ()
    # The server's log (its stderr) goes to this file when set, for tests that read it.
    log_path: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    # 0 picks a free port; a restart passes the port the first start got (`bound_port`).
    port: int = 0
    proc: subprocess.Popen[str] | None = None
    root: str = ""

    @property
    def url(self) -> str:
        return f"{self.root}/api/v1"

    @property
    def bound_port(self) -> int:
        return int(self.root.rsplit(":", 1)[1])

    def start(self, timeout: float = 60) -> ServerProcess:
        args = [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database",
            self.database_url,
            "--suspend-seconds",
            str(self.suspend_seconds),
        ]
        if self.fault is not None:
            args += ["--fault", self.fault]
        if self.lease_seconds is not None:
            args += ["--lease-seconds", str(self.lease_seconds)]
        args += self.extra_args
        log = open(self.log_path, "a") if self.log_path else None  # noqa: SIM115
        try:
            self.proc = subprocess.Popen(
                args,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env={**os.environ, **self.env},
            )
        finally:
            if log is not None:
                log.close()  # the child holds its own copy
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), f"server did not start: {line!r}"
        self.root = line
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise AssertionError("server did not answer /health")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup, exactly like a crash."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


class ApiClient:
    """A thin requests wrapper for tests: the base URL and, once signed in, the bearer token."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.http = requests.Session()
        self.token: str | None = None

    def login(self, username: str = "demo", password: str = "demo") -> ApiClient:
        r = self.http.post(
            f"{self.base}/auth/login", json={"username": username, "password": password}, timeout=30
        )
        assert r.status_code == 200, r.text
        self.token = r.json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        return self

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.http.request(method, f"{self.base}{path}", **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def wait_operation(self, op_id: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            op: dict[str, Any] = self.get(f"/operations/{op_id}").json()
            if op["state"] in ("succeeded", "failed"):
                return op
            time.sleep(0.05)
        raise AssertionError(f"operation {op_id} did not finish")
