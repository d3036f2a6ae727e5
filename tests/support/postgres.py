"""A throwaway PostgreSQL cluster in a temp directory, run as the `postgres` user when root.

`start_cluster()` finds Debian's newest server binaries (installing the `postgresql` package
through scripts/system-deps.sh when root and missing), runs `initdb` and `pg_ctl start`, and
listens only on 127.0.0.1 on a free port with trust authentication. Durability is switched off:
the data is thrown away, and start-up and every test's writes are faster without it. When the
cluster truly cannot run here, the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest

PG_ROOT = Path("/usr/lib/postgresql")
REPO = Path(__file__).resolve().parents[2]
SYSTEM_DEPS = REPO / "scripts" / "system-deps.sh"
SUPERUSER = "postgres"
# Deliberately not UTC: the server must store and answer UTC whatever the database's session
# time zone is, and a zone with an offset makes any slip visible in the tests.
CLUSTER_TIMEZONE = "Europe/Zagreb"
# Two or three servers with a pool of up to 32 connections each, plus the tests' own.
MAX_CONNECTIONS = 300
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class ClusterUnavailable(Exception):
    """PostgreSQL cannot run on this machine; the message says why."""


def _unavailable(reason: str) -> NoReturn:
    # Printed as well as given to skip, so the reason shows even without -rs.
    message = f"PostgreSQL tests skipped: {reason}"
    print(message, file=sys.stderr)
    pytest.skip(message)


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl."""
    if not PG_ROOT.is_dir():
        return None
    versions = []
    for entry in PG_ROOT.iterdir():
        bin_dir = entry / "bin"
        if (
            entry.name.replace(".", "").isdigit()
            and (bin_dir / "initdb").is_file()
            and (bin_dir / "pg_ctl").is_file()
        ):
            versions.append((tuple(int(p) for p in entry.name.split(".")), bin_dir))
    return max(versions)[1] if versions else None


def _install_postgresql() -> None:
    """Install Debian's `postgresql` the way `make system-test-deps` does, when we may."""
    if os.geteuid() != 0:
        raise ClusterUnavailable(
            "no PostgreSQL server under /usr/lib/postgresql and not root to install it "
            "(run `sudo apt-get install postgresql`, or `make system-test-deps` as root)"
        )
    if shutil.which("dpkg-query") is None or shutil.which("apt-get") is None:
        raise ClusterUnavailable("no PostgreSQL server and no apt-get to install one")
    try:
        result = subprocess.run(
            ["bash", str(SYSTEM_DEPS), "postgresql"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ClusterUnavailable("installing postgresql took over 10 minutes") from None
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip()[-500:]
        raise ClusterUnavailable(f"installing postgresql failed: {tail}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running cluster: `new_database()` hands out URLs the server's make_engine accepts."""

    bin_dir: Path
    root: Path
    port: int
    run_as: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg
        from psycopg import sql

        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def stop(self) -> None:
        """Stop at once (the data is thrown away anyway) and remove the directory."""
        if self._stopped:
            return
        self._stopped = True
        if (self.data_dir / "postmaster.pid").exists():
            _run(
                self.run_as,
                [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "immediate"],
                cwd=self.root,
                timeout=30,
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _run(
    user: str | None, args: list[str], *, cwd: Path, timeout: float, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL program, as `user` when given (the server refuses to run as root)."""
    if user is not None:
        if shutil.which("runuser"):
            args = ["runuser", "-u", user, "--", *args]
        else:
            args = ["su", user, "-s", "/bin/sh", "-c", subprocess.list2cmdline(args)]
    # The C locale messages keep errors readable; LC_ALL would also override initdb's --locale.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_"))}
    env["LANG"] = "C.UTF-8"
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        output = (result.stderr + result.stdout).strip()[-1500:]
        raise ClusterUnavailable(f"{Path(args[0]).name} {' '.join(args[1:3])} failed: {output}")
    return result


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise ClusterUnavailable(
            "running as root and there is no `postgres` system user to run the server as"
        ) from None
    if shutil.which("runuser") is None and shutil.which("su") is None:
        raise ClusterUnavailable("running as root with neither runuser nor su to drop to postgres")
    return SUPERUSER


def _make_root(run_as: str | None) -> Path:
    # Not pytest's directory: /tmp/pytest-of-root is 0700 (the postgres user cannot reach into
    # it) and its paths can outgrow the 107 bytes a unix socket path may have. Nor $TMPDIR when
    # root, which may sit in a folder only root can enter: /tmp is open to every user.
    base = "/tmp" if run_as is not None and os.path.isdir("/tmp") else None
    root = Path(tempfile.mkdtemp(prefix="pdpg-", dir=base))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    return root


def _initdb(bin_dir: Path, root: Path, run_as: str | None) -> None:
    base = [
        str(bin_dir / "initdb"),
        "-D",
        str(root / "data"),
        "-U",
        SUPERUSER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
    ]
    try:
        # C.UTF-8 keeps byte order for sorting while lower()/ILIKE still know non-ASCII letters.
        _run(run_as, [*base, "--locale=C.UTF-8"], cwd=root, timeout=120)
    except ClusterUnavailable:
        shutil.rmtree(root / "data", ignore_errors=True)
        _run(run_as, [*base, "--no-locale"], cwd=root, timeout=120)


def _configure(root: Path, port: int) -> None:
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(port),
        "unix_socket_directories": f"'{root}'",
        "max_connections": str(MAX_CONNECTIONS),
        "shared_buffers": "'32MB'",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "timezone": f"'{CLUSTER_TIMEZONE}'",
        "log_timezone": "'UTC'",
        "logging_collector": "off",
        # A deadlock or a lock wait shows in the log a failed test points to.
        "log_lock_waits": "on",
        "deadlock_timeout": "'200ms'",
    }
    conf = root / "data" / "postgresql.conf"
    with conf.open("a", encoding="utf-8") as out:
        out.write("\n# partner-desk test cluster\n")
        for key, value in settings.items():
            out.write(f"{key} = {value}\n")


def _start(bin_dir: Path, root: Path, run_as: str | None) -> PostgresCluster:
    """initdb + pg_ctl start; a port taken between choosing and binding is retried."""
    _initdb(bin_dir, root, run_as)
    conf = root / "data" / "postgresql.conf"
    pristine = conf.read_text(encoding="utf-8")
    last_error = ""
    for _attempt in range(3):
        port = _free_port()
        conf.write_text(pristine, encoding="utf-8")
        _configure(root, port)
        cluster = PostgresCluster(bin_dir, root, port, run_as)
        result = _run(
            run_as,
            [
                str(bin_dir / "pg_ctl"),
                "start",
                "-D",
                str(cluster.data_dir),
                "-l",
                str(cluster.log_file),
                "-w",
                "-t",
                "60",
            ],
            cwd=root,
            timeout=90,
            check=False,
        )
        if result.returncode == 0:
            return cluster
        last_error = cluster.log_tail() or (result.stderr + result.stdout)
        if "already in use" not in last_error:
            break
    raise ClusterUnavailable(f"pg_ctl start failed: {last_error.strip()[-1500:]}")


def start_cluster(directory: Path) -> PostgresCluster:
    """Start a fresh cluster; `directory` (pytest's) only receives its log when start-up fails.

    Skips the calling test when PostgreSQL cannot run here: no server binaries and no way to
    install them, or root without a `postgres` user to run the server as.
    """
    root: Path | None = None
    try:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            _install_postgresql()
            bin_dir = find_bin_dir()
            if bin_dir is None:
                raise ClusterUnavailable("postgresql installed but no initdb under " + str(PG_ROOT))
        run_as = _run_as()
        root = _make_root(run_as)
        started = time.monotonic()
        cluster = _start(bin_dir, root, run_as)
    except ClusterUnavailable as exc:
        if root is not None:
            log = root / "postgres.log"
            if log.exists():
                shutil.copy(log, directory / "postgres.log")
            shutil.rmtree(root, ignore_errors=True)
        _unavailable(str(exc))
    # A crashed or interrupted test run must not leave a postmaster behind.
    atexit.register(cluster.stop)
    took = time.monotonic() - started
    print(f"PostgreSQL {bin_dir.parent.name} on 127.0.0.1:{cluster.port} ({took:.1f} s)")
    return cluster
