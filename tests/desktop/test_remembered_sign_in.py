"""Remember me means the next start signs in by itself, with the password from the keyring; a
sign-out then asks again; a password changed in the Account dialog takes the old one's place."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.desktop.mfa_gui import new_person
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


def test_a_password_changed_in_the_app_is_the_one_remembered(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    from desktop.ui.account.entry import AccountEntry

    person = new_person(server, "rememberer")
    keyring = MemoryKeyring()
    first = AppHarness(tmp_path / "app", keyring)
    window = first.sign_in(
        qtbot, server.root, person.username, person.password, remember=True, on_customers=False
    )
    entry: AccountEntry = window.account
    entry.open()
    assert entry.dialog is not None
    form = entry.dialog.password_form
    new_password = "Harbour-Lights-Over-Split-7"
    qtbot.keyClicks(form.current, person.password)
    qtbot.keyClicks(form.new, new_password)
    qtbot.keyClicks(form.repeat, new_password)
    with qtbot.waitSignal(form.password_changed, timeout=15_000):
        form.submit()
    first.close()
    assert new_password in keyring.secrets.values()
    assert person.password not in keyring.secrets.values()

    # The next start signs in with the new password, by itself.
    again = AppHarness(tmp_path / "app", keyring)
    again.start()
    qtbot.waitUntil(lambda: again.controller.window is not None, timeout=15_000)
    assert again.window.session.username == person.username
    again.close()


def test_a_password_changed_without_remember_me_stays_out_of_the_keyring(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess
) -> None:
    person = new_person(server, "forgetter")
    keyring = MemoryKeyring()
    harness = AppHarness(tmp_path / "app", keyring)
    window = harness.sign_in(qtbot, server.root, person.username, person.password)
    window.account.open()
    form = window.account.dialog.password_form
    qtbot.keyClicks(form.current, person.password)
    qtbot.keyClicks(form.new, "Harbour-Lights-Over-Zadar-8")
    qtbot.keyClicks(form.repeat, "Harbour-Lights-Over-Zadar-8")
    with qtbot.waitSignal(form.password_changed, timeout=15_000):
        form.submit()
    assert keyring.secrets == {}
    harness.close()
