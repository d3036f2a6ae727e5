"""Keep Python's cyclic garbage collector from pausing the GUI thread for long.

A full collection walks every container object alive: after start-up that is some 60,000
(modules, classes, Qt wrappers, pydantic schemas), which made each full pass block the GUI
thread for tens of milliseconds while a big customer list loaded. Those objects live as long
as the app, so they are moved out of the collector's sight once the app has started
(`gc.freeze`, the approach CPython documents for long-lived start-up state); the customer rows
themselves are packed strings the collector does not track (desktop/models/search/rows.py).
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Everything alive now is start-up state: exempt it from every later collection."""
    gc.freeze()
