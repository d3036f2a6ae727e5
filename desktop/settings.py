"""What Partner Desk remembers between runs (QSettings). Never a password or a token."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings()

    def _text(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def last_server(self) -> str:
        return self._text("signin/server")

    @last_server.setter
    def last_server(self, value: str) -> None:
        self._s.setValue("signin/server", value)

    @property
    def last_username(self) -> str:
        return self._text("signin/username")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._s.setValue("signin/username", value)

    @property
    def remember_me(self) -> bool:
        return self._text("signin/remember", "false") == "true"

    @remember_me.setter
    def remember_me(self, value: bool) -> None:
        self._s.setValue("signin/remember", "true" if value else "false")

    @property
    def ca_bundle(self) -> str:
        return self._text("connection/ca_bundle")

    def _millis(self, key: str, default: int) -> int:
        # QSettings hands back ints from INI files as text; anything else means the default.
        value = self._s.value(key, default)
        text = str(value)
        return int(text) if text.isdigit() else default

    @property
    def auto_close_ms(self) -> int:
        """How long the Edit Customer dialog shows a finished suspension before closing."""
        return self._millis("behaviour/auto_close_ms", 1500)

    @auto_close_ms.setter
    def auto_close_ms(self, value: int) -> None:
        self._s.setValue("behaviour/auto_close_ms", str(max(0, int(value))))

    @property
    def operation_bound_ms(self) -> int:
        """How long a dialog stays locked on an operation before offering to watch it in the
        background (the operation itself is watched until it ends, however long that takes)."""
        return self._millis("behaviour/operation_bound_ms", 120_000)

    @operation_bound_ms.setter
    def operation_bound_ms(self, value: int) -> None:
        self._s.setValue("behaviour/operation_bound_ms", str(max(0, int(value))))

    def geometry(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/{name}")

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self._s.sync()
