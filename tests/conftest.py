"""Shared test set-up: headless Qt, and the database backends the server suite runs on."""

from __future__ import annotations

import os

# Before any Qt import: every test runs headless, on CI and on a desktop alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
