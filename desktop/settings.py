"""What Partner Desk remembers between runs (QSettings). Never a password or a token."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("system", "en", "hr")
THEMES = ("system", "light", "dark")


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
        """Extra CA certificates (a PEM file) to trust besides the system's; "" for none."""
        return self._text("connection/ca_bundle")

    @ca_bundle.setter
    def ca_bundle(self, value: str) -> None:
        self._s.setValue("connection/ca_bundle", value)

    @property
    def language(self) -> str:
        """One of LANGUAGES; desktop/i18n.py installs the translators by it at start."""
        value = self._text("appearance/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("appearance/language", value if value in LANGUAGES else "system")

    @property
    def theme(self) -> str:
        """One of THEMES: "system" follows the OS colour scheme, the others override it."""
        value = self._text("appearance/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._s.setValue("appearance/theme", value if value in THEMES else "system")

    @property
    def file_name(self) -> str:
        """Where these settings live (a file, or the registry on Windows): for diagnostics."""
        return self._s.fileName()

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

    def confirmed_operations(self, scope: str) -> str:
        """JSON of the operations confirmed but not seen to end (desktop/operations/outbox.py)."""
        return self._text(self._outbox_key(scope))

    def set_confirmed_operations(self, scope: str, text: str) -> None:
        if text:
            self._s.setValue(self._outbox_key(scope), text)
        else:
            self._s.remove(self._outbox_key(scope))

    @staticmethod
    def _outbox_key(scope: str) -> str:
        # One QSettings key per server and person; "/" would make it a group.
        return "operations/confirmed-" + scope.encode().hex()

    def sync(self) -> None:
        self._s.sync()
