"""Staff: the partner's team in a table, and what an owner or admin does to it.

Add Staff opens its dialog; the role picker and Disable act on the selected row, each asking
first (actions.py). A row the user may not touch (an admin looking at an owner) keeps those
controls disabled, with the reason as their tooltip. The team is read when the page is first
shown and on Refresh; each change the server answered updates its one row.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.records import Partner
from desktop.api.team_records import ROLES, StaffUser
from desktop.ui.customers.load_state import LoadState
from desktop.ui.failure_words import failure_reason
from desktop.ui.staff.actions import StaffActions
from desktop.ui.staff.add_dialog import AddStaffDialog
from desktop.ui.staff.calls import StaffView, load_staff
from desktop.ui.staff.model import EMAIL, StaffTableModel
from desktop.ui.staff.notice import StaffNotice
from desktop.ui.staff.reach import (
    disable_problem,
    is_self,
    role_problem,
    role_title,
    roles_given_by,
)
from desktop.ui.staff.role_picker import RolePicker
from desktop.ui.widgets.empty_state import EmptyState
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.naming import named
from desktop.ui.widgets.table_look import StretchColumn, give_cells_air

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.tasks import TaskRunner
    from desktop.ui.permissions import Permissions


class StaffPage(QWidget):
    def __init__(
        self,
        api: PartnerApi,
        runner: TaskRunner,
        permissions: Permissions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._runner = runner
        self._permissions = permissions
        self._loading = False
        self._loaded = False
        self._partner: Partner | None = None
        self._dialog: AddStaffDialog | None = None
        named(self, "staffPage", self.tr("Staff"))
        self.model = StaffTableModel(self)
        self.team_actions = StaffActions(api, runner, permissions, self)
        self._build_controls()
        self._build_layout()
        self._connect()
        self.state.show_loading(self.tr("Loading the team…"))
        self._show_selected()

    def _build_controls(self) -> None:
        self.refresh_button = named(
            QPushButton(self.tr("Refresh")), "staffRefreshButton", self.tr("Refresh the team")
        )
        self.add_button = named(
            QPushButton(self.tr("Add Staff…")),
            "addStaffButton",
            self.tr("Add staff"),
            self.tr("A colleague of your own, with a role and a first password."),
        )
        self.table = named(QTableView(), "staffTable", self.tr("Staff"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Nothing is edited in place, and Enter opens nothing: every change asks first.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the row's controls
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        give_cells_air(self.table)
        self._stretch = StretchColumn(self.table, EMAIL)

        self.selected = named(QLabel(), "staffSelected", self.tr("Selected"))
        self.selected.setTextFormat(Qt.TextFormat.PlainText)
        self.role = named(RolePicker(), "staffRole", self.tr("Role of the selected person"))
        for role in ROLES:
            self.role.addItem(role_title(role), role)
        self.role_label = QLabel(self.tr("Role:"))
        self.role_label.setBuddy(self.role)
        self.disable_button = named(
            QPushButton(self.tr("Disable…")), "disableStaffButton", self.tr("Disable or enable")
        )
        self.require_mfa = named(
            QCheckBox(self.tr("Require two-factor for everyone")),
            "requireMfaCheck",
            self.tr("Require two-factor sign-in for everyone"),
        )
        self.notice = StaffNotice()
        self.state = LoadState("staff")
        self.empty = named(
            EmptyState(
                self.tr("No one on the team yet"),
                self.tr("Add a colleague with Add Staff; they sign in with their own password."),
            ),
            "staffEmpty",
            self.tr("No staff"),
        )

    def _build_layout(self) -> None:
        title = QLabel(self.tr("<h2>Staff</h2>"))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        intro = muted(
            self.tr(
                "Who works on your customers, and what each may do. An owner manages everyone; "
                "an admin manages agents and viewers."
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        top.addWidget(self.require_mfa)
        row = QHBoxLayout()
        row.addWidget(self.selected, 1)
        row.addWidget(self.role_label)
        row.addWidget(self.role)
        row.addWidget(self.disable_button)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addLayout(row)
        self.stack = QStackedWidget()
        for widget in (self.state, listing, self.empty):
            self.stack.addWidget(widget)
        self._listing = listing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.addLayout(head)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        # Tab in reading order: the team's controls, the list, then the selected row's.
        order = [
            self.add_button,
            self.require_mfa,
            self.table,
            self.role,
            self.disable_button,
            self.refresh_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.load)
        self.state.retry.connect(self.load)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.model.modelReset.connect(self._show_selected)
        self.model.dataChanged.connect(self._show_selected)
        self.role.activated.connect(self._role_chosen)
        self.disable_button.clicked.connect(self._disable_clicked)
        self.require_mfa.clicked.connect(self._require_mfa_clicked)
        self.team_actions.changed.connect(self.model.put)
        self.team_actions.partner_changed.connect(self._show_partner)
        self.team_actions.said.connect(self.notice.say)
        self.team_actions.busy_changed.connect(lambda _busy: self._show_selected())
        self.team_actions.settled.connect(self._show_selected)
        self.team_actions.stale.connect(self.load)
        self._permissions.changed.connect(self._show_selected)

    # -- loading -------------------------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def is_loading(self) -> bool:
        return self._loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self._loading:
            self.load()

    @Slot()
    def load(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        if not self._loaded:
            self.state.show_loading(self.tr("Loading the team…"))
            self.stack.setCurrentWidget(self.state)
        self._runner.submit(
            load_staff, self._api, success=self._loaded_ok, failure=self._load_failed, owner=self
        )

    @Slot(object)
    def _loaded_ok(self, view: StaffView) -> None:
        self._loading = False
        self._loaded = True
        self.refresh_button.setEnabled(True)
        kept = self.current()
        self._permissions.set_me(view.me)  # the role may have changed since sign-in
        own = next((p.id for p in view.staff if is_self(view.me, p)), "")
        self.model.set_staff(view.staff, own)
        self.table.resizeColumnsToContents()
        self._stretch.fit()
        self._show_partner(view.me.partner)
        self.stack.setCurrentWidget(self._listing if view.staff else self.empty)
        row = self.model.row_of(kept.id) if kept is not None else None
        self.table.selectRow(row if row is not None else 0)

    @Slot(object)
    def _load_failed(self, error: Any) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if self._loaded:  # the list stays; say why it is not fresher
            self.notice.say(
                self.tr("The team could not be read again. {reason}").format(
                    reason=failure_reason(error)
                ),
                "danger",
            )
            return
        self.state.show_failure(self.tr("The team could not be loaded"), failure_reason(error))

    # -- showing -------------------------------------------------------------------------------

    def current(self) -> StaffUser | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.staff_at(index.row())

    def select(self, staff_id: str) -> None:
        row = self.model.row_of(staff_id)
        if row is not None:
            self.table.selectRow(row)

    @Slot()
    def _show_selected(self, *_args: object) -> None:
        """The row controls for the selected person, as the server has them."""
        person = self.current()
        me = self._permissions.me
        busy = self.team_actions.busy
        self.role.blockSignals(True)
        try:
            if person is not None and person.id != self.team_actions.subject_id:
                self.role.setCurrentIndex(max(self.role.findData(person.role), 0))
            self._allow_roles(roles_given_by(me))
        finally:
            self.role.blockSignals(False)
        self.selected.setText(person.shown_name if person is not None else "")
        role_why = role_problem(me, person) if person is not None else ""
        self.role.setEnabled(person is not None and not role_why and not busy)
        self.role.setToolTip(role_why)
        disable_why = disable_problem(me, person) if person is not None else ""
        disabled = person is not None and person.disabled
        self.disable_button.setText(self.tr("Enable…") if disabled else self.tr("Disable…"))
        self.disable_button.setAccessibleName(
            self.tr("Enable the selected person")
            if disabled
            else self.tr("Disable the selected person")
        )
        self.disable_button.setEnabled(person is not None and not disable_why and not busy)
        self.disable_button.setToolTip(disable_why)
        self.add_button.setEnabled(bool(roles_given_by(me)) and not busy)
        self._show_partner(self._partner)

    def _allow_roles(self, allowed: tuple[str, ...]) -> None:
        items = self.role.model()
        assert isinstance(items, QStandardItemModel)
        for row in range(self.role.count()):
            item = items.item(row)
            may = self.role.itemData(row) in allowed
            item.setEnabled(may)
            item.setToolTip("" if may else self.tr("Only an owner can give this role."))

    @Slot(object)
    def _show_partner(self, partner: Partner | None) -> None:
        self._partner = partner
        me = self._permissions.me
        owner = me is None or me.permissions is None or me.role == "owner"
        self.require_mfa.setChecked(partner is not None and partner.require_mfa)
        self.require_mfa.setEnabled(partner is not None and owner and not self.team_actions.busy)
        self.require_mfa.setToolTip(
            "" if owner else self.tr("Only an owner can require two-factor sign-in for everyone.")
        )

    # -- acting --------------------------------------------------------------------------------

    @Slot(int)
    def _role_chosen(self, index: int) -> None:
        person = self.current()
        if person is None:
            return
        self.notice.clear()
        self.team_actions.ask_role(person, self.role.itemData(index))

    @Slot()
    def _disable_clicked(self) -> None:
        person = self.current()
        if person is not None:
            self.notice.clear()
            self.team_actions.ask_disable(person)

    @Slot(bool)
    def _require_mfa_clicked(self, checked: bool) -> None:
        # The box shows the server's rule until the change is confirmed and answered.
        self._show_partner(self._partner)
        self.notice.clear()
        self.team_actions.ask_require_mfa(checked)

    @Slot()
    def open_add_dialog(self) -> None:
        if self._dialog is not None or not self.add_button.isEnabled():
            return
        dialog = AddStaffDialog(self._api, self._runner, roles_given_by(self._permissions.me), self)
        dialog.staff_added.connect(self._added)
        dialog.finished.connect(lambda _code: self._add_closed(dialog))
        self._dialog = dialog
        dialog.open()

    def _add_closed(self, dialog: AddStaffDialog) -> None:
        self._dialog = None
        dialog.deleteLater()

    @Slot(object)
    def _added(self, person: StaffUser) -> None:
        row = self.model.put(person)
        self.stack.setCurrentWidget(self._listing)
        self.table.selectRow(row)
        self.notice.say(
            self.tr("{name} is on the team as {role}. They can sign in now.").format(
                name=person.shown_name, role=role_title(person.role)
            ),
            "neutral",
        )
