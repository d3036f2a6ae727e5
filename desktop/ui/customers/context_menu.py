"""The customer table's right-click menu: edit the customer, log into their control panel, or
see what was done to them (the Activity page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView

from desktop.models.customer_table import CustomerTableModel
from desktop.ui.customer.login import ControlPanelLogin
from desktop.ui.permissions import Permissions
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner


class CustomerContextMenu(QObject):
    edit_requested = Signal(object)  # the customer record of the row
    activity_requested = Signal(object)  # the same, for the Activity page to show its events

    def __init__(
        self,
        table: QTableView,
        api: PartnerApi,
        runner: TaskRunner,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._permissions = permissions or Permissions(None, parent=self)
        self._customer: Any = None
        self.menu: QMenu | None = None
        self.error_box: QMessageBox | None = None
        self.login = ControlPanelLogin(api, runner, table)
        self.login.failed.connect(self._show_failure)
        self.login.busy_changed.connect(self._update_actions)

        self.edit_action = QAction(self.tr("&Edit Customer…"), table)
        self.edit_action.setObjectName("editCustomerContextAction")
        self.edit_action.triggered.connect(self._edit)
        self.login_action = QAction(self.tr("&Log into Customer's Control Panel"), table)
        self.login_action.setObjectName("loginAsCustomerAction")
        self.login_action.triggered.connect(self._log_in)
        self.activity_action = QAction(self.tr("Show &Activity"), table)
        self.activity_action.setObjectName("showActivityContextAction")
        self.activity_action.triggered.connect(self._show_activity)
        self._update_actions()
        self._permissions.changed.connect(self._update_actions)

        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_at)

    @Slot(QPoint)
    def show_at(self, pos: QPoint) -> None:
        """pos is in the viewport's coordinates, as the view reports it."""
        index = self._table.indexAt(pos)
        if not index.isValid():
            # The keyboard's menu key: the current row, if any.
            index = self._table.currentIndex()
            if not index.isValid():
                return
            pos = self._table.visualRect(index).center()
        self._select(index)
        self._customer = index.data(CustomerTableModel.CustomerRole)
        if self._customer is None:
            return
        self._update_actions()
        if self.menu is None:
            self.menu = named(
                QMenu(self._table), "customerContextMenu", self.tr("Customer actions")
            )
            self.menu.setToolTipsVisible(True)  # a disabled entry says who may use it
            self.menu.addAction(self.edit_action)
            self.menu.addSeparator()
            self.menu.addAction(self.login_action)
            self.menu.addAction(self.activity_action)
        self.menu.popup(self._table.viewport().mapToGlobal(pos))

    def _select(self, index: QModelIndex) -> None:
        # Right-clicking a row acts on that row, as in every file manager.
        if not self._table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self._table.selectRow(index.row())
        self._table.setCurrentIndex(index)

    @Slot()
    def _update_actions(self) -> None:
        busy = self.login.is_busy()
        allowed = self._permissions.may("customers.login_link")
        self.login_action.setEnabled(allowed and not busy)
        self.login_action.setToolTip(
            self.tr("Opens a one-time link in your web browser")
            if allowed
            else self._permissions.reason("customers.login_link")
        )
        may_see = self._permissions.may("activity.read")
        self.activity_action.setEnabled(may_see)
        self.activity_action.setToolTip(
            self.tr("Who did what to this customer, on the Activity page")
            if may_see
            else self._permissions.reason("activity.read")
        )
        self.login_action.setText(
            self.tr("Opening Control Panel…")
            if busy
            else self.tr("&Log into Customer's Control Panel")
        )

    @Slot()
    def _edit(self) -> None:
        if self._customer is not None:
            self.edit_requested.emit(self._customer)

    @Slot()
    def _show_activity(self) -> None:
        if self._customer is not None:
            self.activity_requested.emit(self._customer)

    @Slot()
    def _log_in(self) -> None:
        c = self._customer
        if c is not None:
            self.login.start(c.id, c.name, c.status)

    @Slot(str)
    def _show_failure(self, text: str) -> None:
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Control panel"),
            text,
            QMessageBox.StandardButton.Ok,
            self._table.window(),
        )
        named(box, "loginLinkError", self.tr("Control panel link failed"))
        box.finished.connect(box.deleteLater)
        self.error_box = box
        box.open()
