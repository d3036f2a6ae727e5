"""Who may do what: the roles and permission matrix of API.md, checked in one place.

Every route under /api/v1 but the public ones takes its user from `need(...)`:

    user: Annotated[Principal, Depends(need("customers.cancel"))]

which, in this order, (1) signs the caller in (401), (2) finds each object the path names
among the caller's partner's own (404 for another partner's, exactly as for a made-up id, so a
role that may not act learns nothing either), (3) checks the permission (403 `forbidden` with
`details.required`). A route never compares roles itself; `check_routes` refuses to start a
server with a route that has no `need` or a path parameter this module does not know.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

import fastapi.routing
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import select

from server.db import Database
from server.deps import DB, CurrentUser, Principal
from server.errors import ApiError, not_found
from server.models import Customer, Operation, User

Role = Literal["owner", "admin", "agent", "viewer"]
ROLES: tuple[Role, ...] = ("owner", "admin", "agent", "viewer")

# permission -> (the roles that have it, what it lets one do, for the 403's words)
MATRIX: dict[str, tuple[tuple[Role, ...], str]] = {
    "customers.read": (ROLES, "see customers"),
    "customers.edit": (("owner", "admin", "agent"), "add or edit customers"),
    "customers.suspend": (("owner", "admin", "agent"), "suspend or re-enable a customer"),
    "customers.login_link": (
        ("owner", "admin", "agent"),
        "log into a customer's control panel",
    ),
    "services.remove": (("owner", "admin"), "remove a customer's services"),
    "customers.cancel": (("owner", "admin"), "cancel a customer"),
    "branding.edit": (("owner", "admin"), "change the logo"),
    "activity.read": (("owner", "admin"), "see the activity log"),
    "staff.manage": (("owner", "admin"), "manage staff"),
}
# Whom staff.manage reaches: an admin manages agents and viewers only (API.md).
MANAGES: dict[str, tuple[str, ...]] = {"owner": ROLES, "admin": ("agent", "viewer")}


def permissions_of(role: str) -> list[str]:
    """The permissions of a role, in the matrix's order; none for a role it does not know."""
    return [name for name, (roles, _) in MATRIX.items() if role in roles]


def _who(roles: tuple[str, ...]) -> str:
    named = [f"an {r}" if r[0] in "aeiou" else f"a {r}" for r in roles[:1]] + list(roles[1:])
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def forbidden(permission: str, doing: str | None = None) -> ApiError:
    roles, default = MATRIX[permission]
    return ApiError(
        403,
        "forbidden",
        f"Only {_who(roles)} can {doing or default}.",
        {"required": permission},
    )


def beyond_reach(doing: str) -> ApiError:
    """The 403 for a staff change that the caller's staff.manage does not reach."""
    return ApiError(
        403,
        "forbidden",
        f"Only an owner can {doing}.",
        {"required": "staff.manage", "required_role": "owner"},
    )


def check_reach(actor: Principal, target_role: str, new_role: str | None = None) -> None:
    """Refuse an admin's change to an owner or admin, or giving a role above agent."""
    reach = MANAGES.get(actor.role, ())
    if target_role not in reach:
        raise beyond_reach(f"change an {target_role}'s account")
    if new_role is not None and new_role not in reach:
        raise beyond_reach(f"make someone an {new_role}")


# Path parameters and where each must be found, by the route's path under /api/v1: the object
# must belong to the caller's partner. A service id is looked up by its route under the
# customer, which is checked here first.
_OWNED: dict[str, tuple[str, Any, str]] = {
    "/customers/{id}": ("id", Customer, "customer"),
    # One name for GET and DELETE (API.md writes {id} for the latter): OpenAPI allows no two
    # paths that differ only in a parameter's name.
    "/operations/{op_id}": ("op_id", Operation, "operation"),
    "/staff/{id}": ("id", User, "staff user"),
}
_NESTED = {"service_id"}
API_PREFIX = "/api/v1"


def _owned_lookups(path: str) -> list[tuple[str, Any, str]]:
    return [found for prefix, found in _OWNED.items() if path.startswith(prefix)]


def _check_tenancy(request: Request, user: Principal, db: Database) -> None:
    path = getattr(request.scope.get("route"), "path", "")
    lookups = _owned_lookups(path.removeprefix(API_PREFIX))
    if not lookups:
        return
    with db.session() as s:
        for param, table, what in lookups:
            found = s.execute(
                select(table.id).where(
                    table.id == request.path_params[param], table.partner_id == user.partner_id
                )
            ).first()
            if found is None:
                raise not_found(what)


@dataclass(frozen=True)
class _Need:
    """The dependency `need` makes; it carries its permission, for check_routes and OpenAPI."""

    permission: str | None
    doing: str | None
    owner_only: bool
    before_mfa_setup: bool = False

    def __call__(self, request: Request, user: CurrentUser, db: DB) -> Principal:
        if user.mfa_setup_required and not self.before_mfa_setup:
            raise mfa_setup_required()
        _check_tenancy(request, user, db)
        if self.owner_only:
            # Partner-wide settings: staff.manage that reaches owners, which only an owner's does.
            if "owner" not in MANAGES.get(user.role, ()):
                raise beyond_reach(self.doing or "do this")
        elif self.permission is not None and user.role not in MATRIX[self.permission][0]:
            raise forbidden(self.permission, self.doing)
        return user


def mfa_setup_required() -> ApiError:
    return ApiError(
        403,
        "mfa_setup_required",
        "Your team requires two-factor sign-in. Set it up first: nothing else is open until then.",
    )


@cache
def need(
    permission: str | None,
    doing: str | None = None,
    *,
    owner_only: bool = False,
    before_mfa_setup: bool = False,
) -> _Need:
    """The dependency of a route that needs `permission` (None: any signed-in user).

    `doing` words the 403 for this route ("restore a customer"); `owner_only` also asks that
    the caller's staff.manage reach owners (an owner's, for partner-wide settings). Every route
    is refused (403 mfa_setup_required) to a user whose partner requires two-factor until they
    have it, but those with `before_mfa_setup`: /me, /me/mfa/* and /auth/logout (API.md).
    """
    if permission is not None and permission not in MATRIX:
        raise ValueError(f"no such permission: {permission}")
    return _Need(permission, doing, owner_only, before_mfa_setup)


SignedIn = Annotated[Principal, Depends(need(None))]
# Also for a user who still has to set up the two-factor sign-in their partner requires.
SignedInBeforeMfa = Annotated[Principal, Depends(need(None, before_mfa_setup=True))]


def route_need(route: APIRoute) -> _Need | None:
    """The `need` a route depends on, if any."""
    found = [d.call for d in route.dependant.dependencies if isinstance(d.call, _Need)]
    return found[0] if len(found) == 1 else None


def api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(path as served, route) of every API route of the app.

    FastAPI before 0.16x copies an included router's routes into the app with their prefix;
    later ones keep the router and resolve its routes on demand (`iter_route_contexts`).
    """
    iterate = getattr(fastapi.routing, "iter_route_contexts", None)
    if iterate is None:
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield route.path, route
        return
    for context in iterate(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield str(context.path), context.original_route


def check_routes(app: FastAPI, public: set[tuple[str, str]]) -> None:
    """Fail at start, not in production, for a route that forgot its permission or whose path
    parameters would not be checked for tenancy."""
    count = 0
    for served, route in api_routes(app):
        if not served.startswith(API_PREFIX):
            continue
        path = served.removeprefix(API_PREFIX)
        count += 1
        if any((method, path) in public for method in route.methods or ()):
            continue
        if route_need(route) is None:
            raise RuntimeError(f"{served} has no need(...) dependency (server/permissions.py)")
        checked = {param for param, _, _ in _owned_lookups(path)} | _NESTED
        unknown = set(route.param_convertors) - checked
        if unknown:
            raise RuntimeError(f"{served}: no tenancy check for {sorted(unknown)}")
    if count == 0:
        raise RuntimeError("no API routes found to check (server/permissions.py)")
