"""The second step of signing in: the six-digit code of an authenticator app, or a recovery code.

Shared by the sign-in dialog and the session-expired dialog. The code lives in the field only
while the step is shown; `forget()` empties it, and neither it nor the server's mfa_token (kept
by the dialog that shows this step) is ever stored or logged.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.labels import muted, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

CODE_DIGITS = 6
# A recovery code as the server gives it ("abcde-fghjk"); spaces and dashes are the person's.
_RECOVERY = QRegularExpression(r"^[A-Za-z0-9 \-]{0,24}$")
_DIGITS = QRegularExpression(rf"^[0-9]{{0,{CODE_DIGITS}}}$")


class CodeStep(QWidget):
    """The code field, its message, "Use a recovery code" and Back."""

    # Six digits typed: the dialog may send them without waiting for Enter.
    complete = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, show_back: bool = True) -> None:
        super().__init__(parent)
        self._recovery = False
        named(self, "mfaCodeStep", self.tr("Two-factor code"))
        self.intro = wrapped("")
        self.intro.setObjectName("mfaIntro")
        self.field = named(QLineEdit(), "mfaCodeField", self.tr("Two-factor code"))
        self.field.setMaxLength(24)
        self.field.textEdited.connect(self._edited)
        self.hint = muted("")
        self.hint.setObjectName("mfaCodeHint")
        self.error = named(QLabel(), "mfaCodeError", self.tr("Code problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(tone_style("error"))
        self.error.hide()

        # Flat buttons that read as links; in the Tab chain, so the keyboard reaches them.
        self.switch_kind = named(
            QPushButton(), "useRecoveryCodeButton", self.tr("Use a recovery code")
        )
        self.switch_kind.setFlat(True)
        self.switch_kind.setCursor(Qt.CursorShape.PointingHandCursor)
        self.switch_kind.clicked.connect(self.toggle_kind)
        self.back = named(
            QPushButton(self.tr("← Back")), "backToPasswordButton", self.tr("Back to the password")
        )
        self.back.setFlat(True)
        self.back.clicked.connect(self.back_requested)
        self.back.setVisible(show_back)
        for button in (self.switch_kind, self.back):
            # Enter is the dialog's Sign In alone (see LoginDialog), never a link's.
            button.setAutoDefault(False)
            button.setDefault(False)
        # Underlined, as a link reads, in the theme's own colours (light or dark alike).
        underlined = self.switch_kind.font()
        underlined.setUnderline(True)
        self.switch_kind.setFont(underlined)

        links = QHBoxLayout()
        links.setContentsMargins(0, 0, 0, 0)
        links.addWidget(self.switch_kind)
        links.addStretch(1)
        links.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addLayout(links)
        layout.addStretch(1)
        self._show_kind()

    @property
    def recovery(self) -> bool:
        return self._recovery

    def code(self) -> str:
        return self.field.text().strip()

    def problem(self) -> str | None:
        """What is missing before the code can be sent, or None."""
        code = self.code()
        if self._recovery:
            return None if code else self.tr("Enter one of your recovery codes.")
        if len(code) != CODE_DIGITS:
            return self.tr("Enter the six digits your authenticator app shows.")
        return None

    @Slot()
    def toggle_kind(self) -> None:
        self._recovery = not self._recovery
        self._show_kind()
        self.field.setFocus()

    def _show_kind(self) -> None:
        self.forget()
        if self._recovery:
            self.intro.setText(
                self.tr("Enter one of the recovery codes you saved when you set up two-factor.")
            )
            self.field.setValidator(QRegularExpressionValidator(_RECOVERY, self.field))
            self.field.setPlaceholderText("abcde-fghjk")
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
            self.field.setAccessibleName(self.tr("Recovery code"))
            self.hint.setText(self.tr("Each recovery code works once."))
            self.switch_kind.setText(self.tr("Use the code from the app instead"))
            self.switch_kind.setAccessibleName(self.tr("Use the authenticator app's code"))
        else:
            self.intro.setText(
                self.tr("Enter the six-digit code that your authenticator app shows.")
            )
            self.field.setValidator(QRegularExpressionValidator(_DIGITS, self.field))
            self.field.setPlaceholderText("123456")
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            self.field.setAccessibleName(self.tr("Two-factor code"))
            self.hint.setText(self.tr("A new code appears every 30 seconds."))
            self.switch_kind.setText(self.tr("Use a recovery code"))
            self.switch_kind.setAccessibleName(self.tr("Use a recovery code"))

    @Slot(str)
    def _edited(self, text: str) -> None:
        self.hide_error()
        if not self._recovery and len(text) == CODE_DIGITS:
            self.complete.emit()

    def start(self) -> None:
        """Shown anew: the authenticator's code, empty, with the focus."""
        if self._recovery:
            self._recovery = False
            self._show_kind()
        self.forget()
        self.field.setFocus()

    def show_error(self, message: str) -> None:
        """The server's refusal at the field, and the field selected for the next try."""
        self.error.setText(message)
        self.error.setAccessibleDescription(message)
        self.field.setAccessibleDescription(message)
        self.error.show()
        self.field.setFocus()
        self.field.selectAll()

    def hide_error(self) -> None:
        self.error.hide()
        self.field.setAccessibleDescription("")

    def set_busy(self, busy: bool) -> None:
        for widget in (self.field, self.switch_kind, self.back):
            widget.setEnabled(not busy)
        if busy:
            self.hide_error()

    def forget(self) -> None:
        """The code out of the field (and of its undo history)."""
        self.field.setText("")  # setText, not clear(): it also empties the undo history
        self.hide_error()
