"""The Partner API client: typed records, one error hierarchy, no Qt (see docs/api.md).

The names below are imported on first use (PEP 562): a module that needs only the errors, as
the task runner does, does not pay for requests and pydantic, which the app loads after its
main window has painted.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "PartnerApi": "desktop.api.client",
    "new_idempotency_key": "desktop.api.client",
    "ApiError": "desktop.api.errors",
    "BadResponseError": "desktop.api.errors",
    "ConflictError": "desktop.api.errors",
    "CursorExpiredError": "desktop.api.errors",
    "InsecureUrlError": "desktop.api.errors",
    "ForbiddenError": "desktop.api.errors",
    "InvalidCodeError": "desktop.api.errors",
    "InvalidCredentialsError": "desktop.api.errors",
    "MfaRequiredError": "desktop.api.errors",
    "MfaSetupRequiredError": "desktop.api.errors",
    "InvalidUrlError": "desktop.api.errors",
    "NetworkError": "desktop.api.errors",
    "NotFoundError": "desktop.api.errors",
    "ServerError": "desktop.api.errors",
    "SessionExpiredError": "desktop.api.errors",
    "TooManyAttemptsError": "desktop.api.errors",
    "ValidationError": "desktop.api.errors",
    "Address": "desktop.api.records",
    "Customer": "desktop.api.records",
    "CustomerCounts": "desktop.api.records",
    "CustomerPage": "desktop.api.records",
    "CustomerStatus": "desktop.api.records",
    "Event": "desktop.api.records",
    "Health": "desktop.api.records",
    "LoginLink": "desktop.api.records",
    "Logo": "desktop.api.records",
    "LogoInfo": "desktop.api.records",
    "Me": "desktop.api.records",
    "MonthlyBillable": "desktop.api.records",
    "Operation": "desktop.api.records",
    "OperationError": "desktop.api.records",
    "OperationKind": "desktop.api.records",
    "Partner": "desktop.api.records",
    "SearchField": "desktop.api.records",
    "Service": "desktop.api.records",
    "SignIn": "desktop.api.records",
    "Summary": "desktop.api.records",
    "Change": "desktop.api.live",
    "ChangeList": "desktop.api.live",
    "SnapshotBatch": "desktop.api.live",
    "ActivityFilter": "desktop.api.team_records",
    "ActivityItem": "desktop.api.team_records",
    "ActivityPage": "desktop.api.team_records",
    "MfaSetup": "desktop.api.team_records",
    "RecoveryCodes": "desktop.api.team_records",
    "Role": "desktop.api.team_records",
    "StaffList": "desktop.api.team_records",
    "StaffUser": "desktop.api.team_records",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'desktop.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
