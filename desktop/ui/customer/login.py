"""Log into a customer's control panel: a one-time link from the server, opened in the browser.

Shared by the Edit Customer dialog's button and the customer table's context menu. A suspended
or canceled customer gets a warning first: what the partner sees there is not what the customer
normally sees (and a canceled customer's panel is blocked). Where no browser can be started, the
issued link is offered to copy instead of being wasted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop import qt_messages
from desktop.ui.customer.login_link_box import LoginLinkBox
from desktop.ui.failure_words import failure_reason
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, LoginLink
    from desktop.tasks import TaskRunner


class ControlPanelLogin(QObject):
    busy_changed = Signal(bool)
    opened = Signal(str, str)  # customer name, the URL handed to the browser
    failed = Signal(str)  # why, in words
    # The server issued a link (opened or not): it is in the customer's History now.
    link_issued = Signal(str)  # customer id

    def __init__(self, api: PartnerApi, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._api = api
        self._runner = runner
        self._window = window
        self._busy = False
        self.warning_box: QMessageBox | None = None
        self.link_box: LoginLinkBox | None = None  # no browser: the link to copy

    def is_busy(self) -> bool:
        return self._busy

    def start(self, customer_id: str, name: str, status: str) -> None:
        """Ask for a link and open it; for a suspended or canceled customer, warn first."""
        if self._busy or self.warning_box is not None:
            return
        if status in ("suspended", "canceled"):
            self._warn(customer_id, name, status)
        else:
            self._fetch(customer_id, name)

    def _warn(self, customer_id: str, name: str, status: str) -> None:
        if status == "suspended":
            title = self.tr("Customer is suspended")
            text = self.tr("{name} is suspended.").format(name=name)
            more = self.tr(
                "Their services are stopped, so the control panel may not show what the"
                " customer normally sees. Log in anyway?"
            )
            object_name = "loginSuspendedWarning"
        else:
            title = self.tr("Customer is canceled")
            text = self.tr("{name} is canceled.").format(name=name)
            more = self.tr(
                "Cancelling blocks the customer's control panel, so the link will most likely"
                " be refused. Try anyway?"
            )
            object_name = "loginCanceledWarning"
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._window.window())
        box.setInformativeText(more)
        named(box, object_name, title)
        go = named(
            box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole),
            "loginContinueButton",
            self.tr("Continue to the control panel"),
        )
        cancel = named(
            box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole),
            "loginCancelButton",
            self.tr("Cancel"),
        )
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            self.warning_box = None
            box.deleteLater()
            if box.clickedButton() is go:
                self._fetch(customer_id, name)

        box.finished.connect(answered)
        self.warning_box = box
        box.open()

    def _fetch(self, customer_id: str, name: str) -> None:
        self._set_busy(True)
        self._runner.submit(
            self._api.login_link,
            customer_id,
            success=lambda link: self._issued(customer_id, name, link),
            failure=self._fetch_failed,
            owner=self,
        )

    def _issued(self, customer_id: str, name: str, link: LoginLink) -> None:
        self._set_busy(False)
        self.link_issued.emit(customer_id)
        self._open(name, link)

    def _open(self, name: str, link: LoginLink) -> None:
        url = QUrl(link.url, QUrl.ParsingMode.StrictMode)
        if not self._safe(url):
            # Opening whatever a server names could start any program registered for it.
            self.failed.emit(
                self.tr("The server sent a control panel address that is not a web page.")
            )
            return
        if not self._open_quietly(url, link.url):
            self._offer_copy(name, link)
            return
        self.opened.emit(name, link.url)

    def _open_quietly(self, url: QUrl, text: str) -> bool:
        # Qt warns with the address when it finds no browser ("Unable to detect a web browser
        # to launch '…?token=…'"): on stderr and in the log it names the host only.
        forms = (
            text,
            url.toString(),
            url.toString(QUrl.ComponentFormattingOption.FullyEncoded),
            url.toDisplayString(),
            bytes(url.toEncoded().data()).decode("utf-8", "replace"),
        )
        # PySide takes the options only as a combination with a component option.
        root = url.adjusted(
            QUrl.ComponentFormattingOption.PrettyDecoded
            | QUrl.UrlFormattingOption.RemoveUserInfo
            | QUrl.UrlFormattingOption.RemovePath
            | QUrl.UrlFormattingOption.RemoveQuery
            | QUrl.UrlFormattingOption.RemoveFragment
        ).toString()
        with qt_messages.hiding(forms, f"{root}/[one-time link hidden]"):
            return QDesktopServices.openUrl(url)

    def _offer_copy(self, name: str, link: LoginLink) -> None:
        if self.link_box is not None:
            self.link_box.close()
        box = LoginLinkBox(name, link.url, link.expires_at, self._window.window())

        def closed() -> None:
            if self.link_box is box:
                self.link_box = None
            box.deleteLater()

        box.finished.connect(closed)
        self.link_box = box
        box.open()

    def _fetch_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.failed.emit(
            self.tr("Could not get a control panel link: {reason}").format(
                reason=failure_reason(error)
            )
        )

    def _safe(self, url: QUrl) -> bool:
        if not url.isValid() or not url.host():
            return False
        if url.scheme() == "https":
            return True
        # Plain http only where the API itself is plain http (the demo and tests, on loopback).
        return url.scheme() == "http" and self._api.base_url.startswith("http://")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)


class LoginAsCustomerButton(QPushButton):
    """The dialog's "Log into Control Panel" button: busy while the link is fetched."""

    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._customer: Customer | None = None
        self._permissions = permissions or Permissions(None, parent=self)
        named(
            self,
            "loginAsCustomerButton",
            self.tr("Log into Customer's Control Panel"),
            self.tr("Opens the customer's control panel in your web browser"),
        )
        self.setAutoDefault(False)
        self.login = ControlPanelLogin(api, runner, self)
        self.login.busy_changed.connect(self._show_busy)
        self.clicked.connect(self._clicked)
        self._show_busy(False)
        self._permissions.changed.connect(self._permissions_changed)

    def set_customer(self, customer: Customer | None) -> None:
        self._customer = customer
        self.setVisible(customer is not None)

    def _clicked(self) -> None:
        if self._customer is not None:
            c = self._customer
            self.login.start(c.id, c.name, c.status)

    @Slot()
    def _permissions_changed(self) -> None:
        self._show_busy(self.login.is_busy())

    def _show_busy(self, busy: bool) -> None:
        allowed = self._permissions.may("customers.login_link")
        self.setEnabled(allowed and not busy)
        self.setText(
            self.tr("Opening Control Panel…") if busy else self.tr("Log into Control Panel")
        )
        self.setToolTip(
            self._permissions.reason("customers.login_link")
            or (
                self.tr("Asking the server for a one-time link…")
                if busy
                else self.tr("Log into the customer's control panel in your web browser")
            )
        )
