"""Hostile answers met by the whole app, driven like a person: sign in, the customer list, the
sidebar logo, unfinished operations, then one customer's dialog (details, services, history,
the control-panel link) and a suspension followed to its end.

Hypothesis picks one route the app calls and up to two damaged answers to its first requests;
everything else is answered properly. Whatever comes back, the app must keep its GUI thread
running (a heartbeat paces every trickle), show no traceback, deliver only ApiErrors from its
tasks, raise nothing inside Qt, and never show a value from an answer its records refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.api import ApiError, PartnerApi
from desktop.api.records import (
    Customer,
    CustomerPage,
    EventList,
    LoginLink,
    Operation,
    OperationList,
    Record,
    ServiceList,
    SignIn,
    Summary,
    parse,
)
from desktop.ui.customer.dialog import CustomerDialog
from tests.desktop.operation_gui import choose_reason, find, when_shown
from tests.reliability.hostile_gui import (
    TRACEBACK_MARKS,
    Dismisser,
    FailureWatch,
    Heartbeat,
    markup_shown,
    shown_texts,
)
from tests.reliability.hostile_replies import CANARY, MARKUP, hostile_reply, scripted, valid_reply
from tests.reliability.hostile_server import HostileServer, Reply, Request
from tests.reliability.hostile_tally import Tally
from tests.support.figures import scale
from tests.support.gui import AppHarness, MemoryKeyring

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.qt_log_ignore(r"^This plugin does not support "),
]

READ_TIMEOUT = 1.0
SETTLE_MS = 60_000
ENDLESS = 33 * 1024 * 1024  # past the app's own 32 MiB cap

# The routes the scenario calls, and the record each 2xx answer must make.
ROUTES: dict[tuple[str, str], type[Record] | None] = {
    ("POST", "/auth/login"): SignIn,
    ("GET", "/customers"): CustomerPage,
    ("GET", "/branding/logo"): None,
    ("GET", "/operations"): OperationList,
    ("GET", "/customers/c_1"): Customer,
    ("GET", "/customers/c_1/services"): ServiceList,
    ("GET", "/customers/c_1/events"): EventList,
    ("POST", "/customers/c_1/login-link"): LoginLink,
    ("POST", "/customers/c_1/suspend"): Operation,
    ("GET", "/operations/op_1"): Operation,
    ("GET", "/summary"): Summary,
}

TALLY = Tally("gui")


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    yield
    TALLY.report()


class UrlCatcher(QObject):
    """Stands in for the web browser: the control-panel links the app asks to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open_url")
    yield catcher
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def _quick(url: str) -> PartnerApi:
    api = PartnerApi(url, timeout=(1.0, READ_TIMEOUT))
    api.operation_retry_delays = (0.01, 0.01)
    return api


@st.composite
def _cases(draw: st.DrawFn) -> tuple[tuple[str, str], list[Reply]]:
    route = draw(st.sampled_from(sorted(ROUTES)))
    valid = valid_reply(Request(*route, "", {}, b""))
    strategy = hostile_reply(valid, stall_seconds=READ_TIMEOUT * 2, endless_bytes=ENDLESS)
    return route, draw(st.lists(strategy, min_size=1, max_size=2))


def _refused(route: tuple[str, str], reply: Reply) -> bool:
    """True when a 2xx answer carries a document the app's records must refuse."""
    record = ROUTES[route]
    if record is None or not 200 <= reply.status < 300 or reply.delivery != "whole":
        return False
    try:
        parse(record, reply.body, "check")
    except ApiError:
        return True
    return False


def _settled(harness: AppHarness) -> bool:
    login = harness.controller.login
    busy_login = login is not None and not login.findChild(QPushButton, "signInButton").isEnabled()
    window = harness.controller.window
    loading = window is not None and window.customers._loading
    return harness.runner.active_count == 0 and not loading and not busy_login


def _wait(qtbot: QtBot, harness: AppHarness) -> None:
    qtbot.waitUntil(lambda: _settled(harness), timeout=SETTLE_MS)


def _scenario(qtbot: QtBot, harness: AppHarness, impostor: HostileServer) -> None:
    harness.start()
    harness.fill_login(impostor.root, "demo", "pw")
    qtbot.mouseClick(
        harness.login.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: harness.controller.window is not None or harness.login.error.isVisible(),
        timeout=SETTLE_MS,
    )
    _wait(qtbot, harness)
    window = harness.controller.window
    if window is None:
        return
    row = window.customers.model.row_of("c_1")
    if row is None:
        return
    window.edit_customer(window.customers.model.customer_at(row))
    dialog = window._dialogs[-1]
    assert isinstance(dialog, CustomerDialog)
    qtbot.waitExposed(dialog)
    _wait(qtbot, harness)
    dialog.tabs.setCurrentWidget(dialog.history_tab)  # the history loads when first shown
    _wait(qtbot, harness)
    dialog.tabs.setCurrentIndex(0)
    link = find(dialog, "loginAsCustomerButton")
    if link.isVisible() and link.isEnabled():
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
        _wait(qtbot, harness)
    toggle = dialog.suspend_toggle
    if not toggle.isEnabled() or toggle.isChecked() or not toggle.isVisible():
        return

    def confirm(box: QDialog, _answer: object) -> None:
        choose_reason(box, "suspendReason", "Other", "Hostile answers")
        qtbot.mouseClick(find(box, "confirmSuspendButton"), Qt.MouseButton.LeftButton)

    when_shown("suspendConfirmDialog", confirm)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_operation_locked(), timeout=SETTLE_MS)
    _wait(qtbot, harness)


def test_the_app_meets_hostile_answers_with_messages_not_tracebacks(
    qtbot: QtBot, tmp_path: Path, browser: UrlCatcher
) -> None:
    impostor = HostileServer().start()
    heartbeat = Heartbeat()
    impostor.pace = heartbeat.pace
    numbers = itertools.count()

    @settings(
        max_examples=scale(40, 400),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=_cases())
    def met(case: tuple[tuple[str, str], list[Reply]]) -> None:
        route, replies = case
        TALLY.case(f"{route[0]} {route[1]}", [reply.kind for reply in replies])
        impostor.script = scripted(route, replies, valid_reply)
        folder = tmp_path / f"case{next(numbers)}"
        folder.mkdir()
        harness = AppHarness(folder, MemoryKeyring(), factory=_quick)
        failures = FailureWatch(harness.runner)
        dismisser = Dismisser(("loginDialog", "customerDialog", "suspendConfirmDialog"))
        frozen_before = heartbeat.frozen
        try:
            with qtbot.capture_exceptions() as raised:
                _scenario(qtbot, harness, impostor)
                texts = shown_texts() + dismisser.texts
                markup = markup_shown(MARKUP)
            assert not raised, f"raised inside Qt: {raised[0][1]!r}"
            assert not failures.foreign, f"a task failed with {failures.foreign[0]!r}"
            assert heartbeat.frozen == frozen_before, "the GUI thread stopped during a trickle"
            assert not markup, f"a server's text rendered as markup: {markup[0]!r}"
            marked = [t for t in texts if any(mark in t for mark in TRACEBACK_MARKS)]
            assert not marked, f"shown to the person: {marked[0][:300]!r}"
            if any(_refused(route, reply) for reply in replies):
                leaked = [t for t in texts if CANARY in t]
                assert not leaked, f"a refused answer's value is shown: {leaked[0][:200]!r}"
        finally:
            dismisser.stop()
            harness.close()
            for widget in QApplication.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            QApplication.processEvents()
            # processEvents leaves deleteLater's events queued: without this every case's
            # windows would stay alive to the end of the run (~17 MB a case in the soak).
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    try:
        TALLY.property(met)
    finally:
        heartbeat.stop()
        impostor.stop()
