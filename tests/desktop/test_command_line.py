"""`partner-desk --version` and `--help`, as a person runs them from a terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from desktop.__main__ import build_parser


def _command() -> list[str]:
    """The installed `partner-desk` script next to this Python, else the module it runs."""
    script = Path(sys.executable).with_name("partner-desk")
    if script.exists():
        return [str(script)]
    found = shutil.which("partner-desk")
    return [found] if found else [sys.executable, "-m", "desktop"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_command(), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version_prints_the_name_and_version_and_exits() -> None:
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Partner Desk {__version__}"


def test_help_lists_every_option_with_words_saying_what_it_does() -> None:
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("usage: partner-desk")
    assert "Partner Desk: manage your customers' accounts." in text
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert flag in text, flag
        assert action.help and len(action.help) > 15, action.option_strings
        assert action.help in " ".join(text.split()), action.option_strings
    assert "partner-desk.log" in text  # where to look when something goes wrong


def test_an_unknown_option_is_refused_with_the_usage() -> None:
    result = _run("--no-such-option")
    assert result.returncode == 2
    assert "usage: partner-desk" in result.stderr
    assert "unrecognized arguments: --no-such-option" in result.stderr
