"""Who is signed in where: handed to the main window after a successful sign-in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Me

ApiFactory = Callable[[str], "PartnerApi"]


@dataclass(frozen=True)
class SignedIn:
    api: PartnerApi
    server_url: str
    username: str
    partner_name: str
    # Where the password is kept, said in words for the status bar ("in memory only", ...).
    secret_kept: str
    # Who the user is and what their role may do (GET /me); None only where no /me was read.
    me: Me | None = None


def sign_in(factory: ApiFactory, server_url: str, username: str, password: str) -> SignedIn:
    """Runs in a worker: build the client for that server and sign in."""
    api = factory(server_url)
    answer = api.login(username, password)
    return SignedIn(api, server_url, username, answer.partner.name, "", api.me())
