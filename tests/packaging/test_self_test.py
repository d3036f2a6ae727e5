"""`partner-desk --self-test` from source: 0 when customers are listed, 1 with the failed step."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.packaging.support import ROOT, demo_pid, headless_env, wait_gone

# A stand-in for `python -m server.cli`, found first because it sits in the app's working
# folder: it "seeds" nothing and serves a health check that says ok, then fails or stalls
# sign-in as told.
FAKE_SERVER = textwrap.dedent(
    """
    import json, sys, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    MODE = {mode!r}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.endswith("/health"):
                self._answer(200, {{"status": "ok"}})
            else:
                self._answer(404, {{"error": {{"code": "not_found", "message": "no"}}}})

        def do_POST(self):
            if MODE == "stall":
                # Far past the self-test's 1 s, yet short: quitting waits for calls in flight.
                time.sleep(8)
            self._answer(401, {{"error": {{"code": "invalid_credentials",
                                            "message": "Wrong user name or password."}}}})

    if sys.argv[1] == "serve":
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        print(f"http://127.0.0.1:{{httpd.server_address[1]}}", flush=True)
        httpd.serve_forever()
    """
)


def _self_test(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", *args],
        cwd=cwd,
        env=headless_env(),
        capture_output=True,
        text=True,
        timeout=240,  # only against a hang: the self-test bounds itself
        check=False,
    )


def _fake_server(folder: Path, mode: str) -> Path:
    package = folder / "server"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text(FAKE_SERVER.format(mode=mode))
    return folder


def test_self_test_lists_customers_exits_0_and_stops_its_server() -> None:
    result = _self_test(ROOT, "120")
    assert result.returncode == 0, result.stderr
    assert "OK: the main window lists 300 customers" in result.stdout
    assert wait_gone(demo_pid(result.stdout)), "the demo server outlived the self-test"


def test_self_test_names_a_failed_sign_in(tmp_path: Path) -> None:
    result = _self_test(_fake_server(tmp_path, "refuse"), "120")
    assert result.returncode == 1
    assert "self-test: FAILED while signing in:" in result.stderr
    assert wait_gone(demo_pid(result.stdout))


def test_self_test_gives_up_after_its_time(tmp_path: Path) -> None:
    result = _self_test(_fake_server(tmp_path, "stall"), "1")
    assert result.returncode == 1
    assert "self-test: FAILED while signing in: no result after 1 s" in result.stderr
    assert wait_gone(demo_pid(result.stdout))


def test_self_test_reports_a_demo_server_that_cannot_start(tmp_path: Path) -> None:
    package = tmp_path / "server"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text("import sys\nsys.exit('the database is locked')\n")
    result = _self_test(tmp_path, "120")
    assert result.returncode == 1
    assert "FAILED while starting the demo server" in result.stderr
    assert "the database is locked" in result.stderr
