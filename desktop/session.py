"""Who is signed in where: handed to the main window after a successful sign-in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi
    from desktop.api.records import Me, SignIn

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
    # The partner requires two-factor and this user has none yet: set-up comes first.
    mfa_setup_required: bool = False


def sign_in(factory: ApiFactory, server_url: str, username: str, password: str) -> SignedIn:
    """Runs in a worker: build the client for that server and sign in.

    For an account with two-factor it raises MfaRequiredError (its token, never logged, is
    for `sign_in_with_code`); the client made here is closed, the code step makes its own.
    """
    api = factory(server_url)
    try:
        answer = api.login(username, password)
    except BaseException:
        api.close()
        raise
    return _signed_in(api, server_url, username, answer)


def sign_in_with_code(
    factory: ApiFactory, server_url: str, username: str, mfa_token: str, code: str
) -> SignedIn:
    """Runs in a worker: the second step, a TOTP or recovery code for the token."""
    api = factory(server_url)
    try:
        answer = api.login_mfa(mfa_token, code)
    except BaseException:
        api.close()
        raise
    return _signed_in(api, server_url, username, answer)


def _signed_in(api: PartnerApi, server_url: str, username: str, answer: SignIn) -> SignedIn:
    return SignedIn(
        api,
        server_url,
        username,
        answer.partner.name,
        "",
        api.me(),
        mfa_setup_required=answer.mfa_setup_required,
    )
