"""The live list under faults (issue 17): a stream cut in the middle of an event, the server
restarting, the server no longer keeping the changes since the list was read (410). Each
ends with every row compared with the server's: no change lost, none applied twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.api.records import Customer
from desktop.ui.main_window import MainWindow
from tests.desktop.live_support import (
    LIVE_MS,
    colleague,
    edit,
    live_status,
    shows,
    table_matches_server,
    wait_live,
)
from tests.support.gui import AppHarness
from tests.support.server import ApiClient, ServerProcess, seed_database
from tests.support.stream_proxy import StreamProxy

pytestmark = [
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
    pytest.mark.reliability,
]


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    seed_database(url, customers=120)
    return url


@pytest.fixture
def proxied(database: str) -> Iterator[tuple[ServerProcess, StreamProxy]]:
    # Changes are kept two seconds, pruned every half: a cursor left behind soon expires.
    server = ServerProcess(
        database,
        extra_args=("--changes-retention-seconds", "2", "--changes-prune-seconds", "0.5"),
    ).start()
    proxy = StreamProxy(server.root).start()
    yield server, proxy
    proxy.stop()
    server.stop()


def _applied(window: MainWindow) -> Counter[tuple[str, int]]:
    """Each (customer, version) the table was given by the feed, counted."""
    seen: Counter[tuple[str, int]] = Counter()

    def heard(customer: Customer) -> None:
        seen[(customer.id, customer.version)] += 1

    window.live.applier.customer_changed.connect(heard)
    return seen


def _ids(window: MainWindow, count: int) -> list[str]:
    model = window.customers.model
    return [model.row_at(r).id for r in range(count)]


def test_a_stream_cut_mid_event_loses_nothing_and_applies_nothing_twice(
    qtbot: QtBot, harness: AppHarness, proxied: tuple[ServerProcess, StreamProxy]
) -> None:
    server, proxy = proxied
    window = harness.sign_in(qtbot, proxy.root)
    wait_live(qtbot, window)
    applied = _applied(window)
    other = colleague(server.url)
    ids = _ids(window, 6)
    opened = proxy.streams_opened
    proxy.cut_mid_event()
    for n, customer_id in enumerate(ids):
        edit(other, customer_id, contact_name=f"Cut {n}")
    for n, customer_id in enumerate(ids):
        qtbot.waitUntil(
            lambda c=customer_id, n=n: shows(window.customers.model, c, contact_name=f"Cut {n}"),
            timeout=LIVE_MS,
        )
    assert proxy.cuts == 1
    assert proxy.streams_opened > opened  # it reconnected (with Last-Event-ID)
    assert all(count == 1 for count in applied.values()), applied
    qtbot.waitUntil(lambda: table_matches_server(window.customers.model, other), timeout=LIVE_MS)
    wait_live(qtbot, window)


def test_the_list_follows_on_after_the_server_restarts(
    qtbot: QtBot, harness: AppHarness, database: str
) -> None:
    server = ServerProcess(database).start()
    back: ServerProcess | None = None
    try:
        window = harness.sign_in(qtbot, server.root)
        wait_live(qtbot, window)
        applied = _applied(window)
        ids = _ids(window, 2)
        edit(colleague(server.url), ids[0], contact_name="Before The Restart")
        model = window.customers.model
        qtbot.waitUntil(
            lambda: shows(model, ids[0], contact_name="Before The Restart"), timeout=LIVE_MS
        )
        server.stop()
        status = live_status(window)
        qtbot.waitUntil(lambda: status.text() != "Live", timeout=LIVE_MS)
        assert "may be out of date" in status.toolTip()
        back = ServerProcess(database, port=server.bound_port).start()
        other = colleague(back.url)
        edit(other, ids[1], contact_name="After The Restart")
        qtbot.waitUntil(
            lambda: shows(model, ids[1], contact_name="After The Restart"), timeout=LIVE_MS
        )
        wait_live(qtbot, window)
        assert all(count == 1 for count in applied.values()), applied
        qtbot.waitUntil(lambda: table_matches_server(model, other), timeout=LIVE_MS)
    finally:
        server.stop()
        if back is not None:
            back.stop()


def test_a_cursor_the_server_no_longer_keeps_loads_a_fresh_snapshot_keeping_the_view(
    qtbot: QtBot, harness: AppHarness, proxied: tuple[ServerProcess, StreamProxy]
) -> None:
    server, proxy = proxied
    window = harness.sign_in(qtbot, proxy.root)
    wait_live(qtbot, window)
    page = window.customers
    ids = _ids(window, 100)
    page.select_id(ids[90])
    scroll = page.table.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    at = scroll.value()
    assert at > 0
    cursor = window.live.feed.cursor
    loads: list[object] = []
    page.loaded.connect(lambda: loads.append(True))

    proxy.refuse_streams = True  # away: the stream cannot come back for now
    proxy.drop_streams()
    other = colleague(server.url)
    edit(other, ids[3], contact_name="While Away")
    # The change ages out of the server's log, and the app's cursor with it.
    raw = ApiClient(server.url).login()
    qtbot.waitUntil(
        lambda: raw.get("/changes", params={"since": cursor, "wait": 0}).status_code == 410,
        timeout=LIVE_MS,
    )
    proxy.refuse_streams = False
    qtbot.waitUntil(lambda: bool(loads), timeout=LIVE_MS)  # a fresh snapshot
    qtbot.waitUntil(lambda: shows(page.model, ids[3], contact_name="While Away"), timeout=LIVE_MS)
    qtbot.waitUntil(page.proxy.is_settled, timeout=LIVE_MS)
    assert page.selected_id() == ids[90]
    assert scroll.value() == at
    wait_live(qtbot, window)
    assert window.live.feed.cursor != cursor
    assert table_matches_server(page.model, other)
