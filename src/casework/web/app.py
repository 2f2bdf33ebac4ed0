"""`casework serve`: the case browser and its JSON API, read-only unless started with a token.

Pages and API read the same functions (case_files.py, store/), so they show the same
data. Report text is untrusted: Jinja2 escapes every value, links to report URLs
are kept only for http(s), and a Content-Security-Policy allows no script at all.

create_app builds the app only: the middleware, the one error handler, and the routers
(routes_cases.py, routes_reports.py, routes_judgements.py, review_pages.py, routes_feeds.py),
which reach the store through the `Site` kept on app.state (site.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework import __version__
from casework.errors import Ambiguous, CaseworkError
from casework.review.users import user_of_token
from casework.store.database import Store
from casework.web import review_pages, routes_cases, routes_feeds, routes_judgements, routes_reports
from casework.web.guard import RequestGuard
from casework.web.session import VIEWER, Viewer, form_token, session_token
from casework.web.site import Site
from casework.web.templating import templates

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(
    store: Store, token: str | None = None, *, allowed_hosts: Collection[str] | None = None
) -> FastAPI:
    """The web app over STORE; merge and split are allowed only to requests carrying TOKEN.

    With `allowed_hosts`, a request whose Host header names another host is refused (`casework serve`
    passes the loopback names and its --host; see web/guard.py)."""
    app = FastAPI(
        title="casework",
        version=__version__,
        description="Case files about detained people, every fact linked to the sentence that states it.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted API explorers load scripts from elsewhere; the schema is enough
        redoc_url=None,
    )
    site = Site(store, token, templates())
    app.state.site = site
    app.mount("/static", StaticFiles(directory=Path(str(files("casework.web") / "static"))), name="static")
    _add_middleware(app, site, allowed_hosts)
    _add_error_handlers(app, site)
    # in this order, the order the routes had when they were all written here
    app.include_router(routes_cases.pages)
    app.include_router(routes_reports.pages)
    app.include_router(routes_judgements.forms)
    app.include_router(review_pages.router)
    app.include_router(routes_feeds.router)
    app.include_router(routes_cases.api)
    app.include_router(routes_reports.api)
    app.include_router(routes_judgements.api)
    return app


def _add_middleware(app: FastAPI, site: Site, allowed_hosts: Collection[str] | None) -> None:
    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def user_of(given: str) -> Any:
        with site.store.read() as conn:
            return user_of_token(conn, given)

    @app.middleware("http")
    async def viewer(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # who is signed in (the session cookie), for every page this request renders
        given = session_token(request)
        user = await run_in_threadpool(user_of, given) if given else None
        VIEWER.set(Viewer(user.name, user.role, form_token(given)) if user and given else None)
        return await call_next(request)

    app.add_middleware(
        RequestGuard,
        token=site.token,
        headers=SECURITY_HEADERS,
        allowed_hosts=allowed_hosts,
        reviewers=site.reviewing,
        user_token=lambda given: user_of(given) is not None,
    )


def _add_error_handlers(app: FastAPI, site: Site) -> None:
    @app.exception_handler(CaseworkError)
    async def casework_error(request: Request, exc: CaseworkError) -> Response:
        # the status comes with the error's class (errors.py): an unknown case is 404, a bad request 422
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=exc.http_status)
        choices = exc.choices if isinstance(exc, Ambiguous) and request.url.path.startswith("/cases/") else []
        return site.page("error.html", {"message": str(exc), "choices": choices}, status=exc.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        return site.page("error.html", {"message": str(exc.detail)}, status=exc.status_code)
