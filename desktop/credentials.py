"""Where the password is kept: the system keyring, or this session's memory. Never a file."""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from PySide6.QtCore import QCoreApplication

log = logging.getLogger("partner_desk.credentials")

SERVICE = "Partner Desk"


def _is_real_keyring(backend: KeyringBackend) -> bool:
    """True for a backend that keeps secrets in a system password manager."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    # keyrings.alt stores "encrypted" or plain text files next to the user's data: a file.
    if type(backend).__module__.startswith("keyrings.alt"):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_is_real_keyring(b) for b in backend.backends)
    return True


class CredentialStore:
    """Passwords by server and user name.

    With `remember` and a working keyring, the password goes to the keyring and survives a
    restart; otherwise it lives in this object only and is gone when the app quits.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._memory: dict[str, str] = {}
        self._backend: KeyringBackend | None
        try:
            self._backend = backend if backend is not None else keyring.get_keyring()
        except Exception:  # a broken keyring configuration must not stop the app starting
            log.warning("no usable keyring", exc_info=True)
            self._backend = None
        if self._backend is not None and not _is_real_keyring(self._backend):
            self._backend = None

    @property
    def backend_available(self) -> bool:
        return self._backend is not None

    @property
    def where(self) -> str:
        """A sentence for the sign-in dialog saying where a remembered password goes."""
        if self._backend is None:
            return QCoreApplication.translate(
                "CredentialStore",
                "No system keyring found: your password is kept in memory for this session only.",
            )
        return QCoreApplication.translate("CredentialStore", "Saved in {backend}").format(
            backend=self._name
        )

    @property
    def _name(self) -> str:
        # Not str(backend): keyring's __str__ formats the priority, which may itself fail.
        name = getattr(self._backend, "name", "")
        return name if isinstance(name, str) and name else type(self._backend).__name__

    @staticmethod
    def _key(server: str, user: str) -> str:
        return f"{server}|{user}"

    def save(self, server: str, user: str, password: str, remember: bool) -> bool:
        """Keep the password; True when it went to the keyring, False when to memory only."""
        key = self._key(server, user)
        self._memory[key] = password
        if self._backend is None:
            return False
        try:
            if remember:
                self._backend.set_password(SERVICE, key, password)
                return True
            # Not remembering now also means not remembering from an earlier session.
            self._delete(key)
        except Exception:  # a locked or broken keyring: the session still works from memory
            log.warning("keyring %s refused to store the password", self._name, exc_info=True)
        return False

    def load(self, server: str, user: str) -> str | None:
        key = self._key(server, user)
        if key in self._memory:
            return self._memory[key]
        if self._backend is None:
            return None
        try:
            return self._backend.get_password(SERVICE, key)
        except Exception:
            log.warning("keyring %s could not be read", self._name, exc_info=True)
            return None

    def replace(self, server: str, user: str, password: str) -> None:
        """A changed password takes the old one's place: in memory, and in the keyring only if
        the old one was there (the person chose Remember me then; this does not choose for them)."""
        key = self._key(server, user)
        self._memory[key] = password
        if self._backend is None:
            return
        try:
            if self._backend.get_password(SERVICE, key) is not None:
                self._backend.set_password(SERVICE, key, password)
        except Exception:
            log.warning("keyring %s could not update the password", self._name, exc_info=True)

    def forget(self, server: str, user: str) -> None:
        key = self._key(server, user)
        self._memory.pop(key, None)
        if self._backend is None:
            return
        try:
            self._delete(key)
        except Exception:
            log.warning("keyring %s could not delete the password", self._name, exc_info=True)

    def _delete(self, key: str) -> None:
        assert self._backend is not None
        # Checked first: most backends raise PasswordDeleteError for a missing entry.
        if self._backend.get_password(SERVICE, key) is not None:
            self._backend.delete_password(SERVICE, key)
