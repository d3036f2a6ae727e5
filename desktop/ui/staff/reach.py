"""Whom the signed-in user may change, and what a role may do, in words.

The server decides (server/permissions.py: an owner manages everyone, an admin agents and
viewers only); the page asks beforehand so that a control it would refuse is disabled with
the reason instead of answering 403 after a click.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.api.message import QT_TRANSLATE_NOOP
from desktop.api.records import Me
from desktop.api.team_records import ROLES, Role, StaffUser
from desktop.ui.permissions import role_name

_MANAGES: dict[str, tuple[Role, ...]] = {"owner": ROLES, "admin": ("agent", "viewer")}

# What each role may do, for the role confirmation ("An agent can ...").
_ROLE_DOES = {
    "owner": QT_TRANSLATE_NOOP(
        "StaffReach",
        "An owner can do everything, also manage owners and admins and require two-factor "
        "sign-in for everyone.",
    ),
    "admin": QT_TRANSLATE_NOOP(
        "StaffReach",
        "An admin can do everything with customers, the logo and the activity log, and manage "
        "agents and viewers.",
    ),
    "agent": QT_TRANSLATE_NOOP(
        "StaffReach",
        "An agent can add, edit, suspend and re-enable customers, but cannot remove services, "
        "cancel customers, change the logo, see the activity log or manage staff.",
    ),
    "viewer": QT_TRANSLATE_NOOP(
        "StaffReach",
        "A viewer can look at customers, their services and history, and change nothing.",
    ),
}

# Said before the signed-in owner lowers their own role: what they lose, whole sentences (a
# role inside a Croatian sentence changes its ending).
_OWN_LOSS = {
    "admin": QT_TRANSLATE_NOOP(
        "StaffReach",
        "You are about to make yourself an admin: you will no longer be able to manage owners "
        "or admins, or require two-factor sign-in.",
    ),
    "agent": QT_TRANSLATE_NOOP(
        "StaffReach",
        "You are about to make yourself an agent: you will no longer be able to manage staff.",
    ),
    "viewer": QT_TRANSLATE_NOOP(
        "StaffReach",
        "You are about to make yourself a viewer: you will no longer be able to manage staff "
        "or change customers.",
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffReach", text)


def role_title(role: str) -> str:
    """A role's name as a table cell or a list entry shows it: "Agent"."""
    name = role_name(role)
    return name[:1].upper() + name[1:]


def role_does(role: str) -> str:
    text = _ROLE_DOES.get(role)
    return _tr(text) if text is not None else ""


def own_loss(role: str) -> str:
    """What the signed-in user loses by taking `role` ("" when it is not lower)."""
    text = _OWN_LOSS.get(role)
    return _tr(text) if text is not None else ""


def roles_given_by(me: Me | None) -> tuple[Role, ...]:
    """The roles `me` may give; every role where no /me says otherwise (the server decides)."""
    if me is None or me.permissions is None:
        return ROLES
    if not me.may("staff.manage"):
        return ()
    return _MANAGES.get(me.role, ())


def is_self(me: Me | None, person: StaffUser) -> bool:
    if me is None:
        return False
    return person.id == me.id if me.id else person.username == me.username


def lowers(old: str, new: str) -> bool:
    """True when `new` is below `old` (ROLES runs highest first)."""
    if old not in ROLES or new not in ROLES:
        return False
    return ROLES.index(new) > ROLES.index(old)


def role_problem(me: Me | None, person: StaffUser) -> str:
    """Why `me` cannot change `person`'s role, or ''."""
    if person.role not in roles_given_by(me):
        return QCoreApplication.translate(
            "StaffReach", "Only an owner can change an owner's or an admin's account."
        )
    return ""


def disable_problem(me: Me | None, person: StaffUser) -> str:
    """Why `me` cannot disable or enable `person`, or ''."""
    if is_self(me, person):
        # Disabling oneself would end this very session; another owner or admin can.
        return QCoreApplication.translate("StaffReach", "You cannot disable your own account.")
    return role_problem(me, person)
