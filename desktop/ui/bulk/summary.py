"""The words of a bulk run: each customer's state, the title, and the summary at the end.

Waiting / Suspending… / Suspended at 14:02 / Scheduled for <when> / Failed: <the server's reason>
/ Skipped: <why>
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.operations.schedule import person_zone, when_text
from desktop.operations.words import bulk_running_title, operation_words
from desktop.ui.widgets.clock import local_clock

if TYPE_CHECKING:
    from desktop.ui.bulk.run import BulkItem, BulkRun


class BulkWords(QObject):
    def __init__(self, run: BulkRun) -> None:
        super().__init__(run)
        self._run = run
        self._kind = run.kind
        self._zone = person_zone()

    def state(self, item: BulkItem) -> str:
        if item.state == "waiting":
            return self.tr("Waiting")
        if item.state == "running":
            doing = operation_words(self._kind).doing
            if item.overdue:
                return self.tr("{doing} taking longer than usual").format(doing=doing)
            return doing
        if item.state == "succeeded" and item.scheduled_for is not None:
            return self.tr("Scheduled for {when}").format(
                when=when_text(item.scheduled_for, self._zone)
            )
        if item.state == "succeeded":
            when = local_clock(item.finished_at or datetime.now(UTC))
            return operation_words(self._kind).bulk_done_at.format(time=when)
        if item.state == "failed":
            return self.tr("Failed: {reason}").format(reason=item.detail)
        if item.state == "skipped":
            return self.tr("Skipped: {why}").format(why=item.detail)
        return self.tr("Sent: {detail}").format(detail=item.detail)

    def running_title(self) -> str:
        return bulk_running_title(self._kind, self._run.sent_count())

    def settled_title(self) -> str:
        ok, total = self._run.count("succeeded"), self._run.sent_count()
        if self._run.when.get("at"):
            if self._kind == "suspend":
                text = self.tr("Scheduled the suspension of {ok} of {total} customers")
            else:
                text = self.tr("Scheduled the re-enable of {ok} of {total} customers")
            return text.format(ok=ok, total=total)
        words = operation_words(self._kind)
        text = words.bulk_so_far if self._run.count("running") else words.bulk_done
        return text.format(ok=ok, total=total)

    def summary(self) -> str:
        """What went wrong: a count, then each customer that failed and why."""
        run = self._run
        counts = []
        if failed := run.count("failed"):
            counts.append(self.tr("%n failed", "", failed))
        if skipped := run.count("skipped"):
            counts.append(self.tr("%n skipped", "", skipped))
        lines = [", ".join(counts) + "."] if counts else []
        could_not = operation_words(self._kind).failed
        for item in run.items:
            if item.state == "failed":
                lines.append(could_not.format(name=item.customer.name, reason=item.detail))
        lines.extend(self._scheduled_lines())
        slow = [item.customer.name for item in run.items if item.state == "running"]
        if slow:
            lines.append(
                self.tr(
                    "Taking longer than usual: {names}. The server keeps working on them; the"
                    " customer list shows each result when it ends."
                ).format(names=", ".join(slow))
            )
        gone = [item.customer.name for item in run.items if item.state == "unwatched"]
        if gone:
            lines.append(
                self.tr("No longer followed: {names}. The server finishes them on its own.").format(
                    names=", ".join(gone)
                )
            )
        if not lines:
            lines.append(self.tr("The server confirmed every one."))
        return "\n".join(lines)

    def _scheduled_lines(self) -> list[str]:
        """Who was scheduled, and for when: "Scheduled for Tuesday 15 December at 09:00 CET: …"."""
        by_time: dict[str, list[str]] = {}
        for item in self._run.items:
            if item.state == "succeeded" and item.scheduled_for is not None:
                when = when_text(item.scheduled_for, self._zone)
                by_time.setdefault(when, []).append(item.customer.name)
        if not by_time:
            return []
        lines = [
            self.tr("Scheduled for {when}: {names}.").format(when=when, names=", ".join(names))
            for when, names in by_time.items()
        ]
        resume_at = self._run.when.get("resume_at")
        if resume_at and self._kind == "suspend":
            when = when_text(datetime.fromisoformat(resume_at), self._zone)
            lines.append(self.tr("Each is re-enabled automatically on {when}.").format(when=when))
        lines.append(
            self.tr(
                "The server runs each at its time, also while Partner Desk is closed; the"
                " customer list shows what is scheduled."
            )
        )
        return lines
