"""Branding: the partner's logo, checked before it is sent, and how the sidebar shows it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QImage, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import ApiError
from desktop.tasks import TaskRunner
from desktop.ui.branding.calls import (
    LogoCheck,
    ShownLogo,
    Uploaded,
    check_and_upload,
    fetch_logo,
    refusal_words,
)
from desktop.ui.branding.logo_check import (
    MAX_BYTES,
    MAX_SIDE,
    LogoRejected,
    check_logo_file,
    describe_logo,
)
from desktop.ui.branding.panels import CurrentLogoView, SidebarPreview
from desktop.ui.failure_words import error_message, shown_message
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.tones import tone_style

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi


class BrandingPage(QWidget):
    """Shows, replaces and removes the partner's logo; every call runs on the TaskRunner."""

    logo_changed = Signal(object)  # QImage, or None when there is no logo

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        partner_name: str,
        check: LogoCheck = check_logo_file,
        parent: QWidget | None = None,
        *,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        # Everyone sees the logo; changing or removing it is branding.edit.
        self._permissions = permissions or Permissions(None, parent=self)
        self._api = api
        self._runner = runner
        self._check = check
        self._busy = False
        self._loaded = False
        self._has_logo = False
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        self._confirm_box: QMessageBox | None = None
        named(self, "brandingPage", self.tr("Branding"))

        self._build_controls(partner_name)
        self.current.retry.connect(self.load)
        self.upload_button.clicked.connect(self.choose_file)
        self.remove_button.clicked.connect(self.confirm_remove)
        self._build_layout()
        self._set_message("", "info")
        self._update_buttons()
        self._permissions.changed.connect(self._update_buttons)

    def _build_controls(self, partner_name: str) -> None:
        self.current = CurrentLogoView()
        self.preview = SidebarPreview(partner_name)

        self.upload_button = named(
            QPushButton(self.tr("Upload Logo…")),
            "uploadLogoButton",
            self.tr("Upload a logo"),
            self.tr("Choose a PNG or JPEG file; it is checked before it is sent."),
        )
        self.remove_button = named(
            QPushButton(self.tr("Remove Logo")), "removeLogoButton", self.tr("Remove the logo")
        )
        self.busy = named(QProgressBar(), "logoBusy", self.tr("Working"))
        self.busy.setRange(0, 0)  # the server gives no percentage
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(120, 8)
        self.busy.hide()
        self.message = named(QLabel(), "logoMessage", self.tr("Logo message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_layout(self) -> None:
        title = QLabel(self.tr("<h2>Branding</h2>"))
        intro = QLabel(
            self.tr(
                "Your logo appears in your customers' control panel and in this app's sidebar. "
                "Use a PNG or JPEG of at most {bytes} MB and {side} px a side; a wide logo on a "
                "transparent background looks best."
            ).format(bytes=MAX_BYTES // (1024 * 1024), side=MAX_SIDE)
        )
        intro.setWordWrap(True)
        views = QHBoxLayout()
        views.addWidget(self.current, 1)
        views.addWidget(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.upload_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(views)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    @property
    def is_busy(self) -> bool:
        return self._busy

    @property
    def is_loaded(self) -> bool:
        """True once the page shows what the server has (a logo, or none)."""
        return self._loaded

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self._busy:
            self.load()

    # -- loading -------------------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Fetch the server's logo in the background; the sidebar hears of it too."""
        if self._busy:
            return
        self._set_busy(True)
        self._set_message("", "info")
        self.current.show_loading()
        self._runner.submit(
            fetch_logo, self._api, success=self._loaded_ok, failure=self._load_failed, owner=self
        )

    def _loaded_ok(self, shown: ShownLogo | None) -> None:
        self._loaded = True
        self._set_busy(False)
        self._show(shown.image if shown else None, shown.facts if shown else "")

    def _load_failed(self, error: BaseException) -> None:
        self._set_busy(False)  # _loaded stays False: showing the page again tries again
        if isinstance(error, ApiError | LogoRejected):
            reason = shown_message(error.message)
        else:  # a bug, not the server: name it, never show a traceback
            reason = self.tr("Something unexpected went wrong ({kind}).").format(
                kind=type(error).__name__
            )
        self.current.show_failure(reason)

    # -- uploading -----------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        dialog = named(
            QFileDialog(self, self.tr("Choose Your Logo")),
            "logoFileDialog",
            self.tr("Choose your logo"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        # The filter only helps finding files; the content is what is checked.
        dialog.setNameFilters(
            [self.tr("PNG or JPEG images (*.png *.jpg *.jpeg)"), self.tr("All files (*)")]
        )
        if self._folder:
            dialog.setDirectory(self._folder)
        dialog.fileSelected.connect(self.upload_file)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(str)
    def upload_file(self, path: str) -> bool:
        """Check `path` and, if it passes, send it; False when busy with something else."""
        if self._busy:
            return False
        self._folder = str(Path(path).parent)
        name = Path(path).name
        self._set_busy(True)
        self._set_message(self.tr("Checking “{name}”…").format(name=name), "info")
        self._runner.submit(
            check_and_upload,
            self._api,
            path,
            self._check,
            success=lambda done: self._uploaded(name, done),
            failure=self._upload_failed,
            progress=lambda _step: self._set_message(
                self.tr("Uploading “{name}”…").format(name=name), "info"
            ),
            owner=self,
        )
        return True

    def _uploaded(self, name: str, done: Uploaded) -> None:
        self._loaded = True
        self._set_busy(False)
        info = done.info
        facts = describe_logo(done.logo.content_type, info.width, info.height, info.size)
        self._show(done.logo.image, facts)
        self._set_message(
            self.tr("“{name}” is your logo now. The server stored it as {facts}.").format(
                name=name, facts=facts
            ),
            "success",
        )

    def _upload_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, LogoRejected):
            text = self.tr("{reason} Nothing was uploaded.").format(reason=error.message)
        else:
            text = refusal_words(error)
        self._set_message(text, "error")

    # -- removing ------------------------------------------------------------------------------

    @Slot()
    def confirm_remove(self) -> None:
        if self._busy or not self._has_logo or self._confirm_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove your logo?"),
            self.tr("Remove your logo?"),
            parent=self,
        )
        named(box, "removeLogoConfirm", self.tr("Remove your logo?"))
        box.setInformativeText(
            self.tr("Your customers' control panel and this app's sidebar will show no logo.")
        )
        remove = named(
            box.addButton(self.tr("Remove Logo"), QMessageBox.ButtonRole.DestructiveRole),
            "confirmRemoveLogoButton",
            self.tr("Remove the logo"),
        )
        keep = named(
            box.addButton(self.tr("Keep Logo"), QMessageBox.ButtonRole.RejectRole),
            "keepLogoButton",
            self.tr("Keep the logo"),
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            self._confirm_box = None
            box.deleteLater()
            if box.clickedButton() is remove:
                self.remove_logo()

        box.finished.connect(answered)
        self._confirm_box = box
        box.open()

    def remove_logo(self) -> None:
        if self._busy:
            return
        self._set_busy(True)
        self._set_message(self.tr("Removing your logo…"), "info")
        self._runner.submit(
            self._api.delete_logo, success=self._removed, failure=self._remove_failed, owner=self
        )

    def _removed(self, _result: Any) -> None:
        self._set_busy(False)
        self._show(None, "")
        self._set_message(self.tr("Your logo is removed."), "success")

    def _remove_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        reason = error_message(error) if isinstance(error, ApiError) else type(error).__name__
        self._set_message(self.tr("The logo was not removed: {r}").format(r=reason), "error")

    # -- showing -------------------------------------------------------------------------------

    def _show(self, image: QImage | None, facts: str) -> None:
        self._has_logo = image is not None
        self.current.show_logo(image, facts)
        self.preview.logo.show_logo(image)
        self._update_buttons()
        self.logo_changed.emit(image)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        allowed = self._permissions.may("branding.edit")
        self.upload_button.setEnabled(allowed and not self._busy)
        self.remove_button.setEnabled(allowed and not self._busy and self._has_logo)
        reason = self._permissions.reason("branding.edit")
        for button in (self.upload_button, self.remove_button):
            button.setToolTip(reason)

    def _set_message(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("kind", kind)
        self.message.setStyleSheet(tone_style(kind))
        self.message.setAccessibleDescription(text)
