"""What My Customers runs on the TaskRunner: the whole list, from the snapshot or page by page.

The functions here run on worker threads: they touch no widget, only the api and the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from desktop.api.errors import NotFoundError
from desktop.models.search.prepared_rows import prepare_rows
from desktop.tasks import read_ahead

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.models.search.prepared_rows import PreparedRows

PAGE_SIZE = 1000


class LoadedPage(NamedTuple):
    rows: PreparedRows  # the page's customers, packed for the table in the worker
    total: int  # customers on the server, as the page said


class LoadedList(NamedTuple):
    loaded: int  # customers loaded
    # The snapshot's cursor: the change feed is followed from it. None when the list came
    # page by page (a server without the snapshot), which no cursor describes.
    cursor: str | None


def load_all_customers(api: PartnerApi, report: Callable[[LoadedPage], None]) -> int:
    """Runs in a worker: every page, made ready for the table and reported as it arrives;
    returns how many were loaded."""
    loaded = 0
    # The next page is fetched while this one is prepared: the server's time hides ours.
    for page in read_ahead(api.iter_customer_pages(page_size=PAGE_SIZE)):
        loaded += len(page.items)
        report(LoadedPage(prepare_rows(page.items), page.total))
    return loaded


def load_customers(api: PartnerApi, report: Callable[[LoadedPage], None]) -> LoadedList:
    """Runs in a worker: the whole list as one snapshot, its batches reported as they arrive
    (the first is small: rows on screen at once); page by page from a server without one."""
    loaded = 0
    cursor: str | None = None
    try:
        # The next batch is read and checked while this one is packed.
        for batch in read_ahead(api.snapshot()):
            cursor = batch.cursor
            loaded += len(batch.customers)
            report(LoadedPage(prepare_rows(batch.customers), batch.total))
    except NotFoundError:
        if cursor is not None:
            raise  # a 404 in the middle of a snapshot is not a server without one
        return LoadedList(load_all_customers(api, report), None)
    return LoadedList(loaded, cursor)
