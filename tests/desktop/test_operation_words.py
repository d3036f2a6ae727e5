"""One table of words per kind of operation (desktop/operations/words.py), read by every window."""

from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtWidgets import QApplication

from desktop.api.records import OPERATION_KINDS
from desktop.operations.words import (
    WORDED_KINDS,
    KindWords,
    bulk_running_title,
    operation_words,
    progress_words,
)
from desktop.ui.bulk.plan import BULK_KINDS

BULK_ONLY = {"bulk_done_at", "bulk_one", "bulk_so_far", "bulk_done"}


def test_every_kind_of_the_api_has_its_own_words() -> None:
    assert WORDED_KINDS == OPERATION_KINDS


@pytest.mark.parametrize("kind", OPERATION_KINDS)
def test_each_kind_has_every_phrase_a_window_shows(qapp: QApplication, kind: str) -> None:
    words = operation_words(kind)  # type: ignore[arg-type]
    wanted = {f.name for f in fields(KindWords)} - (set() if kind in BULK_KINDS else BULK_ONLY)
    assert {name for name in wanted if not getattr(words, name)} == set()
    assert words != operation_words(None)


def test_a_kind_without_words_of_its_own_gets_the_general_ones(qapp: QApplication) -> None:
    general = operation_words(None)
    assert general.doing == "Working…"
    assert operation_words("scheduled") == general  # type: ignore[arg-type]
    assert general.working_on.format(name="Acme") == "Working on Acme"


def test_the_words_are_those_the_windows_showed(qapp: QApplication) -> None:
    suspend = operation_words("suspend")
    assert suspend.doing == "Suspending…"
    assert suspend.done_at.format(name="Acme", time="14:02") == "Acme suspended at 14:02."
    assert operation_words("unsuspend").failed.format(name="Acme", reason="x") == (
        "Could not re-enable Acme: x"
    )
    assert bulk_running_title("suspend", 1) == "Suspending 1 customer…"
    assert bulk_running_title("unsuspend", 3) == "Re-enabling 3 customers…"
    assert progress_words("cancel", "starting", None) == "Asking the server to cancel…"
    assert progress_words("cancel", "confirming", None) == (
        "Reading the result back from the server…"
    )
