"""Set up two-factor sign-in: a QR code (and the secret as text) for an authenticator app, a code
from the app to confirm, then the recovery codes, shown once.

The secret and the otpauth URI are held by this dialog only while it is open (never stored,
never logged); the recovery codes likewise. `required` is the set-up a partner demands before
anything else: leaving it then means signing out, and the button says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFontDatabase, QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import ApiError, InvalidCodeError
from desktop.api.team_records import MfaSetup
from desktop.tasks import TaskRunner
from desktop.ui.account.qr import qr_pixmap
from desktop.ui.account.recovery_codes import RecoveryCodesPage
from desktop.ui.failure_words import error_message, server_words
from desktop.ui.widgets.labels import heading, muted, wrapped
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi


def grouped(secret: str) -> str:
    """ABCD EFGH IJKL…: a base32 secret in fours, to read and type without losing one's place."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def is_wrong_code(error: BaseException) -> bool:
    # The sign-in's wrong code is a 401, the set-up's and turning off's a 422 with that code.
    return isinstance(error, InvalidCodeError) or (
        isinstance(error, ApiError) and error.code == "invalid_code"
    )


class MfaSetupDialog(QDialog):
    mfa_enabled = Signal()

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        username: str,
        *,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._required = required
        self._setup: MfaSetup | None = None
        self._busy = False
        # The code is on its way: if it is right, two-factor is on and only this dialog can
        # show the recovery codes, so it stays open until the answer.
        self._confirming = False
        # Two-factor is on: the person has been shown the recovery codes.
        self.enabled = False
        named(self, "mfaSetupDialog", self.tr("Set up two-factor sign-in"))
        self.setWindowTitle(self.tr("Set Up Two-Factor Sign-In"))
        self.setModal(True)
        self.codes_page = RecoveryCodesPage(username, api.server_label)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_scan_page())
        self.pages.addWidget(self.codes_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self._build_buttons())
        self._ask_for_secret()

    def _build_scan_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("mfaScanPage")
        title = heading(self.tr("Set up two-factor sign-in"), self)
        why = self.tr("Your partner requires a second step at sign-in. Set it up now to continue. ")
        intro = wrapped(
            (why if self._required else "")
            + self.tr(
                "Scan the QR code with an authenticator app on your phone (Google "
                "Authenticator, Microsoft Authenticator, 1Password, …), then enter the "
                "six-digit code it shows."
            )
        )
        self.qr = named(QLabel(self.tr("Asking the server…")), "mfaQr", self.tr("QR code"))
        self.qr.setAccessibleDescription(
            self.tr("A QR code for your authenticator app; the same key is written beside it.")
        )
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(245, 245)
        self.secret = named(QLineEdit(), "mfaSecret", self.tr("Setup key"))
        self.secret.setReadOnly(True)
        self.secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.secret.setMinimumWidth(self.secret.fontMetrics().horizontalAdvance("M" * 42))
        self.copy_secret = named(
            QPushButton(self.tr("Copy &Key")), "copySecretButton", self.tr("Copy the setup key")
        )
        self.copy_secret.setAutoDefault(False)
        self.copy_secret.setEnabled(False)
        self.copy_secret.clicked.connect(self._copy_secret)
        self.copied = muted("")
        self.copied.setObjectName("mfaSecretCopied")

        key_side = QVBoxLayout()
        key_side.addWidget(wrapped(self.tr("Cannot scan it? Type this key into the app:")))
        key_side.addWidget(self.secret)
        key_side.addWidget(self.copy_secret, 0, Qt.AlignmentFlag.AlignLeft)
        key_side.addWidget(self.copied)
        key_side.addWidget(muted(self.tr("Time-based, six digits, every 30 seconds.")))
        key_side.addStretch(1)
        scan = QHBoxLayout()
        scan.addWidget(self.qr)
        scan.addLayout(key_side, 1)

        self.code = named(QLineEdit(), "mfaCode", self.tr("Code from the app"))
        self.code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,6}$"), self.code)
        )
        self.code.setPlaceholderText("123456")
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.error = named(QLabel(), "mfaSetupError", self.tr("Set-up problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(tone_style("error"))
        self.error.hide()
        self.code.textEdited.connect(self.error.hide)
        form = QFormLayout()
        form.addRow(self.tr("&Code from the app:"), self.code)
        form.addRow("", self.error)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(scan)
        layout.addLayout(form)
        return page

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.confirm = named(
            QPushButton(self.tr("Turn On")), "mfaConfirmButton", self.tr("Turn on two-factor")
        )
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self._confirm_clicked)
        leave = (
            named(QPushButton(self.tr("Sign Out")), "mfaSignOutButton", self.tr("Sign out"))
            if self._required
            else named(QPushButton(self.tr("Cancel")), "mfaCancelButton", self.tr("Cancel"))
        )
        leave.setAutoDefault(False)  # Enter is Turn On's, wherever the focus is
        leave.clicked.connect(self._leave)
        self.leave = leave
        self.done_button = named(
            QPushButton(self.tr("Continue") if self._required else self.tr("Done")),
            "mfaSetupDoneButton",
            self.tr("Done"),
        )
        self.done_button.clicked.connect(self.accept)
        self.done_button.setAutoDefault(False)
        buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(leave, QDialogButtonBox.ButtonRole.RejectRole)
        self.done_button.hide()  # after addButton, which shows what it adds
        self.confirm.setDefault(True)
        return buttons

    # --- the secret -------------------------------------------------------------------------

    def _ask_for_secret(self) -> None:
        self._set_busy(True)
        self.qr.setText(self.tr("Asking the server…"))
        self._runner.submit(
            self._api.start_mfa_setup,
            success=self._show_secret,
            failure=self._secret_failed,
            owner=self,
        )

    @Slot(object)
    def _show_secret(self, setup: MfaSetup) -> None:
        self._setup = setup
        self._set_busy(False)
        self.qr.setPixmap(qr_pixmap(setup.otpauth_uri, self.devicePixelRatioF()))
        self.secret.setText(grouped(setup.secret))
        self.copy_secret.setEnabled(True)
        self.confirm.setText(self.tr("Turn On"))
        self.code.setFocus()

    @Slot(object)
    def _secret_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.qr.setText(self.tr("No QR code"))
        self._show_error(error_message(error))
        self.confirm.setText(self.tr("Try Again"))
        self.confirm.setFocus()

    @Slot()
    def _copy_secret(self) -> None:
        if self._setup is not None:
            QGuiApplication.clipboard().setText(self._setup.secret)
            self.copied.setText(self.tr("Key copied to the clipboard."))

    # --- the code ---------------------------------------------------------------------------

    @Slot()
    def _confirm_clicked(self) -> None:
        if self._busy:
            return
        if self._setup is None:
            self._ask_for_secret()
            return
        code = self.code.text().strip()
        if len(code) != 6:
            self._show_error(self.tr("Enter the six digits the app shows."))
            return
        self._set_busy(True)
        self._set_confirming(True)
        self._runner.submit(
            self._api.confirm_mfa,
            code,
            success=self._confirmed,
            failure=self._not_confirmed,
            owner=self,
        )

    def _set_confirming(self, confirming: bool) -> None:
        self._confirming = confirming
        self.leave.setEnabled(not confirming)

    @Slot(object)
    def _confirmed(self, codes: tuple[str, ...]) -> None:
        self._set_busy(False)
        self._set_confirming(False)
        self._forget_secret()
        self.enabled = True
        self.confirm.hide()
        self.leave.hide()
        self.done_button.show()
        self.confirm.setDefault(False)
        self.done_button.setDefault(True)
        self.pages.setCurrentWidget(self.codes_page)
        self.codes_page.show_codes(codes)
        self.mfa_enabled.emit()

    @Slot(object)
    def _not_confirmed(self, error: Exception) -> None:
        self._set_busy(False)
        self._set_confirming(False)
        if is_wrong_code(error):
            fallback = self.tr(
                "That code is not right. Enter the code the app shows now; if it is "
                "refused again, check that the phone's clock is right."
            )
            self._show_error(server_words(getattr(error, "message", ""), fallback))
        else:
            self._show_error(error_message(error))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleDescription(message)
        self.code.setAccessibleDescription(message)
        self.error.show()
        self.code.setFocus()
        self.code.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.confirm.setEnabled(not busy)
        self.code.setEnabled(not busy)
        if busy:
            self.error.hide()
            self.confirm.setText(self.tr("Checking…") if self._setup else self.tr("Please wait…"))
        elif self._setup is not None:
            self.confirm.setText(self.tr("Turn On"))
        if not busy and not self.enabled:
            # Disabled, it stopped being the default: Enter in the code field is Turn On again.
            self.confirm.setDefault(True)

    # --- leaving ----------------------------------------------------------------------------

    def _forget_secret(self) -> None:
        self._setup = None
        self.secret.setText("")
        self.qr.clear()
        self.code.setText("")
        self.copy_secret.setEnabled(False)

    @Slot()
    def _leave(self) -> None:
        super().reject()

    def reject(self) -> None:
        # Esc: in a required set-up it would sign the person out by surprise; Sign Out says so.
        if self._required and not self.enabled:
            return
        if self._confirming:
            return  # the code is on its way: its answer decides
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._confirming:
            event.ignore()
            return
        if self._required and not self.enabled:
            # Closing the window is a deliberate leaving (unlike Esc): signed out, as the button.
            QDialog.reject(self)
            event.accept()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._forget_secret()
        self.codes_page.forget()
        super().done(result)
