"""HistoryTableModel and EventWords: newest first, each event in words, details line by line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, QLocale, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester, QSignalSpy

from desktop.api.records import Event
from desktop.models.event_words import EventWords
from desktop.models.history_model import HistoryTableModel

H = HistoryTableModel
DISPLAY = Qt.ItemDataRole.DisplayRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
START = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def event(minute: int, action: str, details: dict[str, Any] | None = None) -> Event:
    return Event(
        at=START + timedelta(minutes=minute), actor="demo", action=action, details=details or {}
    )


def _local(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()


@pytest.fixture
def model(uk_locale: None) -> HistoryTableModel:
    table = HistoryTableModel()
    QAbstractItemModelTester(table, QAbstractItemModelTester.FailureReportingMode.Warning)
    return table


@pytest.fixture
def words(qapp: object) -> EventWords:
    return EventWords()


def test_rows_are_newest_first_with_local_time_who_and_what(model: HistoryTableModel) -> None:
    model.reset(
        [event(1, "created"), event(5, "suspended", {"reason": "Unpaid"}), event(3, "reenabled")]
    )
    assert (model.rowCount(), model.columnCount()) == (3, 4)
    assert [model.index(r, H.WHAT).data() for r in range(3)] == [
        "Suspended",
        "Re-enabled",
        "Created",
    ]
    local = _local(START + timedelta(minutes=5))
    assert model.index(0, H.WHEN).data() == UK.toString(local, QLocale.FormatType.ShortFormat)
    assert model.index(0, H.WHO).data() == "demo"
    assert model.index(0, H.DETAILS).data() == "Reason: Unpaid"


def test_headers_name_each_column(model: HistoryTableModel) -> None:
    labels = [model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(4)]
    assert labels == ["When", "Who", "What", "Details"]


def test_roles_give_the_record_action_and_detail_lines(model: HistoryTableModel) -> None:
    edit = event(
        2,
        "updated",
        {
            "changes": {
                "email": {"old": "a@x.hr", "new": "b@x.hr"},
                "phone": {"old": "1", "new": "2"},
            }
        },
    )
    model.reset([edit])
    index = model.index(0, H.DETAILS)
    assert index.data(H.EventRole) is edit
    assert index.data(H.ActionRole) == "updated"
    assert index.data(H.DetailLinesRole) == ["Email: a@x.hr → b@x.hr", "Phone: 1 → 2"]
    assert index.data(DISPLAY) == "Email: a@x.hr → b@x.hr\nPhone: 1 → 2"
    assert index.data(TOOLTIP) == index.data(DISPLAY)
    assert index.data(ACCESSIBLE) == "Details: Email: a@x.hr → b@x.hr; Phone: 1 → 2"
    assert model.index(0, H.WHO).data(TOOLTIP) is None
    assert model.index(0, H.WHAT).data(ACCESSIBLE) == "What: Details changed"
    assert model.data(QModelIndex()) is None


def test_reload_resets_the_model(model: HistoryTableModel) -> None:
    model.reset([event(1, "created")])
    about, done = QSignalSpy(model.modelAboutToBeReset), QSignalSpy(model.modelReset)
    model.reset([event(2, "restored"), event(3, "canceled")])
    assert (about.count(), done.count()) == (1, 1)
    assert [model.event_at(r).action for r in range(2)] == ["canceled", "restored"]
    model.reset()
    assert model.rowCount() == 0


def test_every_action_of_the_server_has_words(words: EventWords) -> None:
    assert {
        action: words.action(action)
        for action in (
            "created",
            "updated",
            "suspended",
            "reenabled",
            "canceled",
            "restored",
            "service_removed",
            "login_link_issued",
            "suspend_failed",
            "unsuspend_failed",
            "cancel_failed",
            "restore_failed",
        )
    } == {
        "created": "Created",
        "updated": "Details changed",
        "suspended": "Suspended",
        "reenabled": "Re-enabled",
        "canceled": "Canceled",
        "restored": "Restored",
        "service_removed": "Service removed",
        "login_link_issued": "Control panel link issued",
        "suspend_failed": "Suspension failed",
        "unsuspend_failed": "Re-enabling failed",
        "cancel_failed": "Cancellation failed",
        "restore_failed": "Restoring failed",
    }
    assert words.action("plan_changed") == "Plan changed"


def test_details_say_what_happened(words: EventWords) -> None:
    assert words.details(
        "service_removed", {"name": "Web Hosting", "monthly_price": "19.90", "currency": "EUR"}, UK
    ) == ["Web Hosting, 19.90 EUR a month"]
    assert words.details(
        "canceled", {"reason": "Moved away", "services_removed": ["Mail", "DNS"]}, UK
    ) == ["Reason: Moved away", "Services removed: Mail, DNS"]
    assert words.details("restored", {"services_restored": ["Mail"]}, UK) == [
        "Services restored: Mail"
    ]
    assert words.details("suspend_failed", {"error": "Backend refused"}, UK) == [
        "Error: Backend refused"
    ]
    assert words.details("created", {"account_number": "100234", "name": "Acme"}, UK) == [
        "Account 100234"
    ]
    expires = _local(START + timedelta(minutes=1))
    assert words.details("login_link_issued", {"expires_at": "2025-06-01T12:01:00+00:00"}, UK) == [
        "Valid until " + UK.toString(expires, QLocale.FormatType.ShortFormat)
    ]
    assert words.details("reenabled", {"operation_id": "op_1"}, UK) == []


def test_edited_fields_show_old_and_new_values_in_words(words: EventWords) -> None:
    changes = {
        "address.city": {"old": "Split", "new": "Zagreb"},
        "alias_domains": {"old": [], "new": ["a.hr", "b.hr"]},
        "website": {"old": "https://x.hr", "new": ""},
    }
    assert words.details("updated", {"changes": changes}, UK) == [
        "City: Split → Zagreb",
        "Alias domains: (empty) → a.hr, b.hr",
        "Website: https://x.hr → (empty)",
    ]


def test_odd_details_from_a_server_are_left_out_not_crashed_on(words: EventWords) -> None:
    assert words.details("updated", {"changes": "everything"}, UK) == []
    assert words.details("updated", {"changes": {"email": "new"}}, UK) == [
        "Email: (empty) → (empty)"
    ]
    assert words.details("service_removed", {"name": "Mail", "monthly_price": "lots"}, UK) == [
        "Mail"
    ]
    assert words.details("service_removed", {"monthly_price": "NaN"}, UK) == ["A service"]
    assert words.details("login_link_issued", {"expires_at": "soon"}, UK) == []
    assert words.details("suspended", {"reason": {"nested": True}}, UK) == []
