"""What the signed-in user may do, from GET /me, for every window to show.

The server decides (docs/api.md, "Staff, roles and permissions"); the app shows it beforehand:
an action the user's role does not allow is disabled with a tooltip that says who may do it,
never hidden without a word. A 403 that still comes (the role changed meanwhile) is shown in the
same words and re-reads /me, so every guarded control follows at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.api.errors import ForbiddenError
from desktop.api.message import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Me
    from desktop.operations.center import OperationCenter, OperationEnded
    from desktop.tasks import TaskRunner

# permission -> who may, in the words of the 403 (server/permissions.py words them alike).
_WHO_MAY = {
    "customers.edit": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner, admin or agent can add or edit customers."
    ),
    "customers.suspend": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner, admin or agent can suspend or re-enable a customer."
    ),
    "customers.login_link": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner, admin or agent can log into a customer's control panel."
    ),
    "services.remove": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner or admin can remove a customer's services."
    ),
    "customers.cancel": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner or admin can cancel or restore a customer."
    ),
    "branding.edit": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner or admin can change the logo."
    ),
    "activity.read": QT_TRANSLATE_NOOP(
        "Permissions", "Only an owner or admin can see the activity log."
    ),
    "staff.manage": QT_TRANSLATE_NOOP("Permissions", "Only an owner or admin can manage staff."),
}
_NOT_ALLOWED = QT_TRANSLATE_NOOP("Permissions", "Your role does not allow this.")

# The roles, highest first (the order a role picker lists them), in the words of running text.
ROLES = ("owner", "admin", "agent", "viewer")
_ROLE_NAMES = {
    "owner": QT_TRANSLATE_NOOP("Permissions", "owner"),
    "admin": QT_TRANSLATE_NOOP("Permissions", "admin"),
    "agent": QT_TRANSLATE_NOOP("Permissions", "agent"),
    "viewer": QT_TRANSLATE_NOOP("Permissions", "viewer"),
}


def role_name(role: str) -> str:
    """A role's name for people, translated, lower case as in a sentence ("Signed in as Ana
    (agent)"); a role this app does not know yet is shown as the server spells it."""
    name = _ROLE_NAMES.get(role)
    return QCoreApplication.translate("Permissions", name) if name is not None else role


def knows_permission(permission: str) -> bool:
    """Whether the app has its own words for who may do `permission`."""
    return permission in _WHO_MAY


def who_may(permission: str) -> str:
    """The sentence for a control whose action `permission` guards, translated."""
    return QCoreApplication.translate("Permissions", _WHO_MAY.get(permission, _NOT_ALLOWED))


class _Guarded:
    """One control under a permission, with the tooltip it had of its own."""

    def __init__(self, control: QWidget | QAction, permission: str) -> None:
        self.control = control
        self.permission = permission
        self.own_tooltip = control.toolTip()


class Permissions(QObject):
    """The current /me; `changed` fires when it is read again and differs."""

    changed = Signal()

    def __init__(
        self,
        me: Me | None,
        api: PartnerApi | None = None,
        runner: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._me = me
        self._api = api
        self._runner = runner
        self._guarded: list[_Guarded] = []
        self._reading = False
        self._again = False
        if runner is not None and api is not None:
            # Any task refused with 403: the role changed meanwhile, so /me is read again.
            runner.refused.connect(self._refused)

    @property
    def me(self) -> Me | None:
        return self._me

    @property
    def role(self) -> str:
        return self._me.role if self._me is not None else ""

    def may(self, permission: str) -> bool:
        # No /me (an older server, or a test without one): the server still decides.
        return self._me is None or self._me.may(permission)

    def reason(self, permission: str) -> str:
        """'' when allowed; else who may, for a tooltip or a message."""
        return "" if self.may(permission) else who_may(permission)

    def guard(self, control: QWidget | QAction, permission: str) -> None:
        """Disable `control` with the reason as its tooltip while the role does not allow it.

        For a control whose enabled state nothing else decides; one that other state also
        enables (a switch during an operation) asks `may()` in its own update instead.
        """
        guarded = _Guarded(control, permission)
        self._guarded.append(guarded)
        control.destroyed.connect(lambda *_: self._forget(guarded))
        self._apply(guarded)

    def _forget(self, guarded: _Guarded) -> None:
        if guarded in self._guarded:
            self._guarded.remove(guarded)

    def _apply(self, guarded: _Guarded) -> None:
        allowed = self.may(guarded.permission)
        guarded.control.setEnabled(allowed)
        guarded.control.setToolTip(guarded.own_tooltip if allowed else who_may(guarded.permission))

    def set_me(self, me: Me) -> None:
        if me == self._me:
            return
        self._me = me
        for guarded in list(self._guarded):
            self._apply(guarded)
        self.changed.emit()

    def reload(self) -> None:
        """Read /me again (after a 403, or when asked); one read at a time."""
        if self._api is None or self._runner is None:
            return
        if self._reading:
            # A 403 while /me is on its way may be newer than that answer: read once more.
            self._again = True
            return
        self._reading = True
        self._runner.submit(self._api.me, success=self._read, failure=self._not_read, owner=self)

    def follow_operations(self, center: OperationCenter) -> None:
        """An operation refused with 403 ends as a failure, not a task's: read /me again too."""
        center.finished.connect(self._operation_ended)

    @Slot(object)
    def _operation_ended(self, ended: OperationEnded) -> None:
        if isinstance(ended.error, ForbiddenError):
            self.reload()

    @Slot(object)
    def _refused(self, _error: Any) -> None:
        self.reload()

    @Slot(object)
    def _read(self, me: Any) -> None:
        self._reading = False
        self.set_me(me)
        if self._again:
            self._again = False
            self.reload()

    @Slot(object)
    def _not_read(self, _error: Any) -> None:
        # The guards stay as they were: the next 403 or sign-in tries again.
        self._reading = False
        self._again = False
