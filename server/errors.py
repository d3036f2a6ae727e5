"""The one error shape of API.md, and the handlers that make every failure take it."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("partner_api")

REQUEST_ID_HEADER = "X-Request-ID"


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}


def not_found(what: str = "customer") -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


def field_errors(fields: dict[str, str]) -> ApiError:
    return ApiError(422, "validation_failed", "Some fields are not valid.", {"fields": fields})


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "header", "path")]
    return ".".join(parts) or "body"


def _message(err: dict[str, Any]) -> str:
    msg = str(err.get("msg", "not valid"))
    if err.get("type") == "extra_forbidden":
        return "is not a writable field"
    if err.get("type") == "missing":
        return "is required"
    return msg.removeprefix("Value error, ")


def request_id(request: Request) -> str:
    rid = getattr(request.state, "request_id", None)
    if rid is None:
        rid = uuid.uuid4().hex
        request.state.request_id = rid
    return rid


class RejectNul:
    """Answers a URL holding a NUL character before any route sees it.

    PostgreSQL cannot take a NUL in a text parameter (the driver raises, and the client would get
    a 500), and nothing the API stores can hold one: a path with one names nothing (404), a query
    parameter with one is not valid (422). SQLite answers the same, so both backends agree.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            response = _nul_response(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _nul_response(scope: Scope) -> JSONResponse | None:
    if "\x00" in scope["path"]:
        return JSONResponse(error_body("not_found", "No such resource."), 404)
    query = scope.get("query_string", b"").decode("latin-1")
    fields = {
        name: "must not contain NUL characters"
        for name, value in parse_qsl(query, keep_blank_values=True, errors="replace")
        if "\x00" in name or "\x00" in value
    }
    if fields:
        return JSONResponse(
            error_body("validation_failed", "Some fields are not valid.", {"fields": fields}), 422
        )
    return None


_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> list[str]:
    """Every method the OpenAPI document lists at this path.

    Each route serves one method, so the 405 of the first route whose path matched names only its
    own method; `Allow` must list all of them. Read from the document, as a client knows the
    API: a path of its own (/customers/snapshot) is that path's, not also /customers/{id}'s,
    whose template its text happens to fit.
    """
    path = request.url.path
    static: set[str] = set()
    templated: set[str] = set()
    for pattern, is_static, methods in _document_paths(request.app):
        if pattern.fullmatch(path):
            (static if is_static else templated).update(methods)
    return [method for method in _METHODS if method in (static or templated)]


_PATHS_OF: dict[int, list[tuple[re.Pattern[str], bool, set[str]]]] = {}


def _document_paths(app: Any) -> list[tuple[re.Pattern[str], bool, set[str]]]:
    # Built once per app: the document does not change while the server runs.
    found = _PATHS_OF.get(id(app))
    if found is None:
        found = []
        for template, item in app.openapi().get("paths", {}).items():
            methods = {method.upper() for method in item} & set(_METHODS)
            pattern = re.compile(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)))
            found.append((pattern, "{" not in template, methods))
        _PATHS_OF[id(app)] = found
    return found


class RequestId:
    """Every answer carries X-Request-ID, and an exception a route did not handle is answered
    500 here, before the answer has begun.

    Answered here rather than by the exception handler below: Starlette re-raises after that one
    answers, and uvicorn then drops the keep-alive connection, so the client's next request on
    it fails with a connection reset. Plain ASGI, not Starlette's BaseHTTPMiddleware, which
    passes every chunk of a streamed body through a memory stream and a task of its own: a
    quarter of the server's time with 500 change streams open (GET /changes).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        rid = request_id(request)
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if started:
                raise  # too late for an answer of our own
            await _internal_error(request)(scope, receive, send)


def install(app: FastAPI) -> None:
    # Added first, so it runs inside the request-id middleware and its answers carry the id too.
    app.add_middleware(RejectNul)
    app.add_middleware(RequestId)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.details), exc.status, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields: dict[str, str] = {}
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                # The location is a character offset, not a field: name the body instead.
                at = err.get("loc", ("body", 0))[-1]
                fields.setdefault("body", f"is not valid JSON (near character {at})")
                continue
            fields.setdefault(_field_name(tuple(err.get("loc", ()))), _message(err))
        return JSONResponse(
            error_body("validation_failed", "Some fields are not valid.", {"fields": fields}), 422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return JSONResponse(error_body(code, detail), exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Only what fails outside the middleware above (in a middleware itself) gets here.
        return _internal_error(request)


def _internal_error(request: Request) -> JSONResponse:
    """The 500 for the exception being handled: logged with its traceback, answered with only
    the request id that finds it in the log."""
    rid = request_id(request)
    log.exception("unhandled error in %s %s [request %s]", request.method, request.url.path, rid)
    return JSONResponse(
        error_body(
            "internal_error",
            f"The server failed to handle the request (request id {rid}).",
            {"request_id": rid},
        ),
        500,
        headers={REQUEST_ID_HEADER: rid},
    )
