"""What the Staff page runs on the TaskRunner, and the server's refusals put into words.

The functions here run on worker threads: they touch no widget, only the api. A new colleague's
password passes through once, to the server, and is kept nowhere (StaffDraft hides it from
repr, so no log line or traceback can show it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.api.errors import ConflictError, NotFoundError
from desktop.api.message import QT_TRANSLATE_NOOP
from desktop.api.records import Me, Partner
from desktop.api.team_records import Role, StaffUser
from desktop.ui.failure_words import failure_reason

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi


@dataclass(frozen=True)
class StaffView:
    """The team, and who is looking at it (their role and the partner's two-factor rule)."""

    staff: tuple[StaffUser, ...]
    me: Me


@dataclass(frozen=True)
class StaffDraft:
    username: str
    display_name: str
    email: str
    role: Role
    password: str = field(repr=False)


def load_staff(api: PartnerApi) -> StaffView:
    """Runs in a worker. /me too: the role may have changed since sign-in."""
    return StaffView(api.list_staff(), api.me())


def add_staff(api: PartnerApi, draft: StaffDraft) -> StaffUser:
    return api.create_staff(
        username=draft.username,
        display_name=draft.display_name,
        email=draft.email,
        role=draft.role,
        password=draft.password,
    )


def change_role(api: PartnerApi, staff_id: str, role: Role) -> StaffUser:
    return api.update_staff(staff_id, {"role": role})


def set_disabled(api: PartnerApi, staff_id: str, disabled: bool) -> StaffUser:
    return api.update_staff(staff_id, {"disabled": disabled})


def require_mfa(api: PartnerApi, required: bool) -> Partner:
    return api.set_require_mfa(required)


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffCalls", text)


# The server's field problems (server/passwords.py, server/validation.py) in the app's words,
# so that Croatian shows them too; one it does not know is shown as the server wrote it.
_FIELD_WORDS = {
    "must be at least 12 characters": QT_TRANSLATE_NOOP(
        "StaffCalls", "At least 12 characters, please."
    ),
    "is one of the most common passwords; choose another": QT_TRANSLATE_NOOP(
        "StaffCalls",
        "The server refused it: it is one of the most common passwords. Choose another.",
    ),
    "is the user name; choose another": QT_TRANSLATE_NOOP(
        "StaffCalls", "The server refused it: it is the user name. Choose another."
    ),
    "is taken": QT_TRANSLATE_NOOP("StaffCalls", "This user name is taken; choose another."),
}


def field_words(problem: str) -> str:
    """One field's problem as the server said it, made a sentence for beside the field."""
    text = problem.strip()
    known = _FIELD_WORDS.get(text.removeprefix("Value error, "))
    if known is not None:
        return _tr(known)
    text = text.removeprefix("Value error, ")
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def refusal_words(error: BaseException, name: str) -> str:
    """Why a change to `name`'s account was not made, in words; the caller says what was not
    done."""
    if isinstance(error, ConflictError) and error.code == "last_owner":
        return QCoreApplication.translate(
            "StaffCalls",
            "{name} is the team's only enabled owner: make someone else an owner first.",
        ).format(name=name)
    if isinstance(error, NotFoundError):
        return QCoreApplication.translate("StaffCalls", "{name} is no longer on the team.").format(
            name=name
        )
    # A 403 says who may, in the Permissions' words; the rest as every page says it.
    return failure_reason(error)
