"""The team calls of PartnerApi (docs/api.md: staff, own password, two-factor, activity).

A mixin, so that PartnerApi stays one object for the windows while its file stays about
customers; `_call` is PartnerApi's (send, then raise the matching ApiError).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from desktop.api import answers
from desktop.api.records import Partner
from desktop.api.team_records import (
    ActivityFilter,
    ActivityPage,
    MfaSetup,
    RecoveryCodes,
    Role,
    StaffList,
    StaffUser,
)
from desktop.api.transport import Answer


class TeamCalls:
    def _call(self, method: str, path: str, **kwargs: Any) -> Answer:
        raise NotImplementedError  # PartnerApi's

    # -- staff ---------------------------------------------------------------------------------

    def list_staff(self) -> tuple[StaffUser, ...]:
        return answers.record(self._call("GET", "/staff"), StaffList).items

    def create_staff(
        self, *, username: str, display_name: str, email: str, role: Role, password: str
    ) -> StaffUser:
        body = {
            "username": username,
            "display_name": display_name,
            "email": email,
            "role": role,
            "password": password,
        }
        return answers.record(self._call("POST", "/staff", json=body), StaffUser)

    def update_staff(self, staff_id: str, changes: Mapping[str, object]) -> StaffUser:
        """`changes` holds any of role, display_name, email and disabled (True/False)."""
        path = f"/staff/{quote(staff_id, safe='')}"
        return answers.record(self._call("PATCH", path, json=dict(changes)), StaffUser)

    def change_password(self, current_password: str, new_password: str) -> None:
        """Every other session of this user ends; this one goes on."""
        body = {"current_password": current_password, "new_password": new_password}
        self._call("POST", "/me/password", json=body)

    def set_require_mfa(self, required: bool) -> Partner:
        return answers.record(
            self._call("PATCH", "/partner", json={"require_mfa": required}), Partner
        )

    # -- two-factor ----------------------------------------------------------------------------

    def start_mfa_setup(self) -> MfaSetup:
        return answers.record(self._call("POST", "/me/mfa/setup"), MfaSetup)

    def confirm_mfa(self, code: str) -> tuple[str, ...]:
        """The ten recovery codes: shown once, never kept by the app."""
        body = {"code": code.strip()}
        return answers.record(
            self._call("POST", "/me/mfa/confirm", json=body), RecoveryCodes
        ).recovery_codes

    def disable_mfa(self, code: str) -> None:
        self._call("DELETE", "/me/mfa", json={"code": code.strip()})

    # -- activity ------------------------------------------------------------------------------

    def activity(
        self, chosen: ActivityFilter | None = None, *, limit: int = 100, cursor: str | None = None
    ) -> ActivityPage:
        params: dict[str, str | int] = {"limit": limit}
        params.update((chosen or ActivityFilter()).params())
        if cursor:
            params["cursor"] = cursor
        return answers.record(self._call("GET", "/activity", params=params), ActivityPage)
