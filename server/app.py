"""The FastAPI application: routes under /api/v1, errors in one shape, the operation worker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from server import __version__, errors, routes
from server.change_hub import ChangeHub
from server.config import Settings
from server.db import Database
from server.migrate import upgrade
from server.openapi_links import add_links
from server.operations import MAX_KEY_LENGTH
from server.permissions import API_PREFIX, api_routes, check_routes, route_need
from server.routes import (
    activity,
    auth,
    branding,
    changes,
    customer_services,
    customers,
    mfa,
    operations,
    snapshot,
    staff,
    summary,
    test_clock,
)
from server.server_key import load_server_key
from server.worker import OperationWorker

_ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
# The calls anyone may make; every other one needs a signed-in user (server/permissions.py).
PUBLIC = {("GET", "/health"), ("POST", "/auth/login"), ("POST", "/auth/mfa")}
_REQUIRED_HEADERS: dict[str, dict[str, Any]] = {
    "idempotency-key": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "if-match": {"type": "string", "minLength": 1, "maxLength": 100},
}


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or Settings()
    db = Database(settings.database_url)
    if migrate:
        upgrade(db.engine)
    worker = OperationWorker(db, settings)
    hub = ChangeHub(db, settings, wake_worker=worker.wake)
    # At start, not at the first set-up: a key file is made once, before any request races it.
    server_key = load_server_key(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker.start()
        await hub.start()
        try:
            yield
        finally:
            hub.stop()
            worker.stop()
            db.dispose()

    app = FastAPI(
        title="Partner API",
        version=__version__,
        description="The Partner API of docs/api.md, served by Partner Desk's reference server.",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.worker = worker
    app.state.changes = hub
    app.state.server_key = server_key
    errors.install(app)
    modules = (
        auth,
        mfa,
        # Before customers: /customers/snapshot is not a customer's id.
        snapshot,
        customers,
        customer_services,
        operations,
        summary,
        branding,
        staff,
        activity,
        changes,
    )
    for module in modules:
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(customer_services.panel_router)
    if settings.test_clock:
        app.include_router(test_clock.router)
    check_routes(app, PUBLIC)
    _document_as_served(app)
    return app


def _document_as_served(app: FastAPI) -> None:
    """Correct what FastAPI's generated OpenAPI document says where the server answers otherwise.

    - FastAPI adds a 422 with its own `HTTPValidationError` body to every route that takes
      parameters, but errors.install answers validation failures in the error shape of API.md.
    - `Idempotency-Key` and `If-Match` are required (API.md), yet declared optional in the
      routes, because a missing one is answered with API.md's own error (400
      `idempotency_key_required`, 428 `precondition_required`) rather than a generic 422.
    - Links say which answer feeds which next call (server/openapi_links.py).
    - Each call says what it needs (`x-permission`: a permission, or null for any signed-in
      user; `x-owner-only` for the partner's settings) and documents its 403, from the route's
      `need` (server/permissions.py).
    """
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = original()
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                answer = operation.get("responses", {}).get("422")
                if answer is not None:
                    answer["description"] = routes.errors(422)[422]["description"]
                    answer["content"] = {"application/json": {"schema": _ERROR_REF}}
                for parameter in operation.get("parameters", []):
                    required = _REQUIRED_HEADERS.get(parameter["name"].lower())
                    if parameter["in"] == "header" and required is not None:
                        parameter["required"] = True
                        parameter["schema"] = {"title": parameter["name"], **required}
        components = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        add_links(schema, API_PREFIX)
        _document_permissions(app, schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_permissions(app: FastAPI, schema: dict[str, Any]) -> None:
    paths = schema.get("paths", {})
    for served, route in api_routes(app):
        found = route_need(route)
        if found is None or served not in paths:
            continue
        for method in route.methods or ():
            operation = paths[served].get(method.lower())
            if operation is None:
                continue
            operation["x-permission"] = found.permission
            if found.owner_only:
                operation["x-owner-only"] = True
            # Every call but those open before the set-up may be refused for mfa_setup_required.
            if found.permission is not None or found.owner_only or not found.before_mfa_setup:
                operation["responses"]["403"] = {
                    "description": routes.errors(403)[403]["description"],
                    "content": {"application/json": {"schema": _ERROR_REF}},
                }
