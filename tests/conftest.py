"""Shared test set-up: headless Qt, and private config/data/cache folders for the whole run."""

from __future__ import annotations

import os
import tempfile

# Before any Qt import: every test runs headless, on CI and on a desktop alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Tests never read or write the person's own settings, data or keyring: QSettings and
# platformdirs follow the XDG variables on Linux, so point them at a folder of this run.
_HOME = tempfile.mkdtemp(prefix="partner-desk-tests-")
for _var, _sub in (
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    os.environ[_var] = os.path.join(_HOME, _sub)
    os.makedirs(os.environ[_var], exist_ok=True)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
TEST_HOME = _HOME

# Dates and numbers in English under a bare "C" locale, as the app itself does (screenshots
# taken by tests then look like the app a person runs).
from desktop.app import configure_locale  # noqa: E402

configure_locale()


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    # The reliability suites' figures, last, where a person reading the run looks.
    from tests.support.figures import lines

    figures = lines()
    if figures:
        terminalreporter.section("figures")
        for line in figures:
            terminalreporter.write_line(line)
