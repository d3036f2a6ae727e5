"""The words for each kind of operation: one table, read by every window that names one.

    words = operation_words("suspend")
    words.doing          "Suspending…"          the dialog's title, the row's badge, a bulk row
    words.asking         "Asking the server to suspend…"    the first line of progress
    words.server_doing   "The server is suspending this customer"    why a window stays open
    words.working_on     "Suspending {name}"    the status bar
    words.done           "{name} suspended."    the status bar, after
    words.done_at        "{name} suspended at {time}."    the dialog, after
    words.failed         "Could not suspend {name}: {reason}"    the dialog, a bulk summary

and, for the kinds a bulk run offers (suspend, re-enable), what the bulk window says of each
customer and of all of them. A kind added later (a scheduled one) is one more row below; a kind
this client does not know (None: nothing named) gets the general words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from desktop.api.message import QT_TRANSLATE_NOOP
from desktop.clock import local_clock

if TYPE_CHECKING:
    # Types only: the customer table reads these words before pydantic and requests load.
    from datetime import datetime

    from desktop.api.operation_watch import Phase
    from desktop.api.records import OperationKind

CONTEXT = "OperationWords"


class OperationWords(QObject):
    """The translation context of this file's words (lupdate reads `OperationWords.tr` as it)."""


@dataclass(frozen=True)
class KindWords:
    doing: str
    asking: str
    server_doing: str
    working_on: str
    done: str
    done_at: str
    failed: str
    # A bulk run's words; "" for a kind no bulk run offers.
    bulk_done_at: str = ""  # "Suspended at {time}", a customer's row
    bulk_one: str = ""  # "Suspending 1 customer…", the title while it runs
    bulk_so_far: str = ""  # "{ok} of {total} suspended so far"
    bulk_done: str = ""  # "Suspended {ok} of {total} customers"


# English, marked for lupdate; translated when read (the language can change while running).
_TABLE: dict[OperationKind, KindWords] = {
    "suspend": KindWords(
        doing=QT_TRANSLATE_NOOP("OperationWords", "Suspending…"),
        asking=QT_TRANSLATE_NOOP("OperationWords", "Asking the server to suspend…"),
        server_doing=QT_TRANSLATE_NOOP("OperationWords", "The server is suspending this customer"),
        working_on=QT_TRANSLATE_NOOP("OperationWords", "Suspending {name}"),
        done=QT_TRANSLATE_NOOP("OperationWords", "{name} suspended."),
        done_at=QT_TRANSLATE_NOOP("OperationWords", "{name} suspended at {time}."),
        failed=QT_TRANSLATE_NOOP("OperationWords", "Could not suspend {name}: {reason}"),
        bulk_done_at=QT_TRANSLATE_NOOP("OperationWords", "Suspended at {time}"),
        bulk_one=QT_TRANSLATE_NOOP("OperationWords", "Suspending 1 customer…"),
        bulk_so_far=QT_TRANSLATE_NOOP("OperationWords", "{ok} of {total} suspended so far"),
        bulk_done=QT_TRANSLATE_NOOP("OperationWords", "Suspended {ok} of {total} customers"),
    ),
    "unsuspend": KindWords(
        doing=QT_TRANSLATE_NOOP("OperationWords", "Re-enabling…"),
        asking=QT_TRANSLATE_NOOP("OperationWords", "Asking the server to re-enable…"),
        server_doing=QT_TRANSLATE_NOOP("OperationWords", "The server is re-enabling this customer"),
        working_on=QT_TRANSLATE_NOOP("OperationWords", "Re-enabling {name}"),
        done=QT_TRANSLATE_NOOP("OperationWords", "{name} re-enabled."),
        done_at=QT_TRANSLATE_NOOP("OperationWords", "{name} re-enabled at {time}."),
        failed=QT_TRANSLATE_NOOP("OperationWords", "Could not re-enable {name}: {reason}"),
        bulk_done_at=QT_TRANSLATE_NOOP("OperationWords", "Re-enabled at {time}"),
        bulk_one=QT_TRANSLATE_NOOP("OperationWords", "Re-enabling 1 customer…"),
        bulk_so_far=QT_TRANSLATE_NOOP("OperationWords", "{ok} of {total} re-enabled so far"),
        bulk_done=QT_TRANSLATE_NOOP("OperationWords", "Re-enabled {ok} of {total} customers"),
    ),
    "cancel": KindWords(
        doing=QT_TRANSLATE_NOOP("OperationWords", "Canceling…"),
        asking=QT_TRANSLATE_NOOP("OperationWords", "Asking the server to cancel…"),
        server_doing=QT_TRANSLATE_NOOP("OperationWords", "The server is canceling this customer"),
        working_on=QT_TRANSLATE_NOOP("OperationWords", "Canceling {name}"),
        done=QT_TRANSLATE_NOOP("OperationWords", "{name} canceled."),
        done_at=QT_TRANSLATE_NOOP(
            "OperationWords", "{name} canceled at {time}. Its services were removed."
        ),
        failed=QT_TRANSLATE_NOOP("OperationWords", "Could not cancel {name}: {reason}"),
    ),
    "restore": KindWords(
        doing=QT_TRANSLATE_NOOP("OperationWords", "Restoring…"),
        asking=QT_TRANSLATE_NOOP("OperationWords", "Asking the server to restore…"),
        server_doing=QT_TRANSLATE_NOOP("OperationWords", "The server is restoring this customer"),
        working_on=QT_TRANSLATE_NOOP("OperationWords", "Restoring {name}"),
        done=QT_TRANSLATE_NOOP("OperationWords", "{name} restored."),
        done_at=QT_TRANSLATE_NOOP(
            "OperationWords", "{name} restored at {time}, with its services."
        ),
        failed=QT_TRANSLATE_NOOP("OperationWords", "Could not restore {name}: {reason}"),
    ),
}
# Every kind with words of its own (all of the API's: tests/desktop/test_operation_words.py).
WORDED_KINDS: tuple[OperationKind, ...] = tuple(_TABLE)
_GENERAL = KindWords(
    doing=QT_TRANSLATE_NOOP("OperationWords", "Working…"),
    asking=QT_TRANSLATE_NOOP("OperationWords", "Working…"),
    server_doing=QT_TRANSLATE_NOOP("OperationWords", "The server is working on this customer"),
    working_on=QT_TRANSLATE_NOOP("OperationWords", "Working on {name}"),
    done=QT_TRANSLATE_NOOP("OperationWords", "{name}: done."),
    done_at=QT_TRANSLATE_NOOP("OperationWords", "{name}: done at {time}."),
    failed=QT_TRANSLATE_NOOP(
        "OperationWords", "Could not finish the operation on {name}: {reason}"
    ),
)


def operation_words(kind: OperationKind | None) -> KindWords:
    """The words for `kind` in the language shown now; None (or a kind the table lacks) gets
    the general ones ("Working…")."""
    source = _TABLE.get(kind, _GENERAL) if kind is not None else _GENERAL
    return KindWords(*(_translated(getattr(source, f.name)) for f in fields(KindWords)))


def _translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text) if text else ""


def bulk_running_title(kind: OperationKind, count: int) -> str:
    """ "Suspending 12 customers…" (a plural: lupdate finds %n forms only in Class.tr())."""
    if count == 1:
        return operation_words(kind).bulk_one
    if kind == "suspend":
        return OperationWords.tr("Suspending %n customers…", "", count)  # type: ignore[arg-type]
    return OperationWords.tr("Re-enabling %n customers…", "", count)  # type: ignore[arg-type]


def progress_words(kind: OperationKind, phase: Phase, offline_since: datetime | None) -> str:
    """What a running operation is doing now, in one line; `phase` is the watch's."""
    if offline_since is not None:
        return QCoreApplication.translate(
            "OperationWords",
            "The server cannot be reached (since {time}). Partner Desk checks again when it is"
            " back.",
        ).format(time=local_clock(offline_since))
    if phase == "starting":
        return operation_words(kind).asking
    if phase == "reconnecting":
        return QCoreApplication.translate("OperationWords", "Reconnecting…")
    if phase == "confirming":
        return QCoreApplication.translate(
            "OperationWords", "Reading the result back from the server…"
        )
    return QCoreApplication.translate("OperationWords", "Waiting for the hosting backend…")
