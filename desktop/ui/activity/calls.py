"""What the Activity page runs on the TaskRunner's workers: never on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.api.errors import BadResponseError
from desktop.api.message import QT_TRANSLATE_NOOP, Message
from desktop.api.team_records import ActivityFilter, ActivityItem

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Customer

PAGE_SIZE = 100  # events per page as the table scrolls: a screenful or three
EXPORT_PAGE_SIZE = 500  # the server's largest page: an export reads every page
SUGGESTIONS = 12  # customers offered while a name is typed


def read_all(
    api: PartnerApi,
    chosen: ActivityFilter,
    page_size: int = EXPORT_PAGE_SIZE,
    report: Callable[[object], None] | None = None,
) -> list[ActivityItem]:
    """Every event the filter finds, newest first, page after page; `report` hears the count."""
    items: list[ActivityItem] = []
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = api.activity(chosen, limit=page_size, cursor=cursor)
        items.extend(page.items)
        if report is not None:
            report(len(items))
        if page.next_cursor is None:
            return items
        if page.next_cursor in seen:
            # A server handing back an old cursor would keep the export reading forever.
            raise BadResponseError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "ApiMessages", "The server's activity log does not end (cursor loop)."
                    )
                )
            )
        seen.add(page.next_cursor)
        cursor = page.next_cursor


def find_customers(api: PartnerApi, text: str) -> list[Customer]:
    """The customers whose name holds `text`, for the customer filter's suggestions."""
    return list(api.list_customers(q=text, field="name", limit=SUGGESTIONS).items)
