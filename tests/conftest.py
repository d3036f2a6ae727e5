"""Shared test set-up: headless Qt, and private config/data/cache folders for the whole run."""

from __future__ import annotations

import os
import tempfile

import pytest

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


# The longest files, longest first (their seconds in a run of the whole suite here). Under xdist
# (`make test`: --dist loadfile --no-loadscope-reorder) each file goes whole to one worker in
# this order: started first, the long ones run beside the many short ones instead of one of them
# being left to run alone at the end. A serial run keeps pytest's own order.
LONGEST_FIRST = (
    "tests/packaging/test_bundle.py",
    "tests/server/test_search.py",
    "tests/desktop/test_customer_export.py",
    "tests/desktop/test_customer_filter_million.py",
    "tests/desktop/test_customer_filter_model.py",
    "tests/server/test_schemathesis.py",
    "tests/server/test_secrets.py",
    "tests/reliability/test_suspend_under_faults.py",
    "tests/server/test_auth.py",
    "tests/server/test_errors.py",
    "tests/desktop/test_customer_filter_properties.py",
    "tests/desktop/test_main_window.py",
    "tests/desktop/test_connection_state.py",
    "tests/desktop/test_window_shortcuts.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    rank = {path: place for place, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    # The reliability suites' figures, last, where a person reading the run looks.
    from tests.support.figures import lines

    figures = lines()
    if figures:
        terminalreporter.section("figures")
        for line in figures:
            terminalreporter.write_line(line)
