"""CredentialStore: the keyring when there is one and the person asks; memory otherwise; no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.compat import properties
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop.credentials import SERVICE, CredentialStore

SERVER = "https://partner.example.com/api/v1"


class MemoryKeyring(KeyringBackend):
    """A keyring for tests: a dict, named like a real one."""

    name = "Test Keyring"

    @properties.classproperty
    def priority(cls) -> float:
        # Raising makes keyring treat it as not viable: it is never picked as anyone's default.
        raise RuntimeError("only for tests that hand it in")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise PasswordDeleteError("not there")
        del self.items[(service, username)]


class LockedKeyring(MemoryKeyring):
    """A keyring whose unlock prompt was dismissed: every call fails."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


def test_a_remembered_password_survives_a_restart() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    assert store.save(SERVER, "ana", "s3cret", remember=True)
    assert backend.items == {(SERVICE, f"{SERVER}|ana"): "s3cret"}
    assert CredentialStore(backend).load(SERVER, "ana") == "s3cret"


def test_without_remember_nothing_reaches_the_keyring() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    assert not store.save(SERVER, "ana", "s3cret", remember=False)
    assert backend.items == {}
    assert store.load(SERVER, "ana") == "s3cret", "kept for this session"
    assert CredentialStore(backend).load(SERVER, "ana") is None, "gone after a restart"


def test_unticking_remember_removes_the_earlier_saved_password() -> None:
    backend = MemoryKeyring()
    CredentialStore(backend).save(SERVER, "ana", "old", remember=True)
    CredentialStore(backend).save(SERVER, "ana", "new", remember=False)
    assert backend.items == {}


def test_forget_removes_it_everywhere() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save(SERVER, "ana", "s3cret", remember=True)
    store.forget(SERVER, "ana")
    assert store.load(SERVER, "ana") is None
    assert backend.items == {}
    store.forget(SERVER, "ana")  # forgetting twice is fine


def test_passwords_are_kept_per_server_and_user() -> None:
    store = CredentialStore(MemoryKeyring())
    store.save(SERVER, "ana", "one", remember=True)
    store.save(SERVER, "ivo", "two", remember=True)
    store.save("https://other.example.com/api/v1", "ana", "three", remember=True)
    assert store.load(SERVER, "ana") == "one"
    assert store.load(SERVER, "ivo") == "two"
    assert store.load("https://other.example.com/api/v1", "ana") == "three"


def test_where_names_the_keyring() -> None:
    store = CredentialStore(MemoryKeyring())
    assert store.backend_available
    assert store.where == "Saved in Test Keyring"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_without_a_keyring_the_password_stays_in_memory(backend: KeyringBackend) -> None:
    store = CredentialStore(backend)
    assert not store.backend_available
    assert store.where == (
        "No system keyring found: your password is kept in memory for this session only."
    )
    assert not store.save(SERVER, "ana", "s3cret", remember=True)
    assert store.load(SERVER, "ana") == "s3cret"
    assert CredentialStore(backend).load(SERVER, "ana") is None
    store.forget(SERVER, "ana")
    assert store.load(SERVER, "ana") is None


def test_a_locked_keyring_falls_back_to_memory() -> None:
    store = CredentialStore(LockedKeyring())
    assert not store.save(SERVER, "ana", "s3cret", remember=True)
    assert store.load(SERVER, "ana") == "s3cret"
    assert CredentialStore(LockedKeyring()).load(SERVER, "ana") is None
    store.forget(SERVER, "ana")


def test_the_default_keyring_of_the_test_run_is_memory_only(tmp_path: Path) -> None:
    # tests/conftest.py selects keyring's fail backend, as on a machine without a keyring.
    store = CredentialStore()
    assert not store.backend_available
    store.save(SERVER, "ana", "s3cret", remember=True)
    assert store.load(SERVER, "ana") == "s3cret"


def test_nothing_is_written_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for backend in (MemoryKeyring(), fail.Keyring()):
        CredentialStore(backend).save(SERVER, "ana", "s3cret", remember=True)
    assert list(tmp_path.iterdir()) == []
