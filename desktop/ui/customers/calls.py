"""What My Customers runs on the TaskRunner: the whole list, page by page.

The functions here run on worker threads: they touch no widget, only the api and the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from desktop.models.search.prepared_rows import PreparedRows, prepare_rows
from desktop.tasks import read_ahead

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

PAGE_SIZE = 1000


class LoadedPage(NamedTuple):
    rows: PreparedRows  # the page's customers, packed for the table in the worker
    total: int  # customers on the server, as the page said


def load_all_customers(api: PartnerApi, report: Callable[[LoadedPage], None]) -> int:
    """Runs in a worker: every page, made ready for the table and reported as it arrives;
    returns how many were loaded."""
    loaded = 0
    # The next page is fetched while this one is prepared: the server's time hides ours.
    for page in read_ahead(api.iter_customer_pages(page_size=PAGE_SIZE)):
        loaded += len(page.items)
        report(LoadedPage(prepare_rows(page.items), page.total))
    return loaded
