"""The Staff page's questions: a new role, disabling or enabling someone, and the partner's
two-factor rule. Each names what happens; Cancel, Esc and the close button send nothing.

They share the confirmations' frame (widgets/confirm_dialog.py). Lowering one's own role is
the one a slip of the hand could cost the most: there Enter keeps the role.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop.api.team_records import StaffUser
from desktop.ui.staff.reach import own_loss, role_does, role_title
from desktop.ui.widgets.confirm_dialog import ConfirmDialog
from desktop.ui.widgets.labels import muted_line, name_heading, wrapped
from desktop.ui.widgets.naming import named

Button = tuple[str, str, str]  # text, objectName, accessible name


class StaffConfirmDialog(ConfirmDialog):
    """A title naming the person, what happens, and two buttons."""

    cancel: QPushButton

    def _begin(self, names: Button, heading: str, name: str = "") -> QVBoxLayout:
        title, object_name, accessible_name = names
        layout = self.start(object_name, accessible_name, title)
        self.heading = named(name_heading(heading, name, self), "confirmTitle", accessible_name)
        layout.addWidget(self.heading)
        return layout

    def _say(self, layout: QVBoxLayout, text: str, object_name: str = "confirmText") -> None:
        label = named(wrapped(text), object_name, self.tr("What happens"))
        label.setMinimumWidth(420)
        layout.addWidget(label)

    def _end(self, layout: QVBoxLayout, confirm: Button, cancel: Button) -> None:
        layout.addSpacing(10)
        self.add_problem(layout, "staffConfirmProblem")  # stays empty: nothing is missing
        self.cancel = named(QPushButton(cancel[0]), cancel[1], cancel[2])
        self.finish(layout, named(QPushButton(confirm[0]), confirm[1], confirm[2]), self.cancel)

    def keep_by_default(self) -> None:
        """Enter (and the focus) on the button that changes nothing."""
        self.confirm.setDefault(False)
        self.confirm.setAutoDefault(False)
        self.cancel.setDefault(True)
        self.cancel.setFocus()


class RoleConfirmDialog(StaffConfirmDialog):
    def __init__(
        self, person: StaffUser, role: str, yourself: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        names = (self.tr("Change Role"), "staffRoleConfirm", self.tr("Change the role"))
        if yourself:
            layout = self._begin(names, self.tr("Change your own role?"))
        else:
            layout = self._begin(names, self.tr("Change {name}'s role?"), person.shown_name)
        line = self.tr("Role: {old} → {new}").format(
            old=role_title(person.role), new=role_title(role)
        )
        layout.addWidget(named(muted_line(line), "confirmRoleChange", self.tr("Role change")))
        layout.addSpacing(6)
        self._say(layout, role_does(role))
        self.loss = own_loss(role) if yourself else ""
        if self.loss:
            # The callout keeps its objectName: its tint's style sheet selects by it.
            self.warning = self.add_callout(layout, "danger", self.loss, width=420)
            self.warning.setAccessibleName(self.tr("Your own role"))
            self.warning.setAccessibleDescription(self.loss)
        else:
            self._say(
                layout, self.tr("It applies at once, also in sessions already open."), "confirmWhen"
            )
        self._end(
            layout,
            (self.tr("Change Role"), "confirmRoleButton", self.tr("Change the role")),
            (self.tr("Keep Role"), "keepRoleButton", self.tr("Keep the role")),
        )
        if self.loss:
            self.keep_by_default()


class DisableConfirmDialog(StaffConfirmDialog):
    def __init__(self, person: StaffUser, disable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = person.shown_name
        if disable:
            names = (self.tr("Disable Staff"), "disableStaffConfirm", self.tr("Disable staff"))
            layout = self._begin(names, self.tr("Disable {name}?"), name)
            self._say(
                layout,
                self.tr("Their sessions end at once and they cannot sign in until enabled again."),
            )
            confirm = (self.tr("Disable"), "confirmDisableButton", self.tr("Disable the account"))
            cancel = (
                self.tr("Keep Enabled"),
                "keepEnabledButton",
                self.tr("Keep the account enabled"),
            )
        else:
            names = (self.tr("Enable Staff"), "enableStaffConfirm", self.tr("Enable staff"))
            layout = self._begin(names, self.tr("Enable {name}?"), name)
            self._say(layout, self.tr("They can sign in again with their password."))
            confirm = (self.tr("Enable"), "confirmEnableButton", self.tr("Enable the account"))
            cancel = (
                self.tr("Keep Disabled"),
                "keepDisabledButton",
                self.tr("Keep the account disabled"),
            )
        self._end(layout, confirm, cancel)


class RequireMfaConfirmDialog(StaffConfirmDialog):
    def __init__(self, required: bool, own_mfa: bool = True, parent: QWidget | None = None) -> None:
        """`own_mfa`: whether the owner asking has two-factor sign-in set up already."""
        super().__init__(parent)
        if required:
            names = (
                self.tr("Require Two-Factor"),
                "requireMfaConfirm",
                self.tr("Require two-factor sign-in"),
            )
            layout = self._begin(names, self.tr("Require two-factor for everyone?"))
            self._say(
                layout,
                self.tr(
                    "Whoever has not set up two-factor sign-in yet must set it up at their next "
                    "sign-in before they can do anything else."
                ),
            )
            if not own_mfa:
                # The rule holds this session too (server: 403 mfa_setup_required).
                self.warning = self.add_callout(
                    layout,
                    "danger",
                    self.tr(
                        "You have not set up two-factor sign-in yourself: you too will have to "
                        "set it up before you can do anything else."
                    ),
                    width=420,
                )
                self.warning.setAccessibleName(self.tr("Your own sign-in"))
                self.warning.setAccessibleDescription(self.warning.caption.text())
            confirm = (
                self.tr("Require Two-Factor"),
                "confirmRequireMfaButton",
                self.tr("Require two-factor sign-in"),
            )
        else:
            names = (
                self.tr("Stop Requiring Two-Factor"),
                "requireMfaConfirm",
                self.tr("Stop requiring two-factor sign-in"),
            )
            layout = self._begin(names, self.tr("Stop requiring two-factor?"))
            self._say(
                layout,
                self.tr(
                    "Staff without two-factor can then sign in with a password alone; those "
                    "who set it up keep it."
                ),
            )
            confirm = (
                self.tr("Stop Requiring"),
                "confirmRequireMfaButton",
                self.tr("Stop requiring two-factor sign-in"),
            )
        cancel = (self.tr("Cancel"), "cancelRequireMfaButton", self.tr("Cancel: change nothing"))
        self._end(layout, confirm, cancel)
