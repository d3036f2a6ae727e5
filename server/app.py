"""The FastAPI application: routes under /api/v1, errors in one shape, the operation worker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from server import __version__, errors
from server.config import Settings
from server.db import Database
from server.migrate import upgrade
from server.routes import auth, branding, customer_services, customers, operations, summary
from server.worker import OperationWorker

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or Settings()
    db = Database(settings.database_url)
    if migrate:
        upgrade(db.engine)
    worker = OperationWorker(db, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker.start()
        try:
            yield
        finally:
            worker.stop()
            db.dispose()

    app = FastAPI(
        title="Partner API",
        version=__version__,
        description="The Partner API of shared/API.md, served by Partner Desk's reference server.",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.worker = worker
    errors.install(app)
    for module in (auth, customers, customer_services, operations, summary, branding):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(customer_services.panel_router)
    return app
