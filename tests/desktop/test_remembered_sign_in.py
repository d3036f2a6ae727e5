"""Remember me means the next start signs in by itself, with the password from the keyring; a
sign-out then asks again, and a password no longer right leaves the person at the dialog."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.gui import AppHarness, MemoryKeyring
from tests.support.server import ServerProcess


def test_the_next_start_signs_in_without_asking(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    keyring = MemoryKeyring()
    first = AppHarness(tmp_path / "app", keyring)
    first.sign_in(qtbot, server.root, "agent", "agent", remember=True, on_customers=False)
    first.close()

    again = AppHarness(tmp_path / "app", keyring)
    again.start()
    qtbot.waitUntil(lambda: again.controller.window is not None, timeout=15_000)
    assert again.window.session.username == "agent"

    # Signing out is asking to stop: the dialog waits for the person, whatever is remembered.
    again.window.sign_out_requested.emit()
    qtbot.waitUntil(lambda: again.controller.login is not None, timeout=5_000)
    qtbot.wait(300)
    assert again.controller.window is None
    again.close()


def test_without_remember_me_the_next_start_waits(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    keyring = MemoryKeyring()
    first = AppHarness(tmp_path / "app", keyring)
    first.sign_in(qtbot, server.root, "agent", "agent", remember=False, on_customers=False)
    first.close()

    again = AppHarness(tmp_path / "app", keyring)
    dialog = again.start()
    qtbot.wait(300)
    assert again.controller.window is None
    assert dialog.password.text() == ""
    again.close()
