"""An Activity event in words: a customer's events as the History tab words them, plus the
partner's own (sign-ins, staff, two-factor, team settings).

An action this client does not know is shown as the server spells it ("plan.changed"), so a
newer server's events are still findable by their name; their details say nothing rather than
something wrong.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale

from desktop.models.event_words import EventWords
from desktop.ui.permissions import role_name

# The actions the "What" filter offers, in the order it lists them: a customer's first, then
# the team's. Their words are ActivityWords.known_action's.
CUSTOMER_ACTIONS = (
    "created",
    "updated",
    "suspended",
    "reenabled",
    "canceled",
    "restored",
    "service_removed",
    "login_link_issued",
    "suspend_failed",
    "unsuspend_failed",
    "cancel_failed",
    "restore_failed",
    "suspend_scheduled",
    "unsuspend_scheduled",
    "suspend_schedule_canceled",
    "unsuspend_schedule_canceled",
)
TEAM_ACTIONS = (
    "auth.login",
    "auth.login_failed",
    "auth.logout",
    "auth.password_changed",
    "auth.mfa_failed",
    "auth.recovery_code_used",
    "mfa.enabled",
    "mfa.disabled",
    "staff.created",
    "staff.updated",
    "staff.disabled",
    "staff.enabled",
    "partner.updated",
)


class ActivityWords(EventWords):
    def action(self, action: str) -> str:
        known = self.known_action(action)
        return known if known is not None else action

    def known_action(self, action: str) -> str | None:
        words = {
            "auth.login": self.tr("Signed in"),
            "auth.login_failed": self.tr("Sign-in failed"),
            "auth.logout": self.tr("Signed out"),
            "auth.password_changed": self.tr("Password changed"),
            "auth.mfa_failed": self.tr("Wrong sign-in code"),
            "auth.recovery_code_used": self.tr("Recovery code used"),
            "mfa.enabled": self.tr("Two-factor sign-in turned on"),
            "mfa.disabled": self.tr("Two-factor sign-in turned off"),
            "staff.created": self.tr("Staff member added"),
            "staff.updated": self.tr("Staff member changed"),
            "staff.disabled": self.tr("Staff member disabled"),
            "staff.enabled": self.tr("Staff member enabled"),
            "partner.updated": self.tr("Team settings changed"),
        }
        return words[action] if action in words else super().known_action(action)

    def details(
        self, action: str, details: dict[str, Any], locale: QLocale | None = None
    ) -> list[str]:
        if action == "auth.login_failed":
            return self._sign_in_failure(details)
        if action.startswith("staff."):
            return self._staff(action, details)
        if action == "partner.updated":
            return self._team_settings(details)
        if action in ("auth.login", "mfa.disabled"):
            return self._second_factor(details.get("second_factor", details.get("with")))
        if action == "auth.mfa_failed":
            return self._wrong_code(details.get("during"))
        if action == "auth.recovery_code_used":
            left = details.get("remaining")
            if isinstance(left, int) and not isinstance(left, bool) and left >= 0:
                return [self.tr("%n recovery codes left", "", left)]
            return []
        if self.known_action(action) is None:
            return []  # details whose meaning this client does not know
        return super().details(action, details, locale)

    def _sign_in_failure(self, details: dict[str, Any]) -> list[str]:
        reason = details.get("reason")
        if reason == "wrong_password":
            return [self.tr("Wrong password")]
        if reason == "account_disabled":
            return [self.tr("The account is disabled")]
        return (
            [self.tr("Reason: {reason}").format(reason=reason)] if isinstance(reason, str) else []
        )

    def _second_factor(self, how: object) -> list[str]:
        if how == "totp":
            return [self.tr("With a code from the authenticator app")]
        if how == "recovery_code":
            return [self.tr("With a recovery code")]
        return []

    def _wrong_code(self, during: object) -> list[str]:
        words = {
            "sign-in": self.tr("While signing in"),
            "set-up": self.tr("While setting up two-factor sign-in"),
            "turn-off": self.tr("While turning two-factor sign-in off"),
        }
        return [words[during]] if isinstance(during, str) and during in words else []

    def _staff(self, action: str, details: dict[str, Any]) -> list[str]:
        username = _text(details.get("username"))
        name = _text(details.get("display_name"))
        lines = []
        if username:
            who = f"{name} ({username})" if name and name != username else username
            lines.append(self.tr("Staff member: {who}").format(who=who))
        changes = details.get("changes")
        shown = (
            changes if isinstance(changes, dict) else details if action == "staff.created" else {}
        )
        role = shown.get("role")
        if isinstance(role, str) and role:
            lines.append(self.tr("Role: {role}").format(role=role_name(role)))
        if action == "staff.updated" and _text(shown.get("display_name")):
            lines.append(self.tr("Name: {name}").format(name=_text(shown.get("display_name"))))
        if _text(shown.get("email")):
            lines.append(self.tr("Email: {email}").format(email=_text(shown.get("email"))))
        return lines

    def _team_settings(self, details: dict[str, Any]) -> list[str]:
        changes = details.get("changes")
        required = changes.get("require_mfa") if isinstance(changes, dict) else None
        if required is True:
            return [self.tr("Two-factor sign-in required of everyone")]
        if required is False:
            return [self.tr("Two-factor sign-in no longer required")]
        return []


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
