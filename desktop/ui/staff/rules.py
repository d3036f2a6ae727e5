"""The Add Staff dialog's field rules, as typed: the server's (server/schemas.py,
server/passwords.py) where the app can know them; the server stays the judge of the rest (a
common password) and says so at the field.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.ui.customer.field_rules import control_character_problem, email_problem

MIN_PASSWORD = 12
MAX_LENGTH = {"username": 100, "display_name": 200, "email": 254, "password": 1000}
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")


def username_problem(value: str) -> str | None:
    if not value:
        return QCoreApplication.translate("StaffRules", "Required: the name they sign in with.")
    if not _USERNAME.match(value):
        return QCoreApplication.translate(
            "StaffRules",
            "Use letters, digits and . _ @ - only, starting with a letter or digit (no spaces).",
        )
    return None


def display_name_problem(value: str) -> str | None:
    if not value.strip():
        return QCoreApplication.translate("StaffRules", "Required: the name colleagues see.")
    return control_character_problem(value)


def staff_email_problem(value: str) -> str | None:
    return control_character_problem(value) or email_problem(value)


def password_problem(value: str) -> str | None:
    if len(value) < MIN_PASSWORD:
        return QCoreApplication.translate(
            "StaffRules", "At least {least} characters ({count} so far)."
        ).format(least=MIN_PASSWORD, count=len(value))
    return None


def repeat_problem(password: str, repeat: str) -> str | None:
    if repeat != password:
        return QCoreApplication.translate("StaffRules", "The two passwords do not match.")
    return None
