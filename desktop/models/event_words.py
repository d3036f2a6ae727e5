"""A customer's history event in words: what happened ("Suspended") and its details.

The server's `details` are free-form JSON (see server/routes and server/worker.py); anything
missing or of an unexpected type is left out, never shown as a Python repr or a traceback.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QObject

from desktop.models.money import money_text

ARROW = "→"


def local_date_time(moment: datetime, locale: QLocale | None = None) -> str:
    """A server instant (UTC) as the person reads times: their zone, their locale's format."""
    shown = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    return (locale or QLocale()).toString(shown, QLocale.FormatType.ShortFormat)


class EventWords(QObject):
    """tr() needs a QObject; one instance serves a whole model."""

    def action(self, action: str) -> str:
        known = self.known_action(action)
        if known is not None:
            return known
        # An action newer than this client: still readable ("plan_changed" -> "Plan changed").
        return action.replace("_", " ").strip().capitalize() or self.tr("Unknown change")

    def known_action(self, action: str) -> str | None:
        """The words for an action this client knows; None for any other."""
        words = {
            "created": self.tr("Created"),
            "updated": self.tr("Details changed"),
            "suspended": self.tr("Suspended"),
            "reenabled": self.tr("Re-enabled"),
            "canceled": self.tr("Canceled"),
            "restored": self.tr("Restored"),
            "service_removed": self.tr("Service removed"),
            "login_link_issued": self.tr("Control panel link issued"),
            "suspend_failed": self.tr("Suspension failed"),
            "unsuspend_failed": self.tr("Re-enabling failed"),
            "cancel_failed": self.tr("Cancellation failed"),
            "restore_failed": self.tr("Restoring failed"),
            "suspend_scheduled": self.tr("Suspension scheduled"),
            "unsuspend_scheduled": self.tr("Re-enable scheduled"),
            "suspend_schedule_canceled": self.tr("Scheduled suspension canceled"),
            "unsuspend_schedule_canceled": self.tr("Scheduled re-enable canceled"),
        }
        return words.get(action)

    def field(self, key: str) -> str:
        labels = {
            "name": self.tr("Account name"),
            "account_number": self.tr("Account number"),
            "contact_name": self.tr("Contact"),
            "email": self.tr("Email"),
            "phone": self.tr("Phone"),
            "website": self.tr("Website"),
            "domain": self.tr("Primary domain"),
            "alias_domains": self.tr("Alias domains"),
            "address.street": self.tr("Street"),
            "address.postal_code": self.tr("Postal code"),
            "address.city": self.tr("City"),
            "address.region": self.tr("Region"),
            "address.country": self.tr("Country"),
        }
        return labels.get(key, key)

    def details(
        self, action: str, details: dict[str, Any], locale: QLocale | None = None
    ) -> list[str]:
        """The event's details, one line per fact; [] when there is nothing to say."""
        lines: list[str] = []
        reason = _text(details.get("reason"))
        if action == "created":
            number = _text(details.get("account_number"))
            if number:
                lines.append(self.tr("Account {number}").format(number=number))
        elif action == "updated":
            changes = details.get("changes")
            if isinstance(changes, dict):
                for key, change in changes.items():
                    lines.append(self._change(str(key), change))
        elif action == "service_removed":
            lines.append(self._service(details, locale))
        elif action == "login_link_issued":
            expires = _moment(details.get("expires_at"))
            if expires is not None:
                lines.append(
                    self.tr("Valid until {when}").format(when=local_date_time(expires, locale))
                )
        elif action.endswith("_failed"):
            error = _text(details.get("error"))
            if error:
                lines.append(self.tr("Error: {error}").format(error=error))
        lines.extend(self._scheduling(details, locale))
        if reason:
            lines.insert(0, self.tr("Reason: {reason}").format(reason=reason))
        for key, words in (
            ("services_removed", self.tr("Services removed: {names}")),
            ("services_restored", self.tr("Services restored: {names}")),
        ):
            names = details.get(key)
            if isinstance(names, list) and names:
                lines.append(words.format(names=", ".join(_text(n) for n in names)))
        return lines

    def _scheduling(self, details: dict[str, Any], locale: QLocale | None) -> list[str]:
        """When a scheduled operation was to run, how late it ran, why it was called off."""
        lines = []
        planned = _moment(details.get("scheduled_for"))
        if planned is not None:
            when = local_date_time(planned, locale)
            lines.append(self.tr("Scheduled for {when}").format(when=when))
        late = details.get("late_seconds")
        if isinstance(late, int | float) and not isinstance(late, bool) and late >= 60:
            minutes = round(late / 60)
            lines.append(self.tr("Ran {minutes} min late").format(minutes=minutes))
        cause = {
            "suspension_failed": self.tr("The suspension it followed failed"),
            "suspension_canceled": self.tr("The suspension it followed was canceled"),
        }.get(_text(details.get("cause")))
        if cause:
            lines.append(cause)
        return lines

    def _change(self, key: str, change: object) -> str:
        old, new = (change.get("old"), change.get("new")) if isinstance(change, dict) else ("", "")
        return f"{self.field(key)}: {self._value(old)} {ARROW} {self._value(new)}"

    def _value(self, value: object) -> str:
        if isinstance(value, list):
            value = ", ".join(_text(v) for v in value)
        text = _text(value)
        return text if text else self.tr("(empty)")

    def _service(self, details: dict[str, Any], locale: QLocale | None) -> str:
        name = _text(details.get("name")) or self.tr("A service")
        try:
            price = Decimal(_text(details.get("monthly_price")))
            amount = money_text(price, _text(details.get("currency")), locale)
        except (InvalidOperation, ValueError, OverflowError):  # no price, or no number at all
            return name
        return self.tr("{name}, {price} a month").format(name=name, price=amount)


def _text(value: object) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
