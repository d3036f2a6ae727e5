"""An open Edit Customer dialog whose customer changed on the server: shown, and said.

The change feed (desktop/live) brings the customer as the server now has it. The dialog shows
it at once: fields the person has not touched take the new values, what they typed stays on
top (Save then sends it against the new version), the Suspend switch follows the server. A
callout says what changed and who did it: "ana changed Support email at 14:02." or "Suspended
by ana at 14:02." The feed's record does not name whoever changed it, so the customer's newest
matching event (its History) is read for that; until it is, or if it cannot be, the words say
"on the server". A confirmation open meanwhile (suspend, re-enable, cancel) is told, and its
confirm button stays off: nothing is sent for a state that is no longer there.

The dialog's own save and operations come back through the feed too; those say nothing here.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QBoxLayout

from desktop.ui.customer.fields import FIELD_KEYS, customer_value
from desktop.ui.widgets.callout import Callout
from desktop.ui.widgets.clock import local_clock
from desktop.ui.widgets.naming import named

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer, Event
    from desktop.live.apply import ChangeApplier
    from desktop.operations.center import OperationCenter
    from desktop.tasks import TaskRunner
    from desktop.ui.customer.dialog import CustomerDialog

# The History action that made each change of status, by (status before, status after).
_STATUS_ACTIONS = {
    ("active", "suspended"): "suspended",
    ("suspended", "active"): "reenabled",
    ("active", "canceled"): "canceled",
    ("suspended", "canceled"): "canceled",
    ("canceled", "active"): "restored",
    ("canceled", "suspended"): "restored",
}


class CustomerLiveNews(QObject):
    def __init__(
        self,
        dialog: CustomerDialog,
        applier: ChangeApplier,
        api: PartnerApi,
        runner: TaskRunner,
        center: OperationCenter,
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._api = api
        self._runner = runner
        self._center = center
        self._waiting: Customer | None = None  # arrived during a save: shown after it
        self._asked = 0  # which History read is the latest
        self.callout = Callout("neutral", "")
        named(self.callout, "liveChangeCallout", self.tr("Changed on the server"))
        named(self.callout.caption, "liveChangeText", self.tr("What changed on the server"))
        self.callout.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.callout.hide()
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.callout)  # under the name, above the tabs
        applier.customer_changed.connect(self._heard)
        dialog.customer_saved.connect(self._saved)

    def text(self) -> str:
        return self.callout.caption.text() if self.callout.isVisible() else ""

    @Slot(object)
    def _heard(self, customer: Customer) -> None:
        base = self._dialog.customer
        if base is None or customer.id != base.id or customer.version <= base.version:
            return  # another customer, or what the dialog shows already (its own save)
        if self._dialog.is_saving():
            self._waiting = customer  # the save's answer decides first
            return
        self._show(base, customer)

    @Slot(object)
    def _saved(self, _customer: Customer) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._heard(waiting)

    def _show(self, before: Customer, after: Customer) -> None:
        dialog = self._dialog
        changed = [k for k in FIELD_KEYS if customer_value(before, k) != customer_value(after, k)]
        typed = dialog.form.changes()
        kept = [k for k in changed if k in typed]
        action = _STATUS_ACTIONS.get((before.status, after.status))
        # An operation of this app's (or the person's own save elsewhere in it): the dialog
        # says its outcome already.
        own = self._center.is_running(after.id) and action is not None
        dialog.show_server_customer(after)
        if own or (not changed and action is None):
            return
        labels = [dialog.form.label(k) for k in changed]
        kept_labels = [dialog.form.label(k) for k in kept]
        self._say(action, labels, kept_labels, None, after.updated_at)
        self._asked += 1
        asked = self._asked
        self._runner.submit(
            self._api.list_events,
            after.id,
            success=lambda events: self._who(asked, action, labels, kept_labels, events),
            owner=self,
        )

    def _who(
        self,
        asked: int,
        action: str | None,
        labels: list[str],
        kept: list[str],
        events: list[Event],
    ) -> None:
        if asked != self._asked:
            return  # a newer change is being said
        wanted = action or "updated"
        event = next((e for e in events if e.action == wanted), None)
        if event is not None:
            self._say(action, labels, kept, event.actor, event.at)

    def _say(
        self,
        action: str | None,
        labels: list[str],
        kept: list[str],
        who: str | None,
        at: datetime,
    ) -> None:
        time = local_clock(at)
        parts = []
        if action is not None:
            parts.append(self._status_words(action, who).format(who=who, time=time))
        if labels:
            fields = ", ".join(labels)
            if who:
                said = self.tr("{who} changed {fields} at {time}.")
            else:
                said = self.tr("{fields} changed on the server at {time}.")
            parts.append(said.format(who=who, fields=fields, time=time))
        if kept:
            parts.append(
                self.tr(
                    "What you typed in {fields} is kept: Save puts it in place of the new value."
                ).format(fields=", ".join(kept))
            )
        text = " ".join(parts)
        self.callout.caption.setText(text)
        self.callout.caption.setAccessibleDescription(text)
        self.callout.setAccessibleDescription(text)
        self.callout.show()
        asking = self._dialog.operations.asking
        if action is not None and asking is not None:
            asking.changed_meanwhile(
                self.tr("{what} Nothing is sent from here: close this and look again.").format(
                    what=parts[0]
                )
            )

    def _status_words(self, action: str, who: str | None) -> str:
        if who:
            words = {
                "suspended": self.tr("Suspended by {who} at {time}."),
                "reenabled": self.tr("Re-enabled by {who} at {time}."),
                "canceled": self.tr("Canceled by {who} at {time}."),
                "restored": self.tr("Restored by {who} at {time}."),
            }
        else:
            words = {
                "suspended": self.tr("Suspended on the server at {time}."),
                "reenabled": self.tr("Re-enabled on the server at {time}."),
                "canceled": self.tr("Canceled on the server at {time}."),
                "restored": self.tr("Restored on the server at {time}."),
            }
        return words[action]
