"""The server key: encrypts the TOTP secrets at rest and keys the recovery codes' digests.

Where it comes from (README, "Two-factor sign-in"):

- `PARTNER_API_SECRET_KEY` in the environment: one Fernet key, or several separated by commas
  (the first encrypts; the others still decrypt, so a key can be rotated). Every server process
  sharing a database must be given the same keys; this is the way for several machines.
- Otherwise a key file, made on the first start with mode 0600: beside a SQLite database
  (`<database>.key`), or `secret.key` in the server's data folder for any other database, so the
  processes of one machine find the same file. `serve --secret-key-file PATH` names another.

A database whose key is lost keeps its users but not their second factor: the secrets no longer
decrypt (`UndecryptableSecret`), and an owner must turn two-factor off for them in the database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import re
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.engine import make_url

from server.config import SECRET_KEY_ENV, Settings

log = logging.getLogger("partner_api")

KEY_FILE_MODE = 0o600
_SEPARATORS = re.compile(r"[\s,]+")
# A key file that another process has just made is complete at once (see _create); a file that
# stays empty or unreadable this long is broken, not being written.
_READ_RETRY_SECONDS = 5.0
_DIGEST_LABEL = b"partner-api recovery code digest v1"


class UndecryptableSecret(Exception):
    """A stored secret that none of the server's keys decrypts (the key was lost or changed)."""


@dataclass(frozen=True)
class ServerKey:
    """The keys, primary first; `source` says where they came from (never the key itself)."""

    keys: tuple[bytes, ...] = field(repr=False)
    source: str

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("a server key needs at least one key")

    @property
    def _fernet(self) -> MultiFernet:
        return MultiFernet([Fernet(key) for key in self.keys])

    def encrypt(self, plaintext: str, bound_to: str) -> str:
        """Encrypted and authenticated; `bound_to` (a user id) must be given again to decrypt,
        so one user's ciphertext copied onto another's row does not open for them."""
        return self._fernet.encrypt(f"{bound_to}\n{plaintext}".encode()).decode("ascii")

    def decrypt(self, ciphertext: str, bound_to: str) -> str:
        try:
            opened = self._fernet.decrypt(ciphertext.encode("ascii")).decode()
        except (InvalidToken, UnicodeError) as exc:
            raise UndecryptableSecret("no key of this server decrypts the secret") from exc
        owner, _, plaintext = opened.partition("\n")
        if owner != bound_to:
            raise UndecryptableSecret("the secret belongs to another user")
        return plaintext

    def digests(self, message: str) -> list[str]:
        """HMAC-SHA256 of `message` under each key (primary first), hex: the primary's is the
        one to store, any of them is the one to look up (a rotated key's rows still match)."""
        return [
            hmac.new(_digest_key(key), message.encode(), hashlib.sha256).hexdigest()
            for key in self.keys
        ]


def _digest_key(fernet_key: bytes) -> bytes:
    # A key of its own for the digests, derived from the Fernet key: one secret to keep, and
    # neither use of it can be turned into the other.
    return hmac.new(base64.urlsafe_b64decode(fernet_key), _DIGEST_LABEL, hashlib.sha256).digest()


def parse_keys(text: str, where: str) -> tuple[bytes, ...]:
    keys = tuple(word.encode("ascii") for word in _SEPARATORS.split(text.strip()) if word)
    for key in keys:
        try:
            if len(base64.urlsafe_b64decode(key)) != 32:
                raise ValueError
        except (ValueError, binascii.Error):
            raise ValueError(
                f"{where} is not a Fernet key (32 bytes in URL-safe base64); make one with: "
                'python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            ) from None
    if not keys:
        raise ValueError(f"{where} holds no key")
    return keys


def default_key_file(database_url: str) -> Path:
    """Beside a SQLite file; in the server's data folder for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        database = Path(str(url.database))
        return database.with_name(database.name + ".key")
    folder = Path(platformdirs.user_data_dir("partner-api", appauthor=False))
    return folder / "secret.key"


def load_server_key(settings: Settings) -> ServerKey:
    """The environment's keys if set, else the key file's, made now if there is none."""
    if settings.secret_key.strip():
        keys = parse_keys(settings.secret_key, SECRET_KEY_ENV)
        return ServerKey(keys, f"the {SECRET_KEY_ENV} variable")
    chosen = settings.secret_key_file
    path = Path(chosen) if chosen else default_key_file(settings.database_url)
    return ServerKey(_read_or_create(path), f"the key file {path}")


def _read_or_create(path: Path) -> tuple[bytes, ...]:
    if not path.exists():
        _create(path)
    deadline = time.monotonic() + _READ_RETRY_SECONDS
    while True:
        _check_mode(path)
        text = path.read_text(encoding="ascii", errors="replace")
        if text.strip() or time.monotonic() > deadline:
            return parse_keys(text, f"the key file {path}")
        time.sleep(0.05)


def _create(path: Path) -> None:
    """Write a new key to a file of our own (O_EXCL, 0600) and link it into place.

    Several server processes may start at once on one database: a link fails when the name is
    taken, so exactly one new key wins and every process then reads that one; and the name
    appears only once the file is complete, so no process reads half a key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(Fernet.generate_key().decode("ascii") + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.link(draft, path)
        log.info("made a new server key in %s (keep it with the database)", path)
    except FileExistsError:
        pass  # another process made it first: theirs is the key
    finally:
        draft.unlink(missing_ok=True)


def _check_mode(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no mode bits; the folder's ACL is the user's
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ValueError(
            f"the key file {path} may be read by others (mode {mode:o}); "
            f"make it the owner's alone: chmod 600 {path}"
        )
